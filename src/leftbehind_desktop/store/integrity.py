"""``leftbehind check``: database integrity, audit chain and a rule report."""

from __future__ import annotations

from typing import Any

from .audit import verify_chain
from .registry import Registry


def integrity_report(reg: Registry) -> dict[str, Any]:
    conn = reg.conn
    integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    cipher = [r[0] for r in conn.execute("PRAGMA cipher_integrity_check")]
    chain = verify_chain(conn)
    wb = reg.workbench()
    overdue = sum(1 for d in wb.due if d.status == "overdue")
    ok = integrity == ["ok"] and not cipher and chain.ok
    lines = [
        f"数据库完整性 / integrity_check: {'正常 ok' if integrity == ['ok'] else integrity[:3]}",
        f"加密页校验 / cipher_integrity_check: {'正常 ok' if not cipher else cipher[:3]}",
        f"审计链 / audit chain: {'完整 intact' if chain.ok else '断裂 broken'} ({chain.events})",
        f"在册儿童 / active children: {wb.active_children}",
        f"本月待走访 / visits due: {len(wb.due) - overdue}，逾期 / overdue: {overdue}",
        f"重点对象 / priority cases: {len(wb.priority)}",
        f"未结强制报告 / open mandatory reports: {len(wb.open_reports)}",
        f"缺少有效委托监护 / without valid entrustment: {len(wb.needs_entrustment)}",
        f"建议退出 / proposed exits: {len(wb.exit_proposals)}",
        f"待入户核实 / home visits to verify: {len(wb.verify_at_home)}",
        f"失学辍学 / out of school: {len(wb.out_of_school)}",
        f"强制报告后待评估 / reports awaiting assessment: {len(wb.awaiting_assessment)}",
        f"考虑申请撤销监护人资格 / guardianship to consider revoking: {len(wb.revocation)}",
    ]
    return {"ok": ok, "integrity": integrity, "cipher_integrity": cipher,
            "audit": {"ok": chain.ok, "events": chain.events, "broken_at": chain.broken_at},
            "active_children": wb.active_children, "visits_due": len(wb.due) - overdue,
            "visits_overdue": overdue, "priority_cases": len(wb.priority),
            "open_reports": len(wb.open_reports),
            "needs_entrustment": len(wb.needs_entrustment),
            "exit_proposals": len(wb.exit_proposals),
            "verify_at_home": len(wb.verify_at_home), "out_of_school": len(wb.out_of_school),
            "awaiting_assessment": len(wb.awaiting_assessment),
            "revocation": len(wb.revocation), "lines": lines}
