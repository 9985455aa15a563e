"""The one gate: what a user may see and do with a household and everything under it.

Every view, API endpoint, export and search asks this module. A household the user may not see
answers 404, the same as one that does not exist, and the attempt is audited.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import DateTimeField, Exists, Model, OuterRef, Q, QuerySet, UUIDField
from django.http import Http404
from django.utils import timezone

from ketenkaart.access.models import EmergencyAccess
from ketenkaart.access.result import PSEUDONYMISED_GRANTS as PSEUDONYMISED_GRANTS
from ketenkaart.access.result import WRITE_GRANTS as WRITE_GRANTS
from ketenkaart.access.result import Access
from ketenkaart.access.result import Grant as Grant
from ketenkaart.audit import persons as audit_persons
from ketenkaart.audit import services as audit
from ketenkaart.audit.models import Outcome
from ketenkaart.core.precompiled import Param, Precompiled
from ketenkaart.households.models import HandoverOffer, Household, Involvement
from ketenkaart.organisations.models import Professional, Role
from ketenkaart.safety_teams.models import AgendaItem

if TYPE_CHECKING:
    from django.http import HttpRequest

    from ketenkaart.access.result import AnyUser

M = TypeVar("M", bound=Model)


def professional_of(user: AnyUser) -> Professional | None:
    if user is None or not user.is_authenticated:
        return None
    try:
        professional: Professional = user.professional  # type: ignore[attr-defined]
        return professional
    except Professional.DoesNotExist:
        return None


def require_professional(request: HttpRequest) -> Professional:
    """The acting professional; a user who is none (an administrator, say) may not act here."""
    professional = professional_of(request.user)
    if professional is None:
        raise PermissionDenied
    return professional


def is_privacy_officer(user: AnyUser) -> bool:
    professional = professional_of(user)
    return professional is not None and professional.role == Role.PRIVACY_OFFICER


def require_privacy_officer(
    request: HttpRequest, action: str, *, object_type: str = "", message: str = ""
) -> Professional:
    """The privacy officer's own pages (toegangslog, noodtoegang review, vernietiging): anyone
    else is refused with one denied row. `message` becomes the API's problem detail (DRF
    passes a Django PermissionDenied's argument on)."""
    if not is_privacy_officer(request.user):
        audit.record(
            user=request.user,
            action=action,
            outcome=Outcome.DENIED,
            object_type=object_type,
            request=request,
        )
        raise PermissionDenied(*([message] if message else []))
    return require_professional(request)


def _active_involvements(professional: Professional) -> QuerySet[Involvement]:
    return _involvements_of(professional.pk, team_of(professional))


def team_of(professional: Professional) -> uuid.UUID | None:
    """The organisation whose families its members share (works as a team), or None."""
    return professional.organisation_id if professional.organisation.works_as_team else None


def _involvements_of(professional: Any, team: Any) -> QuerySet[Involvement]:
    rule = Q(professional_id=professional)
    if team is not None:
        rule |= Q(organisation_id=team)
    return Involvement.objects.filter(rule, ended_on__isnull=True)


def family_reader(user: AnyUser) -> Professional | None:
    """The professional whose families this user may read, or None: no professional, or one
    who does not work with families. With team_of, the arguments of households_visible_to."""
    professional = professional_of(user)
    if professional is None or not professional.works_with_families:
        return None
    return professional


def visible_households(user: AnyUser) -> QuerySet[Household]:
    """Every household this user may read, as a queryset to filter further."""
    professional = family_reader(user)
    if professional is None:
        return Household.objects.none()
    return households_visible_to(professional.pk, team_of(professional), timezone.now())


def households_visible_to(professional: Any, team: Any, now: Any) -> QuerySet[Household]:
    """visible_households for a professional's id, its team's organisation id (None: no team)
    and the moment; each may be a Param (a precompiled caseload, households/selectors.py)."""
    emergency = EmergencyAccess.objects.filter(professional_id=professional, expires_at__gt=now)
    # One IN over a UNION of the three indexed id lists: PostgreSQL finds the few ids first and
    # then each household by primary key. Three ORed IN conditions made it read every household.
    ids = (
        _involvements_of(professional, team)
        .order_by()
        .values("household_id")
        .union(
            emergency.order_by().values("household_id"),
            _case_meeting_items(professional, now).order_by().values("household_id"),
        )
    )
    return Household.objects.filter(id__in=ids)


def _case_meeting_items(professional: Any, now: Any = None) -> QuerySet[AgendaItem]:
    """Agenda items of the meetings this professional takes part in, while their window is open.
    (`professional` and `now` may be Params: the household's own statement, see _HOUSEHOLD.)"""
    now = timezone.now() if now is None else now
    return AgendaItem.objects.filter(
        meeting__participants=professional,
        meeting__starts_at__lte=now,
        meeting__access_until__gt=now,
    )


