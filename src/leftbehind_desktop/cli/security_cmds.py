"""Survival commands: backup create|list|verify|restore, rekey, escrow set|reset."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..store import backup
from ..store.store import escrow_reset
from .common import CliError, open_store, print_json, read_passphrase, store_dir


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("backup", help="encrypted backups")
    bsub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    c = bsub.add_parser("create", help="back up now (default: the store's backups/ folder)")
    c.add_argument("--to", type=Path, help="folder to write the backup into (e.g. a USB stick)")
    c.set_defaults(func=cmd_backup_create)
    ls = bsub.add_parser("list", help="automatic backups of this store")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_backup_list)
    v = bsub.add_parser("verify", help="check a backup completely (needs its passphrase)")
    v.add_argument("path", type=Path)
    v.add_argument("--json", action="store_true")
    v.set_defaults(func=cmd_backup_verify)
    r = bsub.add_parser("restore", help="replace the store with a verified backup")
    r.add_argument("path", type=Path)
    r.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    r.set_defaults(func=cmd_backup_restore)

    p = sub.add_parser("rekey", help="suspected key compromise: new data key, new recovery key")
    p.set_defaults(func=cmd_rekey)

    p = sub.add_parser("escrow", help="escrow slot for the street office")
    esub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    s = esub.add_parser("set", help="escrow the data key to the street office's age recipient")
    s.add_argument("--recipient", required=True, help="age1… public key of the street office")
    s.set_defaults(func=cmd_escrow_set)
    rs = esub.add_parser("reset", help="street office: set a new passphrase on a village key file")
    rs.add_argument("--keyslots", type=Path, required=True, help="the village's keyslots.json")
    rs.add_argument("--new-passphrase-file", required=True)
    rs.set_defaults(func=cmd_escrow_reset)


def cmd_backup_create(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        if args.to:
            path = backup.write_backup(store, args.to)
        else:
            path = backup.auto_backup(store, reason="manual")
    print(f"备份完成 / backup written: {path}")
    return 0


def cmd_backup_list(args: argparse.Namespace) -> int:
    paths = backup.list_backups(store_dir(args) / backup.BACKUP_DIR)
    docs = [{"path": str(p), **{k: v for k, v in backup.read_manifest(p).items()
                               if k in ("created_at", "children", "reason")}} for p in paths]
    if args.json:
        print_json(docs)
    else:
        for d in docs:
            print(f"{d['created_at']}\t{d['children']}\t{d['path']}")
    return 0


def cmd_backup_verify(args: argparse.Namespace) -> int:
    info = backup.verify_backup(args.path, passphrase=read_passphrase(args))
    if args.json:
        print_json({"ok": True, "created_at": info.created_at, "unit_code": info.unit_code,
                    "children": info.children, "schema_version": info.schema_version})
    else:
        print(f"备份完好 / backup OK: {info.created_at}, {info.children} 名儿童 / children")
    return 0


def cmd_backup_restore(args: argparse.Namespace) -> int:
    def confirm(info: backup.BackupInfo) -> bool:
        if args.yes:
            return True
        if not sys.stdin.isatty():
            raise CliError("恢复会替换当前数据：请在终端中确认，或加 --yes",
                           "Restoring replaces the current data: confirm in a terminal or add --yes")
        answer = input(f"用 {info.created_at} 的备份（{info.children} 名儿童）替换当前数据？[y/N] ")
        return answer.strip().lower() in ("y", "yes", "是")

    safety = backup.restore_backup(args.path, store_dir(args), passphrase=read_passphrase(args),
                                   confirm=confirm)
    print(f"已恢复；原数据已另存到 / restored; the previous store was kept at: {safety}")
    return 0


def cmd_rekey(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        recovery = store.rekey(read_passphrase(args))
    print("已更换数据密钥。新的恢复密钥（旧恢复密钥已失效，请重新打印保管）/ new recovery key:")
    print(f"    {recovery}")
    return 0


def cmd_escrow_set(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        store.set_escrow(args.recipient)
    print("已设置托管 / escrow slot set")
    return 0


def cmd_escrow_reset(args: argparse.Namespace) -> int:
    try:
        new = Path(args.new_passphrase_file).read_text("utf-8").splitlines()[0]
    except (OSError, IndexError):
        raise CliError("无法读取新密码文件", "Cannot read the new passphrase file") from None
    with open_store(args) as street:
        identity = street.setting("device_age_identity")
        if identity is None:
            raise CliError("本机没有设备密钥", "This installation has no device key")
        escrow_reset(args.keyslots, identity, new)
    print("已为该村设置临时密码，请信息员登录后立即修改 / temporary passphrase set; change it at once")
    return 0
