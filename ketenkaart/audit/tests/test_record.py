"""What one event records (NEN 7513), what it costs, and how long it may wait for its seal."""

import datetime
import io
import json

import pytest
import time_machine
from django.core import serializers
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory

from ketenkaart.audit import export, seal, services
from ketenkaart.audit.keyed import event_mac
from ketenkaart.audit.models import AccessEvent, Outcome
from ketenkaart.audit.verify import verify

TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


def _request(address="192.0.2.7", **headers):
    request = RequestFactory().get("/", REMOTE_ADDR=address, **headers)
    request.request_id = "3f2c1a9e-8d7b-4c6a-9e5f-1b2d3c4e5f60"
    return request


def test_an_ipv4_mapped_address_is_stored_as_ipv4_and_verifies_clean(involved):
    event = services.record(
        user=involved.user, action="person.search", request=_request("::ffff:192.0.2.7")
    )
    stored = AccessEvent.objects.get(pk=event.pk)
    assert stored.client_address == event.client_address == "192.0.2.7"
    assert event_mac(stored) == stored.mac
    assert seal.seal().sealed == 1
    assert verify().ok


def test_an_unparseable_address_is_stored_as_none(involved):
    event = services.record(user=involved.user, action="person.search", request=_request("x"))
    assert AccessEvent.objects.get(pk=event.pk).client_address is None


def test_an_event_records_every_nen7513_field(involved, household, child):
    event = services.record(
        user=involved.user,
        action="household.read",
        household_id=household.pk,
        object_type="household",
        object_id=household.pk,
        persons=[child],
        legal_basis="involvement",
        grant="involvement",
        emergency=True,
        on_behalf_of="regisseur-b",
        request=_request(HTTP_TRACEPARENT=TRACEPARENT),
    )
    stored = AccessEvent.objects.get(pk=event.pk)
    assert stored.person_ids == [str(child.pk)]
    assert (stored.legal_basis, stored.grant, stored.emergency) == (
        "involvement",
        "involvement",
        True,
    )
    assert stored.on_behalf_of == "regisseur-b"
    assert stored.traceparent == TRACEPARENT
    assert stored.request_id == "3f2c1a9e-8d7b-4c6a-9e5f-1b2d3c4e5f60"
    assert stored.actor_organisation_id == involved.organisation_id
    assert stored.actor_role == involved.role
    assert stored.outcome == Outcome.ALLOWED


@pytest.mark.parametrize(
    "header",
    [
        "",
        "garbage",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        TRACEPARENT + "-extra",
    ],
)
def test_a_malformed_traceparent_is_ignored(involved, header):
    event = services.record(
        user=involved.user, action="person.search", request=_request(HTTP_TRACEPARENT=header)
    )
    assert AccessEvent.objects.get(pk=event.pk).traceparent == ""


def test_writing_an_event_is_one_insert(involved, household, django_assert_num_queries):
    services.record(user=involved.user, action="household.read", household_id=household.pk)
    with django_assert_num_queries(1) as context:
        services.record(user=involved.user, action="household.read", household_id=household.pk)
    sql = context.captured_queries[0]["sql"]
    if sql.startswith("EXECUTE "):  # prepared once per database session on PostgreSQL
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT statement FROM pg_prepared_statements WHERE name = %s", [sql.split()[1]]
            )
            sql = cursor.fetchone()[0].split(" AS ", 1)[1]
    assert sql.startswith('INSERT INTO "audit_accessevent"')


