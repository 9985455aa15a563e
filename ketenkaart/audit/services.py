"""Writing and checking the audit log. Call `record` inside the transaction of the change."""

import datetime
import ipaddress
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from ketenkaart.audit.models import GENESIS_HASH, AccessEvent, Checkpoint, Outcome, StreamHead
from ketenkaart.core.middleware import current_request_id


def stream_for(household_id: uuid.UUID | None, when: datetime.datetime) -> str:
    if household_id is not None:
        return f"household:{household_id}"
    return f"day:{when.date().isoformat()}"


def record(
    *,
    user,
    action: str,
    outcome: str = Outcome.ALLOWED,
    household_id: uuid.UUID | None = None,
    object_type: str = "",
    object_id: object = "",
    person_ids: Iterable[uuid.UUID] = (),
    legal_basis: str = "",
    request=None,
    on_behalf_of: str = "",
) -> AccessEvent:
    """Append one event to its stream's hash chain, in the caller's transaction."""
    now = timezone.now()
    professional = getattr(user, "professional", None) if user is not None else None
    event = AccessEvent(
        stream=stream_for(household_id, now),
        occurred_at=now,
        actor_user_id=user.pk if user is not None else None,
        actor_username=user.get_username() if user is not None else "",
        actor_organisation_id=professional.organisation_id if professional else None,
        actor_role=professional.role if professional else "",
        on_behalf_of=on_behalf_of,
        action=action,
        object_type=object_type,
        object_id=str(object_id) if object_id else "",
        household_id=household_id,
        person_ids=sorted(str(p) for p in person_ids),
        legal_basis=legal_basis,
        outcome=outcome,
        request_id=getattr(request, "request_id", None) or _request_id(),
        client_address=_client_address(request),
    )
    with transaction.atomic():
        event.seq, event.prev_hash = _advance(event.stream)
        event.hash = event.compute_hash()
        event.save(force_insert=True)
        StreamHead.objects.filter(key=event.stream).update(hash=event.hash)
    return event


# One statement takes the stream's next number and its last hash, and locks its head until
# commit: a new stream starts at 1 after the genesis hash; an existing one moves on by one and
# still returns the previous event's hash, which this statement does not change. SQLite 3.35+
# and PostgreSQL both know upserts with RETURNING.
_ADVANCE = (
    "INSERT INTO audit_streamhead (key, seq, hash) VALUES (%s, 1, %s) "
    "ON CONFLICT (key) DO UPDATE SET seq = audit_streamhead.seq + 1 RETURNING seq, hash"
)


def _advance(stream: str) -> tuple[int, str]:
    with connection.cursor() as cursor:
        cursor.execute(_ADVANCE, [stream, GENESIS_HASH])
        seq, previous = cursor.fetchone()
    return seq, previous


def _request_id() -> str:
    value = current_request_id.get()
    return "" if value == "-" else value


def _client_address(request) -> str | None:
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


@dataclass
class VerifyReport:
    streams: int = 0
    events: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify() -> VerifyReport:
    """Walk every chain: sequence without gaps, links intact, hashes recomputed, heads matched."""
    report = VerifyReport()
    heads = dict(StreamHead.objects.values_list("key", "seq"))
    head_hashes = dict(StreamHead.objects.values_list("key", "hash"))
    seen: dict[str, tuple[int, str]] = {}
    for event in AccessEvent.objects.order_by("stream", "seq").iterator(chunk_size=5000):
        last_seq, last_hash = seen.get(event.stream, (0, GENESIS_HASH))
        report.events += 1
        if event.seq != last_seq + 1:
            report.problems.append(f"{event.stream}: regel {last_seq + 1} ontbreekt")
        if event.prev_hash != last_hash:
            report.problems.append(f"{event.stream}: keten gebroken bij regel {event.seq}")
        if event.hash != event.compute_hash():
            report.problems.append(f"{event.stream}: regel {event.seq} is gewijzigd")
        seen[event.stream] = (event.seq, event.hash)
    for key, seq in heads.items():
        last_seq, last_hash = seen.get(key, (0, GENESIS_HASH))
        if last_seq != seq or last_hash != head_hashes[key]:
            report.problems.append(f"{key}: laatste regels ontbreken (verwacht tot {seq})")
    for key in seen.keys() - heads.keys():
        report.problems.append(f"{key}: stroom zonder kop")
    previous = GENESIS_HASH
    for checkpoint in Checkpoint.objects.order_by("id"):
        if checkpoint.prev_hash != previous or checkpoint.hash != checkpoint.compute_hash():
            report.problems.append(f"controlepunt {checkpoint.pk} is gewijzigd")
        for key, (seq, digest) in checkpoint.heads.items():
            if seq > seen.get(key, (0, ""))[0]:
                report.problems.append(f"{key}: regels tot {seq} ontbreken sinds controlepunt")
            elif seq and _hash_at(key, seq) != digest:
                report.problems.append(f"{key}: regel {seq} wijkt af van controlepunt")
        previous = checkpoint.hash
    report.streams = len(heads)
    return report


def _hash_at(stream: str, seq: int) -> str | None:
    return AccessEvent.objects.filter(stream=stream, seq=seq).values_list("hash", flat=True).first()


