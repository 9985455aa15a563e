"""The veiligheidsbeoordeling, its outcomes and handover, and the investigation."""

import datetime
import uuid
from collections.abc import Sequence

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenkaart.core.errors import DomainError
from ketenkaart.households import legal_basis as legal_basis_rules
from ketenkaart.households import services as households
from ketenkaart.households.models import Household, Involvement, LegalBasis
from ketenkaart.notifications.gated import involved_professionals, tell_about_family
from ketenkaart.notifications.models import Kind
from ketenkaart.notifications.services import notify
from ketenkaart.organisations.models import Professional
from ketenkaart.reports.models import (
    HANDOVER_OUTCOMES,
    AdviceRequest,
    FeedbackMoment,
    Investigation,
    InvestigationReason,
    Outcome,
    Report,
    ReporterFeedback,
    ReportSource,
    ReportStatus,
    SafetyAssessment,
)
from ketenkaart.reports.services.common import INVESTIGATION_NORM, _audit, _require_vt, _required


def _ensure_vt_involved(by: Professional, household: Household, role_in_family: str) -> None:
    if not Involvement.objects.filter(
        household=household, organisation=by.organisation, ended_on__isnull=True
    ).exists():
        households.involvement_add(
            by=by,
            household=household,
            professional=by,
            role_in_family=role_in_family,
            legal_basis=LegalBasis.VT_WMO_5_2_6,
            via="vt_region_team",
        )


def _hand_over(by: Professional, report: Report, to: Professional, role_in_family: str) -> None:
    """The receiver becomes involved (when not yet) and is told."""
    assert report.household is not None  # every outcome that hands over needs the family
    if not Involvement.objects.filter(
        household=report.household, professional=to, ended_on__isnull=True
    ).exists():
        # Wmo 2015 art. 5.2.6 covers sharing towards Veilig Thuis, not from it. VT hands over
        # on its own task of informing an organisation that can give fitting help (Wmo 2015
        # art. 4.1.1 lid 2); towards the GI during an OTS, a measure's GI or the Raad their own
        # bases fit more exactly (legal_basis.allowed_bases).
        allowed = legal_basis_rules.allowed_bases(
            to.organisation, report.household, sender=by.organisation
        )
        households.involvement_add(
            by=by,
            household=report.household,
            professional=to,
            role_in_family=role_in_family,
            legal_basis=next(
                (
                    basis
                    for basis in (
                        LegalBasis.GI_JEUGDWET_7_3_11,
                        LegalBasis.COURT_MEASURE,
                        LegalBasis.BOARD_BW_1_240,
                        LegalBasis.VT_HANDOVER_WMO_4_1_1,
                    )
                    if basis in allowed
                ),
                LegalBasis.CONSENT,
            ),
            via="vt_region_team",
        )
    # The shared inbox: the title names the family, never the reporter; the page behind the
    # link goes through the gate again.
    notification = notify(
        recipient=to,
        kind=Kind.HANDOVER,
        title=_("Veilig Thuis heeft het gezin %(family)s aan u overgedragen")
        % {"family": report.household.name},
        body=str(role_in_family),
        link=reverse("reports:detail", kwargs={"report_id": report.pk}),
    )
    _audit(by, "report.handover_notice.sent", notification, household_id=report.household_id)


def _tell_conditions(
    by: Professional, household: Household, conditions: Sequence[str], monitoring: str
) -> None:
    """Veilig Thuis's conditions reach whoever works with the family (its regisseur first),
    not only the map: they are the floor of every plan (Handelingsprotocol Veilig Thuis,
    'voorwaarden en vervolg')."""
    tell_about_family(
        household=household,
        recipients=involved_professionals(household),
        exclude=[by],
        kind=Kind.DECISION,
        title=_("Veilig Thuis heeft veiligheidsvoorwaarden vastgelegd voor %(family)s"),
        anonymous_title=_("Veilig Thuis heeft een besluit genomen over een gezin"),
        body=_("Voorwaarden: %(conditions)s Veilig Thuis monitort: %(monitoring)s")
        % {"conditions": "; ".join(conditions), "monitoring": monitoring},
        link=reverse("households:detail", kwargs={"household_id": household.pk}),
    )


def _tell_handed_over(by: Professional, household: Household, to: Professional) -> None:
    """The receiver is told by _hand_over; the others who work with the family learn who has
    it now."""
    tell_about_family(
        household=household,
        recipients=involved_professionals(household),
        exclude=[by, to],
        kind=Kind.DECISION,
        title=_("Veilig Thuis heeft de melding over %(family)s overgedragen aan %(receiver)s"),
        values={"receiver": f"{to.display_name} ({to.organisation.name})"},
        anonymous_title=_("Veilig Thuis heeft een besluit genomen over een gezin"),
        link=reverse("households:detail", kwargs={"household_id": household.pk}),
    )


