import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from ketenkaart.audit import services
from ketenkaart.audit.models import AccessEvent, StreamHead


def _drop_insert_only_triggers():
    """What an attacker with database rights would do first."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_accessevent DISABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER audit_accessevent_no_update")
            cursor.execute("DROP TRIGGER audit_accessevent_no_delete")


@pytest.fixture
def events(involved, household):
    return [
        services.record(user=involved.user, action="household.read", household_id=household.pk)
        for _ in range(3)
    ]


def test_events_chain_per_household_stream(events, household):
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[1].prev_hash == events[0].hash
    assert StreamHead.objects.get(key=f"household:{household.pk}").hash == events[2].hash
    assert services.verify().ok


def test_events_without_household_chain_per_day(involved):
    event = services.record(user=involved.user, action="person.search")
    assert event.stream.startswith("day:")
    assert event.household_id is None


def test_the_database_refuses_to_alter_the_log(events):
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessEvent.objects.filter(pk=events[0].pk).update(action="household.export")
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessEvent.objects.filter(pk=events[0].pk).delete()


def test_verify_fails_when_a_row_was_altered(events):
    _drop_insert_only_triggers()
    AccessEvent.objects.filter(pk=events[1].pk).update(actor_username="iemand-anders")
    report = services.verify()
    assert not report.ok
    assert any("regel 2 is gewijzigd" in p for p in report.problems)
    with pytest.raises(CommandError):
        call_command("audit", "verify")


def test_verify_fails_when_a_middle_row_was_removed(events):
    _drop_insert_only_triggers()
    AccessEvent.objects.filter(pk=events[1].pk).delete()
    assert not services.verify().ok


def test_verify_fails_when_the_tail_was_removed(events):
    _drop_insert_only_triggers()
    AccessEvent.objects.filter(pk=events[2].pk).delete()
    report = services.verify()
    assert any("laatste regels ontbreken" in p for p in report.problems)


def test_verify_fails_when_a_stream_was_rewritten_after_a_checkpoint(events, household):
    services.checkpoint_create()
    _drop_insert_only_triggers()
    # Remove the whole stream and its head: only the checkpoint still remembers it.
    AccessEvent.objects.filter(household_id=household.pk).delete()
    StreamHead.objects.filter(key=f"household:{household.pk}").delete()
    report = services.verify()
    assert any("sinds controlepunt" in p for p in report.problems)


def test_verify_command_passes_on_an_intact_log(events, capsys):
    call_command("audit", "verify")
    assert "intact: 3 regels" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="parallel writers need PostgreSQL (SQLite serialises writers); make test runs this "
    "on a throw-away PostgreSQL",
)
def test_parallel_writers_to_one_stream_keep_one_unbroken_chain(household, involved):
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    def write(_):
        try:
            for _ in range(10):
                services.record(
                    user=involved.user, action="household.read", household_id=household.pk
                )
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(write, range(8)))
    seqs = list(
        AccessEvent.objects.filter(household_id=household.pk)
        .order_by("seq")
        .values_list("seq", flat=True)
    )
    assert seqs == list(range(1, 81))
    assert services.verify().ok
