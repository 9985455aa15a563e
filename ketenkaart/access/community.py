"""The gate for the neighbourhood guide and consults (M6). Neither holds family data, so no
household is involved: the guide is open to every professional of the region, its entries
changed only by their own organisation; a consult is seen by its asker and its contact only.
Not visible answers 404 and is audited, as everywhere else."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from ketenkaart.access import gate
from ketenkaart.community.models import Consult, GuideEntry
from ketenkaart.organisations.models import District, Professional

if TYPE_CHECKING:
    from django.http import HttpRequest

    from ketenkaart.access.result import AnyUser
    from ketenkaart.community.models import LearningCommunity, Signal

REGION_PROFESSIONAL = "region_professional"
OWN_ORGANISATION = "own_organisation"
CONSULT_PARTY = "consult_party"
LEARNING_MEMBER = "learning_member"


def visible_districts(user: AnyUser) -> QuerySet[District]:
    professional = gate.professional_of(user)
    if professional is None:
        return District.objects.none()
    return District.objects.filter(municipality__region_id=professional.organisation.region_id)


def access_district(
    request: HttpRequest, district_id: object, *, action: str = "guide.read"
) -> District:
    return gate.access_among(
        request,
        visible_districts(request.user).select_related("municipality"),
        district_id,
        action=action,
        object_type="district",
        grant=REGION_PROFESSIONAL,
    ).obj


def access_guide_entry(
    request: HttpRequest, district_id: object, entry_id: object, *, action: str
) -> GuideEntry:
    """An entry of the district in its URL: visible to the region (else 404), changed by its
    own organisation only (else 403). One row either way."""
    visible = GuideEntry.objects.filter(
        district__in=visible_districts(request.user), district_id=gate.as_uuid(district_id)
    ).select_related("district__municipality")
    professional = gate.professional_of(request.user)

    def grant(entry: GuideEntry) -> str:
        own = professional is not None and entry.organisation_id == professional.organisation_id
        return OWN_ORGANISATION if own else REGION_PROFESSIONAL

    return gate.access_among(
        request,
        visible,
        entry_id,
        action=action,
        object_type="guide_entry",
        grant=grant,
        write_grants={OWN_ORGANISATION},
    ).obj


def visible_consults(user: AnyUser) -> QuerySet[Consult]:
    professional = gate.professional_of(user)
    if professional is None:
        return Consult.objects.none()
    return Consult.objects.filter(Q(asked_by=professional) | Q(contact=professional))


def access_consult(
    request: HttpRequest, consult_id: object, *, action: str = "consult.read"
) -> Consult:
    return gate.access_among(
        request,
        visible_consults(request.user).select_related(
            "district", "asked_by__user", "asked_by__organisation", "contact__user"
        ),
        consult_id,
        action=action,
        object_type="consult",
        grant=CONSULT_PARTY,
    ).obj


def require_region_professional(request: HttpRequest) -> Professional:
    return gate.require_professional(request)


def visible_learning_communities(user: AnyUser) -> QuerySet[LearningCommunity]:
    """A leerwerkgemeenschap is read by its members only (its fixed membership)."""
    from ketenkaart.community.models import LearningCommunity

    professional = gate.professional_of(user)
    if professional is None:
        return LearningCommunity.objects.none()
    return LearningCommunity.objects.filter(members=professional)


def access_learning_community(
    request: HttpRequest, community_id: object, *, action: str = "learning_community.read"
) -> LearningCommunity:
    return gate.access_among(
        request,
        visible_learning_communities(request.user).select_related("district"),
        community_id,
        action=action,
        object_type="learning_community",
        grant=LEARNING_MEMBER,
    ).obj


SIGNAL_PARTY = "signal_party"


def access_signal(
    request: HttpRequest, signal_id: object, *, action: str = "signal.read"
) -> Signal:
    """A signal is read by whoever raised it and the contact it went to; 404 otherwise."""
    from ketenkaart.community.models import Signal

    professional = gate.professional_of(request.user)
    visible = (
        Signal.objects.filter(Q(raised_by=professional) | Q(contact=professional))
        if professional is not None
        else Signal.objects.none()
    )
    return gate.access_among(
        request,
        visible.select_related("raised_by__user", "contact__user", "consult__district"),
        signal_id,
        action=action,
        object_type="signal",
        grant=SIGNAL_PARTY,
    ).obj
