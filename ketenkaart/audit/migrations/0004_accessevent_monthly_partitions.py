"""On PostgreSQL: the audit table becomes a table partitioned by month of `occurred_at`
(rows copied once, as the migration role). Primary key and uid uniqueness include the
partition key, as PostgreSQL requires; ids come from the same kind of sequence as before.
SQLite is left as it is."""


from django.db import migrations

TABLE = "audit_accessevent"


def partition(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from ketenkaart.audit.partitions import ensure_months
    from ketenkaart.audit.triggers import add_insert_only_triggers

    run = schema_editor.execute
    run(f"DROP TRIGGER IF EXISTS {TABLE}_insert_only ON {TABLE}")
    run(f"ALTER TABLE {TABLE} RENAME TO {TABLE}_unpartitioned")
    run(f"ALTER TABLE {TABLE}_unpartitioned ALTER COLUMN id DROP IDENTITY IF EXISTS")
    run(
        f"CREATE TABLE {TABLE} (LIKE {TABLE}_unpartitioned INCLUDING DEFAULTS) "
        "PARTITION BY RANGE (occurred_at)"
    )
    run(f"CREATE SEQUENCE {TABLE}_id_seq OWNED BY {TABLE}.id")
    run(f"ALTER TABLE {TABLE} ALTER COLUMN id SET DEFAULT nextval('{TABLE}_id_seq')")
    run(f"CREATE TABLE {TABLE}_default PARTITION OF {TABLE} DEFAULT")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT min(occurred_at), max(id) FROM {TABLE}_unpartitioned")  # noqa: S608
        first, highest = cursor.fetchone()
    ensure_months(first.date() if first else None, using_connection=connection)
    run(f"INSERT INTO {TABLE} SELECT * FROM {TABLE}_unpartitioned")  # noqa: S608
    run(f"DROP TABLE {TABLE}_unpartitioned")
    if highest:
        run(f"SELECT setval('{TABLE}_id_seq', {int(highest)})")
    run(f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY (id, occurred_at)")
    run(f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_uid_key UNIQUE (uid, occurred_at)")
    run(f"CREATE INDEX accessevent_household ON {TABLE} (household_id, occurred_at DESC)")
    run(f"CREATE INDEX accessevent_actor ON {TABLE} (actor_user_id, occurred_at DESC)")
    run(f"CREATE INDEX {TABLE}_occurred_at_3fa75ccb ON {TABLE} (occurred_at)")
    add_insert_only_triggers(schema_editor, TABLE)


class Migration(migrations.Migration):
    atomic = True
    dependencies = [("audit", "0003_sealed_log_keyed_hashes")]

    operations = [migrations.RunPython(partition, migrations.RunPython.noop)]


