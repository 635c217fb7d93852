"""A village officer's day with the INSTALLED program on a real X server (issue 10 §2).

first-run wizard → register a child (Chinese name, real ID number) → parents → visit →
entrustment → priority flag → mandatory report → find the child by a 2-character name, pinyin
initials and ID-number prefix → child-file PDF → Excel ledger (and the police copy) → lock
(Ctrl+L) → unlock with Enter → wrong passphrase → forgot passphrase → recovery key → quit
(Alt+F4).

Everything goes in as real X events (xdotool keys and mouse, Chinese via the clipboard); the
screenshots are kept under tests/realwin/artifacts/journey/. ``LEFTBEHIND_REALWIN_EXE`` runs
the same journey against the frozen bundle (tests/packaging).
"""

from __future__ import annotations

import subprocess
from datetime import date, timedelta
from pathlib import Path

import openpyxl

from .xsession import App, Driver, find_in, session

PASS = "大李家村 spring 2026"
NEW_PASS = "新的密码 autumn 2027"
UNIT = ("210213024200", "大李家村委会", "刘淑华")  # 大李家街道 大李家村委会 (NBS 2023)
CHILD = {"name": "李思雨", "id": "210213201605123023", "residence": "大李家村3组12号",
         "school": "大李家小学"}
FATHER = {"name": "李建国", "id": "210213198802031510", "city": "苏州市", "phone": "13912345678"}
MOTHER = {"name": "王秀英"}
GUARDIAN = {"name": "张桂兰", "id": "210213195804172540", "phone": "13800001111"}
UNLOCKS_BY_ENTER: list[int] = [0]


def main_window(app: App) -> None:
    app.wait_for("the main window", lambda wins: any(w.name == "mainWindow" and w.active for w in wins))


def no_dialogs(app: App) -> None:
    """Only the main window is up (every form saved, every message answered)."""
    app.wait_for("the dialogs to close",
                 lambda wins: [w.name for w in wins] == ["mainWindow"], 20)


def answer_message(app: App, key: str = "Return") -> str:
    """A message box is up: read it, press ``key`` (its default button), return its text."""
    box = app.wait_for("a message box", lambda wins: next(
        (w for w in wins if w.cls == "QMessageBox" and w.active), None))
    text = " ".join(w.text for w in box.widgets if w.name == "qt_msgbox_label")
    app.key(key)
    return text


def save_form(app: App, title_part: str) -> None:
    app.key("ctrl+s")
    app.wait_for(f"the form {title_part} to close",
                 lambda wins: not any(title_part in w.title for w in wins), 20)


def unlock_with_enter(app: App, passphrase: str) -> None:
    d = Driver(app)
    d.widget("passphrase", "解锁")
    app.active("解锁")
    d.set_text("passphrase", passphrase, "解锁", check=False)
    app.key("Return")
    main_window(app)
    UNLOCKS_BY_ENTER[0] += 1


def lock(app: App) -> None:
    app.key("ctrl+l")
    app.active("解锁")


def test_village_officer_journey(tmp_path: Path) -> None:
    run_journey(tmp_path, "journey")


