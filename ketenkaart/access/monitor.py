"""The gate for the monitor (M7) and its questionnaires. The monitor holds aggregates only,
never a person or a family; still only the policy role reads it ("beleid: aggregates only,
never a person", DESIGN.md), for the region of its own organisation. There is no aldermen role
of its own: the wethouder sits at the ventieltafel, whose role reads requests, not the monitor.
A refusal is audited and answers 403, as the policy-signal pages do. Part of the one gate."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from ketenkaart.audit import services as audit
from ketenkaart.audit.models import Outcome
from ketenkaart.organisations.models import CASEWORK_ROLES, Municipality, Region, Role

if TYPE_CHECKING:
    from django.http import HttpRequest

    from ketenkaart.access.result import AnyUser
    from ketenkaart.organisations.models import Professional
    from ketenkaart.questionnaires.models import Questionnaire

MONITOR_GRANT = "policy_aggregates"
BUILDER_GRANT = "questionnaire_builder"
MONITOR_ROLES = frozenset({Role.POLICY})


def monitor_regions(user: AnyUser) -> QuerySet[Region]:
    """The regions whose aggregates this user may read."""
    from ketenkaart.access import gate

    professional = gate.professional_of(user)
    if professional is None or professional.role not in MONITOR_ROLES:
        return Region.objects.none()
    return Region.objects.filter(pk=professional.organisation.region_id)


def monitor_municipalities(user: AnyUser) -> QuerySet[Municipality]:
    return Municipality.objects.filter(region__in=monitor_regions(user))


def may_read_monitor(user: AnyUser) -> bool:
    from ketenkaart.access import gate

    professional = gate.professional_of(user)
    return professional is not None and professional.role in MONITOR_ROLES


def require_monitor(request: HttpRequest, *, action: str, object_id: object = "") -> None:
    """Let a policy user in (one audit row); anyone else: a denied row and 403."""
    allowed = may_read_monitor(request.user)
    audit.record(
        user=request.user,
        action=action,
        outcome=Outcome.ALLOWED if allowed else Outcome.DENIED,
        object_type="monitor",
        object_id=object_id,
        legal_basis=MONITOR_GRANT if allowed else "",
        request=request,
    )
    if not allowed:
        raise PermissionDenied


def may_build_questionnaires(professional: Professional | None) -> bool:
    """Policy, or a team that works with families, builds and sends questionnaires."""
    return professional is not None and (
        professional.role in MONITOR_ROLES or professional.role in CASEWORK_ROLES
    )


def may_manage_questionnaire(
    professional: Professional | None, questionnaire: Questionnaire
) -> bool:
    """Who reads a questionnaire also changes and closes it: policy of its region, or the
    team member who built it (the rule of visible_questionnaires, for one questionnaire)."""
    if professional is None:
        return False
    if professional.role in MONITOR_ROLES:
        return questionnaire.region_id == professional.organisation.region_id
    if professional.role in CASEWORK_ROLES:
        return questionnaire.created_by_id == professional.pk
    return False


def visible_questionnaires(user: AnyUser) -> QuerySet[Questionnaire]:
    """Policy reads its region's questionnaires; a builder of a team reads its own."""
    from ketenkaart.access import gate
    from ketenkaart.questionnaires.models import Questionnaire

    professional = gate.professional_of(user)
    if professional is None:
        return Questionnaire.objects.none()
    if professional.role in MONITOR_ROLES:
        return Questionnaire.objects.filter(region_id=professional.organisation.region_id)
    if professional.role in CASEWORK_ROLES:
        return Questionnaire.objects.filter(created_by=professional)
    return Questionnaire.objects.none()


def access_questionnaire(
    request: HttpRequest, questionnaire_id: object, *, action: str = "questionnaire.read"
) -> Questionnaire:
    from ketenkaart.access import gate

    return gate.access_among(
        request,
        visible_questionnaires(request.user),
        questionnaire_id,
        action=action,
        object_type="questionnaire",
        grant=BUILDER_GRANT,
    ).obj
