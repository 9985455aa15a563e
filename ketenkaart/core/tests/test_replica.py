"""The read replica router against a real streaming replica: the test takes a base backup of
the throw-away cluster of scripts/with-postgres (pg_basebackup -R), starts it as a hot standby
on another port, and points the `replica` alias at it. Reads inside `replica.reads()` go there
and may lag; writes never do; everything else reads the primary."""

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg
import pytest
from django.db import connection, connections, router
from django.db.backends.postgresql.base import DatabaseWrapper
from django.urls import reverse

from ketenkaart.audit import services as audit
from ketenkaart.audit.models import AccessEvent
from ketenkaart.core import replica

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not os.environ.get("KETENKAART_PG_BIN"),
        reason="needs the PostgreSQL cluster of scripts/with-postgres",
    ),
]


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_owner() -> list[str]:
    if os.geteuid() != 0:
        return []
    return ["runuser", "-u", os.environ.get("KETENKAART_PG_USER", "ketenkaart-pg"), "--"]


@pytest.fixture
def standby(transactional_db, settings):
    """A hot standby of the test cluster, streaming from it; stopped and removed afterwards."""
    primary = connections["default"].settings_dict
    pg_bin = Path(os.environ["KETENKAART_PG_BIN"])
    workdir = Path(tempfile.mkdtemp(prefix="ketenkaart-standby.", dir="/tmp"))
    data = workdir / "data"
    if os.geteuid() == 0:
        shutil.chown(workdir, os.environ.get("KETENKAART_PG_USER", "ketenkaart-pg"))
    port = _free_port()
    subprocess.run(  # noqa: S603 - our own binaries and arguments
        [*_as_owner(), pg_bin / "pg_basebackup", "-h", primary["HOST"], "-p", str(primary["PORT"]),
         "-U", "postgres", "-D", data, "-R", "-X", "stream", "--no-sync", "--checkpoint=fast"],
        check=True, capture_output=True,
    )  # fmt: skip
    options = (
        f"-c port={port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={workdir} "
        "-c hot_standby=on -c fsync=off"
    )
    subprocess.run(  # noqa: S603 - our own binaries and arguments
        [*_as_owner(), pg_bin / "pg_ctl", "start", "-D", data, "-l", workdir / "log", "-w",
         "-t", "60", "-s", "-o", options],
        check=True, capture_output=True,
    )  # fmt: skip
    # A connection made here, not a settings entry: Django's test case allows it, and the
    # router sends reads to it because KETENKAART_REPLICA says a replica is configured.
    connections[replica.ALIAS] = DatabaseWrapper(
        {**primary, "PORT": str(port)}, alias=replica.ALIAS
    )
    settings.KETENKAART_REPLICA = True
    try:
        yield port
    finally:
        connections[replica.ALIAS].close()
        del connections[replica.ALIAS]
        subprocess.run(  # noqa: S603
            [*_as_owner(), pg_bin / "pg_ctl", "stop", "-D", data, "-m", "immediate", "-s"],
            check=False, capture_output=True,
        )  # fmt: skip
        shutil.rmtree(workdir, ignore_errors=True)


def _superuser(port) -> psycopg.Connection:
    primary = connections["default"].settings_dict
    return psycopg.connect(
        host=primary["HOST"], port=port, user="postgres", dbname=primary["NAME"], autocommit=True
    )


def _caught_up(standby_port: int, timeout: float = 20) -> None:
    with _superuser(connections["default"].settings_dict["PORT"]) as primary:
        # The test cluster commits asynchronously (synchronous_commit=off) and a standby only
        # gets WAL that was flushed: one synchronous commit flushes everything before it.
        primary.execute("SET synchronous_commit TO on")
        primary.execute("SELECT txid_current()")
        target = primary.execute("SELECT pg_current_wal_insert_lsn()").fetchone()[0]
    with _superuser(standby_port) as standby:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ok = standby.execute(
                "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target]
            ).fetchone()[0]
            if ok:
                return
            time.sleep(0.05)
    raise AssertionError("the standby did not catch up")


def test_it_is_a_real_standby(standby):
    with _superuser(standby) as conn:
        assert conn.execute("SELECT pg_is_in_recovery()").fetchone()[0] is True
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            conn.execute("CREATE TABLE nope (id int)")


def test_reads_go_to_the_replica_only_inside_reads_and_writes_never(standby):
    assert router.db_for_read(AccessEvent) == "default"
    with replica.reads() as alias:
        assert alias == "replica"
        assert router.db_for_read(AccessEvent) == "replica"
        assert router.db_for_write(AccessEvent) == "default"
    assert router.db_for_read(AccessEvent) == "default"
    assert not router.allow_migrate("replica", "audit")


def test_replica_reads_may_lag_and_writes_inside_reads_land_on_the_primary(
    standby, involved, household, client
):
    audit.record(user=involved.user, action="household.read", household_id=household.pk)
    _caught_up(standby)
    with replica.reads():
        assert AccessEvent.objects.filter(household_id=household.pk).count() == 1
    with _superuser(standby) as conn:
        conn.execute("SELECT pg_wal_replay_pause()")
        try:
            with replica.reads():
                # A write inside reads() still goes to the primary (a standby would refuse it).
                written = audit.record(
                    user=involved.user, action="household.read", household_id=household.pk
                )
                # The replica is behind: it has not seen the new row.
                assert AccessEvent.objects.filter(household_id=household.pk).count() == 1
                assert not AccessEvent.objects.filter(uid=written.uid).exists()
            assert AccessEvent.objects.filter(household_id=household.pk).count() == 2  # primary

            # The access-log page reads its listing there too: the row it just wrote (the
            # page's own audit row, and `written`) is not shown yet; the gate read the primary.
            client.force_login(involved.user)
            url = reverse("households:access_log", kwargs={"household_id": household.pk})
            assert client.get(url).context["page"].paginator.count == 1
            assert AccessEvent.objects.filter(household_id=household.pk).count() == 3
        finally:
            conn.execute("SELECT pg_wal_replay_resume()")
    _caught_up(standby)
    with replica.reads():
        assert AccessEvent.objects.filter(household_id=household.pk).count() == 3
    # Caught up, the page shows every earlier row; its own may or may not have arrived yet.
    assert client.get(url).context["page"].paginator.count in (3, 4)
    _caught_up(standby)
    with replica.reads():
        assert AccessEvent.objects.filter(household_id=household.pk).count() == 4
