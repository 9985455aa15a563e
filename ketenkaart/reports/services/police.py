"""Police zorgmeldingen: merged, received in bulk, audited as one receipt."""

import datetime
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenkaart.audit import services as audit
from ketenkaart.core.errors import DomainError
from ketenkaart.households.models import LegalBasis
from ketenkaart.organisations.models import Professional, Role
from ketenkaart.reports import radar, rows
from ketenkaart.reports.inputs import PersonInput, PoliceForm, PoliceMessage
from ketenkaart.reports.models import (
    PoliceReport,
    Report,
    ReportPerson,
    ReportSource,
    ReportStatus,
)
from ketenkaart.reports.services.deadlines import assessment_deadline
from ketenkaart.reports.services.references import references_reserve


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


def _forms_text(forms: Iterable[PoliceForm]) -> list[str]:
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


def _receive(by: Professional, messages: list[PoliceMessage], batch: uuid.UUID | None) -> Receipt:
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
    deadlines: dict[tuple[datetime.date, bool], datetime.date] = {}

    def deadline(received_at: datetime.datetime, acute: bool) -> datetime.date:
        # Counted from when Veilig Thuis received it (`ontvangen`), not from the import.
        key = (timezone.localdate(received_at), acute)
        if key not in deadlines:
            deadlines[key] = assessment_deadline(received_at, acute)
        return deadlines[key]

    reports: list[Report] = []
    report_rows: list[tuple[Any, ...]] = []
    persons: list[tuple[Any, ...]] = []
    forms: list[tuple[Any, ...]] = []
    # Built from rows in field order (the ORM's fast path): the same instance as by keywords.
    template = {f.attname: f.get_default() for f in _REPORT_FIELDS}
    template.update(
        region_id=by.organisation.region_id,
        source=ReportSource.POLICE,
        submitted_by_id=by.pk,
        anonymity_promised=False,
        import_batch=batch,
    )
    received = [message.received_at or now for message in new_messages]
    # The kenmerk of the same sequence as every melding: one step per year for the batch.
    references = references_reserve(received)
    for message, match, received_at, reference in zip(
        new_messages, matches, received, references, strict=True
    ):
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
            "reference": reference,
        }
        row = tuple(values[f.attname] for f in _REPORT_FIELDS)
        report = Report(*row)  # type: ignore[misc]  # positional init: the stubs know keywords only
        _SUBMITTED_BY.set_cached_value(report, by)
        report_rows.append(row)
        reports.append(report)
        persons += _person_tuples(report, message.persons, match.person_ids)
        forms += [_form_tuple(report, form, received_at) for form in message.forms]
        receipt.created.append(report)
    known_persons = _known_persons(existing.values())
    changed: list[Report] = []
    added: list[tuple[Report, list[PersonInput]]] = []
    for message in messages:
        stored = existing.get(message.reference)
        if stored is None:
            continue
        report = stored
        fresh = [f for f in message.forms if (report.pk, f.reference) not in known_forms]
        seen = known_persons.setdefault(report.pk, set())
        new_persons: list[PersonInput] = []
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


def _person_key(
    person: PersonInput | ReportPerson,
) -> tuple[str, str, datetime.date | None, str]:
    return (
        person.given_names.strip().casefold(),
        person.surname.strip().casefold(),
        person.birth_date,
        person.bsn,
    )


def _known_persons(
    reports: Iterable[Report],
) -> dict[uuid.UUID, set[tuple[str, str, datetime.date | None, str]]]:
    """The persons already on stored meldingen, by melding id (one query)."""
    known: dict[uuid.UUID, set[tuple[str, str, datetime.date | None, str]]] = {}
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


def _person_tuples(
    report: Report, persons: Sequence[PersonInput], person_ids: Sequence[uuid.UUID | None]
) -> list[tuple[Any, ...]]:
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


def _form_tuple(report: Report, form: PoliceForm, now: datetime.datetime) -> tuple[Any, ...]:
    """One police form as a row in the order of _FORM_COLUMNS."""
    return (uuid.uuid4(), report.pk, form.reference, form.kind, form.occurred_on, form.text, now)


def _audit_receipt(by: Professional, receipt: Receipt, batch: uuid.UUID | None) -> None:
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
