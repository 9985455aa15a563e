"""The insert-only triggers, shared by the audit migrations."""


def add_insert_only_triggers(schema_editor, table: str) -> None:
    """UPDATE, DELETE (and on PostgreSQL TRUNCATE) refused by the database itself. Only the
    owner of the table could lift them; the runtime role has no right to (see grants.py)."""
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
        schema_editor.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse();"
        )
    elif vendor == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'the audit log is insert-only'); END;"
            )
