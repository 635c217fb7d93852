"""Audit actions, record types and chain breaks as the UI shows them: the one table of
words in :mod:`core.audit_words`, translated in the context ``"audit"`` (English in
``leftbehind_en.ts``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...core.audit_words import BREAKS, CONTEXT, ENTITIES, action_words
from ...core.forms import FORM_IDS, form
from .. import i18n


def action_text(action: str) -> str:
    """An audit action in words; never its code (``child.view``) on screen."""
    return QCoreApplication.translate(CONTEXT, action_words(action))


def entity_text(entity: str) -> str:
    if entity in FORM_IDS:
        return form(entity).title(i18n.current())
    return QCoreApplication.translate(CONTEXT, ENTITIES[entity]) if entity in ENTITIES else entity


def break_text(reason: str) -> str:
    return QCoreApplication.translate(CONTEXT, BREAKS[reason]) if reason in BREAKS else reason