@transaction.atomic
def checkpoint_create() -> Checkpoint:
    previous = Checkpoint.objects.order_by("-id").values_list("hash", flat=True).first()
    heads = {
        key: [seq, digest]
        for key, seq, digest in StreamHead.objects.values_list("key", "seq", "hash")
    }
    checkpoint = Checkpoint(
        created_at=timezone.now(), heads=heads, prev_hash=previous or GENESIS_HASH
    )
    checkpoint.hash = checkpoint.compute_hash()
    checkpoint.save()
    return checkpoint


# -- bulk append -------------------------------------------------------------------------------

# Per chunk of streams, one statement moves every head on by its number of new events and
# returns the new last number with the previous last hash (this statement does not change the
# hash): the events of a stream get the numbers after the previous ones, and the head stays
# locked until commit, so `record` and other bulk writers on that stream wait. Streams are
# taken in sorted order, so two bulk writers lock heads in the same order.
_ADVANCE_MANY = (
    "INSERT INTO audit_streamhead (key, seq, hash) VALUES {values} "
    "ON CONFLICT (key) DO UPDATE SET seq = audit_streamhead.seq + excluded.seq "
    "RETURNING key, seq, hash"
)
_STREAMS_PER_STATEMENT = 300


def record_many(events: Iterable[dict]) -> list[AccessEvent]:
    """Append many events at once, in the caller's transaction: each dict holds the keyword
    arguments of `record`. The result is the same chains as calling `record` for each event in
    order (events of one stream keep their order), with one statement per few hundred streams
    to advance the heads, one bulk insert and one head update per stream."""
    now = timezone.now()
    built = [_event(now, **kwargs) for kwargs in events]
    if not built:
        return []
    by_stream: dict[str, list[AccessEvent]] = {}
    for event in built:
        by_stream.setdefault(event.stream, []).append(event)
    streams = sorted(by_stream)
    with transaction.atomic():
        heads: dict[str, tuple[int, str]] = {}
        with connection.cursor() as cursor:
            for start in range(0, len(streams), _STREAMS_PER_STATEMENT):
                chunk = streams[start : start + _STREAMS_PER_STATEMENT]
                params = []
                for stream in chunk:
                    params += [stream, len(by_stream[stream]), GENESIS_HASH]
                values = ", ".join(["(%s, %s, %s)"] * len(chunk))
                cursor.execute(_ADVANCE_MANY.format(values=values), params)
                for key, seq, previous in cursor.fetchall():
                    heads[key] = (seq, previous)
        last_hashes = []
        for stream in streams:
            chain = by_stream[stream]
            seq, previous = heads[stream]
            seq -= len(chain)  # the last number before these events
            for event in chain:
                seq += 1
                event.seq, event.prev_hash = seq, previous
                event.hash = previous = event.compute_hash()
            last_hashes.append((previous, stream))
        _insert(built)
        with connection.cursor() as cursor:
            cursor.executemany("UPDATE audit_streamhead SET hash = %s WHERE key = %s", last_hashes)
    return built


def _insert(events: list[AccessEvent]) -> None:
    """The events as rows (executemany on SQLite, COPY on PostgreSQL), without the ORM's
    per-object work; values converted per column as Django would store them. The events get
    no primary key back."""
    fields = [f for f in AccessEvent._meta.concrete_fields if not f.primary_key]
    names = [f.attname for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(AccessEvent._meta.db_table)
    if connection.vendor == "postgresql":
        converters = {"person_ids": json.dumps}
    else:
        converters = {
            "occurred_at": connection.ops.adapt_datetimefield_value,
            "actor_organisation_id": _uuid_hex,
            "household_id": _uuid_hex,
            "person_ids": json.dumps,
        }
    converts = [converters.get(name) for name in names]
    rows = [
        tuple(
            value if convert is None else convert(value)
            for value, convert in zip(
                (getattr(event, name) for name in names), converts, strict=True
            )
        )
        for event in events
    ]
    with connection.cursor() as cursor, connection.wrap_database_errors:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(fields))
            # Table and column names come from the model, values are parameters.
            sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
            cursor.executemany(sql, rows)


def _uuid_hex(value) -> str | None:
    return None if value is None else uuid.UUID(str(value)).hex


def _event(
    now: datetime.datetime,
    *,
    user,
    action: str,
    outcome: str = Outcome.ALLOWED,
    household_id: uuid.UUID | None = None,
    object_type: str = "",
    object_id: object = "",
    person_ids: Iterable[uuid.UUID] = (),
    legal_basis: str = "",
    request=None,
    on_behalf_of: str = "",
) -> AccessEvent:
    """An unsaved event as `record` builds it (without its place in the chain)."""
    professional = getattr(user, "professional", None) if user is not None else None
    return AccessEvent(
        stream=stream_for(household_id, now),
        occurred_at=now,
        actor_user_id=user.pk if user is not None else None,
        actor_username=user.get_username() if user is not None else "",
        actor_organisation_id=professional.organisation_id if professional else None,
        actor_role=professional.role if professional else "",
        on_behalf_of=on_behalf_of,
        action=action,
        object_type=object_type,
        object_id=str(object_id) if object_id else "",
        household_id=household_id,
        person_ids=sorted(str(p) for p in person_ids),
        legal_basis=legal_basis,
        outcome=outcome,
        request_id=getattr(request, "request_id", None) or _request_id(),
        client_address=_client_address(request),
    )
