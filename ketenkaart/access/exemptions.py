"""The gate for the ventieltafel: the convener's queue, the invitations, what one may open of
a request and the precedents (past decisions, pseudonymised, with free-text reasoning). Part of
the one gate: import it as `ketenkaart.access.gate`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from ketenkaart.access.result import WRITE_GRANTS, Access
from ketenkaart.audit import services as audit
from ketenkaart.audit.models import Outcome
from ketenkaart.organisations.models import Municipality, Role

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

    from ketenkaart.access.gate import Grant
    from ketenkaart.exemptions.models import ExemptionRequest

    User = AbstractBaseUser | AnonymousUser | None


def precedent_scope(user: User) -> Q | None:
    """Which decided requests a user may read as precedent, or None for nobody.

    The ventieltafel and policy read those of the municipalities their organisation serves;
    a professional who works with families (who asks the table) those of their region. Police,
    signalers and the privacy officer never read them: the reasoning is about a family."""
    from ketenkaart.access import gate

    professional = gate.professional_of(user)
    if professional is None:
        return None
    if professional.role in (Role.EXEMPTION_TABLE, Role.POLICY):
        return Q(municipality__in=professional.organisation.municipalities.values("pk"))
    if professional.works_with_families:
        return Q(region_id=professional.organisation.region_id)
    return None


def visible_precedents(user: User) -> QuerySet[ExemptionRequest]:
    """The decided requests this user may read as precedent (see `precedent_scope`)."""
    from ketenkaart.exemptions.models import ExemptionRequest, Status

    scope = precedent_scope(user)
    if scope is None:
        return ExemptionRequest.objects.none()
    return ExemptionRequest.objects.filter(scope, status=Status.DECIDED)


def exemption_queue(user: User) -> QuerySet[ExemptionRequest]:
    """The convener's queue: requests to the tables of the municipalities they serve."""
    from ketenkaart.access import gate
    from ketenkaart.exemptions.models import ExemptionRequest

    professional = gate.professional_of(user)
    if professional is None or professional.role != Role.EXEMPTION_TABLE:
        return ExemptionRequest.objects.none()
    return exemption_queue_of(professional.organisation_id)


def exemption_queue_of(organisation: Any) -> QuerySet[ExemptionRequest]:
    """exemption_queue of a convener, for their organisation's id or a Param (the queue's
    prepared statements): the tables of the municipalities it serves."""
    from ketenkaart.exemptions.models import ExemptionRequest

    served = Municipality.objects.filter(organisations__id=organisation).values("pk")
    return ExemptionRequest.objects.filter(municipality__in=served)


def exemption_invitations_of(professional: Any) -> QuerySet[ExemptionRequest]:
    """The requests a professional was invited to as a party, for their id or a Param (the
    ventieltafel page's prepared statement)."""
    from ketenkaart.exemptions.models import ExemptionRequest

    return ExemptionRequest.objects.filter(invitations__professional_id=professional)


def readable_exemption_requests(user: User) -> QuerySet[ExemptionRequest]:
    """Everything of the ventieltafel the user may open (for the API list), as ids: the
    requests about families they read, those they were invited to and, for the convener, the
    queue of their municipalities (the same rules as `exemption_request_grant`)."""
    from ketenkaart.access import gate
    from ketenkaart.exemptions.models import ExemptionRequest

    professional = gate.professional_of(user)
    if professional is None:
        return ExemptionRequest.objects.none()
    rule = Q(household__in=gate.visible_households(user)) | Q(
        invitations__professional=professional
    )
    if professional.role == Role.EXEMPTION_TABLE:
        rule |= Q(municipality__in=professional.organisation.municipalities.values("pk"))
    return ExemptionRequest.objects.filter(rule)


def exemption_grant(user: User, exemption: ExemptionRequest) -> Grant | None:
    """The grant on one request: the dossier's, an invitation's or the table's (see
    `gate.exemption_request_grant`), with the request's invited parties looked up here."""
    from ketenkaart.access import gate
    from ketenkaart.exemptions.models import Invitation

    invited = set(
        Invitation.objects.filter(request=exemption).values_list("professional_id", flat=True)
    )
    return gate.exemption_request_grant(user, exemption.household, invited_professional_ids=invited)


def _load_request(request_id: object) -> ExemptionRequest | None:
    from ketenkaart.access import gate
    from ketenkaart.exemptions.models import ExemptionRequest

    key = gate.as_uuid(request_id)
    if key is None:
        return None
    return (
        ExemptionRequest.objects.select_related(
            "household", "municipality", "table", "asked_by__user", "asked_by__organisation"
        )
        .filter(pk=key)
        .first()
    )


def access_exemption_request(
    request: HttpRequest,
    request_id: object,
    *,
    action: str = "exemption.request.read",
    permitted: Callable[[ExemptionRequest, str], bool] | None = None,
    refusal: Exception | None = None,
) -> Access[ExemptionRequest]:
    """The ventieltafel request if this user may see it, with the grant (`.named`: whether
    the family may be named); audited either way, once. Not visible answers 404, the same as
    not existing. `permitted` (the request and its grant) says whether this user may do
    `action` on it: when not, the one row is a refusal and `refusal` (default
    PermissionDenied) is raised, so a refused attempt is never first written as allowed."""
    exemption = _load_request(request_id)
    grant = exemption_grant(request.user, exemption) if exemption is not None else None
    forbidden = (
        exemption is not None
        and grant is not None
        and permitted is not None
        and not permitted(exemption, grant)
    )
    audit.record(
        user=request.user,
        action=action,
        outcome=Outcome.ALLOWED if grant and not forbidden else Outcome.DENIED,
        household_id=exemption.household_id if exemption else None,
        object_type="exemptionrequest",
        object_id=request_id,
        legal_basis=grant or "",
        request=request,
    )
    if exemption is None or grant is None:
        raise Http404
    if forbidden:
        raise refusal or PermissionDenied
    return Access(exemption, grant, WRITE_GRANTS)
