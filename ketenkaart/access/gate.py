"""The one gate: what a user may see and do with a household and everything under it.

Every view, API endpoint, export and search asks this module. A household the user may not see
answers 404, the same as one that does not exist, and the attempt is audited.
"""

import uuid
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from ketenkaart.access.models import EmergencyAccess
from ketenkaart.audit import services as audit
from ketenkaart.audit.models import Outcome
from ketenkaart.households.models import Household, Involvement
from ketenkaart.organisations.models import Professional, Role


class Grant(StrEnum):
    """The rule that let a user in; written to the audit row as its basis."""

    INVOLVEMENT = "involvement"
    TEAM = "organisation_team"
    EMERGENCY = "emergency_access"
    LEAD = "lead"
    PRIVACY_OFFICER = "privacy_officer"


# Grants that allow changes; the others only read.
WRITE_GRANTS = frozenset({Grant.INVOLVEMENT, Grant.TEAM})


def professional_of(user) -> Professional | None:
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.professional
    except Professional.DoesNotExist:
        return None


def _active_involvements(professional: Professional) -> QuerySet[Involvement]:
    rule = Q(professional=professional)
    if professional.organisation.works_as_team:
        rule |= Q(organisation_id=professional.organisation_id)
    return Involvement.objects.filter(rule, ended_on__isnull=True)


def visible_households(user) -> QuerySet[Household]:
    """Every household this user may read, as a queryset to filter further."""
    professional = professional_of(user)
    if professional is None or not professional.works_with_families:
        return Household.objects.none()
    emergency = EmergencyAccess.objects.filter(
        professional=professional, expires_at__gt=timezone.now()
    )
    return Household.objects.filter(
        Q(id__in=_active_involvements(professional).values("household_id"))
        | Q(id__in=emergency.values("household_id"))
    )


def grant_for(user, household: Household) -> Grant | None:
    professional = professional_of(user)
    if professional is None or not professional.works_with_families:
        return None
    rows = list(
        _active_involvements(professional)
        .filter(household=household)
        .values_list("professional_id", flat=True)
    )
    if professional.pk in rows:
        return Grant.INVOLVEMENT
    if rows:
        return Grant.TEAM
    if EmergencyAccess.objects.filter(
        household=household, professional=professional, expires_at__gt=timezone.now()
    ).exists():
        return Grant.EMERGENCY
    return None


def _deny(request, household_id, action: str, exists: bool) -> Http404:
    audit.record(
        user=request.user,
        action=action,
        outcome=Outcome.DENIED,
        household_id=household_id if exists else None,
        object_type="household",
        object_id=household_id,
        request=request,
    )
    return Http404()


def _load(household_id) -> Household | None:
    try:
        key = uuid.UUID(str(household_id))
    except ValueError:
        return None
    return (
        Household.objects.select_related("municipality", "district", "region")
        .filter(pk=key)
        .first()
    )


def access_household(
    request, household_id, *, action: str = "household.read", write: bool = False
) -> Household:
    """The household if this user may see it (and change it, with `write`); audited either way."""
    household = _load(household_id)
    grant = grant_for(request.user, household) if household is not None else None
    if grant is None:
        raise _deny(request, household_id, action, household is not None)
    if write and grant not in WRITE_GRANTS:
        audit.record(
            user=request.user,
            action=action,
            outcome=Outcome.DENIED,
            household_id=household.pk,
            object_type="household",
            object_id=household.pk,
            legal_basis=grant,
            request=request,
        )
        raise PermissionDenied
    audit.record(
        user=request.user,
        action=action,
        household_id=household.pk,
        object_type="household",
        object_id=household.pk,
        legal_basis=grant,
        request=request,
    )
    household.access_grant = grant  # what the page may offer: read only, or write too
    return household


def access_log_grant(user, household: Household) -> Grant | None:
    """Who may read a household's toegangslog: its regisseur and the region's privacy officer."""
    professional = professional_of(user)
    if professional is None:
        return None
    if professional.role == Role.PRIVACY_OFFICER:
        if professional.organisation.region_id == household.region_id:
            return Grant.PRIVACY_OFFICER
        return None
    is_lead = Involvement.objects.filter(
        household=household, professional=professional, is_lead=True
    ).exists()
    return Grant.LEAD if is_lead else None


def access_household_log(request, household_id) -> Household:
    household = _load(household_id)
    grant = access_log_grant(request.user, household) if household is not None else None
    if grant is None:
        raise _deny(request, household_id, "access_log.read", household is not None)
    audit.record(
        user=request.user,
        action="access_log.read",
        household_id=household.pk,
        object_type="household",
        object_id=household.pk,
        legal_basis=grant,
        request=request,
    )
    return household


def can_search_persons(user) -> bool:
    professional = professional_of(user)
    return professional is not None and professional.works_with_families


def require_person_search(request) -> None:
    """Only professionals who work with families search persons; a refusal is audited."""
    if can_search_persons(request.user):
        return
    audit.record(
        user=request.user,
        action="person.search",
        outcome=Outcome.DENIED,
        object_type="person",
        request=request,
    )
    raise PermissionDenied
