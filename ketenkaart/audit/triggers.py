"""The insert-only triggers, shared by the audit migrations."""

from typing import Any, Protocol

from django.db.backends.base.base import BaseDatabaseWrapper


class SchemaExecutor(Protocol):
    """What is used of a schema editor: its connection and `execute` (prune.py passes a
    cursor's)."""

    connection: BaseDatabaseWrapper

    def execute(self, sql: str, params: Any = ...) -> Any: ...


def add_insert_only_triggers(schema_editor: SchemaExecutor, table: str) -> None:
    """UPDATE and DELETE refused by the database itself. Only the owner of the table could
    lift them; the runtime role has no right to, nor to TRUNCATE (see grants.py). (No TRUNCATE
    trigger: the test suite's flush truncates, and the owner could lift it all the same.)"""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            "CREATE OR REPLACE FUNCTION audit_refuse() RETURNS trigger AS $$ BEGIN "
            "RAISE EXCEPTION 'the audit log is insert-only'; END; $$ LANGUAGE plpgsql;"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {table}_insert_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION audit_refuse();"
        )
    elif vendor == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'the audit log is insert-only'); END;"
            )
