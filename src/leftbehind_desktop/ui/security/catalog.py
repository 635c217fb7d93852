# ruff: noqa: E501  (a table of translations)
"""Developer tool: add the 数据安全 strings (audit viewer, backups, keys, unlock countdown,
更正 in the child file, 帮助 → 关于) with their English to ``leftbehind_en.ts`` — additions
only, other entries untouched. ``pyside6-lupdate`` finds the strings; the English is below.

    .venv/bin/python -m leftbehind_desktop.ui.security.catalog [--check]
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from .. import ts_catalog
from ..i18n import TRANSLATIONS
from ..i18n_build import build

HERE = Path(__file__).resolve().parent
UI = HERE.parent
SOURCES = [*sorted(HERE.glob("*.py")), UI / "mainwindow.py", UI / "unlock.py",
           UI / "childfile_page.py", UI / "firstrun.py", UI / "settings_page.py",
           UI / "about_dialog.py"]
CATALOG = TRANSLATIONS / "leftbehind_en.ts"

EN: dict[str, str] = {
    # about dialog
    "农村留守儿童信息台账（离线版）": "Rural left-behind children registry (offline)",
    "版本：%1": "Version: %1", "构建日期：%1": "Build date: %1", "源代码版本：%1": "Source revision: %1",
    "开发版本": "development build", "数据保存位置：%1": "Data folder: %1",
    "本程序以 GPL-3.0-or-later 许可证发布。": "This program is released under the GPL-3.0-or-later licence.",
    "找不到许可证清单（resources/licenses.txt）。": "The licence list (resources/licenses.txt) is missing.",
    "随附组件及其许可证：": "Bundled components and their licences:",
    # audit viewer
    "审计日志": "Audit log",
    "每一次新增、修改、查看、打印、导出、导入和备份都记录在这里，并以哈希链相连：任何删改都能被“校验审计链”发现。":
        "Every addition, change, view, print, export, import and backup is recorded here and hash-chained: "
        "any edit or removal is found by \u201cVerify the audit chain\u201d.",
    "儿童姓名、身份证号或拼音首字母": "Child's name, ID number or pinyin initials",
    "全部操作": "All actions", "日期": "Date", "查询": "Search", "清除条件": "Clear filters",
    "儿童": "Child", "信息员": "Officer", "操作": "Action", "至": "to", "序号": "No.", "时间": "Time",
    "记录类型": "Record type", "加载更早的事件": "Load older events", "校验审计链": "Verify the audit chain",
    "全部信息员": "All officers", "正在查询……": "Searching…", "没有符合条件的事件": "No matching events",
    "显示最新的 %1 条事件": "Showing the newest %1 events", "共 %1 条事件": "%1 events",
    "选中一条事件可查看详情；双击带儿童的事件可打开该儿童的档案。":
        "Select an event to see its details; double-click an event with a child to open the child's file.",
    "正在校验……": "Verifying…", "正在逐条校验审计事件……": "Verifying the audit events one by one…",
    "审计链完整：共 %1 条事件，未发现删改。": "The audit chain is intact: %1 events, nothing altered or removed.",
    "审计链已断开：第 %1 条事件起无法验证（%2）。": "The audit chain is broken: from event %1 on it cannot be verified (%2).",
    "该事件：%1，%2，%3。": "That event: %1, %2, %3.",
    "第 %1 条": "Event %1", "改动：": "Changed: ", "原因：": "Reason: ", "方式：": "Via: ",
    "新增记录": "Added a record", "修改记录": "Changed a record", "更正（已上报季度）": "Amendment (reported quarter)",
    "删除记录": "Deleted a record", "生成演示数据": "Generated demo data", "导入记录": "Imported a record",
    "合并记录": "Merged a record", "查看档案": "Viewed a child file", "打印/导出档案": "Printed/exported a child file",
    "创建数据库": "Created the store", "修改密码": "Change passphrase", "更换数据密钥": "Replace the data key",
    "设置托管": "Set escrow", "备份": "Backup", "修改设置": "Changed a setting", "登记单位": "Registered a unit",
    "导出数据包": "Exported a package", "导入数据包": "Imported a package", "审核下级数据": "Reviewed a unit's data",
    "发现疑似重复": "Found a possible duplicate", "登记交换密钥": "Registered an exchange key",
    "更改交换密钥状态": "Changed an exchange key's status", "导出台账": "Exported the ledger",
    "数据库": "Store", "设置": "Settings", "单位": "Unit", "数据包": "Package", "台账": "Ledger",
    "交换密钥": "Exchange key",
    "该事件缺失（被删除）": "the event is missing (removed)",
    "该事件与前一事件的链接不符": "the event does not link to the one before it",
    "该事件的内容被修改": "the event's content was altered",
    "最新的事件被截去": "the newest events were cut off",
    # backups
    "备份与恢复": "Backup and restore",
    "程序每天解锁后（空闲一分钟时）和退出时自动备份到本机（保留最近7天和4周各一份）。请定期用“立即备份到……”备份到U盘，并把U盘与电脑分开保管。备份是加密的，没有密码或恢复密钥无法打开。":
        "The app backs up to this computer after unlocking (once it has been left alone for a minute) and on exit (the last 7 days and "
        "4 weeks are kept). Back up to a USB stick regularly with \u201cBack up now to…\u201d and keep the stick "
        "apart from the computer. Backups are encrypted: they cannot be opened without the passphrase or the "
        "recovery key.",
    "立即备份到……": "Back up now to…", "从备份恢复……": "Restore from a backup…",
    "用所选备份恢复……": "Restore the selected backup…", "备份时间": "Backup time", "儿童人数": "Children",
    "方式": "Kind", "本机的自动备份：": "Automatic backups on this computer:",
    "选择备份位置（例如U盘）": "Choose where to back up (e.g. a USB stick)", "备份完成：%1": "Backup written: %1",
    "备份完成，保存在：\n%1": "Backup written to:\n%1", "正在备份……": "Backing up…",
    "选择备份文件夹": "Choose the backup folder", "从备份恢复": "Restore from a backup",
    "请先在列表中选择一个备份。": "Select a backup in the list first.", "正在校验备份……": "Verifying the backup…",
    "备份校验通过。": "The backup passed verification.", "备份时间：%1": "Backup time: %1",
    "单位：%1（%2）": "Unit: %1 (%2)", "在册儿童：%1 名": "Registered children: %1",
    "恢复后，数据将回到备份时的状态。当前的数据不会删除，会另存为一份安全副本（放在数据库文件夹旁边）。确定要恢复吗？":
        "After the restore the data is as it was at the time of the backup. The current data is not deleted: it is "
        "kept as a safety copy (next to the store folder). Restore now?",
    "注意：这个备份属于另一个单位！": "Caution: this backup belongs to another unit!",
    "恢复": "Restore", "取消": "Cancel",
    "已从备份恢复。恢复前的数据另存在：\n%1": "Restored from the backup. The data as it was before is kept at:\n%1",
    "正在恢复，请勿关闭程序……": "Restoring; do not close the app…",
    "每日自动": "Daily (automatic)", "退出时自动": "On exit (automatic)", "手动": "Manual",
    "更换密钥后": "After a key change",
    "今天的自动备份没有完成：": "Today's automatic backup did not complete: ",
    "意外错误，详见日志": "unexpected error, see the log",
    "备份时间：%1；单位代码：%2。请输入做这个备份时使用的密码，或者恢复密钥。":
        "Backup time: %1; unit code: %2. Enter the passphrase in use when the backup was made, or the recovery key.",
    "密码": "Passphrase", "恢复密钥": "Recovery key", "校验备份": "Verify the backup",
    # keys
    "当前密码": "Current passphrase", "新密码": "New passphrase", "再次输入新密码": "New passphrase again",
    "修改密码不会改变恢复密钥，旧的备份仍需用备份当时的密码或恢复密钥打开。":
        "Changing the passphrase does not change the recovery key; older backups still open with the passphrase "
        "of their time or the recovery key.",
    "新密码至少需要%1个字符": "The new passphrase needs at least %1 characters",
    "两次输入的新密码不一致": "The two new passphrases differ", "新密码与当前密码相同": "The new passphrase is the current one",
    "正在修改……": "Changing…", "正在用新密码重新保护数据密钥……": "Re-wrapping the data key under the new passphrase…",
    "为村信息员恢复访问": "Restore a village officer's access",
    "1. 在村里的电脑上，把数据库文件夹中的 keyslots.json 复制到U盘（只复制这一个文件）。\n2. 在这里选择该文件，设置一个临时密码。\n3. 把文件放回村里电脑的数据库文件夹（替换原文件），信息员用临时密码解锁后立即修改密码。\n只有村里事先设置了托管给本单位的，才能恢复。":
        "1. On the village computer, copy keyslots.json from the store folder to a USB stick (only that file).\n"
        "2. Choose the file here and set a temporary passphrase.\n"
        "3. Put the file back into the village computer's store folder (replacing the old one); the officer unlocks "
        "with the temporary passphrase and changes it at once.\n"
        "This works only if the village set up escrow to this office beforehand.",
    "选择……": "Choose…", "村里的密钥文件": "The village's key file", "临时密码": "Temporary passphrase",
    "再次输入临时密码": "Temporary passphrase again", "设置临时密码": "Set the temporary passphrase",
    "关闭": "Close", "选择村里的 keyslots.json": "Choose the village's keyslots.json",
    "密钥文件 (keyslots.json *.json)": "Key files (keyslots.json *.json)",
    "请选择村里的 keyslots.json 文件": "Choose the village's keyslots.json file",
    "临时密码至少需要%1个字符": "The temporary passphrase needs at least %1 characters",
    "两次输入的临时密码不一致": "The two temporary passphrases differ",
    "正在设置临时密码……": "Setting the temporary passphrase…",
    "已设置临时密码。请把该文件放回村里电脑的数据库文件夹，信息员解锁后立即修改密码。":
        "Temporary passphrase set. Put the file back into the village computer's store folder; the officer "
        "changes the passphrase right after unlocking.",
    "密码与密钥": "Passphrase and keys", "修改密码……": "Change passphrase…", "更换数据密钥……": "Replace the data key…",
    "街道信息员提供的公钥（age1 开头）": "Public key from the street office (starts with age1)",
    "使用上级单位的交换密钥": "Use the parent office's exchange key",
    "托管：把数据密钥加密交给上级（街道）保管。信息员同时忘记密码和恢复密钥时，街道可以帮助重设密码。街道看不到您的数据，只能在您把密钥文件交给街道时帮助恢复。":
        "Escrow: the data key, encrypted, is kept for the parent (street) office. If the officer forgets both the "
        "passphrase and the recovery key, the street office can help set a new passphrase. The street office "
        "cannot see your data; it can only help when you hand it the key file.",
    "下级信息员同时忘记密码和恢复密钥时，可用本单位的设备密钥为其设置临时密码。":
        "When a village officer has forgotten both passphrase and recovery key, this office's device key can set a "
        "temporary passphrase.",
    "为村信息员恢复访问……": "Restore a village officer's access…", "使用%1的交换密钥": "Use %1's exchange key",
    "状态：已托管": "Status: escrowed", "给%1": " to %1", "（公钥 %1）": " (public key %1)",
    "状态：未设置托管": "Status: no escrow", "密码已修改。下次解锁请使用新密码。":
        "Passphrase changed. Use the new passphrase from the next unlock on.",
    "托管": "Escrow", "已设置托管。": "Escrow set.", "正在设置托管……": "Setting escrow…",
    "只有在怀疑密码、恢复密钥或数据库副本已经泄露时才需要更换数据密钥。\n更换后：整个数据库用新的密钥重新加密；密码不变；旧的恢复密钥立即作废，程序会显示新的恢复密钥，请打印或保存；旧的备份仍只能用旧密码或旧恢复密钥打开，如怀疑泄露，请销毁旧备份并立即重新备份。数据较多时需要几分钟。":
        "Replace the data key only if you suspect that the passphrase, the recovery key or a copy of the store has "
        "leaked.\nAfterwards the whole store is re-encrypted with a new key; the passphrase stays; the old recovery "
        "key stops working at once and the app shows a new one to print or save; older backups still open only with "
        "the old passphrase or old recovery key — if you suspect a leak, destroy them and back up again now. With "
        "much data this takes a few minutes.",
    "请输入“%1”确认": "Type \u201c%1\u201d to confirm",
    "只有在怀疑密码、恢复密钥或数据库副本已经泄露时，才需要更换数据密钥。":
        "Replace the data key only if you suspect that the passphrase, the recovery key or a copy of the store has leaked.",
    "更换后：\n• 整个数据库用新的密钥重新加密（数据较多时需要几分钟）；\n• 密码不变；\n• 旧的恢复密钥立即作废，程序会显示新的恢复密钥，请打印或保存；\n• 旧的备份仍只能用旧密码或旧恢复密钥打开。如怀疑泄露，请销毁旧备份并立即重新备份。":
        "Afterwards:\n• the whole store is re-encrypted with a new key (a few minutes with much data);\n"
        "• the passphrase stays;\n• the old recovery key stops working at once; the app shows a new one to print or save;\n"
        "• older backups still open only with the old passphrase or old recovery key. If you suspect a leak, destroy "
        "them and back up again now.",
    "密码：每天解锁时使用，可随时修改。恢复密钥：忘记密码时使用（初始化时已打印或保存）。两者保护的是同一把数据密钥。":
        "Passphrase: used to unlock every day; change it any time. Recovery key: used if you forget the passphrase "
        "(printed or saved at set-up). Both protect the same data key.",
    "密码和恢复密钥": "Passphrase and recovery key", "托管（街道协助恢复）": "Escrow (the street office helps recover)",
    "为下级恢复访问": "Restore access for a lower office",
    "把数据密钥加密交给上级（街道）保管。信息员同时忘记密码和恢复密钥时，街道可以帮助重设密码。街道看不到您的数据，只能在您把密钥文件交给街道时帮助恢复。":
        "The data key, encrypted, is kept for the parent (street) office. If the officer forgets both the passphrase "
        "and the recovery key, the street office can help set a new passphrase. The street office cannot see your "
        "data; it can only help when you hand it the key file.",
    "数据密钥已更换。这是新的恢复密钥，只显示这一次；旧的恢复密钥已经作废。请立即打印或保存到U盘，并妥善保管。":
        "The data key was replaced. This is the new recovery key, shown only this once; the old recovery key no "
        "longer works. Print it or save it to a USB stick now and keep it safe.",
    "我已打印或保存新的恢复密钥，并会妥善保管": "I have printed or saved the new recovery key and will keep it safe",
    "完成": "Done", "正在用新的数据密钥重新加密整个数据库，请勿关闭电脑……":
        "Re-encrypting the whole store with the new data key; do not switch off the computer…",
    "数据安全": "Data security",
    "修改密码、更换数据密钥、托管和备份与恢复：请到左侧“数据安全”。":
        "Passphrase, data key, escrow, backup and restore: see \u201cData security\u201d on the left.",
    # main window, unlock, child file, recovery key view
    "帮助": "Help", "关于": "About", "正在自动备份……": "Automatic backup…",
    "今天的自动备份已完成": "Today's automatic backup is done", "正在从备份恢复……": "Restoring from a backup…",
    "现在可以再试一次。": "You can try again now.",
    "密码错误次数过多，请在 %1 秒后再试。": "Too many wrong attempts; try again in %1 s.",
    "更正": "Amendment", "更正：%1": "Amended: %1",
    "打印……": "Print…", "保存到文件……": "Save to a file…",
    "农村留守儿童信息台账 · 恢复密钥": "Left-behind children registry · recovery key", "单位：": "Unit: ",
    "请妥善保管，不要与电脑放在一起。忘记密码时用它重设密码。":
        "Keep it safe and apart from the computer. If you forget the passphrase, it resets it.",
    "已发送到打印机。": "Sent to the printer.", "保存恢复密钥": "Save the recovery key",
    "恢复密钥.txt": "recovery-key.txt", "文本文件 (*.txt)": "Text files (*.txt)", "已保存到：": "Saved to: ",
}


def found_messages() -> dict[str, list[str]]:
    """context → sources, as pyside6-lupdate finds them in the files above."""
    return ts_catalog.found_messages(SOURCES, "")


def update(catalog: Path = CATALOG) -> list[tuple[str, str]]:
    """Insert the missing (context, source) pairs; returns what was added."""
    return ts_catalog.insert_missing(catalog, found_messages(), EN)


OWN_CONTEXTS = ("AuditPage", "BackupPanel", "ChangePassphraseDialog", "EscrowResetDialog",
                "KeysPanel", "RecoveryKeyView", "RecoveryPage", "RekeyDialog",
                "RestoreSecretDialog", "SecurityPage", "audit", "backups")


def prune(catalog: Path = CATALOG) -> list[tuple[str, str]]:
    """Drop entries of this tool's contexts that the sources no longer contain (reworded
    strings; RecoveryPage's strings moved to RecoveryKeyView)."""
    import re

    found = found_messages()
    text = catalog.read_text("utf-8")
    removed: list[tuple[str, str]] = []
    for ctx in OWN_CONTEXTS:
        marker = f"    <name>{ctx}</name>\n"
        if marker not in text:
            continue
        start = text.index(marker)
        end = text.index("</context>", start)
        block = text[start:end]
        keep = set(found.get(ctx, []))

        def drop(m: re.Match[str], ctx: str = ctx, keep: set[str] = keep) -> str:
            src = ET.fromstring(m.group(0)).findtext("source") or ""
            if src in keep:
                return m.group(0)
            removed.append((ctx, src))
            return ""

        text = text[:start] + re.sub(r"    <message>\n.*?</message>\n", drop, block,
                                     flags=re.S) + text[end:]
    if removed:
        catalog.write_text(text, "utf-8")
    return removed


if __name__ == "__main__":
    if "--check" in sys.argv:
        have = {(c.findtext("name"), m.findtext("source"))
                for c in ET.parse(CATALOG).getroot().iter("context") for m in c.iter("message")}
        missing = [(c, s) for c, ss in found_messages().items() for s in ss
                   if s not in EN and (c, s) not in have]
        print("\n".join(f"{c}: {s}" for c, s in missing) or "complete")
        sys.exit(1 if missing else 0)
    for ctx, src in update():
        print(f"added {ctx}: {src}")
    for ctx, src in prune():
        print(f"removed {ctx}: {src[:40]}")
    build()