@dataclass(frozen=True, slots=True)
class _Found:
    """What the household's own statement found for one professional: each rule of grant_for
    as an EXISTS (see _HOUSEHOLD_FOR)."""

    professional_id: uuid.UUID
    involvement: bool
    organisation: bool
    emergency: bool
    case_meeting: bool


def grant_for(user: AnyUser, household: Household) -> Grant | None:
    professional = professional_of(user)
    if professional is None or not professional.works_with_families:
        return None
    # The gate loaded the household with its answers for this professional: used once, so a
    # later question in the same request (after a change) asks the database again.
    found = household.__dict__.pop("_grant_found", None)
    if found is None or found.professional_id != professional.pk:
        answers = _GRANT_FOR.first(household=household.pk, **_answers_for(professional))
        found = _Found(professional.pk, *(answers or (False, False, False, False)))
    if found.involvement:
        return Grant.INVOLVEMENT
    if found.organisation and professional.organisation.works_as_team:
        return Grant.TEAM
    if found.emergency:
        return Grant.EMERGENCY
    if found.case_meeting:
        return Grant.CASE_MEETING
    return None


def _deny(request: HttpRequest, household_id: object, action: str, exists: bool) -> Http404:
    audit.record(
        user=request.user,
        action=action,
        outcome=Outcome.DENIED,
        household_id=as_uuid(household_id) if exists else None,
        object_type="household",
        object_id=household_id,
        request=request,
    )
    return Http404()


def _household() -> QuerySet[Household]:
    return audit_persons.with_member_ids(
        Household.objects.select_related("municipality", "district", "region")
    ).filter(pk=Param("household", UUIDField()))


# The household with its places and (the persons concerned on the audit row) its members'
# ids in one statement, compiled once per connection: every dossier read starts here (issue 17).
_HOUSEHOLD = Precompiled(lambda: _household()[:1])


def _with_answers(households: QuerySet[Household]) -> QuerySet[Household]:
    """grant_for's rules for one professional, each as an EXISTS (the one place they are
    written): an active involvement of their own, of their organisation, an emergency grant
    not expired, a case meeting they sit at."""
    professional = Param("professional", UUIDField())
    now = Param("now", DateTimeField())
    active = Involvement.objects.filter(household=OuterRef("pk"), ended_on__isnull=True)
    emergency = EmergencyAccess.objects.filter(
        household=OuterRef("pk"), professional_id=professional, expires_at__gt=now
    )
    meeting = _case_meeting_items(professional, now).filter(household=OuterRef("pk"))
    return households.annotate(
        found_involvement=Exists(active.filter(professional_id=professional)),
        found_organisation=Exists(
            active.filter(organisation_id=Param("organisation", UUIDField()))
        ),
        found_emergency=Exists(emergency),
        found_case_meeting=Exists(meeting),
    )


def _answers_for(professional: Professional) -> dict[str, Any]:
    return {
        "professional": professional.pk,
        "organisation": professional.organisation_id,
        "now": timezone.now(),
    }


# The household with the answers in one statement: the grant found with the household on
# every dossier read (issue 17); the answers alone for a household loaded otherwise (asked
# again inside every write's service).
_HOUSEHOLD_FOR = Precompiled(lambda: _with_answers(_household())[:1])
_GRANT_FOR = Precompiled(
    lambda: (
        _with_answers(Household.objects.filter(pk=Param("household", UUIDField())))
        # The plugin does not see the annotations through _with_answers.
        .values_list(  # type: ignore[misc]
            "found_involvement", "found_organisation", "found_emergency", "found_case_meeting"
        )[:1]
    )
)


def _load(household_id: object, professional: Professional | None = None) -> Household | None:
    """The household; with a `professional` who works with families, also what grant_for
    needs to know about them (read by its next call on this household)."""
    key = as_uuid(household_id)
    if key is None:
        return None
    if professional is None or not professional.works_with_families:
        household: Household | None = _HOUSEHOLD.first(household=key)
        return household
    household = _HOUSEHOLD_FOR.first(household=key, **_answers_for(professional))
    if household is not None:
        values = household.__dict__
        values["_grant_found"] = _Found(
            professional.pk,
            values.pop("found_involvement"),
            values.pop("found_organisation"),
            values.pop("found_emergency"),
            values.pop("found_case_meeting"),
        )
    return household


