"""Demo break-the-glass: a CJG colleague (no login) opened emergency access to a family
Veilig Thuis works with, so the privacy officer has one access to review. Called by the demo
loader; idempotent (an access in the region is left as it is)."""

from typing import Any

from django.db import transaction

from ketenkaart.access import services
from ketenkaart.access.models import EmergencyAccess
from ketenkaart.households.models import Household


@transaction.atomic
def seed(demo: Any) -> int:
    if EmergencyAccess.objects.filter(household__region=demo.region).exists():
        return 0
    household = (
        Household.objects.filter(
            region=demo.region, involvements__professional=demo.professionals["veiligthuis"]
        )
        .order_by("name")
        .first()
    )
    if household is None:
        return 0
    services.emergency_access_open(
        by=demo.professionals["demo-cjg"],
        household=household,
        reason="Moeder staat met de kinderen aan de balie; het wijkteam is niet bereikbaar.",
        hours=1,
    )
    return 1
