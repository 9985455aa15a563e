"""Writing the audit log: `record` and `record_many`, one INSERT and no shared lock each.

Every row carries its own keyed hash; the sealer (`ketenkaart audit seal`, see seal.py) orders
and chains the rows behind the request, and `verify` (verify.py) checks the lot. Call `record`
inside the transaction of the change, so a rolled-back change leaves no row.
"""

import datetime
import json
import os
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Field
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from ketenkaart.audit.actions import ATTEMPTS, LIST_GRANTS, require_declared
from ketenkaart.audit.keyed import event_mac, normalise_address
from ketenkaart.audit.models import AccessEvent, Outcome

# What the rest of the code imported from here before the sealer existed.
from ketenkaart.audit.seal import checkpoint_create, seal  # noqa: F401
from ketenkaart.audit.verify import VerifyReport, verify  # noqa: F401
from ketenkaart.core.middleware import current_request_id
from ketenkaart.core.precompiled import prepared

# Who acted: a logged-in user, the anonymous user of a public page, or nobody (a job).
Actor = AbstractBaseUser | AnonymousUser | None


def record(
    *,
    user: Actor,
    action: str,
    outcome: str = Outcome.ALLOWED,
    household_id: uuid.UUID | None = None,
    object_type: str = "",
    object_id: object = "",
    person_ids: Iterable[uuid.UUID] = (),
    household_ids: Iterable[uuid.UUID] = (),
    legal_basis: str = "",
    request: HttpRequest | None = None,
    on_behalf_of: str = "",
    persons: Iterable[object] = (),
    grant: str = "",
    emergency: bool = False,
    traceparent: str | None = None,
    client_address: str | None = None,
) -> AccessEvent:
    """Write one event: one INSERT, in the caller's transaction, with no lock that another
    request shares. `persons` takes Person objects (or ids) next to `person_ids`;
    `household_ids` are the families a list or search showed; `traceparent` and
    `client_address` default to the request's. `action` must be declared in
    ketenkaart/audit/actions.py."""
    event = _event(
        timezone.now(),
        user=user,
        action=action,
        outcome=outcome,
        household_id=household_id,
        object_type=object_type,
        object_id=object_id,
        person_ids=person_ids,
        household_ids=household_ids,
        legal_basis=legal_basis,
        request=request,
        on_behalf_of=on_behalf_of,
        persons=persons,
        grant=grant,
        emergency=emergency,
        traceparent=traceparent,
        client_address=client_address,
    )
    pending = _attempts.get()
    if pending is not None and _is_attempt(event, request):
        pending.append([event, None])  # written at the end, unless a change follows
        return event
    _insert_one(event)
    if pending and event.outcome == Outcome.ALLOWED and event.action not in ATTEMPTS:
        for item in pending:
            item[1] = item[1] or event.uid
    return event


# The allowed attempts of the running request (see `deferred_attempts`), each with the uid of
# the row that followed it, if any.
_attempts: ContextVar[list[list[Any]] | None] = ContextVar("audit_attempts", default=None)
_READING = frozenset({"GET", "HEAD", "OPTIONS"})


def _is_attempt(event: AccessEvent, request: HttpRequest | None) -> bool:
    return (
        event.outcome == Outcome.ALLOWED
        and event.action in ATTEMPTS
        and request is not None
        and request.method not in _READING
    )


@contextmanager
def deferred_attempts() -> Iterator[None]:
    """One event per change (NEN 7513: one row per event). The gate writes an allowed attempt
    to change (`household.member.add`) before the service makes the change and writes it
    (`household.member.added`). Within this block (the whole request, AuditAttemptMiddleware)
    the attempt is kept back; at the end it is written only when no row followed it that is
    still there (a change rolled back, or a form sent back with errors, leaves the attempt).
    The check is one SELECT instead of the attempt's INSERT: no request costs more."""
    token = _attempts.set([])
    try:
        yield
    finally:
        pending = _attempts.get()
        _attempts.reset(token)
        if pending:
            _flush(pending)


def _flush(pending: list[list[Any]]) -> None:
    followed = [uid for _event, uid in pending if uid is not None]
    kept = (
        set(AccessEvent.objects.filter(uid__in=followed).values_list("uid", flat=True))
        if followed
        else set()
    )
    for event, uid in pending:
        if uid is None or uid not in kept:
            _insert_one(event)


class AuditAttemptMiddleware:
    """Runs every request inside `deferred_attempts`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with deferred_attempts():
            return self.get_response(request)


def record_list(
    request: HttpRequest,
    *,
    action: str,
    object_type: str,
    rows: Iterable[Any] = (),
    household_ids: Iterable[uuid.UUID] | None = None,
    grant: str = "",
) -> AccessEvent:
    """One row for a list, search or agenda page, naming the families it showed: the
    `household_id` of each row shown (or the rows themselves when they are households), or
    `household_ids` when given. Call it with the page's rows, after they were read. The grant
    is the list's (actions.LIST_GRANTS) unless given."""
    if household_ids is None:
        household_ids = _households_of(rows)
    return record(
        user=request.user,
        action=action,
        object_type=object_type,
        household_ids=household_ids,
        grant=grant,
        request=request,
    )


def _households_of(rows: Iterable[Any]) -> set[uuid.UUID]:
    from ketenkaart.households.models import Household

    found: set[uuid.UUID] = set()
    for row in rows:
        key = row.pk if isinstance(row, Household) else getattr(row, "household_id", None)
        if key is not None:
            found.add(key)
    return found


def record_many(events: Iterable[dict[str, Any]]) -> list[AccessEvent]:
    """Write many events at once, in the caller's transaction: each dict holds the keyword
    arguments of `record`. One bulk insert (COPY on PostgreSQL); the events get no primary key
    back."""
    now = timezone.now()
    built = [_event(now, **kwargs) for kwargs in events]
    if built:
        _insert(built)
    return built


