"""Reads that may be served by a streaming replica (DATABASE_REPLICA_URL, docs/operations.md).

Only code that says so reads there: `with replica.reads():` around the monitor, the exports
and the access-log listings, whose figures may be a moment behind. Everything else, the gate's
own look-ups and every write, stays on the primary: a replica lags, so a grant just given or a
row just written may not be there yet, and a standby refuses writes anyway.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.conf import settings

ALIAS = "replica"
_reading: ContextVar[bool] = ContextVar("ketenkaart_replica_reads", default=False)


def configured() -> bool:
    return settings.KETENKAART_REPLICA


@contextmanager
def reads() -> Iterator[str]:
    """Inside, the ORM's reads go to the replica when one is configured. Yields the alias used."""
    token = _reading.set(True)
    try:
        yield ALIAS if configured() else "default"
    finally:
        _reading.reset(token)


def reading(view):
    """`reads()` around a whole function (a listing, an export)."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        with reads():
            return view(*args, **kwargs)

    return wrapper


class ReplicaRouter:
    """Sends a read to the replica only inside `reads()`; writes and migrations never."""

    def db_for_read(self, model, **hints):
        if _reading.get() and configured():
            return ALIAS
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same database, one copy behind

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # the replica gets its schema by streaming
