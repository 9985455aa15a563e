"""A case meeting's decision tells who works with the family and was not at the table
(issue 13), through the gate: no family name to whom may not read it."""

import datetime

from ketenkaart.notifications.models import Kind, Notification
from ketenkaart.organisations.models import OrganisationType, Role
from ketenkaart.safety_teams import services
from ketenkaart.safety_teams.tests.conftest import MEETING_AT
from ketenkaart.testing import factories as f


def decide(by, item, agreed_by):
    return services.outcome_record(
        by=by,
        item=item,
        advice="Toets door de Raad aanvragen.",
        decision="Regie blijft bij het wijkteam.",
        agreed_by=agreed_by,
    )


def decisions(professional):
    return list(Notification.objects.filter(recipient=professional, kind=Kind.DECISION))


def test_a_decision_tells_who_works_with_the_family_and_was_not_at_the_table(
    time_machine, involved, jeugdbeschermer, colleague, household, item, region
):
    school = f.ProfessionalFactory(
        organisation=f.OrganisationFactory(region=region, type=OrganisationType.EDUCATION),
        role=Role.REPORTER,
    )
    f.InvolvementFactory(household=household, professional=school)
    time_machine.move_to(MEETING_AT + datetime.timedelta(minutes=30), tick=False)

    decide(jeugdbeschermer, item, agreed_by=[involved])

    [note] = decisions(colleague)  # Veilig Thuis, involved, not in the team
    assert household.name in note.title
    assert note.body == "Regie blijft bij het wijkteam."
    [anonymous] = decisions(school)
    assert household.name not in anonymous.title and anonymous.body == ""
    assert decisions(involved) == []  # was at the table
    assert decisions(jeugdbeschermer) == []


def test_advice_without_a_decision_tells_nobody(time_machine, jeugdbeschermer, colleague, item):
    time_machine.move_to(MEETING_AT + datetime.timedelta(minutes=30), tick=False)
    services.outcome_record(by=jeugdbeschermer, item=item, advice="Nog even afwachten.")
    assert decisions(colleague) == []
