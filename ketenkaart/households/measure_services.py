"""Workflows around the end of court measures: a machtiging carried out, and regie returning
to the local team when the last measure ended or lapsed (run daily by `ketenkaart
measures_expire`). Each runs in one transaction and writes its audit event there."""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenkaart.access import writing as grants
from ketenkaart.audit import services as audit
from ketenkaart.core.errors import DomainError
from ketenkaart.households import services
from ketenkaart.households.models import CourtMeasure, Handover, Household, Involvement, MeasureType
from ketenkaart.notifications.models import Kind
from ketenkaart.notifications.services import notify
from ketenkaart.organisations.models import OrganisationType, Professional


@transaction.atomic
def measure_use(*, by: Professional, measure: CourtMeasure, used_on: datetime.date) -> CourtMeasure:
    """The machtiging uithuisplaatsing is carried out (the child placed): it no longer lapses
    (BW 1:265c lid 3 counts three months from the decision). Only who may change the family."""
    grants.require_write(by, measure.household)
    measure = CourtMeasure.objects.select_for_update().get(pk=measure.pk)
    if measure.type != MeasureType.OUT_OF_HOME_PLACEMENT:
        raise DomainError(_("Alleen een machtiging uithuisplaatsing wordt ten uitvoer gelegd."))
    if measure.used_on is not None:
        raise DomainError(_("Deze machtiging is al ten uitvoer gelegd."), code="conflict")
    if used_on < measure.starts_on or (measure.ends_on and used_on > measure.ends_on):
        raise DomainError(_("Deze datum valt buiten de machtiging."), field="used_on")
    if measure.lapses_on is not None and used_on >= measure.lapses_on:
        raise DomainError(
            _(
                "De machtiging is vervallen: zij is niet binnen 3 maanden gebruikt (art. 1:265c "
                "lid 3 BW). Een nieuwe machtiging is nodig."
            ),
            field="used_on",
        )
    if measure.ended_on is not None and used_on >= measure.ended_on:
        raise DomainError(_("De machtiging was toen al beëindigd."), field="used_on")
    measure.used_on = used_on
    measure.lapses_on = None
    measure.save(update_fields=["used_on", "lapses_on"])
    audit.record(
        user=by.user,
        action="household.measure.used",
        household_id=measure.household_id,
        object_type="courtmeasure",
        object_id=measure.pk,
        person_ids=[measure.child_id],
    )
    return measure


def _local_team_successor(household: Household) -> Professional | None:
    """Who gets regie back: the local-team regisseur who handed it to the GI, else a
    local-team professional still involved."""
    handovers = (
        Handover.objects.filter(household=household, from_professional__isnull=False)
        .select_related("from_professional__organisation")
        .order_by("-occurred_at")
    )
    for handover in handovers:
        previous = handover.from_professional
        if (
            previous is not None
            and previous.organisation.is_local_team
            and previous.works_with_families
        ):
            return previous
    involvements = (
        Involvement.objects.filter(household=household, ended_on__isnull=True)
        .select_related("professional__organisation")
        .order_by("started_on")
    )
    for involvement in involvements:
        professional: Professional = involvement.professional
        if professional.organisation.is_local_team and professional.works_with_families:
            return professional
    return None


def regie_return_after_measures(day: datetime.date | None = None) -> int:
    """Households whose GI still leads while no measure is in force on `day` (the last one ran
    out, was ended or lapsed unused): regie returns to the local team through the handover
    service, which tells the receiver. Without a known local-team professional the GI gets a
    task to name one. Returns the number of households handled."""
    day = day or timezone.localdate()
    handled = 0
    leads = Involvement.objects.filter(
        is_lead=True,
        organisation__type=OrganisationType.CERTIFIED_INSTITUTION,
        household__closed_at__isnull=True,
    ).select_related("household", "professional")
    for lead in leads:
        household = lead.household
        if services.has_active_measure(household, day):
            continue
        with transaction.atomic():
            successor = _local_team_successor(household)
            if successor is not None:
                services.lead_hand_over(
                    by=lead.professional,
                    household=household,
                    to=successor,
                    reason=_(
                        "Er loopt geen kinderbeschermingsmaatregel meer; de regie gaat terug "
                        "naar het lokale team."
                    ),
                    day=day,
                )
            else:
                notify(
                    recipient=lead.professional,
                    kind=Kind.ACTION,
                    title=_("Geen maatregel meer bij %(family)s: draag de regie over")
                    % {"family": household.name},
                    body=_("Kies de professional van het lokale team die de regie terugkrijgt."),
                    link=reverse("households:detail", kwargs={"household_id": household.pk}),
                )
        handled += 1
    return handled
