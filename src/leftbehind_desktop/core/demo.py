"""Realistic synthetic registry data (demo stores, tests, benchmarks).

Deterministic for a seed. Names are plausible Chinese names, ID numbers are valid GB 11643
numbers for the unit's region with matching birth date and sex, families and visits follow
the policy (monthly visits with some gaps, so work lists are not empty).
Nothing here is a real person.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from . import idnumber, rules, units
from .dates import age_on
from .ids import uuid7

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
            "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万")
GIVEN_BOY = "伟强磊军洋勇杰涛明超辉刚健亮浩宇轩然博文俊鹏飞鑫瑞泽晨阳子豪天佑一诺嘉乐志远思源"
GIVEN_GIRL = "芳娜敏静丽艳娟霞燕玲婷雪慧颖琳欣怡梓涵雨萱诗琪佳悦可馨紫嫣若曦思彤语桐梦瑶心怡"
VILLAGE_NAMES = ("大李家村", "前进村", "红星村", "河口村", "山后村", "新华村", "柳树屯村", "东风村",
                 "石门村", "杨树沟村", "王家庄村", "南岗村", "北沟村", "桃园村", "龙泉村", "青山村")
STREET_NAMES = ("大魏家街道", "杏树街道", "向应街道", "大李家街道", "七顶山街道", "三十里堡街道")
WORK_PLACES = (("辽宁省", "大连市"), ("辽宁省", "沈阳市"), ("北京市", "北京市"), ("上海市", "上海市"),
               ("广东省", "深圳市"), ("广东省", "东莞市"), ("江苏省", "苏州市"), ("浙江省", "杭州市"),
               ("山东省", "青岛市"), ("天津市", "天津市"))
OFFICERS = ("刘淑华", "王建国", "张桂兰", "李明", "赵丽")
NOTES = ("孩子在家写作业，精神状态良好。", "祖母身体尚可，能照顾孩子饮食起居。",
         "与在外务工的父亲视频通话，提醒按时接孩子放学。", "家中用电用火安全，已提醒注意防溺水。",
         "孩子近期成绩下降，已联系班主任关注。", "监护人反映孩子沉迷手机，已进行家庭教育指导。",
         "冬季取暖设施检查正常。", "孩子身体健康，按时上学。")


@dataclass
class DemoBatch:
    """All records of a group of children, by kind."""

    records: dict[str, list[dict[str, Any]]]


def _meta(unit: str, at: str, device: str) -> dict[str, Any]:
    return {"id": uuid7(), "unit_code": unit, "created_at": at, "updated_at": at,
            "updated_by": device, "version": 1, "deleted": False, "amendment_reason": None}


def _rural_first(unit_list: list[units.Unit]) -> list[units.Unit]:
    # 村委会 (codes x200 and up) before 社区居委会: left-behind children are mostly rural
    return sorted(unit_list, key=lambda u: (u.code[9:] < "200", u.code))


def demo_streets() -> list[units.Unit]:
    """The real streets the district demo uses (rural streets of 金普新区, by name)."""
    by_name = {u.name: u for u in units.streets()}
    return [by_name[n] for n in STREET_NAMES if n in by_name]


def demo_units(unit_code: str, villages: int = 0) -> list[units.Unit]:
    """The real village units (shipped 金普新区 data) children are spread over, below
    ``unit_code``: the village itself; up to ``villages`` (default 8) villages of a street;
    up to that many villages of each demo street of a district."""
    level = units.level_of(unit_code)
    n = villages or 8
    if level is units.Level.VILLAGE:
        return [units.Unit(unit_code, units.known_name(unit_code) or VILLAGE_NAMES[0])]
    if level is units.Level.STREET:
        return _rural_first(units.below(unit_code))[:n]
    out: list[units.Unit] = []
    for street in demo_streets():
        out += _rural_first(units.below(street.code))[:n]
    return out


def street_units(unit_code: str) -> list[units.Unit]:
    if units.level_of(unit_code) is not units.Level.DISTRICT:
        return []
    return demo_streets()


def _name(rng: random.Random, sex: str) -> str:
    pool = GIVEN_BOY if sex == "男" else GIVEN_GIRL
    given = rng.choice(pool) if rng.random() < 0.3 else rng.choice(pool) + rng.choice(pool)
    return rng.choice(SURNAMES) + given


def _schooling(age: int, rng: random.Random) -> str:
    if age < 3:
        return "未入园"
    if age < 6:
        return "幼儿园" if rng.random() < 0.85 else "未入园"
    if age < 12:
        return "小学" if rng.random() > 0.004 else "辍学"
    if age < 15:
        return "初中" if rng.random() > 0.01 else "辍学"
    r = rng.random()
    return "高中" if r < 0.6 else "中职" if r < 0.9 else "不在学"


def generate(unit_code: str, children: int, seed: int = 1, as_of: date | None = None,
             device_id: str = "demo", batch_size: int = 500, villages: int = 0
             ) -> Iterator[DemoBatch]:
    """Yield batches of complete records for ``children`` children below ``unit_code``."""
    rng = random.Random(seed)
    as_of = as_of or date.today()
    village_units = demo_units(unit_code, villages)
    region = units.region_of(unit_code)
    kinds = ("child", "family_member", "entrustment", "visit", "priority_flag",
             "mandatory_report", "assessment", "pairing")
    batch: dict[str, list[dict[str, Any]]] = {k: [] for k in kinds}
    made = 0
    for n in range(children):
        village = village_units[n % len(village_units)]
        _child(rng, batch, village, region, as_of, device_id, n)
        made += 1
        if made % batch_size == 0:
            yield DemoBatch(batch)
            batch = {k: [] for k in kinds}
    if any(batch.values()):
        yield DemoBatch(batch)


def _child(rng: random.Random, batch: dict[str, list[dict[str, Any]]], village: units.Unit,
           region: str, as_of: date, device: str, n: int) -> None:
    sex = "男" if rng.random() < 0.52 else "女"
    birth = as_of - timedelta(days=rng.randint(120, 16 * 365 - 30))
    age = age_on(birth, as_of)
    registered = max(birth + timedelta(days=30), as_of - timedelta(days=rng.randint(60, 700)))
    reg_at = f"{registered.isoformat()}T08:00:00.000Z"
    meta = _meta(village.code, reg_at, device)
    cid = meta["id"]
    hukou = rng.random() > 0.03
    schooling = _schooling(age, rng)
    parents_away = rng.random()
    father_status, mother_status = "外出务工", "外出务工"
    if parents_away > 0.7:
        mother_status = "在家" if rng.random() < 0.5 else "无监护能力"
    elif parents_away > 0.6:
        father_status = rng.choice(("死亡", "服刑", "失联", "无监护能力"))
    alone = rng.random() < 0.004 and age >= 10
    living = ("单独居住" if alone else "与母亲同住" if mother_status == "在家"
              else "与祖辈同住" if rng.random() < 0.8 else "与其他亲属同住")
    health = "健康" if rng.random() > 0.05 else rng.choice(("残疾", "患病"))
    name = _name(rng, sex)
    child: dict[str, Any] = {
        **meta, "name": name, "sex": sex,
        "ethnicity": "汉族" if rng.random() > 0.08 else rng.choice(("满族", "蒙古族", "回族", "朝鲜族")),
        "birth_date": birth.isoformat(),
        "hukou_registered": hukou,
        "id_number": idnumber.make(region, birth, n % 100, sex) if hukou else None,
        "hukou_place": f"辽宁省大连市金普新区{village.name}" if hukou else None,
        "residence": f"{village.name}{rng.randint(1, 12)}组{rng.randint(1, 80)}号",
        "health": health,
        "disability_category": rng.choice(("肢体残疾", "听力残疾", "智力残疾")) if health == "残疾" else None,
        "disability_grade": rng.choice(("三级", "四级")) if health == "残疾" else None,
        "illness_type": rng.choice(("哮喘", "先天性心脏病", "癫痫")) if health == "患病" else None,
        "schooling": schooling,
        "school_name": (village.name[:2] + {"幼儿园": "幼儿园", "小学": "小学", "初中": "中学",
                                             "高中": "高级中学", "中职": "职业中专"}[schooling]
                        if schooling in ("幼儿园", "小学", "初中", "高中", "中职") else None),
        "boarding": (rng.random() < 0.3) if schooling in ("小学", "初中", "高中", "中职") else None,
        "living_arrangement": living,
        "guardianship_grade": "无人监护" if alone else rng.choice(("一般", "一般", "较好", "较好",
                                                                 "受委托监护人监护能力不足")),
        "income_source": list(rng.choice((("打工收入",), ("打工收入", "种养殖业"), ("种养殖业",),
                                          ("打工收入", "政府救助")))),
        "assistance": rng.sample(["低保", "临时救助", "医疗救助"], k=rng.choice((0, 0, 0, 1, 2))),
        "status": "在册", "exit_reason": None, "exit_date": None,
        "filled_by": rng.choice(OFFICERS), "reviewed_by": rng.choice(OFFICERS), "notes": None,
    }
    batch["child"].append(child)
    surname = name[0]
    for relation, status, psex, years in (("父亲", father_status, "男", 30),
                                          ("母亲", mother_status, "女", 28)):
        pbirth = birth - timedelta(days=365 * years + rng.randint(0, 3000))
        away = status == "外出务工"
        place = rng.choice(WORK_PLACES)
        batch["family_member"].append({
            **_meta(village.code, reg_at, device), "child_id": cid, "relation": relation,
            "name": (surname if relation == "父亲" else rng.choice(SURNAMES)) + _name(rng, psex)[1:],
            "birth_date": pbirth.isoformat(),
            "id_number": idnumber.make(region, pbirth, rng.randint(0, 99), psex),
            "status": status, "work_province": place[0] if away else None,
            "status_since": ((registered - timedelta(days=30 + (n * 37) % 900)).isoformat()
                             if status in ("服刑", "失联") else None),
            "work_city": place[1] if away else None,
            "phone": f"1{rng.choice('3578')}{rng.randint(0, 999_999_999):09d}",
        })
    grandparent_birth = birth - timedelta(days=365 * 58 + rng.randint(0, 4000))
    if living in ("与祖辈同住", "与其他亲属同住") or (rng.random() < 0.85 and
                                                  mother_status != "在家" and not alone):
        batch["entrustment"].append({
            **_meta(village.code, reg_at, device), "child_id": cid,
            "guardian_name": surname + _name(rng, "女")[1:],
            "relation": "祖母" if living == "与祖辈同住" else rng.choice(("其他亲属", "祖父", "外祖母")),
            "guardian_birth_date": grandparent_birth.isoformat(),
            "guardian_id_number": idnumber.make(region, grandparent_birth, rng.randint(0, 99), "女"),
            "guardian_phone": f"1{rng.choice('3578')}{rng.randint(0, 999_999_999):09d}",
            "address": child["residence"], "has_capacity": rng.random() > 0.05,
            "start_date": registered.isoformat(), "end_date": None,
            "agreement_signed": rng.random() < 0.8, "notes": None,
        })
    if living == "与祖辈同住":
        # the grandparents the child lives with (national form: 祖父母 name and birth date);
        # their own random stream, so the rest of the demo stays as it was for a seed
        g = random.Random(n * 104_729 + len(name))
        guardian = batch["entrustment"][-1] if batch["entrustment"] and \
            batch["entrustment"][-1]["child_id"] == cid else None
        grandma_birth = (date.fromisoformat(guardian["guardian_birth_date"]) if guardian
                         else grandparent_birth)
        grandpa_birth = grandma_birth - timedelta(days=g.randint(0, 2500))
        for relation, gname, gbirth, gsex in (
                ("祖母", guardian["guardian_name"] if guardian else surname + _name(g, "女")[1:],
                 grandma_birth, "女"),
                ("祖父", surname + _name(g, "男")[1:], grandpa_birth, "男")):
            batch["family_member"].append({
                **_meta(village.code, reg_at, device), "child_id": cid, "relation": relation,
                "name": gname, "birth_date": gbirth.isoformat(),
                "id_number": idnumber.make(region, gbirth, g.randint(0, 99), gsex),
                "status": "在家", "status_since": None, "work_province": None, "work_city": None,
                "phone": None,
            })
    # visits: one a month since registration, a few months missed, recent gaps
    month = date(registered.year, registered.month, 1)
    skip_recent = rng.random() < 0.25
    while month <= as_of:
        last_day = min(as_of, (month + timedelta(days=32)).replace(day=1) - timedelta(days=1))
        recent = (as_of.year, as_of.month) == (month.year, month.month)
        if not (rng.random() < 0.05 or (recent and skip_recent) or (recent and rng.random() < 0.5)):
            day = month + timedelta(days=rng.randint(0, max(0, (last_day - month).days)))
            if day >= registered and day <= as_of:
                batch["visit"].append({
                    **_meta(village.code, f"{day.isoformat()}T10:00:00.000Z", device),
                    "child_id": cid, "visit_date": day.isoformat(),
                    "visit_type": "入户走访" if rng.random() < 0.85 else "电话随访",
                    "visitor": rng.choice(OFFICERS), "living_arrangement": living,
                    "guardian_present": rng.random() < 0.9, "safety_ok": rng.random() > 0.02,
                    "health_ok": rng.random() > 0.03, "study_ok": rng.random() > 0.05,
                    "findings": rng.choice(NOTES), "next_action": None,
                })
        month = (month + timedelta(days=32)).replace(day=1)
    # the automatic flags are the rules' own (so a demo store is what the program would have
    # raised); the random draws stay as they were, so a seed gives the same registry
    drawn = alone or not hukou or {father_status, mother_status} == {"外出务工", "无监护能力"} \
        or schooling == "辍学" or (schooling == "不在学" and 14 <= age < 16)
    other = not drawn and rng.random() < 0.12
    parents = [m for m in batch["family_member"][-4:]
               if m["child_id"] == cid and m["relation"] in ("父亲", "母亲")]
    causes = rules.auto_flag_causes(child, parents, as_of)
    reasons = list(causes) or (["其他"] if other else [])
    for reason in reasons:
        batch["priority_flag"].append({
            **_meta(village.code, reg_at, device), "child_id": cid, "reason": reason,
            "detail": "家庭监护薄弱，需重点关注" if reason == "其他" else causes.get(reason),
            "source": "人工" if reason == "其他" else "自动",
            "opened_on": registered.isoformat(), "designated_person": rng.choice(OFFICERS),
            "designated_phone": None, "status": "开放", "closed_on": None, "close_reason": None,
        })
    if alone or rng.random() < 0.008:
        when = max(registered, as_of - timedelta(days=rng.randint(1, 120)))
        batch["mandatory_report"].append({
            **_meta(village.code, f"{when.isoformat()}T09:30:00.000Z", device), "child_id": cid,
            "situation": "单独居住" if alone else rng.choice(("疑似遭受意外伤害", "监护人无力履行或怠于履行监护职责")),
            "details": "走访发现儿童独自在家，监护人长期外出。" if alone else "走访中发现相关情况，已报告派出所。",
            "severity": "紧急" if alone else "严重", "reported_at": f"{when.isoformat()} 09:30",
            "police_unit": "金普新区公安分局" + village.name[:2] + "派出所",
            "receipt_no": f"JP{when:%Y%m%d}{rng.randint(100, 999)}",
            "followup_status": rng.choice(("已报告", "处置中", "已结案")), "followup_notes": None,
        })
    if reasons and rng.random() < 0.6:
        batch["assessment"].append({
            **_meta(village.code, reg_at, device), "child_id": cid,
            "assessed_on": registered.isoformat(), "assessor": rng.choice(OFFICERS),
            "safety": rng.choice(("一般", "存在风险")), "guardianship": rng.choice(("一般", "存在风险")),
            "health": rng.choice(("良好", "一般")),
            "services": rng.sample(["监护指导", "心理疏导", "社会救助", "医疗救治"], k=2),
            "notes": "已安排专人定期走访。",
        })
    if rng.random() < 0.3:
        batch["pairing"].append({
            **_meta(village.code, reg_at, device), "child_id": cid,
            "partner_name": rng.choice(SURNAMES) + "老师", "partner_type": "教师",
            "partner_phone": None, "start_date": registered.isoformat(), "end_date": None,
            "notes": "每周谈心一次，辅导功课。",
        })
