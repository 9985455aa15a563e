"""The gate for a family's toegangslog (M8): its regisseur and the region's privacy officer
read it. Part of the one gate: import it as `ketenkaart.access.gate`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, QuerySet, UUIDField

from ketenkaart.access.result import Grant
from ketenkaart.audit import services as audit
from ketenkaart.core.precompiled import Param, Precompiled
from ketenkaart.households.models import Household, Involvement
from ketenkaart.organisations.models import Role

if TYPE_CHECKING:
    from django.http import HttpRequest

    from ketenkaart.access.result import AnyUser


def _household_log() -> QuerySet[Household]:
    from ketenkaart.access import gate

    return gate._household().annotate(
        caller_is_lead=Exists(
            Involvement.objects.filter(
                household=OuterRef("pk"),
                professional_id=Param("professional", UUIDField()),
                is_lead=True,
            )
        )
    )[:1]


# The household and whether this professional is its regisseur (access_log_grant's question)
# in one statement: the toegangslog is the regisseur's hot read (issue 17).
_HOUSEHOLD_LOG = Precompiled(_household_log)

_NOT_LOADED = object()


def access_log_grant(
    user: AnyUser, household: Household, lead_professional_id: object = _NOT_LOADED
) -> Grant | None:
    """Who may read a household's toegangslog: its regisseur and the region's privacy officer.
    A page that already loaded the regisseur passes their professional id (or None): no query."""
    from ketenkaart.access import gate

    professional = gate.professional_of(user)
    if professional is None:
        return None
    if professional.role == Role.PRIVACY_OFFICER:
        if professional.organisation.region_id == household.region_id:
            return Grant.PRIVACY_OFFICER
        return None
    if lead_professional_id is _NOT_LOADED:
        is_lead = Involvement.objects.filter(
            household=household, professional=professional, is_lead=True
        ).exists()
    else:
        is_lead = lead_professional_id == professional.pk
    return Grant.LEAD if is_lead else None


def access_log_households(user: AnyUser) -> QuerySet[Household]:
    """The households whose toegangslog this user may read: the same rule as access_log_grant."""
    from ketenkaart.access import gate

    professional = gate.professional_of(user)
    if professional is None:
        return Household.objects.none()
    if professional.role == Role.PRIVACY_OFFICER:
        return access_logs_of_region(professional.organisation.region_id)
    lead_of = Involvement.objects.filter(professional=professional, is_lead=True)
    return Household.objects.filter(pk__in=lead_of.values("household_id"))


def access_logs_of_region(region: Any) -> QuerySet[Household]:
    """The households whose toegangslog the region's privacy officer reads, for a region id or
    a Param (the officer's home, core/home.py)."""
    return Household.objects.filter(region_id=region)


def access_household_log(
    request: HttpRequest, household_id: object, action: str = "access_log.read"
) -> Household:
    from ketenkaart.access import gate

    professional = gate.professional_of(request.user)
    key = gate.as_uuid(household_id)
    household: Household | None = None
    if key is not None:
        household = _HOUSEHOLD_LOG.first(
            household=key, professional=professional.pk if professional else None
        )
    grant = None
    if household is not None:
        is_lead = household.__dict__.pop("caller_is_lead")
        lead = professional.pk if is_lead and professional is not None else None
        grant = access_log_grant(request.user, household, lead)
    if grant is None or household is None:
        raise gate._deny(request, household_id, action, household is not None)
    audit.record(
        user=request.user,
        action=action,
        household_id=household.pk,
        object_type="household",
        object_id=household.pk,
        legal_basis=grant,
        request=request,
    )
    return household