def run_journey(tmp_path: Path, name: str) -> None:
    """The whole day; ``name`` names the artifacts folder (the bundle tier runs it too, with
    ``LEFTBEHIND_REALWIN_EXE`` set to the frozen program)."""
    with session(tmp_path, name) as app:
        d = Driver(app)
        # -- first-run wizard: role (village is preselected) → unit → passphrase → recovery key
        app.active("首次使用")
        app.key("Return")  # 下一步 is the default button
        d.set_text("unitCode", UNIT[0])
        d.set_text("unitName", UNIT[1])
        d.set_text("officerName", UNIT[2])
        app.key("Return")
        d.set_text("newPassphrase", PASS, check=False)
        d.set_text("confirmPassphrase", PASS, check=False)
        app.shot("wizard-passphrase")
        app.key("Return")  # 创建数据库
        key_label = d.widget("recoveryKeyLabel", timeout=30)
        recovery_key = key_label.text
        assert len(recovery_key.split("-")) == 8, recovery_key
        app.shot_window("wizard-recovery", "首次使用", doc="firstrun-4-recovery")
        app.key("Return")  # 完成 is disabled until the box is ticked: Enter does nothing
        d.widget("recoveryKeyLabel")
        d.tick("recoveryDone")
        app.key("Return")
        main_window(app)
        app.windows_fit()
        app.shot("main-window")

        # -- register a child: Ctrl+F opens 儿童档案, then 登记新儿童
        app.key("ctrl+f")
        d.widget("registrySearch")
        d.click("newChildButton")
        form = "儿童基本信息"
        app.active(form)
        d.set_text("field_name", CHILD["name"], form)
        d.set_text("field_id_number", CHILD["id"], form)
        d.wait_date("field_birth_date", "2016-05-12", form)  # filled in from the ID number
        d.wait_text("field_sex", "女", form)
        d.set_text("field_residence", CHILD["residence"], form)
        d.choose("field_schooling", "小学", form)
        d.set_text("field_school_name", CHILD["school"], form)
        d.choose("field_living_arrangement", "与祖辈同住", form)
        app.windows_fit()
        app.shot("child-form")
        save_form(app, form)
        header = d.widget("childHeader")
        assert CHILD["name"] in header.text

        # -- parents: both work away from home
        d.click("action_family_member")
        form = "家庭成员"
        app.active(form)
        d.choose("field_relation", "父亲", form)
        d.set_text("field_name", FATHER["name"], form)
        d.set_text("field_id_number", FATHER["id"], form)
        d.wait_date("field_birth_date", "1988-02-03", form)
        d.choose("field_status", "外出务工", form)
        d.choose("field_work_province", "江苏省", form)
        d.set_text("field_work_city", FATHER["city"], form)
        d.set_text("field_phone", FATHER["phone"], form)
        save_form(app, form)
        d.click("action_family_member")
        app.active(form)
        d.choose("field_relation", "母亲", form)
        d.set_text("field_name", MOTHER["name"], form)
        d.choose("field_status", "外出务工", form)
        d.choose("field_work_province", "辽宁省", form)
        save_form(app, form)

        # -- a visit, with what was found
        d.click("action_visit")
        form = "入户走访"
        app.active(form)
        # the visit was four weeks ago (in this quarter): typed over the preset day with real
        # keys, as 2026.11.3, and shown as 2026年11月3日 once the field is left
        today = date.today()
        visited = max(today - timedelta(days=28), date(today.year, (today.month - 1) // 3 * 3 + 1, 1))
        d.set_text("field_visit_date", f"{visited.year}.{visited.month}.{visited.day}", form)
        app.key("Tab")
        visit_shown = f"{visited.year}年{visited.month}月{visited.day}日"
        d.wait_text("field_visit_date", visit_shown, form)
        d.set_text("field_findings", "孩子由奶奶照顾，学习正常，近期膝盖摔伤已就医。", form)
        app.shot_window("visit-form", form, doc="form-visit")
        save_form(app, form)

        # -- entrustment to the grandmother (her ID number fills in her birth date)
        d.click("action_entrustment")
        form = "委托监护"
        app.active(form)
        d.set_text("field_guardian_name", GUARDIAN["name"], form)
        d.choose("field_relation", "祖母", form)
        d.set_text("field_guardian_id_number", GUARDIAN["id"], form)
        d.wait_date("field_guardian_birth_date", "1958-04-17", form)
        d.set_text("field_guardian_phone", GUARDIAN["phone"], form)
        save_form(app, form)

        # -- priority flag, then a mandatory report
        d.click("action_priority_flag")
        form = "重点对象"
        app.active(form)
        d.choose("field_reason", "其他", form)
        d.set_text("field_detail", "祖母年迈，需重点关注", form)
        save_form(app, form)
        d.click("action_mandatory_report")
        form = "强制报告"
        app.active(form)
        d.choose("field_situation", "疑似遭受意外伤害", form)
        d.set_text("field_details", "走访发现膝盖摔伤，原因需进一步核实。", form)
        d.set_text("field_police_unit", "金普新区公安分局大李家派出所", form)
        app.shot("report-form")
        save_form(app, form)
        text = answer_message(app)  # 评估帮扶 now? Enter = the default 稍后（列入工作台）
        assert "评估" in text, text
        no_dialogs(app)
        header = d.widget("childHeader")
        assert "重点对象" in header.text and "未结案强制报告" in header.text, header.text
        app.shot_window("child-file-after", "农村留守儿童信息台账", doc="childfile-basic")
        # the saved visit carries the typed day (走访记录 tab)
        tab_bar = next(w for win in app.probe() for w in win.widgets
                       if w.cls == "QTabBar" and "走访记录" in w.data.get("items", []))
        x, y, w, h = tab_bar.data["item_rects"][tab_bar.data["items"].index("走访记录")]
        app.click_at(x + w // 2, y + h // 2)
        app.wait_for(f"the visit of {visit_shown} in 走访记录", lambda wins: (
            t := find_in(wins, "table_visit")) is not None and t.data.get("rows") == 1
            and visit_shown in t.data.get("cells", [[]])[0])

        # -- find her again: 2-character name, pinyin initials, ID-number prefix
        for query in ("思雨", "lsy", "2102132016"):
            app.key("ctrl+f")
            d.set_text("registrySearch", query)
            app.wait_for(f"one match for {query}", lambda wins: (t := find_in(wins, "registryTable"))
                         is not None and t.data.get("rows") == 1
                         and "1" in (find_in(wins, "registryCount") or t).text)
            if query == "lsy":
                app.shot_window("search-initials", "农村留守儿童信息台账", doc="registry")
        d.set_text("registrySearch", "zzq")
        app.wait_for("no match for zzq", lambda wins: (t := find_in(wins, "registryTable"))
                     is not None and t.data.get("rows") == 0)
        d.set_text("registrySearch", "李思雨")
        app.wait_for("one match", lambda wins: (t := find_in(wins, "registryTable")) is not None
                     and t.data.get("rows") == 1)
        app.key("Return")  # opens the first match
        d.widget("childHeader")

        # -- the child file as PDF, through Qt's save dialog
        pdf = tmp_path / "lisiyu.pdf"
        d.click("action_print")
        app.active("导出PDF")
        d.set_text("fileNameEdit", str(pdf), "导出PDF")
        app.shot("pdf-save-dialog")
        app.key("Return")
        text = answer_message(app, "Escape")  # 导出完成 … 打开 / 关闭
        assert "已导出 1 个PDF文件" in text, text
        out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                             text=True, check=True).stdout
        for expected in (CHILD["name"], CHILD["id"], FATHER["name"], GUARDIAN["name"],
                         "金普新区公安分局大李家派出所"):
            assert expected in out, expected
        no_dialogs(app)

        # -- the quarter's Excel ledger (信息台账) and the police copy, from the menu
        d.menu("导出与打印", "导出信息台账（Excel）…")
        title = "导出信息台账"
        app.active(title)
        # a new office: the quarter its data is in (the workbench's 首次上报), already selected
        d.wait_text("ledgerQuarter", f"{today.year}年第{(today.month - 1) // 3 + 1}季度", title)
        d.tick("copy_police", True, title)
        ledgers = tmp_path / "ledgers"
        d.set_text("ledgerFolder", str(ledgers), title, check=False)
        app.key("Return")  # 导出 is the dialog's default button
        banner = app.wait_for("the ledger banner", lambda wins: (
            w := find_in(wins, "exportResult", title)) is not None and "已导出" in w.text and w, 60)
        assert "2 个Excel文件" in banner.text, banner.text
        app.shot_window("ledger-done", title, doc="export-ledger")
        app.key("Escape")
        files = sorted(ledgers.glob("*.xlsx"))
        assert len(files) == 2, files
        full = next(f for f in files if "抄报" not in f.name)
        cells = {str(c.value) for ws in openpyxl.load_workbook(full, read_only=True).worksheets
                 for row in ws.iter_rows() for c in row if c.value is not None}
        assert CHILD["name"] in cells and CHILD["id"] in cells
        no_dialogs(app)

        # -- lock and unlock with Enter, a few times over the day
        for _ in range(3):
            lock(app)
            unlock_with_enter(app, PASS)
        lock(app)
        app.shot_window("locked", "解锁", doc="unlock")
        # a wrong passphrase: a message, the dialog stays, the program too
        d.set_text("passphrase", "not the passphrase", "解锁", check=False)
        app.key("Return")
        status = app.wait_for("the wrong-passphrase message", lambda wins: (
            w := find_in(wins, "unlockStatus")) is not None and "密码不正确" in w.text and w)
        assert status.text
        app.shot("wrong-passphrase")
        # forgot the passphrase: the recovery key sets a new one and unlocks (Enter confirms)
        d.click("forgotButton", "解锁")
        d.set_text("recoveryKey", recovery_key, "解锁")
        d.set_text("newPassphrase", NEW_PASS, "解锁", check=False)
        d.set_text("confirmPassphrase", NEW_PASS, "解锁", check=False)
        app.shot("recovery-page")
        app.key("Return")
        main_window(app)
        lock(app)
        unlock_with_enter(app, NEW_PASS)
        app.windows_fit()

        # -- quit as a user does: the window's close (Alt+F4)
        app.close_window()
        assert app.wait_exit(60) == 0, app.stderr()
    print(f"unlocks by Enter: {UNLOCKS_BY_ENTER[0]}")
