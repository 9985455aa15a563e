"""Workflows of M3: the meldcode trail, advies and melding, police zorgmeldingen, the
veiligheidsbeoordeling and its outcomes, the investigation, feedback and joint visits.
Each runs in one transaction and writes its audit event there."""

import datetime
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenkaart.access.gate import is_vt_team
from ketenkaart.audit import services as audit
from ketenkaart.core import calendar
from ketenkaart.core.errors import DomainError
from ketenkaart.households import legal_basis as legal_basis_rules
from ketenkaart.households import services as households
from ketenkaart.households.models import Household, Involvement, LegalBasis
from ketenkaart.notifications.models import Kind
from ketenkaart.notifications.services import notify
from ketenkaart.organisations.models import Professional, Role
from ketenkaart.reports import radar, rows
from ketenkaart.reports.inputs import PersonInput, PoliceMessage, ReporterInput
from ketenkaart.reports.models import (
    HANDOVER_OUTCOMES,
    MUST_END_IN_A_MELDING,
    AdviceRequest,
    Answer,
    FeedbackMoment,
    Investigation,
    InvestigationReason,
    JointVisit,
    JointVisitStatus,
    MeldcodeTrail,
    Outcome,
    PoliceReport,
    Report,
    ReporterFeedback,
    ReportPerson,
    ReportSource,
    ReportStatus,
    SafetyAssessment,
    TrailAnswer,
    TrailFindings,
    TrailStatus,
)

# DOMAIN.md, Veilig Thuis: the veiligheidsbeoordeling within 5 working days, acute at once;
# an investigation's norm is 10 weeks.
ASSESSMENT_WORKING_DAYS = 5
INVESTIGATION_NORM = datetime.timedelta(weeks=10)
MAX_TEXT = 20000


def _audit(by: Professional | None, action: str, obj, household_id=None, persons=(), basis=""):
    audit.record(
        user=by.user if by is not None else None,
        action=action,
        household_id=household_id,
        object_type=type(obj).__name__.lower(),
        object_id=obj.pk,
        person_ids=[p for p in persons if p is not None],
        legal_basis=basis,
    )


def _required(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=field)
    if len(value) > MAX_TEXT:
        raise DomainError(_("Gebruik hoogstens %(n)s tekens.") % {"n": MAX_TEXT}, field=field)
    return value


def _require_vt(by: Professional, region_id=None) -> None:
    if not is_vt_team(by) or (region_id is not None and by.organisation.region_id != region_id):
        raise DomainError(
            _("Alleen het Veilig Thuis-team van de regio doet dit."), code="forbidden"
        )


def assessment_deadline(received_at: datetime.datetime, acute: bool) -> datetime.date:
    """At the latest 5 working days after receipt; an acute melding at once (the same day)."""
    received_on = timezone.localdate(received_at)
    if acute:
        return received_on
    return calendar.add_working_days(received_on, ASSESSMENT_WORKING_DAYS)


@transaction.atomic
def deadlines_recompute() -> dict[str, int]:
    """Stored deadlines of open work, computed again from the current working-day calendar.
    Acute meldingen keep "at once" (their day of receipt or of becoming acute)."""
    from ketenkaart.exemptions.models import ExemptionRequest, Status
    from ketenkaart.exemptions.services import deadline_for

    changed = {"meldingen": 0, "ventieltafelverzoeken": 0}
    reports = []
    for report in Report.objects.filter(status=ReportStatus.RECEIVED, acute=False).only(
        "id", "received_at", "acute", "assess_by"
    ):
        due = assessment_deadline(report.received_at, False)
        if due != report.assess_by:
            report.assess_by = due
            reports.append(report)
    Report.objects.bulk_update(reports, ["assess_by"], batch_size=1000)
    changed["meldingen"] = len(reports)
    requests = []
    for request in ExemptionRequest.objects.filter(status=Status.SUBMITTED).select_related("table"):
        due = deadline_for(request.table, request.urgency, timezone.localdate(request.asked_at))
        if due != request.deadline:
            request.deadline = due
            requests.append(request)
    ExemptionRequest.objects.bulk_update(requests, ["deadline"], batch_size=1000)
    changed["ventieltafelverzoeken"] = len(requests)
    return changed


# -- meldcode trail ----------------------------------------------------------------------------


def trail_next_question(trail: MeldcodeTrail, answers: Sequence[TrailAnswer]) -> int | None:
    """The afwegingskader question to answer now, from this round's answers (in order)."""
    if trail.status not in (TrailStatus.OPEN, TrailStatus.HELP):
        return None
    if not answers:
        return 1
    last = answers[-1]
    following = {
        (1, Answer.YES): 2,
        (2, Answer.NO): 3,
        (3, Answer.YES): 4,
        (4, Answer.YES): 5,
    }
    return following.get((last.question, last.answer))


