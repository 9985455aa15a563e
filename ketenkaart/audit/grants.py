"""The runtime role's rights on PostgreSQL, set after every `migrate` (as the migration role,
which owns the schema): everything it needs on the application's tables, but on the audit
tables only INSERT and SELECT. Without UPDATE, DELETE, TRUNCATE or ownership it can neither
change a row nor lift a trigger (`ALTER TABLE … DISABLE TRIGGER` needs the owner)."""

from django.conf import settings
from django.db import connections

AUDIT_TABLES = ("audit_accessevent", "audit_sealentry", "audit_sealcheckpoint")


def grant_runtime_role(sender, using="default", **kwargs) -> None:
    role = settings.KETENKAART_AUDIT["RUNTIME_ROLE"]
    connection = connections[using]
    if not role or connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    tables = [quote(t) for t in connection.introspection.table_names()]
    audit = [quote(t) for t in AUDIT_TABLES if quote(t) in tables]
    other = [t for t in tables if t not in audit]
    with connection.cursor() as cursor:
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {quote(role)}")
        if other:
            cursor.execute(
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(other)} TO {quote(role)}"
            )
        cursor.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quote(role)}")
        if audit:
            names = ", ".join(audit)
            cursor.execute(f"REVOKE ALL ON {names} FROM PUBLIC")
            cursor.execute(f"REVOKE ALL ON {names} FROM {quote(role)}")
            cursor.execute(f"GRANT SELECT, INSERT ON {names} TO {quote(role)}")
