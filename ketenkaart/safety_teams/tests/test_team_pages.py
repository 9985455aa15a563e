"""Planning a meeting by hand and keeping a team's members and organisations: for members only,
through the services (audited); a non-member and an outsider get 404."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from ketenkaart.audit.models import AccessEvent, Outcome
from ketenkaart.organisations.models import Role
from ketenkaart.safety_teams.models import CaseMeeting
from ketenkaart.safety_teams.tests.conftest import AMS, MEETING_AT
from ketenkaart.testing import factories as f


def test_a_member_plans_a_meeting_by_hand(client, time_machine, involved, team):
    time_machine.move_to(MEETING_AT - datetime.timedelta(days=2), tick=False)
    client.force_login(involved.user)
    assert client.get(f"/veiligheidsteams/{team.pk}/casusoverleggen/nieuw").status_code == 200

    response = client.post(
        f"/veiligheidsteams/{team.pk}/casusoverleggen/nieuw",
        {"day": "2025-03-04", "time": "13:30", "duration": "60"},
    )

    meeting = CaseMeeting.objects.get(team=team)
    assert response.status_code == 302
    assert response["Location"] == f"/casusoverleggen/{meeting.pk}"
    assert meeting.starts_at == datetime.datetime(2025, 3, 4, 13, 30, tzinfo=AMS)
    assert meeting.ends_at - meeting.starts_at == datetime.timedelta(minutes=60)
    assert set(meeting.participants.all()) == set(team.members.all())
    assert AccessEvent.objects.filter(action="case_meeting.created", object_id=meeting.pk).exists()


def test_planning_refuses_bad_input_and_a_double_booking_and_stores_nothing(
    client, time_machine, involved, team, meeting
):
    client.force_login(involved.user)
    url = f"/veiligheidsteams/{team.pk}/casusoverleggen/nieuw"

    bad = client.post(url, {"day": "morgen", "time": "25:00", "duration": "5"})
    assert bad.status_code == 200
    assert set(bad.context["form"].errors) == {"day", "time", "duration"}
    clash = client.post(url, {"day": "2025-03-03", "time": "09:00", "duration": "90"})
    assert "al een casusoverleg" in clash.context["form"].errors["time"][0]
    assert CaseMeeting.objects.filter(team=team).count() == 1


def test_it_hides_the_team_pages_from_a_non_member_and_an_outsider(
    client, time_machine, colleague, outsider, team
):
    time_machine.move_to(MEETING_AT - datetime.timedelta(days=2), tick=False)
    for persona in (colleague, outsider):
        client.force_login(persona.user)
        assert client.get(f"/veiligheidsteams/{team.pk}/leden").status_code == 404
        assert client.get(f"/veiligheidsteams/{team.pk}/casusoverleggen/nieuw").status_code == 404
        response = client.post(
            f"/veiligheidsteams/{team.pk}/casusoverleggen/nieuw",
            {"day": "2025-03-04", "time": "13:30", "duration": "60"},
        )
        assert response.status_code == 404
        assert (
            client.post(
                f"/veiligheidsteams/{team.pk}/leden", {"professional": str(persona.pk)}
            ).status_code
            == 404
        )
    assert not CaseMeeting.objects.exists()
    assert not {colleague, outsider} & set(team.members.all())
    assert AccessEvent.objects.filter(
        actor_user_id=outsider.user_id, action="safety_team.read", outcome=Outcome.DENIED
    ).exists()


def test_a_member_adds_an_organisation_then_one_of_its_people(
    client, involved, jeugdbeschermer, team, vt_org
):
    newcomer = f.ProfessionalFactory(organisation=vt_org, role=Role.VEILIG_THUIS)
    client.force_login(involved.user)
    url = f"/veiligheidsteams/{team.pk}/leden"

    # Not yet: the organisation does not take part, so its people are not offered.
    refused = client.post(url, {"professional": str(newcomer.pk)})
    assert refused.status_code == 200 and refused.context["member_form"].errors
    assert newcomer not in team.members.all()

    # Four eyes: one member proposes the organisation, a second member confirms it.
    proposed = client.post(f"/veiligheidsteams/{team.pk}/organisaties", {"organisation": vt_org.pk})
    assert proposed.status_code == 302 and vt_org not in team.organisations.all()
    assert vt_org.name in client.get(url).content.decode()
    client.force_login(jeugdbeschermer.user)
    added = client.post(f"/veiligheidsteams/{team.pk}/organisaties", {"organisation": vt_org.pk})
    assert added.status_code == 302
    client.force_login(involved.user)
    assert client.post(url, {"professional": str(newcomer.pk)}).status_code == 302

    assert vt_org in team.organisations.all() and newcomer in team.members.all()
    assert AccessEvent.objects.filter(
        action="safety_team.organisation.added", object_id=vt_org.pk
    ).exists()
    assert AccessEvent.objects.filter(
        action="safety_team.member.added", object_id=newcomer.pk
    ).exists()
    page = client.get(url).content.decode()
    assert newcomer.display_name in page and vt_org.name in page


def test_a_member_removes_a_member_but_not_an_organisation_that_still_has_members(
    client, involved, jeugdbeschermer, team
):
    client.force_login(involved.user)
    remove = f"/veiligheidsteams/{team.pk}/verwijderen"

    client.post(remove, {"organisation": str(jeugdbeschermer.organisation_id)})
    assert jeugdbeschermer.organisation in team.organisations.all()

    client.post(remove, {"professional": str(jeugdbeschermer.pk)})
    client.post(remove, {"organisation": str(jeugdbeschermer.organisation_id)})
    assert jeugdbeschermer not in team.members.all()
    assert jeugdbeschermer.organisation not in team.organisations.all()
    assert AccessEvent.objects.filter(
        action="safety_team.member.removed", object_id=jeugdbeschermer.pk
    ).exists()


def test_the_members_page_costs_the_same_queries_for_3_and_13_members(client, involved, team):
    client.force_login(involved.user)
    url = f"/veiligheidsteams/{team.pk}/leden"

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    with_3 = count()
    for _ in range(10):
        org = f.OrganisationFactory(region=team.region)
        team.organisations.add(org)
        team.members.add(f.ProfessionalFactory(organisation=org))
        f.ProfessionalFactory(organisation=org)  # a candidate, not a member
    with_13 = count()
    assert with_13 == with_3


def test_the_teams_page_links_to_planning_and_members(client, involved, team):
    client.force_login(involved.user)
    page = client.get("/veiligheidsteams").content.decode()
    assert f"/veiligheidsteams/{team.pk}/casusoverleggen/nieuw" in page
    assert f"/veiligheidsteams/{team.pk}/leden" in page


def ids_of(html: str) -> list[str]:
    return re.findall(r'\sid="([^"]+)"', html)


def test_several_pending_packages_have_unique_ids(client, involved, household, board_member):
    from ketenkaart.safety_teams import services

    f.InvolvementFactory(household=household, professional=board_member)
    for _ in range(3):
        services.board_check_create(by=involved, household=household)
    client.force_login(board_member.user)

    html = client.get(f"/gezinnen/{household.pk}/toets").content.decode()

    ids = ids_of(html)
    assert html.count('name="outcome"') == 6
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]


def test_the_dossier_links_to_who_else_is_involved(client, involved, colleague, household):
    for persona in (involved, colleague):
        client.force_login(persona.user)
        page = client.get(f"/gezinnen/{household.pk}").content.decode()
        assert f"/gezinnen/{household.pk}/ook-betrokken" in page
        assert client.get(f"/gezinnen/{household.pk}/ook-betrokken").status_code == 200
