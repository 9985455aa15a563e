"""The gate for meldingen, adviezen, meldcode trails and joint visits (M3): who of Veilig Thuis,
the reporter and whom a melding was handed to sees and changes what. Part of the one gate:
import it as `ketenkaart.access.gate`."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Exists, Model, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from ketenkaart.access.gate import as_uuid, professional_of
from ketenkaart.access.result import Access
from ketenkaart.audit import persons as audit_persons
from ketenkaart.audit import services as audit
from ketenkaart.audit.models import Outcome
from ketenkaart.organisations.models import OrganisationType, Professional, Role
from ketenkaart.reports.models import (
    AdviceRequest,
    Investigation,
    JointVisit,
    MeldcodeTrail,
    Report,
    SafetyAssessment,
)

if TYPE_CHECKING:
    from django.http import HttpRequest

    from ketenkaart.access.result import AnyUser

M = TypeVar("M", bound=Model)

# -- Veilig Thuis: meldingen, adviezen, meldcode trails, joint visits (M3) ----------------------
#
# The region's VT team (role Veilig Thuis at a VT organisation that works as a team) sees the
# region's meldingen and adviezen. A reporter (school, police) sees only what they sent; a
# meldcode trail only its owner. None of this opens a dossier: that stays with
# the rules of gate.py.


class ReportGrant(StrEnum):
    VT_REGION = "vt_region_team"
    OWN = "own_report"
    HANDED_TO = "handed_to"
    JOINT_VISIT = "joint_visit_partner"


def is_vt_team(professional: Professional | None) -> bool:
    return (
        professional is not None
        and professional.role == Role.VEILIG_THUIS
        and professional.organisation.type == OrganisationType.VEILIG_THUIS
        and professional.organisation.works_as_team
    )


def vt_region(professional: Professional | None) -> uuid.UUID | None:
    """The region whose meldingen, adviezen and joint visits this professional's VT team sees
    (None: not the VT team). With the region_* sources below, what visible_* give for them."""
    if professional is None or not is_vt_team(professional):
        return None
    return professional.organisation.region_id


def visible_reports(user: AnyUser) -> QuerySet[Report]:
    seen = reports_seen_by(user)
    return Report.objects.none() if seen is None else reports_by(*seen)


def reports_seen_by(user: AnyUser) -> tuple[bool, uuid.UUID] | None:
    """visible_reports' rule as values, for a prepared statement over reports_by: (True, the
    region's id) for the region's VT team, (False, the professional's id) for anyone else,
    None for someone who is no professional."""
    professional = professional_of(user)
    if professional is None:
        return None
    region_id = vt_region(professional)
    return (True, region_id) if region_id is not None else (False, professional.pk)


def reports_by(region: bool, who: Any) -> QuerySet[Report]:
    """The meldingen of a region (`region`) or sent by a professional; `who` may be a Param."""
    return region_reports(who) if region else own_reports(who)


def region_reports(region: Any) -> QuerySet[Report]:
    """visible_reports of the region's VT team, for a region id or a Param (the queue's
    prepared statements, reports/queue.py)."""
    return Report.objects.filter(region_id=region)


def own_reports(professional: Any) -> QuerySet[Report]:
    """visible_reports of anyone else: what they sent, for a professional id or a Param."""
    return Report.objects.filter(submitted_by_id=professional)


def report_list_grant(user: AnyUser, *, partner: ReportGrant = ReportGrant.OWN) -> ReportGrant:
    """The grant a list of meldingen, adviezen or joint visits rests on: the region's VT team
    sees the region's, anyone else only their own (or, for visits, those they take part in)."""
    return ReportGrant.VT_REGION if is_vt_team(professional_of(user)) else partner


def report_grant(user: AnyUser, report: Report) -> ReportGrant | None:
    professional = professional_of(user)
    if professional is None:
        return None
    if vt_region(professional) == report.region_id:
        return ReportGrant.VT_REGION
    if report.submitted_by_id == professional.pk:
        return ReportGrant.OWN
    # Whom VT handed the family to, after the assessment or after an investigation.
    if (
        SafetyAssessment.objects.filter(report=report, handed_to=professional).exists()
        or Investigation.objects.filter(report=report, handed_to=professional).exists()
    ):
        return ReportGrant.HANDED_TO
    return None