def _round_answers(trail: MeldcodeTrail) -> list[TrailAnswer]:
    return list(trail.answers.filter(round=trail.round).order_by("answered_at", "question"))


@transaction.atomic
def trail_start(*, by: Professional, subject: str) -> MeldcodeTrail:
    subject = (subject or "").strip()
    if not subject:
        raise DomainError(_("Beschrijf over wie het gaat."), field="subject")
    if len(subject) > 200:
        raise DomainError(_("Gebruik hoogstens 200 tekens."), field="subject")
    if by.role == Role.POLICE:
        raise DomainError(
            _("De politie meldt met een zorgmelding, niet met de meldcode."), code="forbidden"
        )
    now = timezone.now()
    trail = MeldcodeTrail.objects.create(
        owner=by,
        organisation=by.organisation,
        region_id=by.organisation.region_id,
        subject=subject,
        started_at=now,
        updated_at=now,
    )
    _audit(by, "meldcode_trail.started", trail)
    return trail


@transaction.atomic
def trail_record_steps(
    *,
    by: Professional,
    trail: MeldcodeTrail,
    signals: str,
    colleague_consulted: str = "",
    conversation: str = "",
    weighing: str = "",
) -> MeldcodeTrail:
    """Steps 1–4: findings are always recorded; the trail may stop and go on later. Every save
    is kept as a new row of its round; once the melding is made the findings are frozen."""
    trail = MeldcodeTrail.objects.select_for_update().get(pk=trail.pk)
    if trail.owner_id != by.pk:
        raise DomainError(_("Dit meldcodetraject is niet van u."), code="forbidden")
    if trail.status == TrailStatus.REPORTED:
        raise DomainError(
            _(
                "De melding is gedaan: de bevindingen van deze ronde liggen vast. Start een "
                "nieuwe ronde bij nieuwe signalen."
            ),
            code="conflict",
        )
    trail.signals = _required(signals, "signals", _("Beschrijf de signalen (stap 1)."))
    trail.colleague_consulted = (colleague_consulted or "").strip()
    trail.conversation = (conversation or "").strip()
    trail.weighing = (weighing or "").strip()
    trail.updated_at = timezone.now()
    trail.save()
    TrailFindings.objects.create(
        trail=trail,
        round=trail.round,
        signals=trail.signals,
        colleague_consulted=trail.colleague_consulted,
        conversation=trail.conversation,
        weighing=trail.weighing,
        recorded_by=by,
        recorded_at=trail.updated_at,
    )
    _audit(by, "meldcode_trail.steps_recorded", trail)
    return trail


@transaction.atomic
def trail_stop(*, by: Professional, trail: MeldcodeTrail, step: int, reason: str) -> MeldcodeTrail:
    """Stop at a step of the meldcode, explicitly and with a reason. A trail whose weighing
    says "report" cannot be stopped: it ends only in a melding."""
    trail = MeldcodeTrail.objects.select_for_update().get(pk=trail.pk)
    if trail.owner_id != by.pk:
        raise DomainError(_("Dit meldcodetraject is niet van u."), code="forbidden")
    if trail.status in MUST_END_IN_A_MELDING:
        raise DomainError(
            _("Melden is de uitkomst van de afweging: dit traject eindigt in een melding."),
            code="conflict",
        )
    if trail.status not in (TrailStatus.OPEN, TrailStatus.HELP):
        raise DomainError(_("Dit traject loopt niet meer."), code="conflict")
    if step not in (1, 2, 3, 4, 5):
        raise DomainError(_("Kies de stap (1 tot en met 5)."), field="step")
    trail.stop_reason = _required(reason, "reason", _("Geef de reden om te stoppen."))
    trail.stopped_at_step = step
    trail.status = TrailStatus.STOPPED
    trail.updated_at = timezone.now()
    trail.save()
    _audit(by, "meldcode_trail.stopped", trail)
    return trail


