"""On PostgreSQL with the two roles of scripts/with-postgres: the runtime role cannot change
the log or lift its triggers, and a pg_dump restored elsewhere passes `verify`."""

import os
import subprocess
import sys
import uuid

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from ketenkaart.audit import seal, services
from ketenkaart.audit.models import AccessEvent

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not os.environ.get("KETENKAART_RUNTIME_DATABASE_URL"),
        reason="needs PostgreSQL with the runtime role of scripts/with-postgres",
    ),
]


def _dsn(user: str | None = None, dbname: str | None = None) -> dict:
    own = connection.settings_dict
    return {
        "host": own["HOST"],
        "port": own["PORT"],
        "user": user or own["USER"],
        "dbname": dbname or own["NAME"],
        "autocommit": True,
    }


def _runtime_role():
    role = settings.KETENKAART_AUDIT["RUNTIME_ROLE"]
    return psycopg.connect(**_dsn(user=role))


@pytest.fixture
def sealed(involved, household):
    events = [
        services.record(user=involved.user, action="household.read", household_id=household.pk)
        for _ in range(3)
    ]
    seal.seal()
    return events


def test_the_runtime_role_cannot_lift_the_triggers(sealed):
    with _runtime_role() as runtime, runtime.cursor() as cursor:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="must be owner"):
            cursor.execute("ALTER TABLE audit_accessevent DISABLE TRIGGER USER")
        for sql in (
            "UPDATE audit_accessevent SET actor_username = 'iemand-anders'",
            "DELETE FROM audit_accessevent",
            "TRUNCATE audit_accessevent",
            "UPDATE audit_sealentry SET chain = ''",
            "DELETE FROM audit_sealcheckpoint",
            "UPDATE audit_accessevent_default SET action = ''",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
                cursor.execute(sql)
        cursor.execute("SELECT count(*) FROM audit_accessevent")
        assert cursor.fetchone() == (3,)
    assert set(AccessEvent.objects.values_list("actor_username", flat=True)) == {
        sealed[0].actor_username
    }
    assert services.verify().ok


def test_the_log_is_partitioned_by_month(sealed):
    from ketenkaart.audit.partitions import month_name

    month = sealed[0].occurred_at.date().replace(day=1)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tableoid::regclass::text FROM audit_accessevent WHERE id = %s", [sealed[0].pk]
        )
        assert cursor.fetchone() == (month_name(month),)


def test_the_runtime_role_may_insert_and_select(sealed):
    with _runtime_role() as runtime, runtime.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_sealcheckpoint (created_at, position, chain, mac) "
            "VALUES (now(), 0, '', '') RETURNING id"
        )
        assert cursor.fetchone()
        cursor.execute("SELECT count(*) FROM households_household")
        assert cursor.fetchone()[0] >= 1


def test_a_restored_pg_dump_passes_verify(sealed, tmp_path):
    pg_bin = os.environ.get("KETENKAART_PG_BIN", "/usr/lib/postgresql/15/bin")
    own = connection.settings_dict
    target = f"restore_{uuid.uuid4().hex[:8]}"
    args = ["--host", own["HOST"], "--port", str(own["PORT"]), "--username", own["USER"]]
    dump = tmp_path / "ketenkaart.dump"
    run = subprocess.run
    run([f"{pg_bin}/pg_dump", *args, "--format=custom", f"--file={dump}", own["NAME"]], check=True)
    run([f"{pg_bin}/createdb", *args, target], check=True)
    try:
        run([f"{pg_bin}/pg_restore", *args, "--dbname", target, str(dump)], check=True)
        url = f"postgres://{own['USER']}@{own['HOST']}:{own['PORT']}/{target}"
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "KETENKAART_AUDIT_KEY": settings.KETENKAART_AUDIT["KEY"],
        }
        result = run(
            [sys.executable, "-m", "ketenkaart", "audit", "verify"],
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        assert "Toegangslog intact: 3 regels, 3 verzegeld" in result.stdout
    finally:
        run([f"{pg_bin}/dropdb", *args, target], check=True)