def reporter_shown_to(user: AnyUser, report: Report) -> bool:
    """Whether this user may see who reported. A promise of anonymity hides the reporter from
    everyone outside the region's VT team (the reporter knows who they are)."""
    professional = professional_of(user)
    if professional is None:
        return False
    if vt_region(professional) == report.region_id or report.submitted_by_id == professional.pk:
        return True
    return not report.anonymity_promised


def _audited_access(
    request: HttpRequest,
    obj: M | None,
    grant: str | None,
    *,
    action: str,
    write: bool,
    write_grants: Collection[str],
    object_type: str,
    household_id: uuid.UUID | None = None,
    person_ids: Iterable[uuid.UUID] = (),
    household_ids: Iterable[uuid.UUID] = (),
) -> Access[M]:
    """Shared by the M3 `access_*` functions: 404 when not visible, 403 when read only. The
    allowed row names the persons concerned and the families shown, when given."""
    if obj is None or grant is None or (write and grant not in write_grants):
        audit.record(
            user=request.user,
            action=action,
            outcome=Outcome.DENIED,
            household_id=household_id,
            object_type=object_type,
            object_id=obj.pk if obj is not None else "",
            legal_basis=grant or "",
            request=request,
        )
        if obj is None or grant is None:
            raise Http404
        raise PermissionDenied
    audit.record(
        user=request.user,
        action=action,
        household_id=household_id,
        object_type=object_type,
        object_id=obj.pk,
        person_ids=person_ids,
        household_ids=household_ids,
        legal_basis=grant,
        request=request,
    )
    return Access(obj, grant, frozenset(write_grants))


_MATCHED = "audit_matched_ids"
_UNMATCHED = "audit_has_unmatched"


def with_concerned(reports: QuerySet[Report]) -> QuerySet[Report]:
    """Reports annotated, in the same SELECT, with what `concerned` needs: the Person ids the
    radar matched the melding's persons to, whether a reported person is left unmatched, and
    the members of the household the melding is linked to."""
    from ketenkaart.households.models import Member
    from ketenkaart.reports.models import ReportPerson

    reports = audit_persons.with_joined_ids(
        reports, _MATCHED, ReportPerson.objects.all(), "report", "person_id"
    )
    members = (
        Member.objects.filter(household=OuterRef("household_id"))
        .order_by()
        .values("household")
        .annotate(ids=audit_persons.JoinedIds("person_id"))
        .values("ids")
    )
    return reports.annotate(
        **{
            _UNMATCHED: ~Exists(ReportPerson.objects.filter(report=OuterRef("pk")))
            | Exists(ReportPerson.objects.filter(report=OuterRef("pk"), person__isnull=True)),
            audit_persons.MEMBER_IDS: Subquery(members, output_field=CharField()),
        }
    )


def concerned(report: Report) -> list[uuid.UUID]:
    """The persons concerned by a read of a melding (NEN 7513 §5.2, "betrokkene"), as Person
    ids: a reported person (ReportPerson) is not a Person, so the row names the Person the
    radar matched it to. When a reported person has no match (or none was reported) and the
    melding is linked to a household, the household's members stand for them. Unmatched
    persons of an unlinked melding have no Person id: they are found through the melding
    itself (the row's object id). Needs `with_concerned`."""
    found = set(audit_persons.joined_ids(report, _MATCHED))
    if report.household_id is not None and getattr(report, _UNMATCHED, False):
        found |= set(audit_persons.member_ids(report))
    return sorted(found)


def access_report(
    request: HttpRequest, report_id: object, *, action: str = "report.read", write: bool = False
) -> Access[Report]:
    """A melding this user may see (VT of its region, its reporter, whom it was handed to);
    only the region's VT team may change it."""
    key = as_uuid(report_id)
    report = (
        with_concerned(Report.objects.select_related("household", "region", "submitted_by"))
        .filter(pk=key)
        .first()
        if key
        else None
    )
    grant = report_grant(request.user, report) if report is not None else None
    return _audited_access(
        request,
        report,
        grant,
        action=action,
        write=write,
        write_grants={ReportGrant.VT_REGION},
        object_type="report",
        household_id=report.household_id if report is not None else None,
        person_ids=concerned(report) if report is not None else (),
    )