def access_household(
    request: HttpRequest,
    household_id: object,
    *,
    action: str = "household.read",
    write: bool = False,
) -> Access[Household]:
    """The household if this user may see it (and change it, with `write`), with the grant
    that let them in (what the page may offer: read only, or write too); audited either way."""
    household = _load(household_id, professional_of(request.user))
    grant = grant_for(request.user, household) if household is not None else None
    if grant is None or household is None:
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
        person_ids=audit_persons.member_ids(household),
        legal_basis=grant,
        emergency=grant == Grant.EMERGENCY,  # hook (issue 16): the row's emergency basis
        request=request,
    )
    return Access(household, grant, WRITE_GRANTS)


def is_lead(
    professional: Professional | None, household: Household, *, active_only: bool = False
) -> bool:
    """Whether `professional` is the family's regisseur (with `active_only`, an involvement
    that has not ended)."""
    if professional is None:
        return False
    rows = Involvement.objects.filter(household=household, professional=professional, is_lead=True)
    if active_only:
        rows = rows.filter(ended_on__isnull=True)
    return rows.exists()


def can_search_persons(user: AnyUser) -> bool:
    professional = professional_of(user)
    return professional is not None and professional.works_with_families


def require_person_search(request: HttpRequest) -> None:
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


def serves_municipality(professional: Professional, municipality_id: uuid.UUID | str) -> bool:
    return professional.organisation.municipalities.filter(pk=municipality_id).exists()


def exemption_request_grant(
    user: AnyUser, household: Household, *, invited_professional_ids: Collection[object] = ()
) -> Grant | None:
    """Who may read a ventieltafel request about `household`, and so whether names show.

    Whoever may read the dossier sees the request with names. The ventieltafel of the
    household's municipality and the parties invited for this request see it pseudonymised
    (a grant in PSEUDONYMISED_GRANTS). Nobody else sees it at all.
    """
    grant = grant_for(user, household)
    if grant is not None:
        return grant
    professional = professional_of(user)
    if professional is None:
        return None
    if professional.pk in invited_professional_ids:
        return Grant.INVITED_PARTY
    if professional.role == Role.EXEMPTION_TABLE and serves_municipality(
        professional, household.municipality_id
    ):
        return Grant.EXEMPTION_TABLE
    return None


def policy_grant(user: AnyUser, municipality_id: uuid.UUID | str) -> Grant | None:
    """Policy officers read policy signals (pseudonymised cases) of the municipalities their
    organisation serves; the ventieltafel of that municipality reads them too."""
    professional = professional_of(user)
    if professional is None or professional.role not in (Role.POLICY, Role.EXEMPTION_TABLE):
        return None
    if not serves_municipality(professional, municipality_id):
        return None
    return Grant.POLICY if professional.role == Role.POLICY else Grant.EXEMPTION_TABLE


def as_uuid(value: object) -> uuid.UUID | None:
    """A UUID from a path or body value, or None: a malformed id is simply not found."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def access_among(
    request: HttpRequest,
    visible: QuerySet[M],
    object_id: object,
    *,
    action: str,
    object_type: str,
    grant: str | Callable[[M], str],
    write_grants: Collection[str] | None = None,
    household_ids: Collection[uuid.UUID] | None = None,
) -> Access[M]:
    """One object of a visible queryset; 404 when it is not among them (as for one that does
    not exist), audited both ways. The object's household, if it has one, names the stream.
    The allowed row names the families the page shows: `household_ids`, or else those an
    `audit_persons.HOUSEHOLD_IDS` annotation put on the object (a meeting's agenda).

    `grant` may depend on the object (a callable). With `write_grants` the object is to be
    changed: a visible object whose grant is not among them is a 403, written once, refused."""
    key = as_uuid(object_id)
    obj = visible.filter(pk=key).first() if key else None
    if household_ids is None:
        household_ids = audit_persons.joined_ids(obj, audit_persons.HOUSEHOLD_IDS)
    granted = None if obj is None else grant(obj) if callable(grant) else grant
    return _audited_access(
        request,
        obj,
        granted,
        action=action,
        write=write_grants is not None,
        write_grants=frozenset(write_grants or ()),
        object_type=object_type,
        household_id=getattr(obj, "household_id", None),
        household_ids=household_ids,
    )


def visible_handover_offers(user: AnyUser) -> QuerySet[HandoverOffer]:
    """A question to take over regie is read by whom it asks and by whom asked it; the
    receiver sees the reason and the family's outline (place, children's ages), not its name,
    before they hold any grant on it."""
    professional = professional_of(user)
    if professional is None:
        return HandoverOffer.objects.none()
    return handover_offers_of(professional.pk)


def handover_offers_of(professional: Any) -> QuerySet[HandoverOffer]:
    """visible_handover_offers for a professional's id or a Param (the home)."""
    return HandoverOffer.objects.filter(
        Q(to_professional_id=professional) | Q(offered_by_id=professional)
    )


