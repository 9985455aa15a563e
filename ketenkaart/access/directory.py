"""The gate for the directory and the chain's tables (no family data): the professionals,
municipalities and districts of one's region, one's veiligheidsteams and their meetings, and
the policy signals of the municipalities one serves. Part of the one gate: import it as
`ketenkaart.access.gate`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from ketenkaart.exemptions.models import PolicySignal
from ketenkaart.organisations.models import District, Municipality, Professional, Role
from ketenkaart.safety_teams.models import CaseMeeting, SafetyTeam

if TYPE_CHECKING:
    from ketenkaart.access.result import AnyUser


def _professional_of(user: AnyUser) -> Professional | None:
    from ketenkaart.access import gate

    return gate.professional_of(user)


def visible_teams(user: AnyUser) -> QuerySet[SafetyTeam]:
    professional = _professional_of(user)
    if professional is None:
        return SafetyTeam.objects.none()
    return SafetyTeam.objects.filter(members=professional)


def visible_meetings(user: AnyUser) -> QuerySet[CaseMeeting]:
    """Meetings of the user's teams and meetings they take part in."""
    professional = _professional_of(user)
    if professional is None:
        return CaseMeeting.objects.none()
    return meetings_of(professional.pk)


def meetings_of(professional: Any) -> QuerySet[CaseMeeting]:
    """visible_meetings for a professional's id or a Param (the home, core/home.py)."""
    return CaseMeeting.objects.filter(
        Q(team__members__id=professional) | Q(participants__id=professional)
    ).distinct()


def visible_policy_signals(user: AnyUser) -> QuerySet[PolicySignal]:
    """Policy officers and the ventieltafel read the signals of the municipalities their
    organisation serves (pseudonymised cases only)."""
    professional = _professional_of(user)
    if professional is None or professional.role not in (Role.POLICY, Role.EXEMPTION_TABLE):
        return PolicySignal.objects.none()
    return PolicySignal.objects.filter(
        table__municipality__in=professional.organisation.municipalities.values("pk")
    )


def visible_professionals(user: AnyUser) -> QuerySet[Professional]:
    """The active professionals of the user's own region: whom one may involve or hand over to.
    Nobody's family or caseload is shown through this, only name, organisation, role and phone."""
    professional = _professional_of(user)
    if professional is None:
        return Professional.objects.none()
    return Professional.objects.filter(
        organisation__region_id=professional.organisation.region_id, user__is_active=True
    )


def visible_municipalities(user: AnyUser) -> QuerySet[Municipality]:
    """The municipalities of the user's own region."""
    professional = _professional_of(user)
    if professional is None:
        return Municipality.objects.none()
    return Municipality.objects.filter(region_id=professional.organisation.region_id)


def visible_districts(user: AnyUser) -> QuerySet[District]:
    """The districts of the municipalities of the user's own region."""
    professional = _professional_of(user)
    if professional is None:
        return District.objects.none()
    return District.objects.filter(municipality__region_id=professional.organisation.region_id)
