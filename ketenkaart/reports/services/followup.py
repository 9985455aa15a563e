"""Follow-up of a melding: feedback to the reporter and joint visits."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenkaart.access.gate import is_vt_team
from ketenkaart.core.errors import DomainError
from ketenkaart.households.models import Household
from ketenkaart.organisations.models import Professional
from ketenkaart.reports.models import (
    JointVisit,
    JointVisitStatus,
    Report,
    ReporterFeedback,
)
from ketenkaart.reports.services.common import _audit, _require_vt, _required


@transaction.atomic
def feedback_give(
    *,
    by: Professional,
    feedback: ReporterFeedback,
    follow_up_started: bool,
    taken_over_by: str = "",
    reporter_has_role: bool = False,
    conditions_and_monitoring: str = "",
    message: str = "",
) -> ReporterFeedback:
    """Tell the reporter whether a follow-up route started and who took it over; where the
    reporter has a role, the safety conditions and monitoring agreements too."""
    feedback = (
        ReporterFeedback.objects.select_for_update(of=("self",))
        .select_related("report")
        .get(pk=feedback.pk)
    )
    _require_vt(by, feedback.report.region_id)
    if feedback.given_at is not None:
        raise DomainError(_("Deze terugkoppeling is al gegeven."), code="conflict")
    taken_over_by = (taken_over_by or "").strip()
    if follow_up_started and not taken_over_by:
        raise DomainError(_("Vul in wie het vervolg heeft overgenomen."), field="taken_over_by")
    conditions_and_monitoring = (conditions_and_monitoring or "").strip()
    if reporter_has_role and not conditions_and_monitoring:
        raise DomainError(
            _(
                "De melder heeft een rol: deel de veiligheidsvoorwaarden en de afspraken over "
                "monitoring."
            ),
            field="conditions_and_monitoring",
        )
    feedback.follow_up_started = follow_up_started
    feedback.taken_over_by = taken_over_by[:200]
    feedback.reporter_has_role = reporter_has_role
    feedback.conditions_and_monitoring = conditions_and_monitoring if reporter_has_role else ""
    feedback.message = (message or "").strip()
    feedback.given_at = timezone.now()
    feedback.given_by = by
    feedback.save()
    _audit(by, "report.feedback.given", feedback, household_id=feedback.report.household_id)
    return feedback


@transaction.atomic
def joint_visit_plan(
    *,
    by: Professional,
    household: Household,
    partner: Professional,
    planned_for: datetime.datetime,
    reason: str,
    report: Report | None = None,
) -> JointVisit:
    """Veilig Thuis plans a home visit together with the wijkcoach when a family is not open
    to help."""
    _require_vt(by)
    reason = _required(reason, "reason", _("Geef de reden van het gezamenlijke huisbezoek."))
    if not partner.organisation.is_local_team or not partner.works_with_families:
        raise DomainError(
            _("Ga samen op pad met een professional van het lokale team."), field="partner"
        )
    if planned_for < timezone.now() - datetime.timedelta(hours=1):
        raise DomainError(_("Plan het bezoek niet in het verleden."), field="planned_for")
    if report is not None and report.household_id != household.pk:
        raise DomainError(_("Deze melding hoort bij een ander gezin."), field="report")
    visit = JointVisit.objects.create(
        household=household,
        report=report,
        region_id=household.region_id,
        vt_professional=by,
        partner=partner,
        reason=reason,
        planned_for=planned_for,
        planned_by=by,
    )
    _audit(by, "joint_visit.planned", visit, household_id=household.pk)
    return visit


@transaction.atomic
def joint_visit_record(
    *,
    by: Professional,
    visit: JointVisit,
    took_place: bool,
    how_it_went: str,
    family_open_to_help: bool | None = None,
) -> JointVisit:
    visit = JointVisit.objects.select_for_update().get(pk=visit.pk)
    if by.pk not in (visit.vt_professional_id, visit.partner_id) and not (
        is_vt_team(by) and by.organisation.region_id == visit.region_id
    ):
        raise DomainError(_("Alleen wie op bezoek ging legt het verslag vast."), code="forbidden")
    if visit.status != JointVisitStatus.PLANNED:
        raise DomainError(_("Van dit bezoek is het verslag al vastgelegd."), code="conflict")
    visit.how_it_went = _required(how_it_went, "how_it_went", _("Beschrijf hoe het ging."))
    visit.status = JointVisitStatus.DONE if took_place else JointVisitStatus.CANCELLED
    visit.family_open_to_help = family_open_to_help if took_place else None
    visit.recorded_at = timezone.now()
    visit.save()
    _audit(by, "joint_visit.recorded", visit, household_id=visit.household_id)
    return visit
