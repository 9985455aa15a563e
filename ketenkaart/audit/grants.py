"""The runtime role's rights on PostgreSQL, set after every `migrate` (as the migration role,
which owns the schema): everything it needs on the application's tables, but on the audit
tables only INSERT and SELECT. Without UPDATE, DELETE, TRUNCATE or ownership it can neither
change a row nor lift a trigger (`ALTER TABLE … DISABLE TRIGGER` needs the owner)."""

from typing import Any

from django.conf import settings
from django.db import connections

AUDIT_TABLES = (
    "audit_accessevent",
    "audit_sealentry",
    "audit_sealcheckpoint",
    "audit_sealprune",
)


def grant_runtime_role(sender: object, using: str = "default", **kwargs: Any) -> None:
    role: str = settings.KETENKAART_AUDIT["RUNTIME_ROLE"]

    connection = connections[using]
    if not role or connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    # Every audit table, with the monthly partitions of audit_accessevent (which get no
    # rights at all: the runtime role reaches them only through the partitioned table).
    names = connection.introspection.table_names()
    audit = [quote(t) for t in names if t.startswith("audit_")]
    other = [quote(t) for t in names if not t.startswith("audit_")]
    with connection.cursor() as cursor:
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {quote(role)}")
        if other:
            cursor.execute(
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(other)} TO {quote(role)}"
            )
        cursor.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quote(role)}")
        if audit:
            listed = ", ".join(audit)
            cursor.execute(f"REVOKE ALL ON {listed} FROM PUBLIC")
            cursor.execute(f"REVOKE ALL ON {listed} FROM {quote(role)}")
            granted = ", ".join(quote(t) for t in AUDIT_TABLES if t in names)
            cursor.execute(f"GRANT SELECT, INSERT ON {granted} TO {quote(role)}")
