"""From per-family hash chains with stream heads to keyed row hashes, one global seal chain
and keyed checkpoints (issue 10). Runs as the migration role, which owns the tables: it lifts
the insert-only triggers for the one conversion of existing rows (each gets its id and keyed
hash) and puts them back, also on the new tables. Run `ketenkaart audit verify` with the
previous release before upgrading, and `ketenkaart audit seal` after."""

import uuid

from django.db import migrations, models

TABLES = ("audit_accessevent", "audit_sealentry", "audit_sealcheckpoint")


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in ("audit_accessevent", "audit_checkpoint"):
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_insert_only ON {table}")
        elif vendor == "sqlite":
            for verb in ("update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")


def add_triggers(apps, schema_editor):
    from ketenkaart.audit.triggers import add_insert_only_triggers

    for table in TABLES:
        add_insert_only_triggers(schema_editor, table)


def key_existing_rows(apps, schema_editor):
    from ketenkaart.audit.keyed import event_mac, normalise_address

    AccessEvent = apps.get_model("audit", "AccessEvent")
    for event in AccessEvent.objects.filter(uid__isnull=True).iterator(chunk_size=2000):
        event.uid = uuid.uuid4()
        event.client_address = normalise_address(event.client_address)
        event.mac = event_mac(event)
        event.save(update_fields=["uid", "client_address", "mac"])


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_insert_only_triggers")]

    operations = [
        migrations.RunPython(drop_triggers, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="accessevent", name="accessevent_stream_seq"),
        migrations.RemoveField(model_name="accessevent", name="stream"),
        migrations.RemoveField(model_name="accessevent", name="seq"),
        migrations.RemoveField(model_name="accessevent", name="prev_hash"),
        migrations.RemoveField(model_name="accessevent", name="hash"),
        migrations.DeleteModel(name="StreamHead"),
        migrations.DeleteModel(name="Checkpoint"),
        migrations.AddField(
            model_name="accessevent", name="uid", field=models.UUIDField(null=True)
        ),
        migrations.AddField(
            model_name="accessevent",
            name="grant",
            field=models.CharField(blank=True, default="", max_length=60),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="accessevent", name="emergency", field=models.BooleanField(default=False)
        ),
        migrations.AddField(
            model_name="accessevent",
            name="traceparent",
            field=models.CharField(blank=True, default="", max_length=55),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="accessevent",
            name="mac",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="accessevent",
            name="occurred_at",
            field=models.DateTimeField(db_index=True),
        ),
        migrations.RunPython(key_existing_rows, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="accessevent",
            name="uid",
            field=models.UUIDField(default=uuid.uuid4, unique=True),
        ),
        migrations.CreateModel(
            name="SealEntry",
            fields=[
                ("position", models.PositiveBigIntegerField(primary_key=True, serialize=False)),
                ("event_id", models.BigIntegerField(unique=True)),
                ("row_mac", models.CharField(max_length=64)),
                ("chain", models.CharField(max_length=64)),
                ("sealed_at", models.DateTimeField()),
            ],
        ),
        migrations.CreateModel(
            name="SealCheckpoint",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField()),
                ("position", models.PositiveBigIntegerField()),
                ("chain", models.CharField(max_length=64)),
                ("mac", models.CharField(max_length=64)),
            ],
        ),
        migrations.RunPython(add_triggers, migrations.RunPython.noop),
    ]