@transaction.atomic
def trail_answer(
    *,
    by: Professional,
    trail: MeldcodeTrail,
    question: int,
    answer: bool,
    reasons: str,
    monitoring_agreements: str = "",
) -> MeldcodeTrail:
    """Answer one afwegingskader question with reasons; the table in DOMAIN.md decides what
    follows. A yes on question 2 makes reporting mandatory and marks 3–5 as answered with VT."""
    trail = MeldcodeTrail.objects.select_for_update().get(pk=trail.pk)
    reasons = _required(reasons, "reasons", _("Geef de redenen voor dit antwoord."))
    expected = trail_next_question(trail, _round_answers(trail))
    if expected is None:
        raise DomainError(
            _(
                "Dit traject wacht niet op een antwoord. Start het opnieuw om de vragen weer te "
                "beantwoorden."
            ),
            code="conflict",
        )
    if question != expected:
        raise DomainError(_("Beantwoord eerst vraag %(n)s.") % {"n": expected}, field="question")
    if question == 1 and not trail.signals:
        raise DomainError(
            _("Leg eerst de signalen vast (stap 1) voordat u vraag 1 beantwoordt."),
            field="question",
        )
    now = timezone.now()
    value = Answer.YES if answer else Answer.NO
    TrailAnswer.objects.create(
        trail=trail,
        round=trail.round,
        question=question,
        answer=value,
        reasons=reasons,
        answered_by=by,
        answered_at=now,
    )
    if question == 1:
        trail.status = TrailStatus.OPEN if answer else TrailStatus.CLOSED
    elif question == 2 and answer:
        trail.status = TrailStatus.MUST_REPORT
        TrailAnswer.objects.bulk_create(
            TrailAnswer(
                trail=trail,
                round=trail.round,
                question=later,
                answer=Answer.WITH_VT,
                reasons=_(
                    "Acute of structurele onveiligheid: melden is verplicht. Deze vraag wordt "
                    "samen met Veilig Thuis beantwoord."
                ),
                answered_by=by,
                answered_at=now,
            )
            for later in (3, 4, 5)
        )
    elif question in (3, 4) and not answer:
        trail.status = TrailStatus.REPORT
    elif question == 4 and answer:
        trail.status = TrailStatus.HELP
    elif question == 5:
        if answer:
            trail.monitoring_agreements = _required(
                monitoring_agreements,
                "monitoring_agreements",
                _("Leg de afspraken over monitoring vast voordat u de hulp afsluit."),
            )
            trail.status = TrailStatus.HELP_CLOSED
        else:
            trail.status = TrailStatus.REPORT
    trail.updated_at = now
    trail.save()
    _audit(by, "meldcode_trail.answered", trail)
    return trail


@transaction.atomic
def trail_restart(*, by: Professional, trail: MeldcodeTrail) -> MeldcodeTrail:
    """New signals: the questions start again; earlier answers and findings stay as the log.
    A trail whose weighing said "report" (question 2 yes, or no on 3, 4 or 5) cannot restart
    before the melding is made: a mandatory melding never vanishes (Wet verplichte meldcode)."""
    trail = MeldcodeTrail.objects.select_for_update().get(pk=trail.pk)
    if trail.status in MUST_END_IN_A_MELDING:
        raise DomainError(
            _(
                "De afweging zegt melden bij Veilig Thuis. Doe eerst de melding; daarna kunt u "
                "bij nieuwe signalen opnieuw beginnen."
            ),
            code="conflict",
        )
    trail.round += 1
    trail.stopped_at_step = None
    trail.stop_reason = ""
    trail.status = TrailStatus.OPEN
    trail.updated_at = timezone.now()
    trail.save()
    _audit(by, "meldcode_trail.restarted", trail)
    return trail


# -- melding -----------------------------------------------------------------------------------


_PHONE_CHARACTERS = frozenset("0123456789 +-().")


def is_phone_number(value: str) -> bool:
    """A number Veilig Thuis can call back: digits with the usual separators, 7 to 15 digits
    (E.164 allows at most 15; Dutch service numbers like 0900-8844 have 8)."""
    digits = sum(ch.isdigit() for ch in value)
    return set(value) <= _PHONE_CHARACTERS and 7 <= digits <= 15


def _check_reporter(reporter: ReporterInput) -> ReporterInput:
    name = (reporter.name or "").strip()
    phone = (reporter.phone or "").strip()
    if not name:
        raise DomainError(
            _("Een melding vraagt de naam van de melder. Anoniem kan alleen een advies."),
            field="reporter_name",
        )
    if not phone:
        raise DomainError(
            _("Een melding vraagt een telefoonnummer waarop Veilig Thuis de melder bereikt."),
            field="reporter_phone",
        )
    if not is_phone_number(phone):
        raise DomainError(
            _("Vul een geldig telefoonnummer in, bijvoorbeeld 06-12345678 of +31 30 123 4567."),
            field="reporter_phone",
        )
    return ReporterInput(
        name=name[:200],
        phone=phone[:40],
        organisation=(reporter.organisation or "").strip()[:200],
        email=(reporter.email or "").strip()[:200],
    )


