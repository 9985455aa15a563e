"""Demo regie request: the wijkcoach asks the jeugdprofessional to take over regie of one of
her Rietveen families, so the request page has a row for the asker and the receiver. Called
by the demo loader; idempotent (a pending request in the region is left as it is)."""

from django.db import transaction

from ketenkaart.households import handover_services
from ketenkaart.households.models import HandoverOffer, Household, OfferState


@transaction.atomic
def seed(demo) -> int:
    if HandoverOffer.objects.filter(
        household__region=demo.region, state=OfferState.PENDING
    ).exists():
        return 0
    asker = demo.professionals["wijkcoach"]
    household = (
        Household.objects.filter(
            region=demo.region, involvements__professional=asker, involvements__is_lead=True
        )
        .order_by("name")
        .first()
    )
    if household is None:
        return 0
    handover_services.handover_offer(
        by=asker,
        household=household,
        to=demo.professionals["jeugdprofessional"],
        reason="Het gezin verhuist naar Vlietdam; regie graag bij het wijkteam daar.",
    )
    return 1
