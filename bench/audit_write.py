"""Audit writes per second at 16 concurrent writers, against a plain INSERT into an unindexed
table in the same run, then how fast the sealer catches up.

    scripts/with-postgres .venv/bin/python bench/audit_write.py

Each writer is its own process with its own connection (as WSGI workers are), in autocommit
(each write its own transaction, as a request's). The audit writer calls `audit.record`: the
keyed hash in Python plus one INSERT into the indexed audit table. The plain writer sends one
INSERT of a similar row into a table without any index or key. BENCH_WRITERS (16) and
BENCH_SECONDS (10) tune it. Needs an empty, throw-away PostgreSQL (DATABASE_URL).
"""

import multiprocessing
import os
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ketenkaart.settings")
os.environ.pop("KETENKAART_DEMO", None)

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402

from ketenkaart.audit import seal, services  # noqa: E402
from ketenkaart.audit.models import AccessEvent  # noqa: E402
from ketenkaart.testing import factories as f  # noqa: E402

WRITERS = int(os.environ.get("BENCH_WRITERS", "16"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
PLAIN = """CREATE TABLE bench_plain (
    occurred_at timestamptz, actor_user_id bigint, actor_username varchar(150),
    action varchar(80), household_id uuid, request_id varchar(64), client_address inet,
    mac varchar(64))"""


def audit_writer(args) -> int:
    user_id, deadline = args
    connections.close_all()
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.select_related("professional").get(pk=user_id)
    written = 0
    while time.monotonic() < deadline:
        services.record(
            user=user, action="household.read", household_id=uuid.uuid4(), legal_basis="bench"
        )
        written += 1
    connections.close_all()
    return written


def plain_writer(args) -> int:
    user_id, deadline = args
    connections.close_all()
    written = 0
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "INSERT INTO bench_plain VALUES (now(), %s, 'bench', 'household.read', %s, "
                "'', '127.0.0.1', %s)",
                [user_id, uuid.uuid4(), "0" * 64],
            )
            written += 1
    connections.close_all()
    return written


def run(writer, user_id) -> tuple[float, Counter]:
    """Rows per second, and what the writers' backends waited on (sampled every 0.1 s from
    pg_stat_activity: a shared lock would show as `Lock` waits)."""
    connections.close_all()
    waits: Counter = Counter()
    with multiprocessing.get_context("fork").Pool(WRITERS) as pool:
        start = time.monotonic()
        deadline = start + SECONDS
        pending = pool.map_async(writer, [(user_id, deadline)] * WRITERS)
        with connection.cursor() as cursor:
            while not pending.ready():
                cursor.execute(
                    "SELECT coalesce(wait_event_type || ':' || wait_event, 'cpu') "
                    "FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() "
                    "AND backend_type = 'client backend'"
                )
                waits.update(row[0] for row in cursor.fetchall())
                time.sleep(0.1)
        total = sum(pending.get())
        elapsed = time.monotonic() - start
    connections.close_all()
    return total / elapsed, waits


def _top(waits: Counter) -> str:
    samples = sum(waits.values()) or 1
    if not waits:
        return "no backend active in any sample (the writers are busy in Python)"
    return ", ".join(f"{name} {count / samples:.0%}" for name, count in waits.most_common(3))


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("bench/audit_write.py: run it under scripts/with-postgres")
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_plain")
        cursor.execute(PLAIN)
    user_id = f.ProfessionalFactory().user_id
    print(f"{WRITERS} writers, {SECONDS:.0f} s each, PostgreSQL {connection.pg_version}")
    plain, waits = run(plain_writer, user_id)
    print(f"plain INSERT, unindexed table : {plain:9,.0f} rows/s; waits: {_top(waits)}")
    audit, waits = run(audit_writer, user_id)
    print(
        f"audit.record (keyed, 1 INSERT): {audit:9,.0f} rows/s ({audit / plain:.0%} of plain); "
        f"waits: {_top(waits)}"
    )
    rows = AccessEvent.objects.count()
    start = time.monotonic()
    result = seal.seal(batch_size=5000)
    elapsed = time.monotonic() - start
    print(f"sealer, one process           : {result.sealed / elapsed:9,.0f} rows/s ({rows:,} rows)")
    start = time.monotonic()
    report = services.verify()
    elapsed = time.monotonic() - start
    print(f"verify                        : {report.events / elapsed:9,.0f} rows/s, ok={report.ok}")


if __name__ == "__main__":
    main()
