"""The families on the row of a meeting's read (NEN 7513 §5.2: the objects of the event):
the agenda's families on the meeting page and the API's agenda, the families offered to
choose from on the "agendapunt toevoegen" form."""

import datetime

from ketenkaart.access import gate
from ketenkaart.audit.models import AccessEvent
from ketenkaart.safety_teams.tests.conftest import MEETING_AT
from ketenkaart.safety_teams.tests.test_meetings import add_cases


def _row(client, url) -> AccessEvent:
    before = AccessEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    assert client.get(url).status_code == 200
    (event,) = AccessEvent.objects.filter(pk__gt=before)
    return event


def test_the_meeting_page_and_the_api_agenda_name_the_agendas_families(
    client, time_machine, meeting, involved, jeugdbeschermer, municipality
):
    time_machine.move_to(MEETING_AT + datetime.timedelta(minutes=5), tick=False)
    add_cases(meeting, involved, 3, municipality)
    agenda = {str(h) for h in meeting.items.values_list("household_id", flat=True)}
    client.force_login(jeugdbeschermer.user)

    for url in (
        f"/casusoverleggen/{meeting.pk}",
        f"/api/v1/casusoverleggen/{meeting.pk}/agendapunten",
    ):
        event = _row(client, url)
        assert event.action == "case_meeting.read"
        assert set(event.household_ids) == agenda and len(agenda) == 3, url
        assert event.legal_basis == gate.Grant.SAFETY_TEAM


def test_the_meeting_without_agenda_or_the_apis_meeting_names_no_family(
    client, time_machine, meeting, involved, municipality
):
    client.force_login(involved.user)
    assert _row(client, f"/casusoverleggen/{meeting.pk}").household_ids == []
    add_cases(meeting, involved, 1, municipality)
    # The API's meeting itself shows no agenda: no family.
    assert _row(client, f"/api/v1/casusoverleggen/{meeting.pk}").household_ids == []


def test_the_add_item_form_names_the_families_it_offers(
    client, meeting, involved, household, municipality
):
    add_cases(meeting, involved, 1, municipality)
    offered = {str(h) for h in gate.writable_households(involved.user).values_list("pk", flat=True)}
    client.force_login(involved.user)

    event = _row(client, f"/casusoverleggen/{meeting.pk}/agendapunten/nieuw")

    assert event.action == "case_meeting.read"
    assert set(event.household_ids) == offered and str(household.pk) in offered
