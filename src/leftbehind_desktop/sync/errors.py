"""Why a package, enrollment file or trust update is refused: one clear sentence each
(what is wrong, what to do), Chinese first, English second."""

from __future__ import annotations

from typing import Any

from ..core.messages import UserError

REJECT: dict[str, tuple[str, str]] = {
    "not_a_file": ("无法读取文件：{detail}。请确认文件路径正确",
                   "Cannot read the file: {detail}. Check the path"),
    "too_large": ("文件过大（超过{limit}），不是有效的数据包，请向发送单位核实",
                  "The file is too large (over {limit}) to be a valid package; check with the sender"),
    "not_a_zip": ("文件已损坏或被截断，不是有效的数据包（.lbpkg）。请让发送单位重新导出并重新拷贝",
                  "The file is damaged or truncated, not a valid package (.lbpkg). Ask the sender "
                  "to export and copy it again"),
    "bad_member_name": ("数据包含有不安全的文件名“{name}”（绝对路径或“..”），已拒绝。该文件可能被篡改，请勿使用",
                        "The package contains an unsafe member name \u201c{name}\u201d (absolute "
                        "or \u201c..\u201d); refused. The file may have been tampered with"),
    "duplicate_member": ("数据包中文件“{name}”出现了不止一次，已拒绝。该文件可能被篡改，请让发送单位重新导出",
                         "The package holds \u201c{name}\u201d more than once; refused. It may have "
                         "been tampered with; ask the sender to export again"),
    "extra_member": ("数据包含有规定之外的文件“{name}”，已拒绝。请让发送单位用本软件重新导出",
                     "The package contains an unexpected member \u201c{name}\u201d; refused. Ask "
                     "the sender to export again with this software"),
    "missing_member": ("数据包缺少“{name}”，文件不完整。请让发送单位重新导出并重新拷贝",
                       "The package lacks \u201c{name}\u201d; it is incomplete. Ask the sender to "
                       "export and copy it again"),
    "compressed_member": ("数据包中的“{name}”被压缩过（规定为不压缩存储），已拒绝，以防“压缩炸弹”。"
                          "请让发送单位用本软件重新导出",
                          "\u201c{name}\u201d in the package is compressed (members must be "
                          "stored); refused as a possible decompression bomb. Ask the sender "
                          "to export again"),
    "member_too_large": ("数据包中的“{name}”比声明的大（{actual} > {declared} 字节），已拒绝。该文件可能被篡改",
                         "\u201c{name}\u201d is larger than declared ({actual} > {declared} "
                         "bytes); refused. The file may have been tampered with"),
    "bad_manifest": ("数据包的清单（manifest.json）无效：{detail}。请让发送单位重新导出",
                     "The package manifest (manifest.json) is invalid: {detail}. Ask the "
                     "sender to export again"),
    "future_format": ("数据包格式版本为{found}，本软件只支持到{supported}。请先升级本软件再导入",
                      "The package format version is {found}; this software supports up to "
                      "{supported}. Upgrade the software, then import again"),
    "outside_area": ("发送单位{unit}不属于本单位（{own}）的管辖范围，数据包已拒绝。请确认数据包是否发错了单位",
                     "The sender {unit} is not within this office's area ({own}); refused. "
                     "Check whether the package was sent to the wrong office"),
    "bad_signature": ("数据包签名无效：清单或签名已被修改或损坏，已拒绝。请让发送单位重新导出并重新拷贝",
                      "The package signature is invalid: the manifest or signature was changed "
                      "or damaged; refused. Ask the sender to export and copy it again"),
    "unknown_key": ("数据包由未登记的设备密钥（{key_id}）签名，已拒绝。请先完成该设备的登记（enroll）",
                    "The package is signed by an unenrolled device key ({key_id}); refused. "
                    "Enroll that device first"),
    "revoked_key": ("数据包由已吊销的设备密钥（{key_id}）签名，已拒绝。如设备已更换，请重新登记新设备",
                    "The package is signed by a revoked device key ({key_id}); refused. If the "
                    "device was replaced, enroll the new one"),
    "other_unit_key": ("签名密钥（{key_id}）登记在{key_unit}名下，而数据包声称来自{unit}，已拒绝",
                       "The signing key ({key_id}) is enrolled for {key_unit}, but the package "
                       "claims to come from {unit}; refused"),
    "already_imported": ("该数据包（{package_id}）已于{when}导入过，本次未做任何修改",
                         "This package ({package_id}) was already imported on {when}; nothing "
                         "was changed"),
    "rollback": ("该数据包的序号为{sequence}，早于已导入的序号{last}（旧数据包），已拒绝。请导入最新的数据包",
                 "This package has sequence {sequence}, older than the already imported {last} "
                 "(an old package); refused. Import the newest package"),
    "broken_chain": ("数据包序号{sequence}与上一个数据包不衔接（前一包哈希不符），已拒绝。请向发送单位核实",
                     "Package {sequence} does not follow the previous package (previous hash "
                     "differs); refused. Check with the sender"),
    "wrong_recipient": ("该数据包是发给{recipient}的，不是发给本单位（{own}）的，已拒绝",
                        "This package is addressed to {recipient}, not to this office ({own}); "
                        "refused"),
    "wrong_kind": ("该数据包类型（{kind}）不能由本单位导入", "This office cannot import a {kind} package"),
    "payload_hash": ("数据内容（payload.age）与签名的清单不符（哈希或大小不同），文件已损坏或被篡改，"
                     "已拒绝。请重新拷贝",
                     "The payload (payload.age) does not match the signed manifest (hash or "
                     "size differ); the file is damaged or was tampered with. Copy it again"),
    "decrypt_failed": ("无法解密数据内容：它不是加密给本设备的。请确认发送单位使用的是本单位最新的登记信息",
                       "The payload cannot be decrypted: it is not encrypted to this device. "
                       "Check that the sender has this office's current enrollment"),
    "payload_damaged": ("数据内容无法解密：加密数据不完整或已损坏（与签名的清单一致，说明发送单位导出时出错），已拒绝。"
                        "请让发送单位重新导出",
                        "The payload cannot be decrypted: the encrypted data is incomplete or "
                        "damaged (it matches the signed manifest, so the sender's export went "
                        "wrong); refused. Ask the sender to export again"),
    "bad_payload": ("数据内容格式错误：{detail}。请让发送单位重新导出",
                    "The payload is malformed: {detail}. Ask the sender to export again"),
    "bomb": ("数据内容解压后远大于声明的大小（疑似“压缩炸弹”），已拒绝",
             "The payload expands far beyond its declared size (a decompression bomb); refused"),
    "bad_line": ("{member}第{line}行不是有效的数据记录：{detail}。请让发送单位重新导出",
                 "{member} line {line} is not a valid record: {detail}. Ask the sender to "
                 "export again"),
    "count_mismatch": ("数据内容的记录数与清单不符（{kind}：清单{declared}条，实际{actual}条），已拒绝",
                       "Record counts differ from the manifest ({kind}: {declared} declared, "
                       "{actual} found); refused"),
    "invalid_records": ("{count}条记录未通过校验，整个数据包未导入（见报告）。请发送单位修正后重新导出",
                        "{count} records failed validation; nothing was imported (see the "
                        "report). Ask the sender to correct them and export again"),
    "record_outside": ("记录 {record}（{kind}）属于{unit}，不在发送单位{sender}的范围内，"
                       "整个数据包未导入，未做任何修改。请向发送单位核实",
                       "Record {record} ({kind_en}) belongs to {unit}, outside the sender "
                       "{sender}; the package was not imported and nothing was changed. Check "
                       "with the sender"),
    "restore_outside": ("恢复数据包中的记录 {record}（{kind}）属于{unit}，不是本单位{own}的记录"
                        "（恢复数据包只能带本单位的记录），整个数据包未导入，未做任何修改。"
                        "请向{sender}核实",
                        "Record {record} ({kind_en}) of the restore package belongs to {unit}, "
                        "not to this office {own} (a restore package may carry only this "
                        "office's records); the package was not imported and nothing was "
                        "changed. Check with {sender}"),
    "owned_elsewhere": ("记录 {record}（{kind}）属于{owner}，不在发送单位{sender}的范围内"
                        "（数据包把它记在{unit}名下），整个数据包未导入，未做任何修改。"
                        "一个单位只能修改本单位范围内的记录，请向发送单位核实",
                        "Record {record} ({kind_en}) belongs to {owner}, outside the sender "
                        "{sender} (the package files it under {unit}); the package was not "
                        "imported and nothing was changed. A unit may change only records of "
                        "its own area; check with the sender"),
    "audit_broken": ("随包附带的审计链在第{seq}条断开（{reason}），数据可能被篡改，已拒绝",
                     "The audit chain in the package breaks at event {seq} ({reason}); the data "
                     "may have been tampered with; refused"),
    "audit_missing": ("数据包没有附带发送单位的审计记录，而此前收到的数据包带有（已到第{seq}条），"
                      "历史记录可能被删除，已拒绝。请向发送单位核实",
                      "The package carries no audit history although earlier packages from "
                      "this unit did (up to event {seq}); the history may have been removed; "
                      "refused. Check with the sender"),
    "audit_truncated": ("数据包附带的审计记录只有{count}条，比此前收到的（{seq}条）还短，"
                        "历史记录可能被截断，已拒绝。请向发送单位核实",
                        "The package's audit history holds {count} events, fewer than the "
                        "{seq} received before; the history may have been cut short; refused. "
                        "Check with the sender"),
    "bad_document": ("文件不是有效的{what}：{detail}", "The file is not a valid {what}: {detail}"),
    "fingerprint_mismatch": ("指纹不一致，未批准。请与对方电话核对指纹后重试",
                             "The fingerprints differ; not approved. Compare them by phone and retry"),
    "not_enrolled": ("本设备尚未登记到上级单位，请先完成登记（enroll request / accept）",
                     "This device is not enrolled with a parent office yet; enroll first"),
    "no_recipient": ("找不到{unit}的有效登记设备，无法为其加密。请先完成登记",
                     "No enrolled active device for {unit}; cannot encrypt to it. Enroll first"),
    "wrong_level": ("{unit}不是本单位的下一级单位，不能在此登记",
                    "{unit} is not a unit directly below this office; it cannot enroll here"),
    "not_for_me": ("该登记回复是发给另一台设备（{device}）的，不能在本设备导入",
                   "This enrollment response is for another device ({device})"),
    "ledger_failed": ("无法生成随包的信息台账（{detail}），数据包未导出。请修正后重试",
                      "The ledger that goes with the package cannot be made ({detail}); the "
                      "package was not exported. Correct it and retry"),
    "bad_period": ("期间“{period}”无效，格式如 2026Q4", "Invalid period \u201c{period}\u201d; use e.g. 2026Q4"),
    "bad_receipt": ("回执内容无效：{detail}。请让上级单位重新生成回执",
                    "The receipt is invalid: {detail}. Ask the parent office for a new receipt"),
    "receipt_unknown_package": ("这份回执答复的{period}数据包不是本单位发给{sender}的，未导入，未做任何修改。"
                                "请确认回执是否发错了单位",
                                "This receipt answers a {period} package that this office did "
                                "not send to {sender}; not imported, nothing changed. Check "
                                "whether it was meant for another office"),
    "receipt_failed": ("无法生成给发送单位的回执（{detail}）。导入结果不受影响",
                       "The receipt for the sender could not be made ({detail_en}). The "
                       "import stands"),
    "receipt_write": ("无法把回执写到 {path}（{detail}），例如U盘只读或已满。导入结果不受影响，"
                      "回执已保存在本机，可在“季度总览”中另存",
                      "Cannot write the receipt to {path} ({detail}), e.g. a read-only or full "
                      "USB stick. The import stands; the receipt is kept here and can be saved "
                      "from the quarter overview"),
    "no_returns": ("{unit}在{quarter}没有退回修改的记录，无需生成退回修改文件",
                   "{unit} has no items returned for correction in {quarter}; there is no "
                   "returns file to make"),
    "stale_update": ("该信任列表更新（序号{serial}）不比已导入的（{last}）新，未做修改",
                     "This trust-list update (serial {serial}) is not newer than the one "
                     "imported ({last}); nothing changed"),
}


class SyncError(UserError):
    """A refused package or document. ``code`` names the reason (see :data:`REJECT`)."""

    def __init__(self, code: str, **params: Any):
        zh, en = REJECT[code]
        try:
            zh_text, en_text = zh.format(**params), en.format(**params)
        except (KeyError, IndexError):
            zh_text, en_text = zh, en
        super().__init__(code, zh_text, en_text)
        self.params = params
