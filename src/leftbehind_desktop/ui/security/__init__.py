"""数据安全 in the desktop app: the audit viewer, backups and restore, passphrase and keys
(change, rekey, escrow, escrow reset for the street office)."""
