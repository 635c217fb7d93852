"""The only code that touches SQL: SQLCipher connection, key slots, migrations, repositories,
audit chain and search."""
