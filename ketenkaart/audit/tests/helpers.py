"""What an attacker with the database owner's rights does first: lift the insert-only
triggers (the owner may; the runtime role may not, see test_roles.py)."""

from django.db import connection

TABLES = ("audit_accessevent", "audit_sealentry", "audit_sealcheckpoint")


def lift_triggers() -> None:
    with connection.cursor() as cursor:
        for table in TABLES:
            if connection.vendor == "postgresql":
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            else:
                cursor.execute(f"DROP TRIGGER {table}_no_update")
                cursor.execute(f"DROP TRIGGER {table}_no_delete")
