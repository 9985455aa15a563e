"""On PostgreSQL the audit table is partitioned by month of `occurred_at`, so tens of millions
of rows a year stay in indexes of one month each, and old months can be archived or dropped as
a whole once the retention period (`KETENKAART_AUDIT_RETENTION_YEARS`, five by default) has
passed. A default partition catches rows of a month that has none yet; the sealer (as the
migration role) keeps the coming months ready."""

import datetime

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

TABLE = "audit_accessevent"
MONTHS_AHEAD = 2


def month_name(month: datetime.date) -> str:
    return f"{TABLE}_{month:%Y_%m}"


def _months(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def is_partitioned(using_connection: BaseDatabaseWrapper | None = None) -> bool:
    conn = using_connection or connection
    if conn.vendor != "postgresql":
        return False
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_partitioned_table WHERE partrelid = %s::regclass", [TABLE])
        return cursor.fetchone() is not None


def ensure_months(
    first: datetime.date | None = None,
    *,
    ahead: int = MONTHS_AHEAD,
    using_connection: BaseDatabaseWrapper | None = None,
) -> list[str]:
    """Create the monthly partitions from `first` (default: this month) to `ahead` months
    ahead that do not exist yet; skip a month whose rows already sit in the default partition
    (a later run may move them). Returns the names created."""
    conn = using_connection or connection
    if not is_partitioned(conn):
        return []
    today = timezone.now().date()
    last = today
    for _ in range(ahead):
        last = (last.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    created = []
    with conn.cursor() as cursor:
        for month in _months(first or today, last):
            name = month_name(month)
            cursor.execute("SELECT to_regclass(%s)", [name])
            if cursor.fetchone()[0] is not None:
                continue
            start = datetime.datetime.combine(month, datetime.time(), datetime.UTC)
            end = datetime.datetime.combine(
                (month + datetime.timedelta(days=32)).replace(day=1), datetime.time(), datetime.UTC
            )
            cursor.execute(
                f"SELECT 1 FROM {TABLE}_default WHERE occurred_at >= %s AND occurred_at < %s "  # noqa: S608
                "LIMIT 1",
                [start, end],
            )
            if cursor.fetchone():
                continue
            cursor.execute(
                f"CREATE TABLE {name} PARTITION OF {TABLE} FOR VALUES FROM (%s) TO (%s)",
                [start.isoformat(), end.isoformat()],
            )
            created.append(name)
    return created