def test_a_row_left_unsealed_longer_than_the_bound_fails_verify(involved, settings):
    settings.KETENKAART_AUDIT = {**settings.KETENKAART_AUDIT, "SEAL_MAX_DELAY_SECONDS": 600}
    start = datetime.datetime(2026, 5, 4, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        event = services.record(user=involved.user, action="person.search")
    with time_machine.travel(start + datetime.timedelta(minutes=9), tick=False):
        assert verify().ok
    with time_machine.travel(start + datetime.timedelta(minutes=11), tick=False):
        assert verify().problems == [
            f"regel {event.pk} is al 11 minuten niet verzegeld (grens 10): draait "
            "`ketenkaart audit seal`?"
        ]
        call_command("audit", "seal", stdout=io.StringIO())
        assert verify().ok


def test_a_late_committed_row_is_still_sealed(involved):
    """A row whose transaction committed after a later row was sealed (a lower id) still
    gets its seal in the next run."""
    early = services.record(user=involved.user, action="person.search")
    late = services.record(user=involved.user, action="person.search")
    seal.seal()
    from ketenkaart.audit.models import SealEntry
    from ketenkaart.audit.tests.helpers import lift_triggers

    lift_triggers()  # simulate: the early row was not visible when the sealer ran
    SealEntry.objects.filter(event_id=early.pk).delete()
    SealEntry.objects.filter(event_id=late.pk).update(position=1, chain="x")
    assert seal.seal().sealed == 1
    assert SealEntry.objects.get(event_id=early.pk).position == 2


def test_dumpdata_keeps_every_row_intact(involved, household):
    services.record(user=involved.user, action="household.read", household_id=household.pk)
    seal.seal()
    out = io.StringIO()
    call_command("dumpdata", "audit", stdout=out)
    loaded = [o.object for o in serializers.deserialize("json", out.getvalue())]
    events = [o for o in loaded if isinstance(o, AccessEvent)]
    assert len(events) == 1
    assert event_mac(events[0]) == events[0].mac


def test_loaddata_refuses_a_changed_row_with_a_clear_message(involved, tmp_path):
    event = services.record(user=involved.user, action="person.search")
    data = json.loads(serializers.serialize("json", [event]))
    data[0]["pk"] = event.pk + 1000
    data[0]["fields"]["uid"] = "7a1c1f7e-2f7e-4b7e-9c1e-0c1d2e3f4a5b"
    fixture = tmp_path / "audit.json"
    fixture.write_text(json.dumps(data))
    with pytest.raises(Exception, match="wijkt af van haar sleutel"):
        call_command("loaddata", str(fixture), verbosity=0)
    assert not AccessEvent.objects.filter(pk=event.pk + 1000).exists()


def test_the_export_has_the_logius_nen7513_shape(involved, household, child):
    event = services.record(
        user=involved.user,
        action="household.read",
        household_id=household.pk,
        person_ids=[child.pk],
        legal_basis="involvement",
        emergency=True,
        request=_request(HTTP_TRACEPARENT=TRACEPARENT),
    )
    row = export.logboek_row(AccessEvent.objects.get(pk=event.pk))
    assert row["trace_id"] == "4bf92f3577b34da6a3ce929d0e0e4736"
    assert row["foreign_operation"] == {
        "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736",
        "operation_id": "00f067aa0ba902b7",
    }
    assert len(row["operation_id"]) == 16 and row["span_id"] == row["operation_id"]
    assert row["parent_span_id"] == "00f067aa0ba902b7"
    assert row["attributes"]["dpl.core.data_subject_id"] == str(child.pk)
    assert row["attributes"]["dpl.nen7513.behandelrelatieProtocol"] == "involvement"
    (person,) = [
        p
        for p in row["attributes"]["dpl.nen7513.participants"]
        if p["participantObjectTypeCode"] == "1"
    ]
    assert person["participantObjectDataLifeCycle"] == "6"  # access or use
    assert row["status_code"] == "STATUS_CODE_OK" and row["name"] == "household.read"
    assert row["resource"]["attributes"]["nen7513.AuditSourceId"] == "ketenkaart"
    attributes = row["attributes"]
    (user,) = attributes["dpl.nen7513.users"]
    assert user["userID"] == involved.user.username
    assert user["networkAccessPointID"] == "192.0.2.7"
    assert user["purposeOfUse"] == "noodtoegang"
    ids = {p["participantObjectID"] for p in attributes["dpl.nen7513.participants"]}
    assert ids == {str(child.pk), str(household.pk)}
    assert attributes["dpl.nen7513.autorisatieProtocol"] == "involvement"
    assert attributes["dpl.nen7513.controles"] == {"noodtoegang": True}
    out = io.StringIO()
    call_command("audit", "export", stdout=out)
    assert json.loads(out.getvalue().splitlines()[0])["trace_id"] == row["trace_id"]
