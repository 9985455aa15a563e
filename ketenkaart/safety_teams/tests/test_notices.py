"""Finding each other: professionals of different organisations involved with the same child
(or siblings) are told about each other — name, organisation, phone — and nothing else."""

import pytest

from ketenkaart.households.models import MemberRole
from ketenkaart.notifications.models import Kind, Notification
from ketenkaart.organisations.models import OrganisationType, Role
from ketenkaart.safety_teams import selectors, services
from ketenkaart.safety_teams.models import InvolvementNotice
from ketenkaart.testing import factories as f

ROLE_TEXT = "Schoolmaatschappelijk werk, vermoeden van verwaarlozing"


@pytest.fixture
def school(region, household):
    org = f.OrganisationFactory(region=region, type=OrganisationType.EDUCATION, phone="010-555")
    teacher = f.ProfessionalFactory(organisation=org, role=Role.REPORTER, phone="06-11112222")
    f.InvolvementFactory(household=household, professional=teacher, role_in_family=ROLE_TEXT)
    return teacher


def test_the_involvement_notice_carries_no_content(involved, colleague, school, household):
    sent = services.involvement_notices_send(household=household)
    # Three organisations; the two that read the dossier are each told about the two others.
    # The school never reads a dossier, so it is told nothing (issue 9, finding 4).
    assert sent == 4
    assert not Notification.objects.filter(recipient=school).exists()
    note = Notification.objects.get(
        recipient=involved, kind=Kind.INVOLVEMENT, body__contains=school.display_name
    )
    assert note.body == f"{school.display_name}, {school.organisation.name}, 06-11112222"
    for text in Notification.objects.filter(kind=Kind.INVOLVEMENT).values_list("body", flat=True):
        assert ROLE_TEXT not in text
        assert "Ambulant" not in text  # the factory's role_in_family
    # Told once: a second run sends nothing.
    assert services.involvement_notices_send(household=household) == 0
    assert InvolvementNotice.objects.count() == 4


def test_police_and_school_never_hear_the_family_name_or_who_else_is_involved(
    involved, colleague, school, police, household
):
    f.InvolvementFactory(household=household, professional=police)
    services.involvement_notices_send(household=household)
    for outsider in (school, police):
        assert not Notification.objects.filter(recipient=outsider).exists()
        assert not InvolvementNotice.objects.filter(recipient=outsider).exists()
    # Those who read the dossier still find the police and the school.
    assert Notification.objects.filter(recipient=involved, body__contains=police.display_name)


def test_colleagues_of_one_organisation_are_not_told_about_each_other(
    involved, household, local_team
):
    same = f.ProfessionalFactory(organisation=local_team)
    f.InvolvementFactory(household=household, professional=same)
    assert services.involvement_notices_send(household=household) == 0


def test_siblings_in_another_household_count(involved, household, municipality):
    parent = household.members.get(role=MemberRole.PARENT).person
    other = f.HouseholdFactory(municipality=municipality)
    f.MemberFactory(household=other, person=parent, role=MemberRole.PARENT)
    f.MemberFactory(household=other, role=MemberRole.CHILD)
    gp_org = f.OrganisationFactory(type=OrganisationType.GENERAL_PRACTITIONER)
    gp = f.ProfessionalFactory(organisation=gp_org, role=Role.REPORTER)
    f.InvolvementFactory(household=other, professional=gp)

    contacts = selectors.also_involved(household)
    assert {c.name for c in contacts} == {involved.display_name, gp.display_name}
    assert not next(c for c in contacts if c.name == gp.display_name).same_household
    services.involvement_notices_send(household=household)
    assert Notification.objects.filter(recipient=involved, body__contains=gp.display_name).exists()


def test_the_regisseur_sees_everyone_involved(client, involved, colleague, school, household):
    client.force_login(involved.user)
    page = client.get(f"/gezinnen/{household.pk}/ook-betrokken").content.decode()
    assert school.display_name in page and colleague.display_name in page
    assert "06-11112222" in page
    assert ROLE_TEXT not in page


def test_it_hides_the_list_from_an_outsider(client, outsider, household):
    client.force_login(outsider.user)
    assert client.get(f"/gezinnen/{household.pk}/ook-betrokken").status_code == 404
