"""Write grants asked inside the services.

A view or API endpoint already asks the gate with `write=True`; the services ask again, for the
acting professional, so that no path (the matching of a veiligheidsteam, a command, a future
endpoint) changes a family without a grant the law accepts. Part of the one gate: import it as
`ketenkaart.access.gate`.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from ketenkaart.core.errors import DomainError

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from ketenkaart.access.result import AnyUser
    from ketenkaart.households.models import Household
    from ketenkaart.organisations.models import Professional


def write_grant(by: Professional | None, household: Household) -> str | None:
    """The grant that lets `by` change `household`, or None: only an active involvement (of
    their own, or of their organisation's team) does; reading grants never write."""
    from ketenkaart.access import gate

    if by is None:
        return None
    grant = gate.grant_for(by.user, household)
    return grant if grant in gate.WRITE_GRANTS else None


def may_change_measure_course(by: Professional, household_id: uuid.UUID) -> bool:
    """Who records a court measure's extension or early end (the judge decides; BW 1:260,
    1:265f): the family's regisseur, or a professional of a GI actively involved with it."""
    from ketenkaart.households.models import Involvement
    from ketenkaart.organisations.models import OrganisationType

    involvement = (
        Involvement.objects.filter(
            household_id=household_id, professional=by, ended_on__isnull=True
        )
        .select_related("organisation")
        .first()
    )
    return involvement is not None and (
        involvement.is_lead
        or involvement.organisation.type == OrganisationType.CERTIFIED_INSTITUTION
    )


def _vt_region_may_act(by: Professional, household: Household) -> bool:
    """The region's Veilig Thuis team acts on the family of a melding of its region (Wmo
    art. 4.1.1 and 5.2.6 Jeugdwet: VT assesses, investigates and hands over), also before it
    is involved itself."""
    from ketenkaart.access import gate
    from ketenkaart.reports.models import Report

    return (
        gate.is_vt_team(by)
        and household.region_id == by.organisation.region_id
        and Report.objects.filter(household=household, region_id=household.region_id).exists()
    )


def require_write(by: Professional | None, household: Household, *, via: str | None = None) -> str:
    """Inside a service: the grant that lets `by` change `household`; DomainError with code
    `forbidden` (403) otherwise. `via="vt_region_team"` is the melding's grant of the region's
    VT team, checked here again rather than trusted."""
    from ketenkaart.audit.refusals import record_refusal

    grant = write_grant(by, household)
    if grant is not None:
        return grant
    if via == "vt_region_team" and by is not None and _vt_region_may_act(by, household):
        return via
    # Audited so that the refusal outlives the rollback of the service that asked.
    record_refusal(
        user=by.user if by is not None else None,
        action="household.write",
        household_id=household.pk,
        object_type="household",
        object_id=household.pk,
    )
    raise DomainError(
        _("U mag dit gezin niet wijzigen: u bent er niet (meer) bij betrokken."),
        code="forbidden",
    )


def writable_households(user: AnyUser) -> QuerySet[Household]:
    """The households this user may change (an active involvement of their own or of their
    organisation's team), by name: what a form offers to bring to a table or a meeting."""
    from ketenkaart.access import gate
    from ketenkaart.households.models import Household

    professional = gate.professional_of(user)
    if professional is None or not professional.works_with_families:
        return Household.objects.none()
    ids = gate._active_involvements(professional).values("household_id")
    return Household.objects.filter(pk__in=ids).order_by("name")
