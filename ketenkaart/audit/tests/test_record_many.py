"""The bulk append: the same chains as `record`, and safe next to it."""

import pytest
from django.db import connection

from ketenkaart.audit import services
from ketenkaart.audit.models import AccessEvent, StreamHead
from ketenkaart.testing import factories as f


def test_record_many_continues_each_stream_after_record(involved, household):
    other = f.HouseholdFactory()
    before = AccessEvent.objects.count()
    first = services.record(user=involved.user, action="household.read", household_id=household.pk)
    events = services.record_many(
        [
            {"user": involved.user, "action": "report.received", "household_id": household.pk},
            {"user": involved.user, "action": "report.received", "household_id": other.pk},
            {"user": involved.user, "action": "report.received", "household_id": household.pk},
            {"user": involved.user, "action": "person.search"},
        ]
    )
    assert [(e.stream, e.seq) for e in events] == [
        (f"household:{household.pk}", 2),
        (f"household:{other.pk}", 1),
        (f"household:{household.pk}", 3),
        (events[3].stream, 1),
    ]
    assert events[0].prev_hash == first.hash and events[2].prev_hash == events[0].hash
    assert StreamHead.objects.get(key=f"household:{household.pk}").hash == events[2].hash
    assert StreamHead.objects.get(key=f"household:{other.pk}").seq == 1
    later = services.record(user=involved.user, action="household.read", household_id=household.pk)
    assert (later.seq, later.prev_hash) == (4, events[2].hash)
    assert AccessEvent.objects.count() == before + 6
    assert services.verify().ok


def test_record_many_of_nothing_writes_nothing(db):
    assert services.record_many([]) == []
    assert not StreamHead.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="parallel writers need PostgreSQL (SQLite serialises writers); make test runs this "
    "on a throw-away PostgreSQL",
)
def test_record_many_in_parallel_with_record_keeps_one_unbroken_chain(household, involved):
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    other = f.HouseholdFactory()

    def write(n):
        try:
            for _ in range(10):
                if n % 2:
                    services.record(
                        user=involved.user, action="household.read", household_id=household.pk
                    )
                else:
                    services.record_many(
                        [
                            {"user": involved.user, "action": "a", "household_id": household.pk},
                            {"user": involved.user, "action": "b", "household_id": other.pk},
                            {"user": involved.user, "action": "c", "household_id": household.pk},
                        ]
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
    assert seqs == list(range(1, 4 * 10 + 4 * 10 * 2 + 1))
    assert AccessEvent.objects.filter(household_id=other.pk).count() == 40
    assert services.verify().ok
