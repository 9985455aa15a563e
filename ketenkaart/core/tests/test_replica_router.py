"""Without DATABASE_REPLICA_URL the router changes nothing (the PostgreSQL test with a real
standby is test_replica.py)."""

from django.db import router

from ketenkaart.audit.models import AccessEvent
from ketenkaart.core import replica


def test_without_a_replica_every_read_stays_on_the_primary(settings):
    settings.KETENKAART_REPLICA = False
    with replica.reads() as alias:
        assert alias == "default"
        assert router.db_for_read(AccessEvent) == "default"
    assert router.db_for_write(AccessEvent) == "default"


def test_reads_is_scoped_to_its_block(settings):
    settings.KETENKAART_REPLICA = True
    with replica.reads():
        assert router.db_for_read(AccessEvent) == "replica"
    assert router.db_for_read(AccessEvent) == "default"
    assert router.db_for_write(AccessEvent) == "default"
    assert router.allow_migrate("default", "audit") and not router.allow_migrate("replica", "audit")
