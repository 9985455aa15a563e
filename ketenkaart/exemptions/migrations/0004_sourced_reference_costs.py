"""The sourced reference-cost catalogue of DOMAIN.md: each figure with its publication, year and
price level, the foster-care allowance by age band. Rows are never changed, so each corrected
item is a new national version; earlier analyses keep pointing at the version they used."""

import datetime
import uuid
from decimal import Decimal

from django.db import migrations

NAMESPACE = uuid.UUID("6b0f2f0e-3c1d-4a55-9e7b-2a1c5d8e9f10")
FOSTER = "Regeling Jeugdwet, pleegvergoeding (jaarlijks vastgesteld door VWS), via denvp.nl"

ITEMS = [
    {
        "key": "leerlingenvervoer",
        "item": "Leerlingenvervoer",
        "unit": "per leerling per jaar",
        "period": "year",
        "amount": Decimal("3978.00"),
        "source": "Oberon, Monitor Leerlingenvervoer, meting 2024 (75.000 leerlingen, € 299 mln)",
        "year": "2023/24",
        "price_level": "2023/24",
        "evidence": "reasonable",
        "note": "",
    },
    {
        "key": "pleegzorgvergoeding",
        "item": "Pleegvergoeding, kind 0 tot en met 8 jaar",
        "unit": "per kind per dag",
        "period": "day",
        "amount": Decimal("19.23"),
        "source": FOSTER,
        "year": "2021",
        "price_level": "2021",
        "evidence": "reasonable",
        "note": "Alleen de vergoeding aan pleegouders, niet de kosten van de aanbieder.",
    },
    {
        "key": "pleegzorgvergoeding-9-11",
        "item": "Pleegvergoeding, kind 9 tot en met 11 jaar",
        "unit": "per kind per dag",
        "period": "day",
        "amount": Decimal("19.49"),
        "source": FOSTER,
        "year": "2021",
        "price_level": "2021",
        "evidence": "reasonable",
        "note": "Alleen de vergoeding aan pleegouders, niet de kosten van de aanbieder.",
    },
    {
        "key": "pleegzorgvergoeding-12-15",
        "item": "Pleegvergoeding, kind 12 tot en met 15 jaar",
        "unit": "per kind per dag",
        "period": "day",
        "amount": Decimal("21.22"),
        "source": FOSTER,
        "year": "2021",
        "price_level": "2021",
        "evidence": "reasonable",
        "note": "Alleen de vergoeding aan pleegouders, niet de kosten van de aanbieder.",
    },
    {
        "key": "pleegzorgvergoeding-16-17",
        "item": "Pleegvergoeding, jongere 16 en 17 jaar",
        "unit": "per kind per dag",
        "period": "day",
        "amount": Decimal("23.43"),
        "source": FOSTER,
        "year": "2021",
        "price_level": "2021",
        "evidence": "reasonable",
        "note": "Alleen de vergoeding aan pleegouders, niet de kosten van de aanbieder.",
    },
    {
        "key": "pleegzorg-toeslag",
        "item": "Toeslag pleegzorg (crisisplaatsing tot 28 dagen en andere)",
        "unit": "per kind per dag",
        "period": "day",
        "amount": Decimal("3.68"),
        "source": "Enver pleegzorg, toeslagen pleegvergoeding (enver-pleegzorg.nl)",
        "year": "2019",
        "price_level": "2019",
        "evidence": "reasonable",
        "note": "",
    },
    {
        "key": "opvangplek",
        "item": "Plek in de maatschappelijke opvang",
        "unit": "per plek per jaar",
        "period": "year",
        "amount": Decimal("15000.00"),
        "low": Decimal("15000.00"),
        "high": Decimal("70000.00"),
        "source": "N. Boesveldt (Vrije Universiteit) in EenVandaag, 23-12-2025",
        "year": "2025",
        "price_level": "2025",
        "evidence": "indicative",
        "note": "Ongeveer € 41 per nacht; met ggz-begeleiding tot € 70.000 per jaar. Indicatief.",
    },
    {
        "key": "huisuitzetting",
        "item": "Huisuitzetting, maatschappelijke kosten",
        "unit": "per huisuitzetting, totaal",
        "period": "once",
        "amount": Decimal("100000.00"),
        "source": "BN DeStem, met cijfers van woningcorporatie Stadlander",
        "year": "2016",
        "price_level": "2016",
        "evidence": "weak",
        "note": "Ongeveer, alle maatschappelijke kosten samen; zwakke bron.",
    },
]


def seed(apps, schema_editor):
    ReferenceCost = apps.get_model("exemptions", "ReferenceCost")
    now = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
    for item in ITEMS:
        latest = (
            ReferenceCost.objects.filter(key=item["key"], municipality__isnull=True)
            .order_by("-version")
            .first()
        )
        if latest is not None and latest.source == item["source"]:
            continue
        ReferenceCost.objects.create(
            id=uuid.uuid5(NAMESPACE, item["key"]),
            version=latest.version + 1 if latest is not None else 1,
            created_at=now,
            **item,
        )


def unseed(apps, schema_editor):
    ReferenceCost = apps.get_model("exemptions", "ReferenceCost")
    ReferenceCost.objects.filter(
        id__in=[uuid.uuid5(NAMESPACE, item["key"]) for item in ITEMS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("exemptions", "0003_cost_item_start_month")]

    operations = [migrations.RunPython(seed, unseed)]