def _check_persons(persons: Sequence[PersonInput]) -> list[PersonInput]:
    if not persons:
        raise DomainError(_("Noem ten minste één persoon om wie het gaat."), field="persons")
    checked = []
    for person in persons:
        if not person.given_names.strip() or not person.surname.strip():
            raise DomainError(_("Vul van iedere persoon de naam in."), field="persons")
        checked.append(
            PersonInput(
                role=person.role,
                given_names=person.given_names.strip(),
                surname=person.surname.strip(),
                surname_prefix=(person.surname_prefix or "").strip(),
                birth_date=person.birth_date,
                bsn=households.normalise_bsn(person.bsn),
            )
        )
    return checked


def _source_of(by: Professional) -> str:
    if by.role == Role.POLICE:
        return ReportSource.POLICE
    if is_vt_team(by):
        return ReportSource.VEILIG_THUIS
    return ReportSource.PROFESSIONAL


def _person_rows(report: Report, persons, person_ids) -> list[ReportPerson]:
    return [
        ReportPerson(
            report=report,
            role=p.role,
            given_names=p.given_names,
            surname_prefix=p.surname_prefix,
            surname=p.surname,
            birth_date=p.birth_date,
            bsn=p.bsn,
            person_id=pk,
        )
        for p, pk in zip(persons, person_ids, strict=True)
    ]


@transaction.atomic
def report_create(
    *,
    by: Professional,
    reporter: ReporterInput,
    summary: str,
    persons: Sequence[PersonInput],
    acute: bool = False,
    anonymity_promised: bool = False,
    trail: MeldcodeTrail | None = None,
    from_advice: AdviceRequest | None = None,
    received_at: datetime.datetime | None = None,
    anonymity_requested: bool = False,
) -> Report:
    """A melding: needs an identified reporter with contact details. The radar links it to a
    known household and classifies it; the deadline of the veiligheidsbeoordeling is set.
    The reporter may ask for anonymity; only Veilig Thuis promises it (DOMAIN.md: the promise
    means VT investigates itself), so only VT registering a melding may record a promise."""
    if by.role == Role.POLICE:
        raise DomainError(
            _("De politie meldt met een zorgmelding met registratienummer."), code="forbidden"
        )
    if anonymity_promised and not is_vt_team(by):
        raise DomainError(
            _("Alleen Veilig Thuis kan anonimiteit toezeggen. U kunt er bij de melding om vragen."),
            field="anonymity_promised",
        )
    reporter = _check_reporter(reporter)
    summary = _required(summary, "summary", _("Beschrijf wat u meldt."))
    persons = _check_persons(persons)
    if trail is not None and trail.owner_id != by.pk:
        raise DomainError(_("Dit meldcodetraject is niet van u."), field="trail")
    received_at = received_at or timezone.now()
    match = radar.match([persons], on=timezone.localdate(received_at))[0]
    report = Report.objects.create(
        region_id=by.organisation.region_id,
        source=_source_of(by),
        submitted_by=by,
        reporter_name=reporter.name,
        reporter_organisation=reporter.organisation,
        reporter_phone=reporter.phone,
        reporter_email=reporter.email,
        anonymity_promised=anonymity_promised,
        anonymity_requested=anonymity_requested or anonymity_promised,
        summary=summary,
        acute=acute,
        acute_since=received_at if acute else None,
        received_at=received_at,
        assess_by=assessment_deadline(received_at, acute),
        household_id=match.household_id,
        radar=match.radar,
        trail=trail,
        from_advice=from_advice,
    )
    ReportPerson.objects.bulk_create(_person_rows(report, persons, match.person_ids))
    if trail is not None:
        MeldcodeTrail.objects.filter(pk=trail.pk).update(
            status=TrailStatus.REPORTED, updated_at=received_at
        )
    _audit(
        by,
        "report.received",
        report,
        household_id=report.household_id,
        persons=match.person_ids,
        basis=LegalBasis.VT_WMO_5_2_6,
    )
    return report


@transaction.atomic
def report_promise_anonymity(*, by: Professional, report: Report) -> Report:
    """VT promises the reporter anonymity towards the family: VT will investigate itself. So
    the promise is possible while the melding awaits its veiligheidsbeoordeling (which can then
    only decide on an investigation) or while VT investigates; from then on the reporter is
    hidden from every export and every role outside the region's VT team."""
    report = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
    _require_vt(by, report.region_id)
    if report.anonymity_promised:
        raise DomainError(_("De melder is al anonimiteit toegezegd."), code="conflict")
    if report.status not in (ReportStatus.RECEIVED, ReportStatus.INVESTIGATION):
        raise DomainError(
            _(
                "Anonimiteit toezeggen kan alleen zolang de veiligheidsbeoordeling loopt of "
                "Veilig Thuis onderzoekt: de toezegging betekent dat Veilig Thuis zelf onderzoekt."
            ),
            code="conflict",
        )
    if report.status == ReportStatus.INVESTIGATION:
        assessment = SafetyAssessment.objects.filter(report=report).first()
        if assessment is not None and InvestigationReason.ANONYMITY not in (
            assessment.investigation_reasons
        ):
            assessment.investigation_reasons = [
                *assessment.investigation_reasons,
                InvestigationReason.ANONYMITY,
            ]
            assessment.save(update_fields=["investigation_reasons"])
    report.anonymity_promised = True
    report.save(update_fields=["anonymity_promised"])
    _audit(by, "report.anonymity_promised", report, household_id=report.household_id)
    return report


