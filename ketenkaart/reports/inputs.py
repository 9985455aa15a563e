"""What a melding carries, and the one parser of the Dutch wire format that the API and the file
import share. The parser checks shape and names every invalid field (API names, camelCase); the
services decide what the domain allows. Plain Python, because an import parses 100,000 of these.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ketenkaart.core.errors import DomainError
from ketenkaart.core.text import clean_text
from ketenkaart.households.services import normalise_bsn
from ketenkaart.reports.models import PersonRole

# Stored value → the Dutch value the API speaks.
PERSON_ROLES = {
    PersonRole.CHILD: "kind",
    PersonRole.PARENT: "ouder",
    PersonRole.SUSPECT: "pleger",
    PersonRole.OTHER: "anders",
}
ROLE_FROM_API = {value: key for key, value in PERSON_ROLES.items()}
MAX_PERSONS = 20
MAX_FORMS = 20


@dataclass(frozen=True)
class ReporterInput:
    name: str
    phone: str
    organisation: str = ""
    email: str = ""


@dataclass(frozen=True)
class PersonInput:
    role: str
    given_names: str
    surname: str
    surname_prefix: str = ""
    birth_date: datetime.date | None = None
    bsn: str = ""


@dataclass(frozen=True)
class PoliceForm:
    reference: str
    kind: str
    text: str
    occurred_on: datetime.date | None = None


@dataclass
class PoliceMessage:
    """One structured zorgmelding: the incident's registration number and its forms."""

    reference: str
    reporter: ReporterInput
    persons: list[PersonInput]
    forms: list[PoliceForm]
    acute: bool = False
    summary: str = ""
    # `geregistreerdOp`: the police's own registration time. `ontvangen`: when Veilig Thuis
    # received it (a delayed import keeps the real receipt); None means now. The deadline of
    # the veiligheidsbeoordeling counts from `ontvangen`.
    registered_at: datetime.datetime | None = None
    received_at: datetime.datetime | None = None


@dataclass
class Errors:
    by_field: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, message: str) -> None:
        self.by_field.setdefault(name, []).append(str(message))

    def __bool__(self) -> bool:
        return bool(self.by_field)


# The fields each part of the wire format has; any other field is named as unknown (a typo
# would otherwise lose what the sender meant to say).
REPORTER_FIELDS = frozenset({"naam", "telefoon", "organisatie", "email"})
PERSON_FIELDS = frozenset(
    {"rol", "voornamen", "tussenvoegsel", "achternaam", "geboortedatum", "bsn"}
)
FORM_FIELDS = frozenset({"kenmerk", "soort", "inhoud", "datum"})
POLICE_FIELDS = frozenset(
    {
        "registratienummer",
        "melder",
        "personen",
        "formulieren",
        "acuut",
        "omschrijving",
        "geregistreerdOp",
        "ontvangen",
    }
)
REPORT_FIELDS = frozenset(
    {"melder", "personen", "omschrijving", "acuut", "anonimiteitToegezegd", "anonimiteitGevraagd"}
)


def _known(data: dict, fields: frozenset, errors: "Errors", prefix: str = "") -> None:
    for key in data:
        if key not in fields:
            errors.add(f"{prefix}{key}", _("Dit veld bestaat niet in deze bron."))


def _text(data: dict, key: str, errors: Errors, prefix: str, *, required=True, max_length=200):
    value = data.get(key, "")
    name = f"{prefix}{key}"
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors.add(name, _("Vul hier tekst in."))
        return ""
    try:
        return clean_text(value, name, max_length, required=required)
    except DomainError as error:
        errors.add(name, error.message)
        return value.strip()


def _date(data: dict, key: str, errors: Errors, prefix: str) -> datetime.date | None:
    value = data.get(key)
    if value in (None, ""):
        return None
    try:
        day = datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None or len(value) != 10:
        errors.add(f"{prefix}{key}", _("Gebruik een datum als JJJJ-MM-DD."))
        return None
    return day


def _moment(data: dict, key: str, errors: Errors, prefix: str = "") -> datetime.datetime | None:
    """An ISO 8601 moment with its offset (2026-05-01T09:30:00+02:00); never in the future."""
    value = data.get(key)
    if value in (None, ""):
        return None
    moment = None
    if isinstance(value, str) and len(value) <= 40:
        try:
            moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            moment = None
    if moment is None or moment.tzinfo is None:
        errors.add(
            f"{prefix}{key}",
            _("Gebruik een tijdstip met tijdzone, zoals 2026-05-01T09:30:00+02:00."),
        )
        return None
    if moment > datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=5):
        errors.add(f"{prefix}{key}", _("Dit tijdstip ligt in de toekomst."))
        return None
    return moment


def _bool(data: dict, key: str, errors: Errors, prefix: str = "") -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        errors.add(f"{prefix}{key}", _("Geef true of false."))
        return False
    return value


def _object(data, name: str, errors: Errors) -> dict:
    if not isinstance(data, dict):
        errors.add(name, _("Geef een object met de velden van dit onderdeel."))
        return {}
    return data


def _list(data, name: str, errors: Errors, max_items: int) -> list:
    if data is None:
        return []
    if not isinstance(data, list):
        errors.add(name, _("Geef een lijst."))
        return []
    if len(data) > max_items:
        errors.add(name, _("Gebruik hoogstens %(n)s onderdelen.") % {"n": max_items})
        return []
    return data


