# ruff: noqa: E501  (a table of translations)
"""Developer tool: add the 数据交换 screens' strings with their English translations to
``resources/translations/leftbehind_en.ts`` (additions only: other screens' entries are not
touched). ``pyside6-lupdate`` finds the strings; the English is below.

    .venv/bin/python -m leftbehind_desktop.ui.exchange.catalog [--check]
"""

from __future__ import annotations

import sys
from pathlib import Path

from .. import ts_catalog
from ..i18n import TRANSLATIONS

HERE = Path(__file__).resolve().parent
SOURCES = [HERE.parent / "exchange_page.py", *sorted(HERE.glob("*.py"))]
CATALOG = TRANSLATIONS / "leftbehind_en.ts"
HELPER_CONTEXT = "exchange"  # common.tr()

EN: dict[str, str] = {
    "（空）": "(empty)", "是": "Yes", "否": "No", "结果": "Outcome", "儿童": "Child", "表": "Form",
    "单位": "Unit", "记录编号": "Record", "说明": "Details", "字段": "Field", "本单位的值": "Our value",
    "报来的值": "Incoming value", "逐项裁决": "Decide", "保留本单位的值": "Keep our value",
    "采用报来的值": "Take the incoming value", "确认裁决": "Confirm",
    "未选中的值不会丢失，仍保存在冲突记录中，可随时查阅。":
        "The value not chosen is not lost: it stays in the conflict record.",
    "冲突审核": "Conflicts", "刷新": "Refresh",
    "同一条记录在本单位和报送单位都被修改、且改的是同一项时，形成冲突。请核实后逐项选择保留哪一个值。":
        "A conflict arises when this office and the sender both changed the same field of the same record. "
        "Check, then choose which value to keep.",
    "待处理 %1 项": "%1 open", "没有待处理的冲突。": "No open conflicts.",
    "%1 · %2 · %3（记录 %4）的“%5”": "%1 · %2 · %3 (record %4): \u201c%5\u201d",
    "本单位（%1）修改后的值": "As changed here (%1)", "%1 报来的值（导入于 %2）": "As sent by %1 (imported %2)",
    "上次报送时的值：%1": "Value in the previous package: %1",
    "已裁决“%1”：保留“%2”；另一个值“%3”仍保存在冲突记录中。":
        "Decided \u201c%1\u201d: kept \u201c%2\u201d; the other value \u201c%3\u201d stays in the conflict record.",
    "身份证号": "ID number", "涉及单位": "Units", "记录数": "Records", "发现时间": "Found",
    "比较并处理": "Compare and decide", "是两名不同的儿童（都保留）": "Two different children (keep both)",
    "处理说明（必填），例如：儿童已迁至大李家村": "Note (required), e.g. the child moved to Dalijia village",
    "确认处理": "Confirm",
    "保留一条时，其余记录标记为删除（不会真正删除，可在历史中查到）。":
        "Keeping one marks the others as deleted (never erased; they stay in the history).",
    "重复登记审核": "Duplicates",
    "同一身份证号在两个村（社区）都有登记。请与两村核实：儿童搬家的，保留现居住地的那一条。":
        "The same ID number is registered in two villages. Check with both: if the child moved, keep the "
        "record of the current residence.",
    "所属单位：": "Unit:", "保留此记录（%1）": "Keep this record (%1)",
    "已处理：保留记录 %1，其余记录已标记删除。": "Done: kept record %1; the others are marked deleted.",
    "已处理：确认是不同的儿童，两条记录都保留。": "Done: different children; both records kept.",
    "本设备": "This device",
    "本设备指纹（电话核对时逐组读给对方）：": "This device's fingerprint (read it out group by group on the phone):",
    "向上级单位登记": "Enroll with the parent office", "保存登记申请": "Save the enrollment request",
    "登记文件 (*.json)": "Enrollment files (*.json)", "① 导出登记申请": "① Export enrollment request",
    "选择上级的登记回复": "Choose the parent office's response", "② 读取登记回复": "② Read the response",
    "已电话核对指纹，与上级单位读出的一致": "Fingerprint compared by phone: it matches what the parent office read",
    "③ 接受登记回复": "③ Accept the response", "登记申请保存到：": "Save request to:",
    "上级的登记回复：": "Parent's response:",
    "步骤：① 导出登记申请，用U盘交给上级单位，并电话把本设备指纹读给对方；② 上级批准后，读取对方交回的登记回复；"
    "③ 请对方读出其指纹，核对一致后接受。":
        "Steps: ① export the request, take it to the parent office on a USB drive and read this device's "
        "fingerprint to them by phone; ② once approved, read the response they give back; ③ have them read "
        "their fingerprint, compare, then accept.",
    "批准下级设备登记": "Approve devices below this office", "选择下级的登记申请": "Choose an enrollment request",
    "读取登记申请": "Read the request",
    "对方电话中读出的指纹（可选，例如 1419 8380 …）": "Fingerprint read out on the phone (optional, e.g. 1419 8380 …)",
    "已电话核对指纹": "Fingerprint compared by phone", "保存登记回复": "Save the enrollment response",
    "批准并保存登记回复": "Approve and save the response", "申请设备的指纹：": "Fingerprint of the requesting device:",
    "登记回复保存到：": "Save response to:",
    "读取下级交来的登记申请，电话请对方逐组读出指纹，与下面显示的一致才批准。批准后把登记回复交回对方，并把本设备指纹读给对方核对。":
        "Read the request, have the other office read its fingerprint group by group on the phone, and approve "
        "only if it matches the one shown. Then give the response back and read this device's fingerprint to them.",
    "登记申请文件：": "Request file:", "设备登记": "Enrollment",
    "单位：%1（%2） · 设备编号：%3 · 密钥编号：%4": "Unit: %1 (%2) · device %3 · key %4",
    "已登记：本设备的数据包发给%1（%2），对方指纹 %3。":
        "Enrolled: this device's packages go to %1 (%2), fingerprint %3.",
    "尚未登记到上级单位：登记完成后才能报送数据包。":
        "Not enrolled with the parent office yet: packages can be sent once enrolled.",
    "登记申请-%1.json": "enrollment-request-%1.json", "已输入 %1/24 位": "%1 of 24 digits",
    "✔ 一致": "✔ match", "✘ 不一致": "✘ differs",
    "登记申请已保存到 %1。请交给上级单位，并电话读出本设备指纹：%2":
        "Request saved to %1. Take it to the parent office and read this device's fingerprint by phone: %2",
    "上级单位：%1（%2） · 信息员：%3\n所辖单位：%4\n上级单位的指纹：":
        "Parent office: %1 (%2) · officer: %3\nUnits: %4\nParent office's fingerprint:",
    "请电话请上级单位读出其指纹，与上面显示的逐组核对。":
        "Ask the parent office to read its fingerprint on the phone and compare it group by group.",
    "登记完成：本设备的数据包今后发给%1。": "Enrolled: this device's packages now go to %1.",
    "申请单位：%1（%2） · 信息员：%3 · 设备编号：%4": "Requesting unit: %1 (%2) · officer: %3 · device %4",
    "登记回复-%1.json": "enrollment-response-%1.json",
    "已批准%1的设备。登记回复已保存到 %2，请交回对方，并电话读出本设备指纹：%3":
        "Approved %1's device. Response saved to %2; give it back and read this device's fingerprint by phone: %3",
    "数据已锁定，请先解锁。": "The data is locked; unlock first.",
    "导出季度数据包": "Export quarterly package", "从恢复包恢复": "Restore from package", "信任列表": "Trust list",
    "季度总览": "Quarter overview", "导入数据包": "Import package", "上报区": "Report to district",
    "恢复数据包": "Restore package", "上报区数据包": "Package for the district", "报送季度：": "Quarter:",
    "发送给：": "Send to:", "数据包内容：": "Contents:", "状态：": "Status:",
    "数据包包含本单位全部台账记录、全部走访等事件、审计记录和一份可阅读的 Excel 台账；经过签名和加密，只有收件单位能打开。":
        "The package holds all of this office's records, every visit and other event, the audit trail and a "
        "readable Excel ledger; it is signed and encrypted so only the recipient can open it.",
    "选择保存文件夹（U盘）": "Choose a folder (USB drive)", "保存到文件夹：": "Folder:", "文件名：": "File name:",
    "我已了解：导出后该季度锁定，以后修改需填写更正原因":
        "I understand: the quarter is locked after export; later changes need a reason",
    "上一步": "Back", "下一步": "Next", "导出": "Export", "重新开始": "Start again", "检测到U盘：%1": "USB drive found: %1",
    "未检测到U盘：插入U盘后点“浏览…”选择U盘，或先保存到电脑再拷贝。":
        "No USB drive found: insert one and choose it with \u201cBrowse…\u201d, or save to this computer and copy later.",
    "尚未登记到上级单位：请先在“设备登记”中完成登记。":
        "Not enrolled with the parent office: enroll first under \u201cEnrollment\u201d.",
    "本季度已导出 %1 次（最近一次 %2，第%3号）": "Exported %1 time(s) this quarter (last %2, no. %3)",
    "本季度尚未导出": "Not exported this quarter yet", "已锁定至 %1": "locked through %1", "保存位置": "Where to save",
    "请选择一个存在的文件夹（例如U盘）并填写文件名。": "Choose an existing folder (e.g. a USB drive) and a file name.",
    "即将导出 %1 季度数据包，发给 %2。\n内容：%3\n保存为：%4":
        "About to export the %1 package for %2.\nContents: %3\nSave as: %4",
    "季度锁定（R10）：导出后，%1 及以前各季度的记录将被锁定。以后再修改这些记录，软件会要求填写“更正原因”，"
    "更正内容随下一次数据包报送给上级，上级可以看到修改前后的内容。同一季度可以再次导出（例如更正后），上级按序号自动识别新旧。":
        "Quarter lock (R10): after the export, records of %1 and earlier are locked. Changing them later "
        "requires a reason; the amendment travels with the next package and the parent office sees the "
        "before and after. The same quarter can be exported again (e.g. after corrections); the parent "
        "office tells old from new by the sequence number.",
    "选择季度": "Quarter", "确认导出": "Confirm", "完成": "Done", "第 %1 步（共 4 步）：%2": "Step %1 of 4: %2",
    "文件已存在": "File exists", "%1 已存在，要覆盖吗？": "%1 exists. Overwrite it?", "导出数据包": "Export package",
    "正在导出 %1 季度数据包……": "Exporting the %1 package…",
    "已导出 %1 季度数据包（第%2号），发给 %3。": "Exported the %1 package (no. %2) for %3.",
    "文件：%1（%2 KB）": "File: %1 (%2 KB)", "记录：%1": "Records: %1",
    "%1 及以前的记录已锁定：今后修改需填写更正原因（R10）。":
        "Records of %1 and earlier are locked: later changes need a reason (R10).",
    "请把文件交给上级单位（U盘拷贝后请安全弹出）。":
        "Give the file to the parent office (eject the USB drive safely after copying).",
    "导出未完成": "Export not completed", "选择数据包": "Choose a package", "数据包 (*.lbpkg)": "Packages (*.lbpkg)",
    "仅检查（不导入）": "Check only (no import)", "导入": "Import", "导入结果": "Import result",
    "需要注意的记录（更新、冲突、重复、拒绝）": "Records to look at (updated, conflict, duplicate, rejected)",
    "全部记录": "All records", "逐条报告": "Per-record report", "显示：": "Show:", "数据包文件：": "Package file:",
    "电脑更换或重装后：先在“设备登记”中重新登记，再请街道生成本村的恢复数据包，在这里导入。"
    "导入前会核验签名、解密并校验全部记录；有任何问题都不会修改数据。":
        "After replacing or reinstalling the computer: enroll again under \u201cEnrollment\u201d, ask the street "
        "office for this village's restore package and import it here. The signature is verified and every "
        "record checked first; if anything is wrong nothing is changed.",
    "选择下级交来的数据包（.lbpkg）。导入前依次核验签名、序号、收件单位，解密并校验全部记录，全部通过后一次性合并；"
    "有任何问题都不会修改数据。":
        "Choose a package (.lbpkg) from a unit below. The signature, sequence and recipient are verified, the "
        "records decrypted and checked, and only then merged in one step; if anything is wrong nothing is changed.",
    "检查数据包": "Check package", "正在核验并导入 %1 ……": "Verifying and importing %1…",
    "正在检查 %1 ……": "Checking %1…",
    "数据包有效：来自%1（%2），%3，第%4号；签名、加密与全部 %5 条记录均通过校验。尚未导入。":
        "The package is valid: from %1 (%2), %3, no. %4; signature, encryption and all %5 records check out. "
        "Not imported yet.",
    "有 %1 处冲突，请在“冲突审核”中逐项选择。": "%1 conflict(s): decide each under \u201cConflicts\u201d.",
    "有 %1 名儿童疑似重复登记，请在“重复登记审核”中处理。":
        "%1 child(ren) possibly registered twice: see \u201cDuplicates\u201d.",
    "本次没有修改任何数据。": "Nothing was changed.", "数据包已拒绝：%1": "Package refused: %1",
    "状态": "Status", "收到时间": "Received", "数据包": "Packages", "待处理冲突": "Open conflicts",
    "疑似重复": "Possible duplicates", "审核": "Reviewed", "审核意见（可选）": "Review note (optional)",
    "标记所选单位为已审核": "Mark the selected unit reviewed", "季度：": "Quarter:",
    "截止日期 = 季度末 + 报送期限天数。审核一个单位的数据（处理完冲突和重复登记）后，标记为已审核。":
        "Deadline = quarter end + the reporting days. After reviewing a unit's data (conflicts and duplicates "
        "done), mark it reviewed.",
    "报送截止：%1": "Deadline: %1", "%1 %2": "%1 %2", "已登记": "enrolled", "未登记": "not enrolled",
    "共 %1 个单位：已报送 %2，逾期 %3，已审核 %4": "%1 units: %2 sent, %3 late, %4 reviewed",
    "尚未报送": "Not sent yet",
    "%1 尚未报送 %2 的数据包，仍要标记为已审核吗？": "%1 has not sent its %2 package. Mark it reviewed anyway?",
    "已将 %1 的 %2 数据标记为已审核。": "Marked %1's %2 data as reviewed.", "浏览…": "Browse…",
    "保存恢复数据包": "Save the restore package", "生成恢复数据包": "Create restore package",
    "村（社区）：": "Village:", "数据截至季度：": "Data through quarter:", "保存为：": "Save as:",
    "为村生成恢复数据包": "Restore package for a village",
    "村里的电脑更换或重装后：新电脑先完成初始化并重新登记（列表中只显示已登记设备的村），再在这里生成恢复数据包，"
    "交给村里在“从恢复包恢复”中导入。数据包只能由该村新登记的设备打开。":
        "When a village computer was replaced or reinstalled: the new one is set up and enrolled first (only "
        "villages with an enrolled device are listed); then create the restore package here for the village to "
        "import under \u201cRestore from package\u201d. Only the village's newly enrolled device can open it.",
    "恢复-%1.lbpkg": "restore-%1.lbpkg", "正在生成恢复数据包……": "Creating the restore package…",
    "已生成%1的恢复数据包：%2（记录：%3）。请交给村里导入。":
        "Created the restore package for %1: %2 (records: %3). Give it to the village to import.",
    "恢复数据包未生成": "Restore package not created", "关系": "Relation", "密钥编号": "Key id", "指纹": "Fingerprint",
    "登记时间": "Enrolled", "备注": "Note", "吊销原因（必填），例如：笔记本电脑丢失": "Reason (required), e.g. laptop lost",
    "吊销所选设备…": "Revoke the selected device…", "保存信任列表更新": "Save the trust-list update",
    "生成信任列表更新": "Write trust-list update", "选择信任列表更新或更换密钥文件": "Choose a trust-list update or key-rotation file",
    "吊销与更新": "Revoke and update", "吊销设备：": "Revoke:", "信任列表更新：": "Trust-list update:",
    "导入更新文件：": "Import an update:",
    "本单位信任的设备密钥：只接收这些设备签名的数据包。设备丢失时立即吊销，此后该设备的数据包一律拒收；"
    "再生成信任列表更新交给上级单位导入。上级或下级更换密钥后，把对方给的文件在这里导入。":
        "The device keys this office trusts: only packages signed by them are accepted. Revoke a lost device at "
        "once (its packages are refused from then on) and give a trust-list update to the parent office. When "
        "another office rotates its keys, import the file it gives you here.",
    "下级": "below", "上级": "parent", "有效": "active", "已吊销": "revoked", "已更换": "rotated",
    "信任列表更新-%1.json": "trust-update-%1.json", "吊销设备": "Revoke device",
    "确定吊销 %1 的设备（密钥 %2）吗？\n吊销后该设备的数据包一律拒收，且不能撤销；该单位需要用新设备重新登记。":
        "Revoke %1's device (key %2)?\nIts packages will be refused from now on; this cannot be undone and the "
        "unit has to enroll a new device.",
    "吊销": "Revoke", "取消": "Cancel",
    "已吊销 %1 的设备密钥 %2。请生成信任列表更新并交给上级单位。":
        "Revoked %1's device key %2. Write a trust-list update and give it to the parent office.",
    "信任列表更新已保存到 %1。": "Trust-list update saved to %1.", "已导入：%1": "Imported: %1", "没有变化": "no changes",
}


def found_messages() -> dict[str, list[str]]:
    """context → sources, as pyside6-lupdate finds them in the files above."""
    return ts_catalog.found_messages(SOURCES, HELPER_CONTEXT)


def update(catalog: Path = CATALOG) -> list[tuple[str, str]]:
    """Insert the missing (context, source) pairs; returns what was added."""
    return ts_catalog.insert_missing(catalog, found_messages(), EN)


if __name__ == "__main__":
    if "--check" in sys.argv:
        missing = [(c, s) for c, ss in found_messages().items() for s in ss if s not in EN]
        print("\n".join(f"{c}: {s}" for c, s in missing) or "complete")
        sys.exit(1 if missing else 0)
    for ctx, src in update():
        print(f"added {ctx}: {src}")
