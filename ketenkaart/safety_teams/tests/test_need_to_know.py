"""Issue 9, findings 1 and 7: matching hands regie only through a write grant; actions go
through the gate and are audited; a team grows only with its organisations' consent. Every
refusal also checks that nothing changed."""

import datetime

from ketenkaart.api.tests.conftest import Api, assert_problem
from ketenkaart.audit.models import AccessEvent, Outcome
from ketenkaart.households.models import Handover, Involvement
from ketenkaart.organisations.models import Role
from ketenkaart.safety_teams import services
from ketenkaart.safety_teams.models import Action, ActionState
from ketenkaart.safety_teams.tests.conftest import MEETING_AT
from ketenkaart.testing import factories as f

DURING = MEETING_AT + datetime.timedelta(minutes=30)


def _lead(household):
    return Involvement.objects.get(household=household, is_lead=True).professional_id


def test_a_participant_who_only_reads_cannot_hand_regie_to_an_outsider(
    time_machine, household, item, involved, jeugdbeschermer, local_team
):
    # Finding 1: the GI takes part in the meeting but is not involved with the family.
    stranger = f.ProfessionalFactory(organisation=local_team, role=Role.YOUTH_PROFESSIONAL)
    time_machine.move_to(DURING, tick=False)
    response = Api(jeugdbeschermer.user).post(
        "/api/v1/matching",
        {"agendapunt": str(item.pk), "professional": str(stranger.pk), "reden": "Past goed."},
    )
    assert_problem(response, 403)
    assert _lead(household) == involved.pk
    assert not Involvement.objects.filter(household=household, professional=stranger).exists()
    assert not Handover.objects.filter(to_professional=stranger).exists()


def test_the_web_matching_form_refuses_the_same(
    client, time_machine, household, item, involved, jeugdbeschermer, local_team
):
    stranger = f.ProfessionalFactory(organisation=local_team, role=Role.YOUTH_PROFESSIONAL)
    time_machine.move_to(DURING, tick=False)
    client.force_login(jeugdbeschermer.user)
    client.post(
        f"/agendapunten/{item.pk}/matching", {"professional": stranger.pk, "reason": "Past."}
    )
    assert _lead(household) == involved.pk
    assert not Involvement.objects.filter(household=household, professional=stranger).exists()


def test_matching_never_hands_regie_to_another_region(time_machine, household, item, involved):
    elsewhere = f.ProfessionalFactory(role=Role.YOUTH_PROFESSIONAL)  # its own region
    time_machine.move_to(DURING, tick=False)
    response = Api(involved.user).post(
        "/api/v1/matching",
        {"agendapunt": str(item.pk), "professional": str(elsewhere.pk), "reden": "Past."},
    )
    assert_problem(response, 400)
    assert _lead(household) == involved.pk


def _action(item, involved, owner):
    return services.action_create(
        by=involved,
        item=item,
        description="Huisbezoek plannen",
        owner=owner,
        due_on=datetime.date(2025, 3, 10),
    )


def test_reading_an_action_is_audited_and_an_outsider_gets_404_audited_too(
    time_machine, item, involved, outsider
):
    time_machine.move_to(DURING, tick=False)
    action = _action(item, involved, involved)
    assert Api(involved.user).get(f"/api/v1/acties/{action.pk}").status_code == 200
    assert AccessEvent.objects.filter(
        action="case_meeting.action.read", object_id=str(action.pk), outcome=Outcome.ALLOWED
    ).exists()
    assert_problem(Api(outsider.user).get(f"/api/v1/acties/{action.pk}"), 404)
    assert_problem(
        Api(outsider.user).client.patch(
            f"/api/v1/acties/{action.pk}", {"status": "afgerond"}, content_type="application/json"
        ),
        404,
    )
    assert AccessEvent.objects.filter(
        action="case_meeting.action.close",
        actor_user_id=outsider.user.pk,
        outcome=Outcome.DENIED,
    ).exists()
    assert Action.objects.get(pk=action.pk).state == ActionState.OPEN


def test_a_user_without_a_professional_record_gets_404_not_500(
    time_machine, item, involved, django_user_model
):
    time_machine.move_to(DURING, tick=False)
    action = _action(item, involved, involved)
    admin = django_user_model.objects.create_user("beheerder-test", password="x")
    assert_problem(Api(admin).get(f"/api/v1/acties/{action.pk}"), 404)
    response = Api(admin).client.patch(
        f"/api/v1/acties/{action.pk}", {"status": "afgerond"}, content_type="application/json"
    )
    assert_problem(response, 404)
    assert Action.objects.get(pk=action.pk).state == ActionState.OPEN


def test_one_member_alone_cannot_add_a_colleague_of_another_organisation(
    team, involved, jeugdbeschermer
):
    # The GI already has a member in the team: only the GI adds its own people.
    new_gi = f.ProfessionalFactory(
        organisation=jeugdbeschermer.organisation, role=Role.CHILD_PROTECTOR
    )
    before = set(team.members.values_list("pk", flat=True))
    try:
        services.team_member_add(by=involved, team=team, professional=new_gi)
    except Exception as error:
        assert getattr(error, "code", "") == "forbidden"
    else:
        raise AssertionError("the member was added")
    assert set(team.members.values_list("pk", flat=True)) == before
    services.team_member_add(by=jeugdbeschermer, team=team, professional=new_gi)
    assert team.members.filter(pk=new_gi.pk).exists()


def test_one_member_alone_cannot_bring_an_organisation_into_the_team(
    team, involved, jeugdbeschermer, region
):
    """Finding 7, the other half: one member adding the police (then a police officer as its
    first member) would let the police read the families on the agendas. A second member must
    confirm the organisation."""
    from ketenkaart.organisations.models import OrganisationType
    from ketenkaart.safety_teams.models import OrganisationProposal

    police = f.OrganisationFactory(region=region, type=OrganisationType.POLICE)
    officer = f.ProfessionalFactory(organisation=police, role=Role.POLICE)
    assert services.team_organisation_add(by=involved, team=team, organisation=police) is False
    assert not team.organisations.filter(pk=police.pk).exists()
    try:
        services.team_member_add(by=involved, team=team, professional=officer)
    except Exception as error:
        assert getattr(error, "field", "") == "professional"
    else:
        raise AssertionError("the officer joined through a proposed organisation")
    # Asking again alone changes nothing.
    try:
        services.team_organisation_add(by=involved, team=team, organisation=police)
    except Exception as error:
        assert getattr(error, "code", "") == "conflict"
    else:
        raise AssertionError("the same member confirmed their own proposal")
    assert not team.organisations.filter(pk=police.pk).exists()
    assert not team.members.filter(pk=officer.pk).exists()
    assert OrganisationProposal.objects.filter(team=team, organisation=police).count() == 1
    # A second member confirms.
    assert (
        services.team_organisation_add(by=jeugdbeschermer, team=team, organisation=police) is True
    )
    assert team.organisations.filter(pk=police.pk).exists()
    assert not OrganisationProposal.objects.filter(team=team).exists()