def parse_reporter(data, errors: Errors, name: str = "melder") -> ReporterInput:
    data = _object(data, name, errors) if data is not None else {}
    if not data:
        errors.add(f"{name}.naam", _("Een melding vraagt de naam van de melder."))
        errors.add(f"{name}.telefoon", _("Een melding vraagt een telefoonnummer van de melder."))
        return ReporterInput("", "")
    prefix = f"{name}."
    _known(data, REPORTER_FIELDS, errors, prefix)
    return ReporterInput(
        name=_text(data, "naam", errors, prefix),
        phone=_text(data, "telefoon", errors, prefix, max_length=40),
        organisation=_text(data, "organisatie", errors, prefix, required=False),
        email=_text(data, "email", errors, prefix, required=False),
    )


def parse_persons(data, errors: Errors) -> list[PersonInput]:
    items = _list(data, "personen", errors, MAX_PERSONS)
    if not items and "personen" not in errors.by_field:
        errors.add("personen", _("Noem ten minste één persoon om wie het gaat."))
    persons = []
    for index, item in enumerate(items):
        prefix = f"personen.{index}."
        item = _object(item, f"personen.{index}", errors)
        if not item:
            continue
        _known(item, PERSON_FIELDS, errors, prefix)
        role = item.get("rol")
        if not isinstance(role, str):
            role = None  # a list or an object is not a role, and cannot be looked up
        if role not in ROLE_FROM_API:
            errors.add(
                f"{prefix}rol",
                _("Kies een van: %(values)s.") % {"values": ", ".join(PERSON_ROLES.values())},
            )
        bsn = item.get("bsn")
        if bsn is None:
            bsn = ""
        elif not isinstance(bsn, str):
            errors.add(f"{prefix}bsn", _("Vul hier tekst in."))
            bsn = ""
        try:
            bsn = normalise_bsn(bsn)
        except DomainError as error:
            errors.add(f"{prefix}bsn", error.message)
            bsn = ""
        persons.append(
            PersonInput(
                role=ROLE_FROM_API.get(role, PersonRole.OTHER),
                given_names=_text(item, "voornamen", errors, prefix),
                surname_prefix=_text(item, "tussenvoegsel", errors, prefix, required=False),
                surname=_text(item, "achternaam", errors, prefix),
                birth_date=_date(item, "geboortedatum", errors, prefix),
                bsn=bsn,
            )
        )
    return persons


def parse_forms(data, errors: Errors) -> list[PoliceForm]:
    items = _list(data, "formulieren", errors, MAX_FORMS)
    if not items and "formulieren" not in errors.by_field:
        errors.add("formulieren", _("Een zorgmelding bevat ten minste één formulier."))
    forms, seen = [], set()
    for index, item in enumerate(items):
        prefix = f"formulieren.{index}."
        item = _object(item, f"formulieren.{index}", errors)
        if not item:
            continue
        _known(item, FORM_FIELDS, errors, prefix)
        reference = _text(item, "kenmerk", errors, prefix, max_length=40)
        if reference in seen:
            errors.add(f"{prefix}kenmerk", _("Elk formulier heeft een eigen kenmerk."))
        seen.add(reference)
        forms.append(
            PoliceForm(
                reference=reference,
                kind=_text(item, "soort", errors, prefix, max_length=80),
                text=_text(item, "inhoud", errors, prefix, max_length=20000),
                occurred_on=_date(item, "datum", errors, prefix),
            )
        )
    return forms


def parse_police_message(data) -> tuple[PoliceMessage | None, Errors]:
    """A police zorgmelding in the wire format, or every error it has."""
    errors = Errors()
    data = _object(data, "nonFieldErrors", errors)
    if errors:  # not an object; an empty one goes on, so that every missing field is named
        return None, errors
    _known(data, POLICE_FIELDS, errors)
    message = PoliceMessage(
        reference=_text(data, "registratienummer", errors, "", max_length=40),
        reporter=parse_reporter(data.get("melder"), errors),
        persons=parse_persons(data.get("personen"), errors),
        forms=parse_forms(data.get("formulieren"), errors),
        acute=_bool(data, "acuut", errors),
        summary=_text(data, "omschrijving", errors, "", required=False, max_length=20000),
        registered_at=_moment(data, "geregistreerdOp", errors),
        received_at=_moment(data, "ontvangen", errors),
    )
    if (
        message.registered_at is not None
        and message.received_at is not None
        and message.received_at < message.registered_at
    ):
        errors.add("ontvangen", _("Ontvangen kan niet vóór het moment van registratie liggen."))
    return (None if errors else message), errors


@dataclass
class ReportInput:
    reporter: ReporterInput
    persons: list[PersonInput]
    summary: str
    acute: bool = False
    anonymity_promised: bool = False
    anonymity_requested: bool = False


def parse_report(data, *, fields: frozenset = REPORT_FIELDS) -> tuple[ReportInput | None, Errors]:
    """A melding from a signaler (or Veilig Thuis on its own account) in the wire format.
    `fields` are the top-level fields the caller's resource has (the others are named)."""
    errors = Errors()
    data = _object(data, "nonFieldErrors", errors)
    if errors:  # not an object; an empty one goes on, so that every missing field is named
        return None, errors
    _known(data, fields, errors)
    report = ReportInput(
        reporter=parse_reporter(data.get("melder"), errors),
        persons=parse_persons(data.get("personen"), errors),
        summary=_text(data, "omschrijving", errors, "", max_length=20000),
        acute=_bool(data, "acuut", errors),
        anonymity_promised=_bool(data, "anonimiteitToegezegd", errors),
        anonymity_requested=_bool(data, "anonimiteitGevraagd", errors),
    )
    return (None if errors else report), errors