@transaction.atomic
def report_withdraw_anonymity(*, by: Professional, report: Report, reason: str) -> Report:
    """Veilig Thuis withdraws its promise of anonymity, with a reason (kept on the melding and
    in the log)."""
    report = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
    _require_vt(by, report.region_id)
    if not report.anonymity_promised:
        raise DomainError(_("De melder is geen anonimiteit toegezegd."), code="conflict")
    report.anonymity_withdrawal_reason = _required(
        reason, "reason", _("Geef de reden om de toezegging in te trekken.")
    )
    report.anonymity_promised = False
    report.save(update_fields=["anonymity_promised", "anonymity_withdrawal_reason"])
    _audit(by, "report.anonymity_withdrawn", report, household_id=report.household_id)
    return report


@transaction.atomic
def report_mark_acute(*, by: Professional, report: Report, reason: str) -> Report:
    """Veilig Thuis judges a melding acute after receipt: its deadline moves to "at once"
    (DOMAIN.md: acute cases at once), that is the day it became acute."""
    report = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
    _require_vt(by, report.region_id)
    reason = _required(reason, "reason", _("Geef de reden waarom de melding acuut is."))
    if report.acute:
        raise DomainError(_("Deze melding is al acuut."), code="conflict")
    if report.status != ReportStatus.RECEIVED:
        raise DomainError(_("Deze melding is al beoordeeld."), code="conflict")
    now = timezone.now()
    report.acute = True
    report.acute_since = now
    report.assess_by = min(report.assess_by, assessment_deadline(now, True))
    report.save(update_fields=["acute", "acute_since", "assess_by"])
    _audit(by, "report.marked_acute", report, household_id=report.household_id)
    return report


@transaction.atomic
def report_household_create(
    *, by: Professional, report: Report, name: str, municipality, district=None
) -> Household:
    """The radar found no family: Veilig Thuis opens one from the melding's persons, through
    the households services (search-before-create is the page's first step)."""
    report = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
    _require_vt(by, report.region_id)
    if report.household_id is not None:
        raise DomainError(_("Deze melding hoort al bij een gezin."), code="conflict")
    if municipality.region_id != report.region_id:
        raise DomainError(
            _("Kies een gemeente uit de regio van deze melding."), field="municipality"
        )
    household = households.household_create(
        by=by,
        name=name,
        municipality=municipality,
        district=district,
        role_in_family=_("Veilig Thuis, veiligheidsbeoordeling"),
        legal_basis=LegalBasis.VT_WMO_5_2_6,
    )
    roles = {"child": "child", "parent": "parent"}
    for person in report.persons.all():
        member = households.member_add(
            by=by,
            household=household,
            given_names=person.given_names,
            surname_prefix=person.surname_prefix,
            surname=person.surname,
            birth_date=person.birth_date,
            bsn=person.bsn,
            role=roles.get(person.role, "other"),
        )
        person.person_id = member.person_id
        person.save(update_fields=["person"])
    report.household = household
    report.save(update_fields=["household"])
    _audit(by, "report.household_linked", report, household_id=household.pk)
    return household


# -- police zorgmeldingen ----------------------------------------------------------------------


@dataclass
class Receipt:
    """What a batch of police messages did: new meldingen, meldingen that got a new form, and
    messages that were already there in full (sent twice)."""

    created: list[Report] = field(default_factory=list)
    extended: list[Report] = field(default_factory=list)
    unchanged: list[Report] = field(default_factory=list)

    def merge(self, other: "Receipt") -> None:
        self.created += other.created
        self.extended += other.extended
        self.unchanged += other.unchanged


