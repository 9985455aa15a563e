"""Veilig Thuis's decisions tell the people they concern (issue 13): the family's regisseur
learns the conditions and who it was handed to; someone involved who may not read the family
learns only that something was decided, with no name."""

from ketenkaart.notifications.models import Kind, Notification
from ketenkaart.organisations.models import OrganisationType, Role
from ketenkaart.reports import services
from ketenkaart.reports.models import Outcome
from ketenkaart.testing import factories as f


def assess(vt, report, outcome, **kwargs):
    return services.assessment_record(
        by=vt,
        report=report,
        acute_unsafety=False,
        structural_unsafety=False,
        multi_problem=True,
        outcome=outcome,
        reasoning="Onderbouwing",
        **kwargs,
    )


def decisions(professional):
    return list(Notification.objects.filter(recipient=professional, kind=Kind.DECISION))


def test_conditions_reach_the_regisseur_with_the_family_and_the_conditions(
    vt, report, household, involved
):
    assess(
        vt,
        report,
        Outcome.CONDITIONS,
        safety_conditions=["Geen geweld waar de kinderen bij zijn"],
        monitoring="Wekelijks contact met school",
    )
    [note] = decisions(involved)
    assert household.name in note.title
    assert "Geen geweld waar de kinderen bij zijn" in note.body
    assert note.link == f"/gezinnen/{household.pk}"
    assert decisions(vt) == []  # nobody is told what they did themselves


def test_someone_involved_who_may_not_read_the_family_is_told_without_its_name(
    vt, report, household, region
):
    school = f.ProfessionalFactory(
        organisation=f.OrganisationFactory(region=region, type=OrganisationType.EDUCATION),
        role=Role.REPORTER,
    )
    f.InvolvementFactory(household=household, professional=school)
    assess(vt, report, Outcome.CONDITIONS, safety_conditions=["x"], monitoring="y")
    [note] = decisions(school)
    assert household.name not in note.title
    assert "De Vries" not in note.title + note.body
    assert note.body == "" and note.link == ""


def test_a_handover_to_the_local_team_tells_the_regisseur_who_has_it_now(
    vt, report, household, involved, local_team
):
    receiver = f.ProfessionalFactory(organisation=local_team)
    assess(vt, report, Outcome.LOCAL_TEAM, handed_to=receiver)
    [note] = decisions(involved)
    assert household.name in note.title and receiver.display_name in note.title
    assert decisions(receiver) == []  # told once, by the handover message
    assert Notification.objects.filter(recipient=receiver, kind=Kind.HANDOVER).count() == 1
