"""The families a list or search page showed (issue 10: "lists record the families they
showed"). SQLite rebuilds the table for a new column, which drops its insert-only triggers:
they are lifted first and put back after, as in 0003. Existing rows keep their keyed hash (an
empty list is left out of what the hash covers, see keyed.canonical)."""

from django.db import migrations, models


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for verb in ("update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS audit_accessevent_no_{verb}")


def add_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        from ketenkaart.audit.triggers import add_insert_only_triggers

        add_insert_only_triggers(schema_editor, "audit_accessevent")


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_accessevent_monthly_partitions")]

    operations = [
        migrations.RunPython(drop_triggers, migrations.RunPython.noop),
        migrations.AddField(
            model_name="accessevent",
            name="household_ids",
            field=models.JSONField(default=list),
        ),
        migrations.RunPython(add_triggers, migrations.RunPython.noop),
    ]