def _check_handover(outcome: str, report: Report, to: Professional | None) -> None:
    if to is None:
        raise DomainError(_("Kies aan wie u overdraagt."), field="handed_to")
    if to.organisation.region_id != report.region_id:
        raise DomainError(_("Kies een professional uit deze regio."), field="handed_to")
    if not to.works_with_families:
        raise DomainError(
            _("Draag over aan een professional die met gezinnen werkt."), field="handed_to"
        )
    if outcome == Outcome.LOCAL_TEAM and not to.organisation.is_local_team:
        raise DomainError(
            _("Kies een professional van het lokale team (wijkteam, jeugdteam of gemeente)."),
            field="handed_to",
        )
    if (
        outcome == Outcome.INVOLVED_PROFESSIONAL
        and not Involvement.objects.filter(
            household=report.household, professional=to, ended_on__isnull=True
        ).exists()
    ):
        raise DomainError(
            _("Deze professional is niet bij het gezin betrokken."), field="handed_to"
        )


def conditions_to_safety_map(
    *,
    by: Professional,
    household: Household,
    conditions: Sequence[str],
    monitoring: str,
    monitor_until: datetime.date | None,
) -> uuid.UUID:
    """Write VT's safety conditions (the floor) and its monitoring into the family's map, as a
    new version through the map's own save service."""
    from ketenkaart.safety_maps import selectors as map_selectors
    from ketenkaart.safety_maps import services as map_services
    from ketenkaart.safety_maps.content import normalised

    safety_map = map_selectors.map_of(household)
    base = safety_map.current_number if safety_map is not None else 0
    current = map_selectors.version(safety_map, base) if safety_map is not None and base else None
    content = normalised(current.content if current is not None else None)
    content["safetyConditions"] = list(conditions)
    agreement = {
        "who": by.organisation.name,
        "what": _("Monitoring van de veiligheidsvoorwaarden: %(text)s") % {"text": monitoring},
        "monitoredBy": by.organisation.name,
        "until": monitor_until.isoformat() if monitor_until else None,
    }
    if agreement not in content["agreements"]:
        content["agreements"] = [*content["agreements"], agreement]
    version = map_services.safety_map_save(
        by=by, household=household, content=content, base_number=base, via="vt_region_team"
    )
    return version.pk


