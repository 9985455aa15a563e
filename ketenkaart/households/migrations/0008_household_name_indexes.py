"""The privacy officer's list of a region's families (issue 17): by name through an index, and
on PostgreSQL the name search in a region (Django's icontains, UPPER(name) LIKE UPPER('%…%'))
through one GIN index of the region and the name's trigrams, so neither reads every family of
the region. pg_trgm and btree_gin are trusted extensions (PostgreSQL 13 and later): the
database's owner creates them (docs/operations.md)."""

from django.contrib.postgres.operations import BtreeGinExtension, TrigramExtension
from django.db import migrations, models

TRIGRAM_INDEX = "household_name_trigram"


def add_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {TRIGRAM_INDEX} ON households_household "
            "USING gin (region_id, (UPPER(name::text)) gin_trgm_ops)"
        )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("households", "0007_handover_offer_leaves_on_acceptance"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="household",
            index=models.Index(fields=["region", "name", "id"], name="household_region_name"),
        ),
        TrigramExtension(),
        BtreeGinExtension(),
        migrations.RunPython(add_trigram_index, drop_trigram_index),
    ]