def _merge_messages(messages: Iterable[PoliceMessage]) -> list[PoliceMessage]:
    """Messages about one incident (same registration number) become one."""
    merged: dict[str, PoliceMessage] = {}
    for message in messages:
        known = merged.get(message.reference)
        if known is None:
            merged[message.reference] = PoliceMessage(
                reference=message.reference,
                reporter=message.reporter,
                persons=list(message.persons),
                forms=list(message.forms),
                acute=message.acute,
                summary=message.summary,
                registered_at=message.registered_at,
                received_at=message.received_at,
            )
            continue
        references = {f.reference for f in known.forms}
        known.forms += [f for f in message.forms if f.reference not in references]
        known.persons += [p for p in message.persons if p not in known.persons]
        known.acute = known.acute or message.acute
        # The earliest receipt counts (the deadline runs from the first time VT had it).
        if message.received_at is not None and (
            known.received_at is None or message.received_at < known.received_at
        ):
            known.received_at = message.received_at
        if message.registered_at is not None and (
            known.registered_at is None or message.registered_at < known.registered_at
        ):
            known.registered_at = message.registered_at
    return list(merged.values())


def _forms_text(forms) -> list[str]:
    return [f"{form.kind} ({form.reference}): {form.text}" for form in forms]


def _summary(message: PoliceMessage) -> str:
    return "\n\n".join(
        [message.summary, *_forms_text(message.forms)]
        if message.summary
        else _forms_text(message.forms)
    )


def police_messages_receive(
    *, by: Professional, messages: Iterable[PoliceMessage], batch: uuid.UUID | None = None
) -> Receipt:
    """Store police zorgmeldingen, idempotent on the police's registration number: a message
    sent twice is one melding, and a later form about the same incident joins its melding.

    One transaction for the whole batch, so an interrupted import leaves whole batches only.
    Two senders racing on one new number: the loser's transaction retries once and then finds
    the winner's melding.
    """
    if by.role != Role.POLICE:
        raise DomainError(_("Alleen de politie stuurt zorgmeldingen."), code="forbidden")
    messages = _merge_messages(messages)
    try:
        with transaction.atomic():
            return _receive(by, messages, batch)
    except IntegrityError:
        with transaction.atomic():
            return _receive(by, messages, batch)


def _receive(by: Professional, messages: list[PoliceMessage], batch) -> Receipt:
    receipt = Receipt()
    if not messages:
        return receipt
    now = timezone.now()
    today = timezone.localdate(now)
    existing = {
        r.police_reference: r
        for r in Report.objects.filter(police_reference__in=[m.reference for m in messages])
    }
    known_forms = set(
        PoliceReport.objects.filter(report__in=list(existing.values())).values_list(
            "report_id", "form_reference"
        )
    )
    new_messages = [m for m in messages if m.reference not in existing]
    matches = radar.match([m.persons for m in new_messages], on=today)
    deadlines: dict = {}

    def deadline(received_at, acute):
        # Counted from when Veilig Thuis received it (`ontvangen`), not from the import.
        key = (timezone.localdate(received_at), acute)
        if key not in deadlines:
            deadlines[key] = assessment_deadline(received_at, acute)
        return deadlines[key]

    reports, report_rows, persons, forms = [], [], [], []
    # Built from rows in field order (the ORM's fast path): the same instance as by keywords.
    template = {f.attname: f.get_default() for f in _REPORT_FIELDS}
    template.update(
        region_id=by.organisation.region_id,
        source=ReportSource.POLICE,
        submitted_by_id=by.pk,
        anonymity_promised=False,
        import_batch=batch,
    )
    for message, match in zip(new_messages, matches, strict=True):
        received_at = message.received_at or now
        values = {
            **template,
            "id": uuid.uuid4(),
            "received_at": received_at,
            "registered_at": message.registered_at,
            "acute_since": received_at if message.acute else None,
            "reporter_name": message.reporter.name,
            "reporter_organisation": message.reporter.organisation or by.organisation.name,
            "reporter_phone": message.reporter.phone,
            "reporter_email": message.reporter.email,
            "summary": _summary(message),
            "acute": message.acute,
            "assess_by": deadline(received_at, message.acute),
            "household_id": match.household_id,
            "radar": match.radar,
            "police_reference": message.reference,
        }
        row = tuple(values[f.attname] for f in _REPORT_FIELDS)
        report = Report(*row)
        _SUBMITTED_BY.set_cached_value(report, by)
        report_rows.append(row)
        reports.append(report)
        persons += _person_tuples(report, message.persons, match.person_ids)
        forms += [_form_tuple(report, form, received_at) for form in message.forms]
        receipt.created.append(report)
    known_persons = _known_persons(existing.values())
    changed, added = [], []
    for message in messages:
        report = existing.get(message.reference)
        if report is None:
            continue
        fresh = [f for f in message.forms if (report.pk, f.reference) not in known_forms]
        seen = known_persons.setdefault(report.pk, set())
        new_persons = []
        for person in message.persons:
            if _person_key(person) not in seen:
                seen.add(_person_key(person))
                new_persons.append(person)
        if not fresh and not new_persons:
            receipt.unchanged.append(report)
            continue
        form_received_at = message.received_at or now
        forms += [_form_tuple(report, form, form_received_at) for form in fresh]
        if fresh:
            report.summary = "\n\n".join([report.summary, *_forms_text(fresh)])
        if message.acute and not report.acute:
            # A later form makes it acute: the deadline moves to "at once" from that moment.
            report.acute = True
            report.acute_since = form_received_at
            if report.status == ReportStatus.RECEIVED:
                report.assess_by = min(
                    report.assess_by, assessment_deadline(form_received_at, True)
                )
        changed.append(report)
        added.append((report, new_persons))
        receipt.extended.append(report)
    # Persons a later form brings in go through the same batch matcher as new meldingen; a
    # melding the radar could not place yet is linked (and classified again) when they match.
    added = [(report, new_persons) for report, new_persons in added if new_persons]
    rematches = radar.match(
        [new_persons for _report, new_persons in added],
        on=today,
        exclude=[report.pk for report, _persons in added],
    )
    for (report, new_persons), match in zip(added, rematches, strict=True):
        persons += _person_tuples(report, new_persons, match.person_ids)
        if report.household_id is None and match.household_id is not None:
            report.household_id = match.household_id
            report.radar = match.radar
    # As tuples, not through bulk_create: the ORM's per-object work was most of an import's time.
    rows.Table(Report, [f.attname for f in _REPORT_FIELDS]).insert(report_rows)
    rows.Table(ReportPerson, _PERSON_COLUMNS).insert(persons)
    rows.Table(PoliceReport, _FORM_COLUMNS).insert(forms)
    if changed:
        Report.objects.bulk_update(
            changed, ["summary", "acute", "acute_since", "assess_by", "household", "radar"]
        )
    _audit_receipt(by, receipt, batch)
    return receipt