def visible_advice(user: AnyUser) -> QuerySet[AdviceRequest]:
    professional = professional_of(user)
    if professional is None:
        return AdviceRequest.objects.none()
    region_id = vt_region(professional)
    if region_id is not None:
        return region_advice(region_id)
    return AdviceRequest.objects.filter(requested_by=professional)


def region_advice(region: Any) -> QuerySet[AdviceRequest]:
    """visible_advice of the region's VT team, for a region id or a Param."""
    return AdviceRequest.objects.filter(region_id=region)


def access_advice(
    request: HttpRequest, advice_id: object, *, action: str = "advice.read", write: bool = False
) -> Access[AdviceRequest]:
    key = as_uuid(advice_id)
    advice = AdviceRequest.objects.filter(pk=key).first() if key else None
    grant = None
    if advice is not None:
        professional = professional_of(request.user)
        if professional is not None and vt_region(professional) == advice.region_id:
            grant = ReportGrant.VT_REGION
        elif professional is not None and advice.requested_by_id == professional.pk:
            grant = ReportGrant.OWN
    return _audited_access(
        request,
        advice,
        grant,
        action=action,
        write=write,
        write_grants={ReportGrant.VT_REGION},
        object_type="advice",
    )


def visible_trails(user: AnyUser) -> QuerySet[MeldcodeTrail]:
    """A meldcode trail is its signaler's own file: nobody else sees it, VT included."""
    professional = professional_of(user)
    if professional is None:
        return MeldcodeTrail.objects.none()
    return MeldcodeTrail.objects.filter(owner=professional)


def access_trail(
    request: HttpRequest, trail_id: object, *, action: str = "trail.read", write: bool = False
) -> Access[MeldcodeTrail]:
    key = as_uuid(trail_id)
    trail = MeldcodeTrail.objects.filter(pk=key).first() if key else None
    professional = professional_of(request.user)
    grant = (
        ReportGrant.OWN
        if trail is not None and professional is not None and trail.owner_id == professional.pk
        else None
    )
    return _audited_access(
        request,
        trail,
        grant,
        action=action,
        write=write,
        write_grants={ReportGrant.OWN},
        object_type="meldcode_trail",
    )


def visible_joint_visits(user: AnyUser) -> QuerySet[JointVisit]:
    professional = professional_of(user)
    if professional is None:
        return JointVisit.objects.none()
    return joint_visits_of(professional.pk, vt_region(professional))


def joint_visits_of(professional: Any, region: Any) -> QuerySet[JointVisit]:
    """visible_joint_visits for a professional's id and their VT team's region (None: not the
    VT team); each may be a Param. The two who visit, and the region's VT team."""
    rule = Q(partner_id=professional) | Q(vt_professional_id=professional)
    if region is not None:
        rule |= Q(region_id=region)
    return JointVisit.objects.filter(rule)


def access_joint_visit(
    request: HttpRequest, visit_id: object, *, action: str = "joint_visit.read", write: bool = False
) -> Access[JointVisit]:
    """The region's VT team and the two who visit; both visitors may record how it went."""
    key = as_uuid(visit_id)
    visit = (
        JointVisit.objects.select_related("household", "report").filter(pk=key).first()
        if key
        else None
    )
    professional = professional_of(request.user)
    grant = None
    if visit is not None and professional is not None:
        if vt_region(professional) == visit.region_id:
            grant = ReportGrant.VT_REGION
        elif professional.pk in (visit.partner_id, visit.vt_professional_id):
            grant = ReportGrant.JOINT_VISIT
    return _audited_access(
        request,
        visit,
        grant,
        action=action,
        write=write,
        write_grants={ReportGrant.VT_REGION, ReportGrant.JOINT_VISIT},
        object_type="joint_visit",
        household_id=visit.household_id if visit is not None else None,
    )


def require_vt_team(request: HttpRequest, action: str) -> Professional:
    """Work only the region's VT team does (the queue, assessments); a refusal is audited."""
    professional = professional_of(request.user)
    if professional is not None and is_vt_team(professional):
        return professional
    audit.record(user=request.user, action=action, outcome=Outcome.DENIED, request=request)
    raise PermissionDenied


# -- safety teams and policy signals ----------------------------------------------------------
