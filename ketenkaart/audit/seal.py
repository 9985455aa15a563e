"""The sealer: behind the requests, it gives every new audit row its place in one global
order and chains it, in batches, then writes a checkpoint to the database and to the external
append-only file. Run `ketenkaart audit seal` from the scheduler (every minute); one sealer at
a time (an advisory lock on PostgreSQL, the write lock on SQLite), never a request."""

import datetime
import json
import logging
import os
from dataclasses import dataclass
from logging.handlers import SysLogHandler
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from ketenkaart.audit import partitions
from ketenkaart.audit.keyed import chain_mac, checkpoint_mac, event_mac
from ketenkaart.audit.models import GENESIS_HASH, AccessEvent, SealCheckpoint, SealEntry

_LOCK = 7_513_000_001  # pg_advisory_xact_lock key of the sealer


@dataclass
class SealResult:
    sealed: int = 0
    refused: list[int] | None = None  # rows whose keyed hash is wrong: never sealed
    checkpoint: SealCheckpoint | None = None


def max_delay() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.KETENKAART_AUDIT["SEAL_MAX_DELAY_SECONDS"])


def unsealed() -> QuerySet[AccessEvent]:
    """Rows without a place in the order yet."""
    return AccessEvent.objects.filter(~Exists(SealEntry.objects.filter(event_id=OuterRef("pk"))))


def seal(*, batch_size: int = 5000, checkpoint: bool = True) -> SealResult:
    """Seal every row that is waiting, in batches of one transaction each; then, when
    anything was sealed, write a checkpoint."""
    refused_all: list[int] = []
    result = SealResult(refused=refused_all)
    partitions.ensure_months()
    while True:
        sealed, refused = _seal_batch(batch_size)
        result.sealed += sealed
        refused_all += [pk for pk in refused if pk not in refused_all]
        if sealed < batch_size:
            break
    if checkpoint and result.sealed:
        result.checkpoint = checkpoint_create()
    return result


@transaction.atomic
def _seal_batch(batch_size: int) -> tuple[int, list[int]]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK])
    last = SealEntry.objects.order_by("-position").first()
    position, previous = (last.position, last.chain) if last else (0, GENESIS_HASH)
    waiting = unsealed().order_by("pk")
    if last is not None:
        # Rows after the highest sealed id, and rows of transactions that committed late.
        highest = SealEntry.objects.aggregate(m=Max("event_id"))["m"]
        waiting = waiting.filter(Q(pk__gt=highest) | Q(occurred_at__gte=_late_since(last)))
    now = timezone.now()
    entries: list[SealEntry] = []
    refused: list[int] = []
    for event in waiting[: batch_size + 1000]:
        if len(entries) == batch_size:
            break
        mac = event_mac(event)
        if mac != event.mac:
            refused.append(event.pk)
            continue
        position += 1
        previous = chain_mac(previous, position, event.pk, mac)
        entries.append(
            SealEntry(
                position=position, event_id=event.pk, row_mac=mac, chain=previous, sealed_at=now
            )
        )
    SealEntry.objects.bulk_create(entries)
    return len(entries), refused


def _late_since(last: SealEntry) -> datetime.datetime:
    return last.sealed_at - 2 * max_delay()


def checkpoint_create() -> SealCheckpoint:
    """A keyed checkpoint of the chain's end, in the database and appended to the external
    file (`KETENKAART_AUDIT_CHECKPOINT_FILE`), which the database owner cannot rewrite."""
    with transaction.atomic():
        last = SealEntry.objects.order_by("-position").first()
        position, chain = (last.position, last.chain) if last else (0, GENESIS_HASH)
        now = timezone.now()
        point = SealCheckpoint.objects.create(
            created_at=now, position=position, chain=chain, mac=checkpoint_mac(now, position, chain)
        )
    write_external(point)
    return point


def write_external(point: SealCheckpoint) -> None:
    write_external_line(
        {
            "created_at": point.created_at.astimezone(datetime.UTC).isoformat(
                timespec="microseconds"
            ),
            "position": point.position,
            "chain": point.chain,
            "mac": point.mac,
        }
    )


def write_external_line(data: dict[str, Any]) -> None:
    """One keyed line to every external target: the append-only file and syslog."""
    line = json.dumps(data, sort_keys=True)
    path = settings.KETENKAART_AUDIT["CHECKPOINT_FILE"]
    if path:
        # O_APPEND: every write lands at the end; fsync before the sealer reports success.
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        try:
            os.write(fd, (line + "\n").encode())
            os.fsync(fd)
        finally:
            os.close(fd)
    if settings.KETENKAART_AUDIT.get("CHECKPOINT_SYSLOG"):
        _syslog(line)


def _syslog(line: str) -> None:
    """To the syslog target (`KETENKAART_AUDIT_CHECKPOINT_SYSLOG`: a socket path such as
    /dev/log, or host:port for UDP), so a central log server keeps a copy the database owner
    cannot reach. RFC 5424's structure is the handler's; the message is the JSON line."""
    handler = SysLogHandler(
        address=_syslog_address(settings.KETENKAART_AUDIT["CHECKPOINT_SYSLOG"]),
        facility=settings.KETENKAART_AUDIT.get("CHECKPOINT_SYSLOG_FACILITY", "local0"),
    )
    try:
        handler.ident = "ketenkaart-audit: "
        handler.emit(
            logging.makeLogRecord(
                {"msg": line, "levelno": logging.INFO, "levelname": "INFO", "name": __name__}
            )
        )
    finally:
        handler.close()


def _syslog_address(value: str) -> str | tuple[str, int]:
    if value.startswith("/"):
        return value
    host, _, port = value.rpartition(":")
    return (host or "localhost", int(port or 514))
