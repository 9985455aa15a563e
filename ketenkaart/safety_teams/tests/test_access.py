"""A participant reads the family on the agenda only during the meeting's window, read only;
after it, and for outsiders, the family answers 404 like one that does not exist."""

import datetime

from ketenkaart.access import gate
from ketenkaart.audit.models import AccessEvent, Outcome
from ketenkaart.safety_maps.tests.conftest import save
from ketenkaart.safety_teams import services
from ketenkaart.safety_teams.tests.conftest import MEETING_AT


def map_url(household, rest=""):
    return f"/gezinnen/{household.pk}/veiligheidskaart{rest}"


def test_a_participant_reads_the_presented_map_during_the_window_and_gets_404_after(
    client, time_machine, involved, jeugdbeschermer, household, team
):
    save(involved, household, 0, strengths=["Oma helpt op woensdag"])
    time_machine.move_to(MEETING_AT - datetime.timedelta(days=1), tick=False)
    meeting = services.meeting_create(by=involved, team=team, starts_at=MEETING_AT)
    item = services.agenda_item_add(
        by=involved, meeting=meeting, household=household, question="Wat nu?"
    )
    assert item.map_version == 1
    # Later saves do not change what the team saw.
    save(involved, household, 1, strengths=["Oma helpt op woensdag", "Nieuw"])

    def at(when):
        # Sessions last 8 hours: log in again after each jump in time.
        time_machine.move_to(when, tick=False)
        client.force_login(jeugdbeschermer.user)

    at(MEETING_AT - datetime.timedelta(hours=1))
    assert client.get(map_url(household)).status_code == 404  # before the meeting

    at(MEETING_AT + datetime.timedelta(minutes=5))
    response = client.get(map_url(household, "/versies/1"))
    assert response.status_code == 200
    assert b"Oma helpt op woensdag" in response.content
    assert client.get(f"/gezinnen/{household.pk}").status_code == 200
    event = AccessEvent.objects.filter(
        actor_user_id=jeugdbeschermer.user_id, household_id=household.pk, outcome=Outcome.ALLOWED
    ).latest("occurred_at")
    assert event.legal_basis == gate.Grant.CASE_MEETING

    at(meeting.access_until - datetime.timedelta(minutes=1))  # still in the follow-up period
    assert client.get(map_url(household)).status_code == 200

    at(meeting.access_until + datetime.timedelta(minutes=1))
    assert client.get(map_url(household)).status_code == 404
    assert client.get(f"/gezinnen/{household.pk}").status_code == 404
    assert household not in gate.visible_households(jeugdbeschermer.user)


def test_the_meeting_grant_is_read_only(client, time_machine, jeugdbeschermer, household, item):
    time_machine.move_to(MEETING_AT + datetime.timedelta(minutes=5), tick=False)
    assert gate.grant_for(jeugdbeschermer.user, household) == gate.Grant.CASE_MEETING
    assert gate.Grant.CASE_MEETING not in gate.WRITE_GRANTS
    client.force_login(jeugdbeschermer.user)
    assert client.get(map_url(household, "/onderdelen/wat-gaat-goed")).status_code == 403
    assert client.get(f"/gezinnen/{household.pk}/leden/nieuw").status_code == 403


def test_the_family_shows_in_visible_households_only_in_the_window(
    time_machine, jeugdbeschermer, household, item, meeting
):
    time_machine.move_to(MEETING_AT + datetime.timedelta(hours=1), tick=False)
    assert list(gate.visible_households(jeugdbeschermer.user)) == [household]
    time_machine.move_to(meeting.access_until, tick=False)
    assert not gate.visible_households(jeugdbeschermer.user).exists()


def test_it_hides_the_meeting_and_the_family_from_an_outsider(
    client, time_machine, outsider, household, item, meeting
):
    time_machine.move_to(MEETING_AT + datetime.timedelta(minutes=5), tick=False)
    client.force_login(outsider.user)
    assert client.get(f"/casusoverleggen/{meeting.pk}").status_code == 404
    assert client.get(f"/agendapunten/{item.pk}/matching").status_code == 404
    assert client.get(map_url(household)).status_code == 404
    assert AccessEvent.objects.filter(
        actor_user_id=outsider.user_id, action="case_meeting.read", outcome=Outcome.DENIED
    ).exists()


def test_a_team_member_who_is_not_a_participant_gets_no_family(
    time_machine, region, household, item, meeting, team
):
    from ketenkaart.testing import factories as f

    latecomer = f.ProfessionalFactory(role="child_protector")
    team.members.add(latecomer)  # joined after the meeting was planned
    time_machine.move_to(MEETING_AT + datetime.timedelta(minutes=5), tick=False)
    assert gate.grant_for(latecomer.user, household) is None
