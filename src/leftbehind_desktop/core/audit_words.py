"""The audit chain's actions, record types and chain breaks in words — the one table used by
the child-file PDF (Chinese) and by the UI (translated with ``QCoreApplication.translate``
in the context ``"audit"``; English in ``leftbehind_en.ts``).

Qt-free: :func:`QT_TRANSLATE_NOOP` below is a plain no-op that returns its text. pyside6-lupdate
recognises ``QT_TRANSLATE_NOOP("context", "text")`` calls by their syntax, so the strings
still reach the .ts from here.
"""

from __future__ import annotations


# (named as Qt names it: lupdate looks for exactly this name)
def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context``; returns it unchanged."""
    return text


CONTEXT = "audit"

ACTIONS: dict[str, str] = {
    "record.create": QT_TRANSLATE_NOOP("audit", "新增记录"),
    "record.update": QT_TRANSLATE_NOOP("audit", "修改记录"),
    "record.amend": QT_TRANSLATE_NOOP("audit", "更正（已上报季度）"),
    "record.delete": QT_TRANSLATE_NOOP("audit", "删除记录"),
    "record.demo": QT_TRANSLATE_NOOP("audit", "生成演示数据"),
    "record.import": QT_TRANSLATE_NOOP("audit", "导入记录"),
    "record.merge": QT_TRANSLATE_NOOP("audit", "合并记录"),
    "child.view": QT_TRANSLATE_NOOP("audit", "查看档案"),
    "child.print": QT_TRANSLATE_NOOP("audit", "打印/导出档案"),
    "store.init": QT_TRANSLATE_NOOP("audit", "创建数据库"),
    "store.passwd": QT_TRANSLATE_NOOP("audit", "修改密码"),
    "store.rekey": QT_TRANSLATE_NOOP("audit", "更换数据密钥"),
    "store.escrow": QT_TRANSLATE_NOOP("audit", "设置托管"),
    "store.backup": QT_TRANSLATE_NOOP("audit", "备份"),
    "setting.set": QT_TRANSLATE_NOOP("audit", "修改设置"),
    "unit.set": QT_TRANSLATE_NOOP("audit", "登记单位"),
    "sync.export": QT_TRANSLATE_NOOP("audit", "导出数据包"),
    "sync.import": QT_TRANSLATE_NOOP("audit", "导入数据包"),
    "sync.review": QT_TRANSLATE_NOOP("audit", "审核下级数据"),
    "sync.review.pass": QT_TRANSLATE_NOOP("audit", "审核通过"),
    "sync.review.return": QT_TRANSLATE_NOOP("audit", "审核退回"),
    "sync.review.confirm": QT_TRANSLATE_NOOP("audit", "确认无变化"),
    "sync.review.reopen": QT_TRANSLATE_NOOP("audit", "撤销审核通过"),
    "sync.review.answered": QT_TRANSLATE_NOOP("audit", "退回已答复"),
    "sync.review.answer": QT_TRANSLATE_NOOP("audit", "答复街道退回"),
    "sync.receipt.make": QT_TRANSLATE_NOOP("audit", "生成回执"),
    "sync.receipt.save": QT_TRANSLATE_NOOP("audit", "写出回执"),
    "sync.receipt.import": QT_TRANSLATE_NOOP("audit", "导入回执"),
    "sync.receipt.ack": QT_TRANSLATE_NOOP("audit", "下级确认收到回执"),
    "sync.duplicate": QT_TRANSLATE_NOOP("audit", "发现疑似重复"),
    "sync.duplicate.resolve": QT_TRANSLATE_NOOP("audit", "处理疑似重复"),
    "sync.conflict.resolve": QT_TRANSLATE_NOOP("audit", "处理冲突"),
    "sync.enroll.approve": QT_TRANSLATE_NOOP("audit", "批准设备登记"),
    "sync.enroll.accept": QT_TRANSLATE_NOOP("audit", "接受设备登记"),
    "sync.key.rotate": QT_TRANSLATE_NOOP("audit", "更换本机密钥"),
    "sync.trust.update": QT_TRANSLATE_NOOP("audit", "更新交换密钥名单"),
    "trust.put": QT_TRANSLATE_NOOP("audit", "登记交换密钥"),
    "trust.status": QT_TRANSLATE_NOOP("audit", "更改交换密钥状态"),
    "ledger.export": QT_TRANSLATE_NOOP("audit", "导出台账"),
    "report.export": QT_TRANSLATE_NOOP("audit", "导出分析报告"),
    "unit.import": QT_TRANSLATE_NOOP("audit", "导入单位"),
    "import.table": QT_TRANSLATE_NOOP("audit", "从表格导入"),
}

OTHER = QT_TRANSLATE_NOOP("audit", "其他操作")

ENTITIES: dict[str, str] = {
    "store": QT_TRANSLATE_NOOP("audit", "数据库"),
    "setting": QT_TRANSLATE_NOOP("audit", "设置"),
    "unit": QT_TRANSLATE_NOOP("audit", "单位"),
    "package": QT_TRANSLATE_NOOP("audit", "数据包"),
    "review_item": QT_TRANSLATE_NOOP("audit", "审核条目"),
    "ledger": QT_TRANSLATE_NOOP("audit", "台账"),
    "trust_key": QT_TRANSLATE_NOOP("audit", "交换密钥"),
    "key": QT_TRANSLATE_NOOP("audit", "交换密钥"),
    "device": QT_TRANSLATE_NOOP("audit", "本机"),
    "table": QT_TRANSLATE_NOOP("audit", "导入的表格"),
}

BREAKS: dict[str, str] = {
    "missing": QT_TRANSLATE_NOOP("audit", "该事件缺失（被删除）"),
    "prev_hash": QT_TRANSLATE_NOOP("audit", "该事件与前一事件的链接不符"),
    "hash": QT_TRANSLATE_NOOP("audit", "该事件的内容被修改"),
    "truncated": QT_TRANSLATE_NOOP("audit", "最新的事件被截去"),
}


def action_words(action: object) -> str:
    """An audit action in Chinese words; never its code (``child.view``): an action not in
    the table is 其他操作."""
    return ACTIONS.get(str(action), OTHER)
