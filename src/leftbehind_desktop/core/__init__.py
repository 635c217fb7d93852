"""Qt-free domain: records, codebooks, validation, rules, units, forms."""
