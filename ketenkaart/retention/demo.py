"""Demo legal hold: the regisseur blocks destruction of her first family's dossier while a
complaint is pending. Called by the demo loader; idempotent (a hold in the region is left as
it is)."""

from django.db import transaction

from ketenkaart.households.models import Household
from ketenkaart.retention import services
from ketenkaart.retention.models import HoldReason, LegalHold


@transaction.atomic
def seed(demo) -> int:
    if LegalHold.objects.filter(household__region=demo.region).exists():
        return 0
    lead = demo.professionals["jeugdprofessional"]
    household = (
        Household.objects.filter(
            region=demo.region, involvements__professional=lead, involvements__is_lead=True
        )
        .order_by("name")
        .first()
    )
    if household is None:
        return 0
    services.legal_hold_place(
        by=lead, household=household, reason=HoldReason.PROCEDURE, note="Klacht in behandeling."
    )
    return 1
