"""`ketenkaart audit verify`: every row's keyed hash, the seal chain without gaps, every
checkpoint (in the database and in the external file) matched, and no row left unsealed for
longer than the bound. Each problem names the row (its id) and its place (zegel N)."""

import datetime
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from ketenkaart.audit.keyed import chain_mac, checkpoint_mac, event_mac, prune_mac
from ketenkaart.audit.models import (
    GENESIS_HASH,
    AccessEvent,
    SealCheckpoint,
    SealEntry,
    SealPrune,
)
from ketenkaart.audit.seal import max_delay, unsealed

_CHUNK = 5000


@dataclass
class VerifyReport:
    events: int = 0
    sealed: int = 0
    checkpoints: int = 0
    problems: list[str] = field(default_factory=list)
    start: int = 0  # the chain was checked from the seal after this one
    pruned_through: int = 0  # `audit prune` removed the seals up to this one

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def streams(self) -> int:  # the old name of the count the command printed
        return 1 if self.sealed else 0


@dataclass
class _Point:
    label: str
    created_at: datetime.datetime
    position: int
    chain: str


def verify(*, now: datetime.datetime | None = None, incremental: bool = False) -> VerifyReport:
    """Check the log. `incremental`: the chain only from the last external checkpoint on
    (the rows before it were checked by an earlier full run); the unsealed rows always."""
    report = VerifyReport()
    points, prunes = _checkpoints(report)
    position, previous = _base(report, prunes)
    if incremental:
        start = _incremental_start(points, position)
        if start is not None:
            position, previous = start.position, start.chain
    report.start = position
    position, previous = _walk(report, position, previous, points)
    for point in points:
        if point.position > position:
            report.problems.append(
                f"zegels {position + 1} tot {point.position} ontbreken sinds {point.label}: "
                "de log is afgekapt"
            )
    _check_unsealed(report, now or timezone.now())
    report.events = AccessEvent.objects.count()
    return report


def verify_range(*, through: int) -> VerifyReport:
    """The chain from where it now starts (the last prune) through seal `through`: each seal
    against its row and against the checkpoints in that span, without walking the rest of the
    log. What `prune` checks of the rows it is about to remove, next to an incremental
    `verify` of the rest."""
    report = VerifyReport()
    points, prunes = _checkpoints(report)
    position, previous = _base(report, prunes)
    report.start = position
    position, _chain = _walk(report, position, previous, points, through=through)
    if position < through:
        report.problems.append(f"zegels {position + 1} tot {through} ontbreken (verwijderd)")
    return report


def _base(report: VerifyReport, prunes: list[_Point]) -> tuple[int, str]:
    """Where the chain starts: after the last prune, or at the beginning."""
    if not prunes:
        return 0, GENESIS_HASH
    last = max(prunes, key=lambda p: p.position)
    report.pruned_through = last.position
    return last.position, last.chain


def _walk(
    report: VerifyReport,
    position: int,
    previous: str,
    points: list[_Point],
    *,
    through: int | None = None,
) -> tuple[int, str]:
    """Check the seals after `position` (through `through`, when given), each against the
    chain, its row and the checkpoints at its position; returns where the walk ended."""
    wanted: dict[int, list[_Point]] = {}
    for point in points:
        wanted.setdefault(point.position, []).append(point)
    for entries in _chunks(after=position, through=through):
        events = AccessEvent.objects.in_bulk([e.event_id for e in entries])
        for entry in entries:
            if entry.position != position + 1:
                report.problems.append(
                    f"zegels {position + 1} tot {entry.position} ontbreken (verwijderd)"
                )
            if entry.chain != chain_mac(previous, entry.position, entry.event_id, entry.row_mac):
                report.problems.append(
                    f"zegel {entry.position} (regel {entry.event_id}) is vervalst of verplaatst"
                )
            event = events.get(entry.event_id)
            if event is None:
                report.problems.append(
                    f"regel {entry.event_id} (zegel {entry.position}) is verwijderd"
                )
            elif event.mac != entry.row_mac or event_mac(event) != entry.row_mac:
                report.problems.append(
                    f"regel {entry.event_id} (zegel {entry.position}) is gewijzigd of verwisseld"
                )
            for point in wanted.get(entry.position, ()):
                if point.chain != entry.chain:
                    report.problems.append(
                        f"zegel {entry.position} (regel {entry.event_id}) wijkt af van "
                        f"{point.label}"
                    )
            position, previous = entry.position, entry.chain
            report.sealed += 1
    return position, previous