@transaction.atomic
def assessment_record(
    *,
    by: Professional,
    report: Report,
    acute_unsafety: bool,
    structural_unsafety: bool,
    multi_problem: bool,
    outcome: str,
    reasoning: str,
    handed_to: Professional | None = None,
    safety_conditions: Sequence[str] = (),
    monitoring: str = "",
    monitor_until: datetime.date | None = None,
    investigation_reasons: Sequence[str] = (),
) -> SafetyAssessment:
    """The veiligheidsbeoordeling and its outcome (DOMAIN.md): close or convert to advies; hand
    to the local team, an involved professional or a multidisciplinary team (they become
    involved and are told); voorwaarden en vervolg (conditions into the family's map, VT
    monitors); or onderzoek (10-week norm). A promise of anonymity means VT investigates."""
    report = (
        Report.objects.select_for_update(of=("self",)).select_related("household").get(pk=report.pk)
    )
    _require_vt(by, report.region_id)
    if report.status != ReportStatus.RECEIVED:
        raise DomainError(_("Deze melding is al beoordeeld."), code="conflict")
    if outcome not in Outcome.values:
        raise DomainError(_("Kies een besluit."), field="outcome")
    reasoning = _required(reasoning, "reasoning", _("Onderbouw het besluit."))
    if acute_unsafety and outcome in (Outcome.CLOSE, Outcome.CONVERT_TO_ADVICE):
        # Triage A (acute unsafety) needs direct action for safety; closing it is not an
        # outcome (Handelingsprotocol Veilig Thuis, veiligheidsbeoordeling).
        raise DomainError(
            _(
                "Bij acute onveiligheid kan de melding niet worden afgesloten of omgezet naar "
                "advies: kies een vervolg dat de veiligheid regelt."
            ),
            field="outcome",
        )
    if report.anonymity_promised and outcome != Outcome.INVESTIGATION:
        raise DomainError(
            _("De melder is anonimiteit toegezegd: Veilig Thuis onderzoekt dan zelf."),
            field="outcome",
        )
    needs_household = outcome in (*HANDOVER_OUTCOMES, Outcome.CONDITIONS, Outcome.INVESTIGATION)
    if needs_household and report.household_id is None:
        raise DomainError(
            _("Koppel de melding eerst aan een gezin (of maak het gezin aan)."), field="outcome"
        )
    if outcome in HANDOVER_OUTCOMES:
        _check_handover(outcome, report, handed_to)
    else:
        handed_to = None
    conditions = [c.strip() for c in safety_conditions if c and c.strip()]
    reasons = list(dict.fromkeys(investigation_reasons))
    if outcome == Outcome.CONDITIONS:
        if not conditions:
            raise DomainError(
                _("Leg ten minste één veiligheidsvoorwaarde vast."), field="safety_conditions"
            )
        monitoring = _required(monitoring, "monitoring", _("Beschrijf hoe Veilig Thuis monitort."))
    else:
        conditions, monitoring, monitor_until = [], "", None
    if outcome == Outcome.INVESTIGATION:
        if report.anonymity_promised and InvestigationReason.ANONYMITY not in reasons:
            reasons.append(InvestigationReason.ANONYMITY)
        if not reasons or any(r not in InvestigationReason.values for r in reasons):
            raise DomainError(
                _("Kies waarom Veilig Thuis onderzoekt."), field="investigation_reasons"
            )
    else:
        reasons = []

    now = timezone.now()
    today = timezone.localdate(now)
    assessment = SafetyAssessment.objects.create(
        report=report,
        assessed_by=by,
        assessed_at=now,
        acute_unsafety=acute_unsafety,
        structural_unsafety=structural_unsafety,
        multi_problem=multi_problem,
        outcome=outcome,
        reasoning=reasoning,
        handed_to=handed_to,
        safety_conditions=conditions,
        monitoring=monitoring,
        monitor_until=monitor_until,
        investigation_reasons=reasons,
        within_deadline=today <= report.assess_by,
    )
    statuses: dict[str, str] = {
        Outcome.CLOSE: ReportStatus.CLOSED,
        Outcome.CONVERT_TO_ADVICE: ReportStatus.ADVICE,
        Outcome.CONDITIONS: ReportStatus.CONDITIONS,
        Outcome.INVESTIGATION: ReportStatus.INVESTIGATION,
    }
    status = statuses.get(outcome, ReportStatus.HANDED_OVER)
    if outcome == Outcome.CONVERT_TO_ADVICE:
        AdviceRequest.objects.create(
            region_id=report.region_id,
            requested_by=report.submitted_by
            if report.source != ReportSource.VEILIG_THUIS
            else None,
            asker_name=report.reporter_name,
            asker_organisation=report.reporter_organisation,
            asker_phone=report.reporter_phone,
            question=report.summary,
            answer=reasoning,
            answered_by=by,
            answered_at=now,
            received_at=report.received_at,
        )
    elif outcome in HANDOVER_OUTCOMES:
        # Checked above: a handover names its receiver and needs the family.
        assert handed_to is not None and report.household is not None
        _hand_over(
            by,
            report,
            handed_to,
            _("Overgedragen door Veilig Thuis na de veiligheidsbeoordeling"),
        )
        _tell_handed_over(by, report.household, handed_to)
    elif outcome == Outcome.CONDITIONS:
        assert report.household is not None  # checked above (needs_household)
        _ensure_vt_involved(by, report.household, _("Veilig Thuis, voorwaarden en vervolg"))
        assessment.safety_map_version = conditions_to_safety_map(
            by=by,
            household=report.household,
            conditions=conditions,
            monitoring=monitoring,
            monitor_until=monitor_until,
        )
        assessment.save(update_fields=["safety_map_version"])
        _tell_conditions(by, report.household, conditions, monitoring)
    elif outcome == Outcome.INVESTIGATION:
        assert report.household is not None  # checked above (needs_household)
        _ensure_vt_involved(by, report.household, _("Veilig Thuis, onderzoek"))
        Investigation.objects.create(
            report=report, started_on=today, due_on=today + INVESTIGATION_NORM
        )
    report.status = status
    report.save(update_fields=["status"])
    ReporterFeedback.objects.create(
        report=report, moment=FeedbackMoment.AFTER_ASSESSMENT, due_on=today
    )
    _audit(
        by,
        "report.assessed",
        assessment,
        household_id=report.household_id,
        basis=LegalBasis.VT_WMO_5_2_6,
    )
    return assessment


@transaction.atomic
def investigation_complete(
    *,
    by: Professional,
    investigation: Investigation,
    conclusion: str,
    follow_up: str,
    handed_to: Professional | None = None,
) -> Investigation:
    investigation = (
        Investigation.objects.select_for_update(of=("self",))
        .select_related("report__household")
        .get(pk=investigation.pk)
    )
    report = investigation.report
    _require_vt(by, report.region_id)
    if investigation.completed_at is not None:
        raise DomainError(_("Dit onderzoek is al afgerond."), code="conflict")
    investigation.conclusion = _required(conclusion, "conclusion", _("Schrijf de conclusie."))
    investigation.follow_up = _required(follow_up, "follow_up", _("Beschrijf het vervolg."))
    if handed_to is not None:
        _check_handover(Outcome.MULTIDISCIPLINARY, report, handed_to)
        _hand_over(by, report, handed_to, _("Overgedragen door Veilig Thuis na onderzoek"))
    investigation.handed_to = handed_to
    investigation.completed_at = timezone.now()
    investigation.save()
    report.status = ReportStatus.INVESTIGATED
    report.save(update_fields=["status"])
    ReporterFeedback.objects.create(
        report=report,
        moment=FeedbackMoment.AFTER_INVESTIGATION,
        due_on=timezone.localdate(investigation.completed_at),
    )
    _audit(by, "report.investigation.completed", investigation, household_id=report.household_id)
    return investigation
