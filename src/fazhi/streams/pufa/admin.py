# 普法 records are kept on the ledger pages (fazhi.core.ledger_views), not in the admin.
