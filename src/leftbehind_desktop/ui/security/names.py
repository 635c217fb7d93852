"""Chinese words for audit actions and record types (source strings marked with
QT_TRANSLATE_NOOP so pyside6-lupdate finds them; English in ``leftbehind_en.ts``)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ...core.forms import FORM_IDS, form
from .. import i18n

ACTIONS: dict[str, object] = {
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
    "sync.duplicate": QT_TRANSLATE_NOOP("audit", "发现疑似重复"),
    "trust.put": QT_TRANSLATE_NOOP("audit", "登记交换密钥"),
    "trust.status": QT_TRANSLATE_NOOP("audit", "更改交换密钥状态"),
    "ledger.export": QT_TRANSLATE_NOOP("audit", "导出台账"),
}

OTHER = QT_TRANSLATE_NOOP("audit", "其他操作")

ENTITIES: dict[str, object] = {
    "store": QT_TRANSLATE_NOOP("audit", "数据库"),
    "setting": QT_TRANSLATE_NOOP("audit", "设置"),
    "unit": QT_TRANSLATE_NOOP("audit", "单位"),
    "package": QT_TRANSLATE_NOOP("audit", "数据包"),
    "ledger": QT_TRANSLATE_NOOP("audit", "台账"),
    "trust_key": QT_TRANSLATE_NOOP("audit", "交换密钥"),
    "key": QT_TRANSLATE_NOOP("audit", "交换密钥"),
}

BREAKS: dict[str, object] = {
    "missing": QT_TRANSLATE_NOOP("audit", "该事件缺失（被删除）"),
    "prev_hash": QT_TRANSLATE_NOOP("audit", "该事件与前一事件的链接不符"),
    "hash": QT_TRANSLATE_NOOP("audit", "该事件的内容被修改"),
    "truncated": QT_TRANSLATE_NOOP("audit", "最新的事件被截去"),
}


def action_text(action: str) -> str:
    """An audit action in words; never its code (``child.view``) on screen."""
    return QCoreApplication.translate("audit", str(ACTIONS.get(action, OTHER)))


def entity_text(entity: str) -> str:
    if entity in FORM_IDS:
        return form(entity).title(i18n.current())
    return QCoreApplication.translate("audit", str(ENTITIES[entity])) if entity in ENTITIES else entity


def break_text(reason: str) -> str:
    return QCoreApplication.translate("audit", str(BREAKS[reason])) if reason in BREAKS else reason


def local_time(at: str) -> str:
    """ISO UTC (``…Z``) → local ``YYYY-MM-DD HH:MM:SS``."""
    try:
        moment = datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return at
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def utc_bound(day: datetime) -> str:
    """A local midnight as the ISO UTC string the audit's ``at`` compares with."""
    return day.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
