"""User-facing messages of the Qt-free layers, in Simplified Chinese and English.

The core cannot use Qt's translator, so its messages carry a code and parameters; the text
is looked up here in the language the user chose (``zh`` default, ``en`` second).
Parameters never carry personal data into logs: callers log the code, not the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Lang = str  # "zh" | "en"

CATALOG: dict[str, tuple[str, str]] = {
    # generic field checks
    "required": ("{label}为必填项", "{label} is required"),
    "not_a_date": ("{label}不是有效日期，例：20150316",
                   "{label} is not a valid date (e.g. 20150316 or 2015-03-16)"),
    "date_in_future_warn": ("{label}晚于今天，请核对日期",
                            "{label} is after today; please check the date"),
    "date_in_future": ("{label}不能晚于今天", "{label} cannot be in the future"),
    "date_before": ("{label}不能早于{other}", "{label} cannot be before {other}"),
    "date_after": ("{label}不能晚于{other}", "{label} cannot be after {other}"),
    "not_in_codebook": ("{label}的取值“{value}”不在可选范围内",
                        "{label}: \u201c{value}\u201d is not one of the allowed values"),
    "too_long": ("{label}最多{max}个字", "{label} may have at most {max} characters"),
    "not_an_integer": ("{label}必须是整数", "{label} must be a whole number"),
    "out_of_range": ("{label}必须在{min}到{max}之间", "{label} must be between {min} and {max}"),
    "not_a_bool": ("{label}必须是“是”或“否”", "{label} must be yes or no"),
    "bad_phone": ("{label}不是有效的电话号码（11位手机号或带区号的固定电话）",
                  "{label} is not a valid phone number (11-digit mobile or landline with area code)"),
    "bad_unit_code": ("{label}必须是12位区划代码", "{label} must be a 12-digit division code"),
    "unknown_field": ("未知字段“{field}”", "unknown field \u201c{field}\u201d"),
    "not_a_text": ("{label}必须是文字", "{label} must be text"),
    "not_a_list": ("{label}必须是列表", "{label} must be a list"),
    # ID numbers (GB 11643-1999)
    "id_length": ("{label}应为18位（或15位旧号码）", "{label} must have 18 characters (or 15 for old numbers)"),
    "id_chars": ("{label}只能包含数字，最后一位可以是X",
                 "{label} may contain only digits, with X allowed as the last character"),
    "id_region": ("{label}的前6位“{value}”不是行政区划代码（GB/T 2260，含历史代码）",
                  "{label}: the first 6 digits \u201c{value}\u201d are not a region code "
                  "(GB/T 2260, historical codes included)"),
    "id_region_gone": ("{label}的前6位“{value}”（{name}）在{year}年前已撤销，不会出现在此后出生者的号码中",
                       "{label}: the region code \u201c{value}\u201d ({name}) was abolished by {year} "
                       "and cannot appear in the number of someone born later"),
    "id_duplicate": ("{label}{value}已登记给儿童{name}（{village}，出生日期{birth}），同一号码不能重复登记",
                     "{label} {value} is already registered for the child {name} ({village}, born {birth}); "
                     "the same number cannot be registered twice"),
    "name_birth_duplicate": ("已有同名、同出生日期的儿童{name}（{village}），请确认不是重复登记",
                             "A child with the same name and date of birth is already registered: {name} "
                             "({village}); make sure this is not a duplicate"),
    "id_birth": ("{label}中的出生日期{value}不存在或不合理",
                 "{label}: the birth date {value} in it is impossible"),
    "id_checksum": ("{label}校验位错误，请核对号码是否抄错",
                    "{label}: the check digit is wrong; please check for a copying mistake"),
    "id_birth_mismatch": ("{label}中的出生日期与填写的出生日期（{value}）不一致",
                          "{label}: the birth date in it does not match the birth date entered ({value})"),
    "id_sex_mismatch": ("{label}显示性别为{value}，与填写的性别不一致",
                        "{label}: the number says the sex is {value}, which does not match the sex entered"),
    "id_legacy_converted": ("{label}：15位旧号码已转换为18位：{value}，请与证件核对",
                            "{label}: the 15-digit legacy number was converted to 18 digits: {value}; "
                            "check it against the card"),
    # domain checks
    "guardian_under_18": ("委托监护人必须年满18周岁（目前{value}岁）",
                          "The entrusted guardian must be at least 18 (now {value})"),
    "visit_before_birth": ("走访日期不能早于儿童出生日期", "The visit date cannot be before the child's birth"),
    "child_too_old": ("儿童在统计截止日已满16周岁，不属于农村留守儿童登记范围",
                      "The child is 16 or older on the cut-off date and cannot be registered"),
    "lives_alone": ("该儿童未满16周岁且单独居住：已自动标记为“无人监护”重点对象，请立即按强制报告制度向公安机关报告",
                    "This child is under 16 and lives alone: flagged as unattended (priority case); "
                    "make a mandatory report to the police now"),
    "alone_with_guardian": ("“单独居住”却勾选了“监护人在场”，请核对",
                            "\u201cLiving alone\u201d but \u201cguardian present\u201d is ticked; "
                            "please check"),
    "duplicate_open_flag": ("该儿童已有一条未解除的“{value}”重点对象记录，不能重复标记；"
                            "请在原记录上补充情况",
                            "This child already has an open priority flag \u201c{value}\u201d; "
                            "add to that record instead of raising it twice"),
    # passphrases (core/passphrase.py): why a new one is refused
    "pass_too_short": ("密码至少需要{value}个字符：建议用一句好记的话，可以包含汉字",
                       "The passphrase needs at least {value} characters: a sentence you can "
                       "remember is best"),
    "pass_common": ("这是最常见的密码之一，偷到电脑的人第一个就会试；请换一句只有您知道的话",
                    "This is one of the most common passwords, the first one a thief tries; "
                    "choose a sentence only you know"),
    "pass_repeated": ("密码几乎全是同一个字符，很容易被猜到；请换一句好记的话",
                      "The passphrase is nearly one character repeated and easy to guess; "
                      "choose a sentence you can remember"),
    "pass_sequence": ("密码是连续的数字或字母（如12345678），很容易被猜到",
                      "The passphrase is a run of digits or letters (like 12345678) and easy "
                      "to guess"),
    "pass_digits": ("只有数字的密码（如生日、电话号码）几分钟内就能被试出来；请加入汉字或字母，"
                    "或使用一句话",
                    "A passphrase of digits only (a birthday, a phone number) can be found in "
                    "minutes; add words or use a sentence"),
    "pass_known_word": ("密码不能是单位名称或信息员姓名（加数字也不行），这些别人都知道",
                        "The passphrase cannot be the unit's or the officer's name (with or "
                        "without a number): others know them"),
    "end_before_start": ("结束日期不能早于开始日期", "The end date cannot be before the start date"),
    "not_found": ("找不到该记录（可能已被删除）", "Record not found (it may have been deleted)"),
    "stale_version": ("该记录已被修改，请刷新后重试", "The record was changed meanwhile; reload and try again"),
    "bad_json": ("无法读取输入：不是有效的JSON（{value}）", "Cannot read the input: not valid JSON ({value})"),
    "not_an_object": ("输入必须是一个JSON对象", "The input must be one JSON object"),
    "locked_quarter": ("该记录的日期属于已上报并锁定的{value}，新增或修改需要填写更正原因",
                       "This record is dated in {value}, which has been reported and is locked; "
                       "adding or changing it needs an amendment reason"),
    "locked_quarter_child": ("本次记录会修改儿童档案（居住情况），而该档案属于已上报并锁定的{value}，"
                             "需要填写更正原因",
                             "This changes the child's record (living arrangement), which belongs "
                             "to {value}, reported and locked; an amendment reason is needed"),
    "verify_at_home": ("电话或学校了解到的居住情况与档案不同：档案未修改，已列入“待入户核实”，"
                       "请尽快入户走访核实",
                       "A phone or school contact reported a different living arrangement: the "
                       "record is unchanged and a home visit to verify it is on the work list"),
    "parents_unable_report": ("父母一方外出另一方无监护能力或父母均无法监护，属于重点对象，"
                              "请按“边排查、边发现、边报告”向公安机关报告",
                              "One parent away and the other unable, or no parent able to care: "
                              "a priority case to report to the police at once"),
    # the rules that hold for one child (child file: screen and PDF)
    "alert_report": ("属于强制报告情形（{situation}），尚无未结案的强制报告：请向公安机关报告",
                     "A mandatory-report situation ({situation}) with no open report: report it "
                     "to the police"),
    "alert_verify_home": ("待入户核实：{date}{type}了解到居住情况为“{reported}”，档案记载为“{recorded}”",
                          "Verify at home: on {date} a {type} reported \u201c{reported}\u201d; the "
                          "record says \u201c{recorded}\u201d"),
    "alert_out_of_school": ("失学辍学：{age}周岁，{schooling}；劝返复学进度：{state}",
                            "Out of school: aged {age}, {schooling}; return to school: {state}"),
    "alert_assessment": ("强制报告（{reported_at}）尚无评估帮扶记录",
                         "The mandatory report of {reported_at} has no assessment yet"),
    "alert_revocation": ("{relation}{cause}自{since}起已满6个月（{due}）：考虑依法向人民法院申请撤销监护人资格"
                         "（法发〔2014〕24号）",
                         "{relation} {cause} since {since}, 6 months on {due}: consider applying "
                         "to the court to revoke guardianship (法发〔2014〕24号)"),
    "report_ref_unknown": ("关联的强制报告不存在或不属于该儿童",
                           "The linked mandatory report does not exist or is another child's"),
}


@dataclass(frozen=True)
class Bilingual:
    """A parameter with a Chinese and an English form (a field label, say)."""

    zh: str
    en: str

    def __str__(self) -> str:
        return self.zh


@dataclass(frozen=True)
class Message:
    """A translatable message: a catalog code plus parameters."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: Lang = "zh") -> str:
        zh, en = CATALOG.get(self.code, (self.code, self.code))
        template = en if lang == "en" else zh
        params = {k: (v.en if lang == "en" else v.zh) if isinstance(v, Bilingual) else v
                  for k, v in self.params.items()}
        try:
            return template.format(**params)
        except (KeyError, IndexError):
            return template


@dataclass(frozen=True)
class FieldError:
    """A validation failure of one field (``field`` is the form field name)."""

    field: str
    message: Message
    warning: bool = False

    def text(self, lang: Lang = "zh") -> str:
        return self.message.text(lang)


class UserError(Exception):
    """An error to show to the user as one clear sentence (never a traceback).

    ``str(err)`` is the Chinese text; ``err.text("en")`` the English one.
    The message must not contain personal data: it may reach logs.
    """

    def __init__(self, code: str, zh: str | None = None, en: str | None = None, **params: Any):
        self.code = code
        self.params = params
        if zh is not None:
            self._zh, self._en = zh, en or zh
        else:
            msg = Message(code, params)
            self._zh, self._en = msg.text("zh"), msg.text("en")
        super().__init__(self._zh)

    def text(self, lang: Lang = "zh") -> str:
        return self._en if lang == "en" else self._zh


class ValidationFailed(UserError):
    """A record failed validation; ``errors`` names each field and reason."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        zh = "；".join(f"{e.field}: {e.text('zh')}" for e in errors)
        en = "; ".join(f"{e.field}: {e.text('en')}" for e in errors)
        super().__init__("validation_failed", zh, en)
