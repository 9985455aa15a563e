"""`ketenkaart audit prune`: remove the log's rows once the retention period has passed
(`KETENKAART_AUDIT_RETENTION_YEARS`, five by default: NEN 7513:2024 §5.6 and the Jeugdwet's
retention of the file, art. 7.3.8, which the log of access to it should not outlive by less).

Only whole sealed, checkpointed ranges go: everything up to the highest checkpoint whose rows
are all older than the cutoff. A keyed prune record (in the database and in the external
file, like a checkpoint) tells `verify` where the chain now starts, so the log still verifies
and a head cut off without one is still named. Refused when the log does not verify: pruning
never removes the evidence of a forgery. It checks incrementally (`verify(incremental=True)`:
from the last external checkpoint on, and the unsealed rows) plus the range it removes
(`verify_range`), not the whole log. Run as the migration role (it owns the tables; the runtime
role may not delete)."""

import datetime
from dataclasses import dataclass
from typing import Literal

from django.conf import settings
from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper
from django.db.models import Min
from django.utils import timezone

from ketenkaart.audit.keyed import prune_mac
from ketenkaart.audit.models import AccessEvent, SealCheckpoint, SealEntry, SealPrune
from ketenkaart.audit.triggers import add_insert_only_triggers


@dataclass
class PruneResult:
    cutoff: datetime.datetime
    position: int = 0  # pruned through this seal; 0 = nothing
    events: int = 0
    refused: list[str] | None = None


def retention_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    now = now or timezone.now()
    years: int = settings.KETENKAART_AUDIT["RETENTION_YEARS"]
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


def prunable_position(cutoff: datetime.datetime) -> int:
    """The highest checkpointed position whose rows, and all before it, are older than the
    cutoff (rows are not in time order by position: a late commit is sealed later)."""
    young = AccessEvent.objects.filter(occurred_at__gte=cutoff).values("pk")
    first_young = SealEntry.objects.filter(event_id__in=young).aggregate(m=Min("position"))["m"]
    points = SealCheckpoint.objects.all()
    if first_young is not None:
        points = points.filter(position__lt=first_young)
    point = points.order_by("-position").first()
    return point.position if point else 0


def prune(*, now: datetime.datetime | None = None, dry_run: bool = False) -> PruneResult:
    from ketenkaart.audit.seal import write_external_line
    from ketenkaart.audit.verify import base_of, verify, verify_range

    now = now or timezone.now()
    result = PruneResult(cutoff=retention_cutoff(now))
    # Not a full walk of the log (slow at national scale): the rows since the last external
    # checkpoint (the rows before it were checked when it was taken) and the unsealed rows,
    # then the range about to be removed, from where the chain starts through its checkpoint.
    report = verify(now=now, incremental=True)
    if not report.ok:
        result.refused = report.problems
        return result
    position = prunable_position(result.cutoff)
    base = base_of(report)
    if position <= base:
        return result
    span = verify_range(through=position)
    if not span.ok:
        result.refused = span.problems
        return result
    entry = SealEntry.objects.get(position=position)
    ids = SealEntry.objects.filter(position__gt=base, position__lte=position)
    result.position = position
    result.events = ids.count()
    if dry_run:
        return result
    with transaction.atomic():
        record = SealPrune.objects.create(
            created_at=now,
            position=position,
            chain=entry.chain,
            cutoff=result.cutoff,
            mac=prune_mac(now, position, entry.chain, result.cutoff),
        )
        with _triggers_lifted(("audit_accessevent", "audit_sealentry")):
            AccessEvent.objects.filter(pk__in=ids.values("event_id")).delete()
            SealEntry.objects.filter(position__lte=position).delete()
    write_external_line(
        {
            "kind": "prune",
            "created_at": _iso(record.created_at),
            "position": record.position,
            "chain": record.chain,
            "cutoff": _iso(record.cutoff),
            "mac": record.mac,
        }
    )
    return result


def _iso(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).isoformat(timespec="microseconds")


class _triggers_lifted:
    """The insert-only triggers off for this transaction only (the owner may; on PostgreSQL
    the ALTER is transactional, on SQLite the triggers are dropped and made again)."""

    def __init__(self, tables: tuple[str, ...]) -> None:
        self.tables = tables

    def __enter__(self) -> None:
        with connection.cursor() as cursor:
            for table in self.tables:
                if connection.vendor == "postgresql":
                    cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
                else:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")

    def __exit__(self, *exc: object) -> Literal[False]:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for table in self.tables:
                    cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        else:
            with connection.cursor() as cursor:
                for table in self.tables:
                    add_insert_only_triggers(_Executor(cursor), table)
        return False


class _Executor:
    """What add_insert_only_triggers needs of a schema editor, inside a transaction."""

    def __init__(self, cursor: CursorWrapper) -> None:

        self.connection = connection
        self.execute = cursor.execute