# -- the gate's other modules, one per domain; imported through this one ----------------------
# (at the end: they use the names above.)

from ketenkaart.access.directory import meetings_of as meetings_of  # noqa: E402
from ketenkaart.access.directory import visible_districts as visible_districts  # noqa: E402
from ketenkaart.access.directory import visible_meetings as visible_meetings  # noqa: E402
from ketenkaart.access.directory import (  # noqa: E402
    visible_municipalities as visible_municipalities,
)
from ketenkaart.access.directory import (  # noqa: E402
    visible_policy_signals as visible_policy_signals,
)
from ketenkaart.access.directory import (  # noqa: E402
    visible_professionals as visible_professionals,
)
from ketenkaart.access.directory import visible_teams as visible_teams  # noqa: E402
from ketenkaart.access.exemptions import access_exemption_request as access_exemption_request  # noqa: E402
from ketenkaart.access.exemptions import exemption_grant as exemption_grant  # noqa: E402
from ketenkaart.access.exemptions import (  # noqa: E402
    exemption_invitations_of as exemption_invitations_of,
)
from ketenkaart.access.exemptions import exemption_queue as exemption_queue  # noqa: E402
from ketenkaart.access.exemptions import exemption_queue_of as exemption_queue_of  # noqa: E402
from ketenkaart.access.exemptions import precedent_scope as precedent_scope  # noqa: E402
from ketenkaart.access.exemptions import (  # noqa: E402
    readable_exemption_requests as readable_exemption_requests,
)
from ketenkaart.access.exemptions import visible_precedents as visible_precedents  # noqa: E402
from ketenkaart.access.logs import access_household_log as access_household_log  # noqa: E402
from ketenkaart.access.logs import access_log_grant as access_log_grant  # noqa: E402
from ketenkaart.access.logs import access_log_households as access_log_households  # noqa: E402
from ketenkaart.access.logs import access_logs_of_region as access_logs_of_region  # noqa: E402
from ketenkaart.access.reports import ReportGrant as ReportGrant  # noqa: E402
from ketenkaart.access.reports import _audited_access as _audited_access  # noqa: E402
from ketenkaart.access.reports import access_advice as access_advice  # noqa: E402
from ketenkaart.access.reports import access_joint_visit as access_joint_visit  # noqa: E402
from ketenkaart.access.reports import access_report as access_report  # noqa: E402
from ketenkaart.access.reports import access_trail as access_trail  # noqa: E402
from ketenkaart.access.reports import is_vt_team as is_vt_team  # noqa: E402
from ketenkaart.access.reports import joint_visits_of as joint_visits_of  # noqa: E402
from ketenkaart.access.reports import region_advice as region_advice  # noqa: E402
from ketenkaart.access.reports import region_reports as region_reports  # noqa: E402
from ketenkaart.access.reports import report_grant as report_grant  # noqa: E402
from ketenkaart.access.reports import report_list_grant as report_list_grant  # noqa: E402
from ketenkaart.access.reports import reporter_shown_to as reporter_shown_to  # noqa: E402
from ketenkaart.access.reports import reports_by as reports_by  # noqa: E402
from ketenkaart.access.reports import reports_seen_by as reports_seen_by  # noqa: E402
from ketenkaart.access.reports import require_vt_team as require_vt_team  # noqa: E402
from ketenkaart.access.reports import visible_advice as visible_advice  # noqa: E402
from ketenkaart.access.reports import visible_joint_visits as visible_joint_visits  # noqa: E402
from ketenkaart.access.reports import visible_reports as visible_reports  # noqa: E402
from ketenkaart.access.reports import visible_trails as visible_trails  # noqa: E402
from ketenkaart.access.reports import vt_region as vt_region  # noqa: E402
from ketenkaart.access.search import (  # noqa: E402
    PersonSearchLimited as PersonSearchLimited,
)
from ketenkaart.access.search import (  # noqa: E402
    person_search_allowance as person_search_allowance,
)
from ketenkaart.access.teams import access_action as access_action  # noqa: E402
from ketenkaart.access.teams import actions_owned_by as actions_owned_by  # noqa: E402
from ketenkaart.access.teams import owned_actions as owned_actions  # noqa: E402
from ketenkaart.access.teams import visible_actions as visible_actions  # noqa: E402
from ketenkaart.access.writing import (  # noqa: E402
    may_change_measure_course as may_change_measure_course,
)
from ketenkaart.access.writing import require_write as require_write  # noqa: E402
from ketenkaart.access.writing import writable_households as writable_households  # noqa: E402
from ketenkaart.access.writing import write_grant as write_grant  # noqa: E402