def _person_key(person) -> tuple:
    return (
        person.given_names.strip().casefold(),
        person.surname.strip().casefold(),
        person.birth_date,
        person.bsn,
    )


def _known_persons(reports) -> dict:
    """The persons already on stored meldingen, by melding id (one query)."""
    known: dict = {}
    for person in ReportPerson.objects.filter(report__in=list(reports)).only(
        "report_id", "given_names", "surname", "birth_date", "bsn"
    ):
        known.setdefault(person.report_id, set()).add(_person_key(person))
    return known


_REPORT_FIELDS = Report._meta.concrete_fields
_SUBMITTED_BY = Report._meta.get_field("submitted_by")
_PERSON_COLUMNS = [
    "id",
    "report_id",
    "role",
    "given_names",
    "surname_prefix",
    "surname",
    "birth_date",
    "bsn",
    "person_id",
]
_FORM_COLUMNS = ["id", "report_id", "form_reference", "kind", "occurred_on", "text", "received_at"]


def _person_tuples(report: Report, persons, person_ids) -> list[tuple]:
    """_person_rows as tuples in the order of _PERSON_COLUMNS."""
    return [
        (
            uuid.uuid4(),
            report.pk,
            p.role,
            p.given_names,
            p.surname_prefix,
            p.surname,
            p.birth_date,
            p.bsn,
            pk,
        )
        for p, pk in zip(persons, person_ids, strict=True)
    ]


def _form_tuple(report: Report, form, now) -> tuple:
    """One police form as a row in the order of _FORM_COLUMNS."""
    return (uuid.uuid4(), report.pk, form.reference, form.kind, form.occurred_on, form.text, now)


def _audit_receipt(by: Professional, receipt: Receipt, batch) -> None:
    """A melding about a known family is logged in that family's stream; the rest of an import
    batch as one row naming the batch (every melding carries the batch id)."""
    unlinked = 0
    events = []
    for action, reports in (
        ("report.received", receipt.created),
        ("report.police_form_added", receipt.extended),
    ):
        for report in reports:
            if report.household_id is None and batch is not None:
                unlinked += 1
                continue
            # What _audit records, appended in bulk (one head update per family, not per row).
            events.append(
                {
                    "user": by.user,
                    "action": action,
                    "household_id": report.household_id,
                    "object_type": "report",
                    "object_id": report.pk,
                    "legal_basis": LegalBasis.VT_WMO_5_2_6,
                }
            )
    audit.record_many(events)
    if unlinked:
        audit.record(
            user=by.user,
            action="report.police_import",
            object_type="import_batch",
            object_id=batch,
            legal_basis=LegalBasis.VT_WMO_5_2_6,
        )


# -- advies ------------------------------------------------------------------------------------


