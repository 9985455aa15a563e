"""The bulk append: the same rows as `record`, sealed and verified the same way."""

import pytest
from django.db import connection

from ketenkaart.audit import seal, services
from ketenkaart.audit.models import AccessEvent, SealEntry
from ketenkaart.audit.verify import verify
from ketenkaart.testing import factories as f


def test_record_many_writes_rows_that_seal_and_verify_with_those_of_record(involved, household):
    other = f.HouseholdFactory()
    first = services.record(user=involved.user, action="household.read", household_id=household.pk)
    events = services.record_many(
        [
            {"user": involved.user, "action": "report.received", "household_id": household.pk},
            {"user": involved.user, "action": "report.received", "household_id": other.pk},
            {"user": involved.user, "action": "person.search", "persons": [first.uid]},
        ]
    )
    assert AccessEvent.objects.count() == 4
    stored = AccessEvent.objects.get(uid=events[2].uid)
    assert stored.mac == events[2].mac and stored.person_ids == [str(first.uid)]
    assert seal.seal().sealed == 4
    assert list(SealEntry.objects.order_by("position").values_list("event_id", flat=True)) == list(
        AccessEvent.objects.order_by("pk").values_list("pk", flat=True)
    )
    assert verify().ok


def test_record_many_of_nothing_writes_nothing(db):
    assert services.record_many([]) == []
    assert not AccessEvent.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="parallel writers need PostgreSQL (SQLite serialises writers); make test runs this "
    "on a throw-away PostgreSQL",
)
def test_parallel_writers_and_a_sealer_keep_one_unbroken_chain(household, involved):
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    def write(n):
        try:
            for _ in range(10):
                if n == 0:
                    seal.seal(checkpoint=False)
                elif n % 2:
                    services.record(
                        user=involved.user, action="household.read", household_id=household.pk
                    )
                else:
                    services.record_many(
                        [
                            {
                                "user": involved.user,
                                "action": "household.read",
                                "household_id": household.pk,
                            },
                            {"user": involved.user, "action": "household.list"},
                        ]
                    )
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(write, range(8)))
    seal.seal()
    assert AccessEvent.objects.count() == 4 * 10 + 3 * 10 * 2
    assert SealEntry.objects.count() == AccessEvent.objects.count()
    report = verify()
    assert report.ok, report.problems