# W3C Trace Context, version 00: version-traceid-parentid-flags, ids not all zero.
_TRACEPARENT = re.compile(r"^[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$")


def clean_traceparent(value: str | None) -> str:
    """The W3C `traceparent` as received when it is well-formed (version `ff` is invalid),
    else empty: a malformed header is ignored, never an error."""
    value = (value or "").strip().lower()
    if len(value) != 55 or value.startswith("ff") or not _TRACEPARENT.match(value):
        return ""
    return value


def _event(
    now: datetime.datetime,
    *,
    user: Actor,
    action: str,
    outcome: str = Outcome.ALLOWED,
    household_id: uuid.UUID | None = None,
    object_type: str = "",
    object_id: object = "",
    person_ids: Iterable[uuid.UUID] = (),
    household_ids: Iterable[uuid.UUID] = (),
    legal_basis: str = "",
    request: HttpRequest | None = None,
    on_behalf_of: str = "",
    persons: Iterable[object] = (),
    grant: str = "",
    emergency: bool = False,
    traceparent: str | None = None,
    client_address: str | None = None,
) -> AccessEvent:
    """An unsaved event with its keyed hash, as `record` writes it."""
    require_declared(action)
    if outcome == Outcome.ALLOWED and not (legal_basis or grant):
        grant = LIST_GRANTS.get(action, "")  # a list or search: the rule that chose its rows
    professional = getattr(user, "professional", None) if user is not None else None
    people = {str(p) for p in person_ids} | {str(getattr(p, "pk", p)) for p in persons}
    if traceparent is None and request is not None:
        traceparent = request.META.get("HTTP_TRACEPARENT")
    if client_address is None and request is not None:
        client_address = request.META.get("REMOTE_ADDR")
    event = AccessEvent(
        uid=time_ordered_uuid(now),
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
        person_ids=sorted(people),
        household_ids=sorted({str(h) for h in household_ids}),
        legal_basis=legal_basis or "",
        grant=grant or "",
        emergency=bool(emergency),
        outcome=outcome,
        request_id=getattr(request, "request_id", None) or _request_id(),
        traceparent=clean_traceparent(traceparent),
        client_address=normalise_address(client_address),
    )
    event.mac = event_mac(event)
    return event


def time_ordered_uuid(now: datetime.datetime) -> uuid.UUID:
    """A UUID version 7 (RFC 9562: 48 bits of Unix milliseconds, then random bits), so the
    unique index on `uid` grows at its right edge instead of at random places."""
    millis = int(now.timestamp() * 1000) & ((1 << 48) - 1)
    value = (millis << 80) | int.from_bytes(os.urandom(10), "big")
    value = (value & ~(0xF << 76)) | (0x7 << 76)  # version 7
    value = (value & ~(0x3 << 62)) | (0x2 << 62)  # RFC 4122 variant
    return uuid.UUID(int=value)


def _request_id() -> str:
    value = current_request_id.get()
    return "" if value == "-" else value


def _insert_one(event: AccessEvent) -> None:
    """One INSERT … RETURNING id, without the ORM's per-save work (the request path's cost),
    prepared once per database session on PostgreSQL (core/precompiled.py)."""
    fields, sql, types = _insert_sql()
    row = _rows([event], fields)[0]
    with connection.cursor() as cursor:
        cursor.execute(prepared(connection, sql, types), row)
        event.pk = cursor.fetchone()[0]
    event._state.adding = False
    event._state.db = connection.alias


# Per database vendor: the columns, the statement and the columns' types, the same every time.
_INSERTS: "dict[str, tuple[list[Field[Any, Any]], str, list[str]]]" = {}


def _insert_sql() -> "tuple[list[Field[Any, Any]], str, list[str]]":
    if connection.vendor not in _INSERTS:
        fields = [f for f in AccessEvent._meta.concrete_fields if not f.primary_key]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        table = connection.ops.quote_name(AccessEvent._meta.db_table)
        placeholders = ", ".join(["%s"] * len(fields))
        pk = connection.ops.quote_name(AccessEvent._meta.pk.column)
        # Table and column names come from the model, values are parameters.
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) RETURNING {pk}"  # noqa: S608
        types = [f.cast_db_type(connection) for f in fields]  # type: ignore[attr-defined]
        _INSERTS[connection.vendor] = (fields, sql, types)
    return _INSERTS[connection.vendor]


def _rows(events: list[AccessEvent], fields: "list[Field[Any, Any]]") -> list[tuple[Any, ...]]:
    """Values per column as Django would store them."""
    names = [f.attname for f in fields]
    converters: dict[str, Callable[[Any], Any]]
    if connection.vendor == "postgresql":
        converters = {"person_ids": json.dumps, "household_ids": json.dumps}
    else:
        converters = {
            "uid": _uuid_hex,
            "occurred_at": connection.ops.adapt_datetimefield_value,
            "actor_organisation_id": _uuid_hex,
            "household_id": _uuid_hex,
            "person_ids": json.dumps,
            "household_ids": json.dumps,
        }
    converts = [converters.get(name) for name in names]
    return [
        tuple(
            value if convert is None else convert(value)
            for value, convert in zip(
                (getattr(event, name) for name in names), converts, strict=True
            )
        )
        for event in events
    ]


def _insert(events: list[AccessEvent]) -> None:
    """The events as rows (executemany on SQLite, COPY on PostgreSQL), without the ORM's
    per-object work. The events get no primary key back."""
    fields = [f for f in AccessEvent._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(AccessEvent._meta.db_table)
    rows = _rows(events, fields)
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


def _uuid_hex(value: object) -> str | None:

    return None if value is None else uuid.UUID(str(value)).hex