def base_of(report: VerifyReport) -> int:
    return report.pruned_through


def _incremental_start(points: list[_Point], floor: int) -> _Point | None:
    """The last external checkpoint whose seal is still there with the same chain."""
    external = sorted(
        (p for p in points if p.label.startswith("extern") and p.position > floor),
        key=lambda p: p.position,
        reverse=True,
    )
    for point in external:
        entry = SealEntry.objects.filter(position=point.position).first()
        if entry is not None and entry.chain == point.chain:
            return point
    return None


def _chunks(after: int = 0, through: int | None = None) -> Iterator[list[SealEntry]]:
    while True:
        query = SealEntry.objects.filter(position__gt=after)
        if through is not None:
            query = query.filter(position__lte=through)
        entries = list(query.order_by("position")[:_CHUNK])
        if not entries:
            return
        yield entries
        after = entries[-1].position


def _check_unsealed(report: VerifyReport, now: datetime.datetime) -> None:
    bound = max_delay()
    for event in unsealed().order_by("pk").iterator(chunk_size=_CHUNK):
        if event.mac != event_mac(event):
            report.problems.append(
                f"regel {event.pk} heeft geen geldige sleutel: buiten de applicatie ingevoegd "
                "of gewijzigd"
            )
        elif event.occurred_at < now - bound:
            minutes = int((now - event.occurred_at).total_seconds() // 60)
            report.problems.append(
                f"regel {event.pk} is al {minutes} minuten niet verzegeld "
                f"(grens {int(bound.total_seconds() // 60)}): draait `ketenkaart audit seal`?"
            )


def _checkpoints(report: VerifyReport) -> tuple[list[_Point], list[_Point]]:
    """The valid checkpoints and prune records, from the database and the external file."""
    points: list[_Point] = []
    prunes: list[_Point] = []
    for record in SealPrune.objects.order_by("pk"):
        label = f"opschoning {record.pk} van {record.created_at:%Y-%m-%d}"
        if record.mac != prune_mac(record.created_at, record.position, record.chain, record.cutoff):
            report.problems.append(f"{label} in de database is vervalst")
            continue
        prunes.append(_Point(label, record.created_at, record.position, record.chain))
    for point in SealCheckpoint.objects.order_by("pk"):
        label = f"controlepunt {point.pk} van {point.created_at:%Y-%m-%d %H:%M}"
        if point.mac != checkpoint_mac(point.created_at, point.position, point.chain):
            report.problems.append(f"{label} in de database is vervalst")
            continue
        points.append(_Point(label, point.created_at, point.position, point.chain))
    path = settings.KETENKAART_AUDIT["CHECKPOINT_FILE"]
    if path and Path(path).exists():
        with open(path, encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if '"kind": "prune"' in line:
                    pruned = _external_prune(line)
                    label = f"externe opschoning (regel {number} van {Path(path).name})"
                    if pruned is None:
                        report.problems.append(f"{label} is onleesbaar of vervalst")
                    else:
                        pruned.label = label
                        prunes.append(pruned)
                    continue
                external = _external(line)
                label = f"extern controlepunt (regel {number} van {Path(path).name})"
                if external is None:
                    report.problems.append(f"{label} is onleesbaar of vervalst")
                    continue
                external.label = label
                points.append(external)
    report.checkpoints = len(points)
    return points, prunes


def _external_prune(line: str) -> _Point | None:
    try:
        data = json.loads(line)
        created_at = datetime.datetime.fromisoformat(data["created_at"])
        cutoff = datetime.datetime.fromisoformat(data["cutoff"])
        position, chain = int(data["position"]), str(data["chain"])
    except (ValueError, KeyError, TypeError):
        return None
    if data.get("mac") != prune_mac(created_at, position, chain, cutoff):
        return None
    return _Point("", created_at, position, chain)


def _external(line: str) -> _Point | None:
    try:
        data = json.loads(line)
        created_at = datetime.datetime.fromisoformat(data["created_at"])
        position, chain = int(data["position"]), str(data["chain"])
    except (ValueError, KeyError, TypeError):
        return None
    if data.get("mac") != checkpoint_mac(created_at, position, chain):
        return None
    return _Point("", created_at, position, chain)
