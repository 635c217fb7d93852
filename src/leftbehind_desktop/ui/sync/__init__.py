"""The 数据交换 screens (GUI of the sync module): enrollment, the quarterly export wizard,
import with the per-record report, conflict and duplicate review, the quarter overview,
the trust list. Every screen calls the same Qt-free functions as ``cli/sync_cmds.py``."""

from .screens import SyncScreens

__all__ = ["SyncScreens"]