@transaction.atomic
def advice_request(
    *,
    by: Professional,
    question: str,
    anonymous: bool = False,
    asker_name: str = "",
    asker_organisation: str = "",
    asker_phone: str = "",
    trail: MeldcodeTrail | None = None,
) -> AdviceRequest:
    """An advies: a signaler asks it (possibly anonymously), or VT registers one it took by
    phone. An anonymous advies keeps no asker details."""
    question = _required(question, "question", _("Stel uw vraag aan Veilig Thuis."))
    if trail is not None and trail.owner_id != by.pk:
        raise DomainError(_("Dit meldcodetraject is niet van u."), field="trail")
    if anonymous:
        asker_name = asker_organisation = asker_phone = ""
    elif not is_vt_team(by):
        asker_name = asker_name.strip() or by.display_name
        asker_organisation = asker_organisation.strip() or by.organisation.name
        asker_phone = asker_phone.strip() or by.phone or by.organisation.phone
    advice = AdviceRequest.objects.create(
        region_id=by.organisation.region_id,
        requested_by=None if is_vt_team(by) else by,
        anonymous=anonymous,
        asker_name=asker_name.strip()[:200],
        asker_organisation=asker_organisation.strip()[:200],
        asker_phone=asker_phone.strip()[:40],
        question=question,
        trail=trail,
        received_at=timezone.now(),
    )
    _audit(by, "advice.requested", advice)
    return advice


@transaction.atomic
def advice_answer(*, by: Professional, advice: AdviceRequest, answer: str) -> AdviceRequest:
    _require_vt(by, advice.region_id)
    advice.answer = _required(answer, "answer", _("Schrijf het advies."))
    advice.answered_by = by
    advice.answered_at = timezone.now()
    advice.save(update_fields=["answer", "answered_by", "answered_at"])
    _audit(by, "advice.answered", advice)
    return advice


@transaction.atomic
def advice_convert(
    *,
    by: Professional,
    advice: AdviceRequest,
    reporter: ReporterInput,
    summary: str,
    persons: Sequence[PersonInput],
    acute: bool = False,
    anonymity_promised: bool = False,
) -> Report:
    """An advies becomes a melding; from then on the reporter must be identified."""
    if not (is_vt_team(by) and by.organisation.region_id == advice.region_id) and (
        advice.requested_by_id != by.pk
    ):
        raise DomainError(_("U kunt dit advies niet omzetten."), code="forbidden")
    if hasattr(advice, "converted_to"):
        raise DomainError(_("Dit advies is al een melding geworden."), code="conflict")
    submitter = advice.requested_by if advice.requested_by_id else by
    report = report_create(
        by=submitter if submitter.role != Role.POLICE else by,
        reporter=reporter,
        summary=summary,
        persons=persons,
        acute=acute,
        anonymity_promised=anonymity_promised,
        trail=advice.trail if advice.trail and advice.trail.owner_id == submitter.pk else None,
        from_advice=advice,
    )
    _audit(by, "advice.converted", advice, household_id=report.household_id)
    return report


# -- veiligheidsbeoordeling --------------------------------------------------------------------


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
    if not Involvement.objects.filter(
        household=report.household, professional=to, ended_on__isnull=True
    ).exists():
        # Wmo 2015 art. 5.2.6 covers sharing towards Veilig Thuis, not from it: the receiver
        # gets the family on its own basis (legal_basis.allowed_bases).
        allowed = legal_basis_rules.allowed_bases(to.organisation, report.household)
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
                        LegalBasis.LEGAL_DUTY,
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
    current = map_selectors.version(safety_map, base) if base else None
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
    status = {
        Outcome.CLOSE: ReportStatus.CLOSED,
        Outcome.CONVERT_TO_ADVICE: ReportStatus.ADVICE,
        Outcome.CONDITIONS: ReportStatus.CONDITIONS,
        Outcome.INVESTIGATION: ReportStatus.INVESTIGATION,
    }.get(outcome, ReportStatus.HANDED_OVER)
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
        _hand_over(
            by,
            report,
            handed_to,
            _("Overgedragen door Veilig Thuis na de veiligheidsbeoordeling"),
        )
    elif outcome == Outcome.CONDITIONS:
        _ensure_vt_involved(by, report.household, _("Veilig Thuis, voorwaarden en vervolg"))
        assessment.safety_map_version = conditions_to_safety_map(
            by=by,
            household=report.household,
            conditions=conditions,
            monitoring=monitoring,
            monitor_until=monitor_until,
        )
        assessment.save(update_fields=["safety_map_version"])
    elif outcome == Outcome.INVESTIGATION:
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


# -- terugkoppeling ----------------------------------------------------------------------------


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


# -- samen op pad ------------------------------------------------------------------------------


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
