"""The seeded catalogue's source read "(zie docs/domain.md)": a path in the repository that
means nothing in the interface (issue 13, copy). Say where the figures come from in words."""

from django.db import migrations

OLD = (
    "Openbare bronnen, verzameld voor Ketenkaart (zie docs/domain.md); "
    "controleer de oorspronkelijke bron"
)
NEW = (
    "Openbare bronnen, verzameld door de makers van Ketenkaart; "
    "controleer de oorspronkelijke bron"
)


def forwards(apps, schema_editor):
    apps.get_model("exemptions", "ReferenceCost").objects.filter(source=OLD).update(source=NEW)


def backwards(apps, schema_editor):
    apps.get_model("exemptions", "ReferenceCost").objects.filter(source=NEW).update(source=OLD)


class Migration(migrations.Migration):
    dependencies = [("exemptions", "0004_sourced_reference_costs")]
    operations = [migrations.RunPython(forwards, backwards)]
