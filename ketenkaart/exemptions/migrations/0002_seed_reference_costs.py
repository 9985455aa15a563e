"""Seed the national reference-cost catalogue with the figures of DOMAIN.md, each with its
source, year, price level and strength of evidence. Residential youth care and OTS tariffs are
unverified and left to each municipality's own figures."""

import datetime
import uuid
from decimal import Decimal

from django.db import migrations

SOURCE = "Openbare bronnen, verzameld voor Ketenkaart (zie docs/domain.md); controleer de oorspronkelijke bron"
NAMESPACE = uuid.UUID("1d7f0c52-5a5e-4b0e-9a0e-3f8f6c7e2b11")

ITEMS = [
    {
        "key": "leerlingenvervoer",
        "item": "Leerlingenvervoer",
        "unit": "per leerling per jaar",
        "period": "year",
        "amount": Decimal("3978.00"),
        "year": "2023/24",
        "price_level": "2023/24",
        "evidence": "reasonable",
        "note": "",
    },
    {
        "key": "pleegzorgvergoeding",
        "item": "Pleegzorgvergoeding",
        "unit": "per kind per dag",
        "period": "day",
        "amount": Decimal("21.50"),
        "low": Decimal("19.00"),
        "high": Decimal("24.00"),
        "year": "2021",
        "price_level": "2021",
        "evidence": "reasonable",
        "note": "Alleen de vergoeding aan pleegouders (€19–24 per dag), zonder begeleiding.",
    },
    {
        "key": "opvangplek",
        "item": "Plek in de maatschappelijke opvang",
        "unit": "per plek per jaar",
        "period": "year",
        "amount": Decimal("15000.00"),
        "year": "",
        "price_level": "",
        "evidence": "indicative",
        "note": "Ongeveer; indicatief bedrag.",
    },
    {
        "key": "huisuitzetting",
        "item": "Huisuitzetting, maatschappelijke kosten",
        "unit": "per huisuitzetting, totaal",
        "period": "once",
        "amount": Decimal("100000.00"),
        "year": "",
        "price_level": "",
        "evidence": "weak",
        "note": "Ongeveer, alle maatschappelijke kosten samen; zwakke bron.",
    },
]


def seed(apps, schema_editor):
    ReferenceCost = apps.get_model("exemptions", "ReferenceCost")
    now = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    for item in ITEMS:
        if ReferenceCost.objects.filter(key=item["key"], municipality__isnull=True).exists():
            continue
        ReferenceCost.objects.create(
            id=uuid.uuid5(NAMESPACE, item["key"]),
            version=1,
            source=SOURCE,
            created_at=now,
            **item,
        )


def unseed(apps, schema_editor):
    ReferenceCost = apps.get_model("exemptions", "ReferenceCost")
    ReferenceCost.objects.filter(
        id__in=[uuid.uuid5(NAMESPACE, item["key"]) for item in ITEMS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("exemptions", "0001_exemption_table_requests_and_costs")]

    operations = [migrations.RunPython(seed, unseed)]
