"""The melding: reporter and persons checked, created, anonymity, acute, its household."""

import datetime
import uuid
from collections.abc import Iterable, Sequence

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenkaart.access import gate
from ketenkaart.access.gate import is_vt_team
from ketenkaart.core.errors import DomainError
from ketenkaart.households import services as households
from ketenkaart.households.models import Household, LegalBasis, Member
from ketenkaart.organisations.models import District, Municipality, Professional, Role
from ketenkaart.reports import radar
from ketenkaart.reports.inputs import PersonInput, ReporterInput
from ketenkaart.reports.models import (
    AdviceRequest,
    InvestigationReason,
    MeldcodeTrail,
    Report,
    ReportPerson,
    ReportSource,
    ReportStatus,
    SafetyAssessment,
    TrailStatus,
)
from ketenkaart.reports.services.common import _audit, _require_vt, _required
from ketenkaart.reports.services.deadlines import assessment_deadline
from ketenkaart.reports.services.references import references_reserve

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


def _person_rows(
    report: Report, persons: Sequence[PersonInput], person_ids: Sequence[uuid.UUID | None]
) -> list[ReportPerson]:
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


REFERENCE_ATTEMPTS = 5


def _assign_reference(report: Report) -> str:
    """The next kenmerk of the year the melding came in (references_reserve); a number taken
    at the same moment by another melding or an import makes it take the next."""
    for _attempt in range(REFERENCE_ATTEMPTS):
        [reference] = references_reserve([report.received_at])
        try:
            with transaction.atomic():
                Report.objects.filter(pk=report.pk).update(reference=reference)
        except IntegrityError:
            continue
        return reference
    raise DomainError(
        _("Probeer het nog eens: het kenmerk kon niet worden gegeven."), code="conflict"
    )


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
    report.reference = _assign_reference(report)
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
    *,
    by: Professional,
    report: Report,
    name: str,
    municipality: Municipality,
    district: District | None = None,
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


def _member_ids(
    persons: Iterable[ReportPerson], members: Sequence[Member]
) -> dict[uuid.UUID, uuid.UUID]:
    """The radar's rule, within one family: the same BSN, or else the same surname
    (case-insensitive) with the same birth date, never a guess between two namesakes."""
    by_bsn = {m.person.bsn: m.person_id for m in members if m.person.bsn}
    by_key: dict[tuple[str, datetime.date | None], list[uuid.UUID]] = {}
    for m in members:
        if m.person.birth_date:
            by_key.setdefault((m.person.surname.lower(), m.person.birth_date), []).append(
                m.person_id
            )
    found: dict[uuid.UUID, uuid.UUID] = {}
    for person in persons:
        if person.bsn:
            pk = by_bsn.get(person.bsn)
        else:
            candidates = by_key.get((person.surname.strip().lower(), person.birth_date), [])
            pk = candidates[0] if len(candidates) == 1 else None
        if pk is not None:
            found[person.pk] = pk
    return found


@transaction.atomic
def report_household_link(
    *, by: Professional, report: Report, household_id: uuid.UUID
) -> Household:
    """Veilig Thuis links a melding the radar could not place to a family it knows (Wmo 2015
    art. 5.2.6: receiving and assessing meldingen is Veilig Thuis' task). Known means: one of
    the melding's persons is a member by the radar's rule, or Veilig Thuis may read the
    family already. Never a family of another region, never by a guessed id: an unknown id and
    a family the melding is not about get the same answer."""
    report = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
    _require_vt(by, report.region_id)
    if report.household_id is not None:
        raise DomainError(_("Deze melding hoort al bij een gezin."), code="conflict")
    household = Household.objects.filter(pk=household_id, region_id=report.region_id).first()
    persons = list(report.persons.all())
    members = (
        list(Member.objects.filter(household=household).select_related("person"))
        if household is not None
        else []
    )
    matched = _member_ids(persons, members)
    readable = (
        household is not None
        and not matched
        and gate.visible_households(by.user).filter(pk=household.pk).exists()
    )
    if household is None or not (matched or readable):
        raise DomainError(
            _("Geen gezin gevonden in deze regio waar deze melding over gaat."), field="household"
        )
    if not household.is_open:
        raise DomainError(_("Dit dossier is gesloten."), code="conflict")
    for person in persons:
        if person.pk in matched and person.person_id is None:
            person.person_id = matched[person.pk]
            person.save(update_fields=["person"])
    report.household = household
    report.radar = radar.classify(
        household.pk, on=timezone.localdate(report.received_at), exclude=[report.pk]
    )
    report.save(update_fields=["household", "radar"])
    _audit(
        by,
        "report.household_linked",
        report,
        household_id=household.pk,
        persons=list(matched.values()),
        basis=LegalBasis.VT_WMO_5_2_6,
    )
    return household
