"""Through PgBouncer in transaction mode (make test-pgbouncer, scripts/with-pgbouncer): the
connection really goes through the pool, and what transaction mode forbids is switched off."""

import os

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.db.models import UUIDField
from django.test.utils import CaptureQueriesContext

from ketenkaart.core.precompiled import Param, Precompiled
from ketenkaart.households.models import Member
from ketenkaart.testing import factories as f

_MEMBERS = Precompiled(
    lambda: Member.objects.filter(household_id=Param("household", UUIDField())).order_by("pk")
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        os.environ.get("KETENKAART_PGBOUNCER") != "1", reason="only through PgBouncer"
    ),
]


def test_the_connection_goes_through_the_pool():
    with connection.cursor() as cursor:
        cursor.execute("SELECT inet_server_port()")
        server_port = cursor.fetchone()[0]
    # The server listens on its own port; Django talks to PgBouncer's.
    assert str(server_port) != str(settings.DATABASES["default"]["PORT"])


def test_transaction_mode_needs_no_server_side_cursors_or_prepared_statements():
    assert settings.DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert settings.DATABASES["default"]["OPTIONS"]["prepare_threshold"] is None
    households = [f.HouseholdFactory() for _ in range(3)]
    # iterator() would open a named cursor, which dies with the server connection it lives in.
    seen = [h.pk for h in type(households[0]).objects.order_by("pk").iterator(chunk_size=1)]
    assert seen == sorted(h.pk for h in households)
    for _ in range(20):  # the same statement many times: never prepared on a server connection
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(17), %s", [1])
            assert cursor.fetchone()[1] == 1


def test_the_hot_reads_are_sent_as_sql_not_as_prepared_statements():
    # core/precompiled.py prepares them only on a direct connection.
    assert settings.KETENKAART_PREPARED_STATEMENTS is False
    household = f.HouseholdFactory()
    member = f.MemberFactory(household=household)
    with CaptureQueriesContext(connection) as sent:
        for _ in range(3):
            assert [m.pk for m in _MEMBERS.rows(household=household.pk)] == [member.pk]
    assert [q["sql"].split()[0] for q in sent.captured_queries] == ["SELECT"] * 3
