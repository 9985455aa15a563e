"""File import of police zorgmeldingen (JSON, JSON Lines or CSV) in the API's wire format.

Each batch is stored in one transaction and the import is idempotent on the police's
registration number, so an import that is interrupted can simply run again: whole batches are
stored or none of a batch is, and what was stored is not stored twice. Invalid messages are
skipped and reported by their position and field names, never by their content.
"""

import csv
import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ketenkaart.organisations.models import Professional
from ketenkaart.reports import services
from ketenkaart.reports.inputs import PoliceMessage, parse_police_message

CSV_COLUMNS = [
    "registratienummer",
    "geregistreerd_op",
    "ontvangen",
    "acuut",
    "melder_naam",
    "melder_organisatie",
    "melder_telefoon",
    "melder_email",
    "formulier_kenmerk",
    "formulier_soort",
    "formulier_datum",
    "formulier_inhoud",
    "persoon_rol",
    "persoon_voornamen",
    "persoon_tussenvoegsel",
    "persoon_achternaam",
    "persoon_geboortedatum",
    "persoon_bsn",
]


class UnknownColumns(ValueError):
    """A CSV file with columns the wire format does not have: nothing is imported (a misspelt
    column would otherwise drop that field from every message)."""

    def __init__(self, columns: list[str]):
        super().__init__(", ".join(columns))
        self.columns = columns


@dataclass
class ImportResult:
    created: int = 0
    extended: int = 0
    unchanged: int = 0
    batches: int = 0
    invalid: list[tuple[int, list[str]]] = field(default_factory=list)
    # The kenmerken the new meldingen got, as (first, last) ranges: a batch takes consecutive
    # numbers; ranges of consecutive batches are joined.
    references: list[tuple[str, str]] = field(default_factory=list)

    def add_references(self, references: list[str]) -> None:
        for reference in sorted(references):
            if self.references and _follows(self.references[-1][1], reference):
                self.references[-1] = (self.references[-1][0], reference)
            else:
                self.references.append((reference, reference))


def _follows(last: str, reference: str) -> bool:
    prefix, _dash, number = last.rpartition("-")
    return reference == f"{prefix}-{int(number) + 1:06d}"


def _csv_messages(path: Path) -> Iterator[dict]:
    """One row per form and person; rows with the same registration number are one message."""
    messages: dict[str, dict] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        unknown = [name for name in reader.fieldnames or [] if name not in CSV_COLUMNS]
        if unknown:
            raise UnknownColumns(unknown)
        for row in reader:
            reference = (row.get("registratienummer") or "").strip()
            message = messages.setdefault(
                reference or f"<leeg-{len(messages)}>",
                {
                    "registratienummer": reference,
                    # The police's own time and VT's receipt; the deadline counts from the
                    # receipt, so a delayed import keeps the real one.
                    "geregistreerdOp": (row.get("geregistreerd_op") or "").strip() or None,
                    "ontvangen": (row.get("ontvangen") or "").strip() or None,
                    "acuut": (row.get("acuut") or "").strip().lower() in {"1", "ja", "true"},
                    "melder": {
                        "naam": row.get("melder_naam", ""),
                        "organisatie": row.get("melder_organisatie", ""),
                        "telefoon": row.get("melder_telefoon", ""),
                        "email": row.get("melder_email", ""),
                    },
                    "formulieren": [],
                    "personen": [],
                },
            )
            form = {
                "kenmerk": row.get("formulier_kenmerk", ""),
                "soort": row.get("formulier_soort", ""),
                "datum": row.get("formulier_datum") or None,
                "inhoud": row.get("formulier_inhoud", ""),
            }
            if form["kenmerk"] not in {f["kenmerk"] for f in message["formulieren"]}:
                message["formulieren"].append(form)
            person = {
                "rol": row.get("persoon_rol", ""),
                "voornamen": row.get("persoon_voornamen", ""),
                "tussenvoegsel": row.get("persoon_tussenvoegsel", ""),
                "achternaam": row.get("persoon_achternaam", ""),
                "geboortedatum": row.get("persoon_geboortedatum") or None,
                "bsn": row.get("persoon_bsn", ""),
            }
            if person["voornamen"] and person not in message["personen"]:
                message["personen"].append(person)
    yield from messages.values()


def read_messages(path: Path) -> Iterator[dict]:
    """The raw messages of a file: a JSON array (or {"zorgmeldingen": [...]}), JSON Lines
    (.jsonl) or CSV (.csv)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        yield from _csv_messages(path)
    elif suffix == ".jsonl":
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)
    else:
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
        yield from data["zorgmeldingen"] if isinstance(data, dict) else data


def import_messages(
    raw_messages: Iterable[dict], *, by: Professional, batch_size: int = 1000, progress=None
) -> ImportResult:
    result = ImportResult()
    batch: list[PoliceMessage] = []

    def flush():
        receipt = services.police_messages_receive(by=by, messages=batch, batch=uuid.uuid4())
        result.created += len(receipt.created)
        result.add_references([report.reference for report in receipt.created])
        result.extended += len(receipt.extended)
        result.unchanged += len(receipt.unchanged)
        result.batches += 1
        batch.clear()
        if progress is not None:
            progress(result)

    for position, raw in enumerate(raw_messages, start=1):
        message, errors = parse_police_message(raw)
        if errors:
            result.invalid.append((position, sorted(errors.by_field)))
            continue
        assert message is not None  # no errors: a message
        batch.append(message)

        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return result


def import_file(path: Path, *, by: Professional, batch_size: int = 1000, progress=None):
    return import_messages(read_messages(path), by=by, batch_size=batch_size, progress=progress)
