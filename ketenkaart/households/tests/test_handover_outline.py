"""Before accepting, the receiver of a handover sees what they need to decide (place, the
children's number and ages, the reason, who asks) and nothing that names the family: not on the
request page, their home, the inbox, the API's berichten or the notification itself."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ketenkaart.api.tests.conftest import Api
from ketenkaart.households import handover_services as hs
from ketenkaart.households.models import MemberRole
from ketenkaart.notifications.models import Notification
from ketenkaart.organisations.models import Role
from ketenkaart.testing import factories as f

TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def receiver(local_team):
    return f.ProfessionalFactory(
        user__username="wijkcoach-ontvanger", organisation=local_team, role=Role.YOUTH_PROFESSIONAL
    )


@pytest.fixture
def named(household):
    """Every string that would name the family: its name, each member's names and BSN."""
    parent = household.members.get(role=MemberRole.PARENT).person
    parent.bsn = "111222333"
    parent.given_names = "Marloes"
    parent.save()
    words = {household.name, parent.bsn, parent.masked_bsn}
    for member in household.members.select_related("person"):
        words |= {member.person.surname, member.person.given_names, member.person.full_name}
    return words


def leaks(text, named):
    return sorted(word for word in named if word and word.lower() in text.lower())


def test_the_receiver_decides_on_an_outline_without_a_name(
    client, household, involved, receiver, named, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC))
    offer = hs.handover_offer(
        by=involved, household=household, to=receiver, reason="Verlof vanaf juli."
    )
    note = Notification.objects.get(recipient=receiver)
    assert leaks(note.title + note.body, named) == []
    assert household.municipality.name in note.title
    assert "1 kind (10 jaar)" in note.title  # Noor, born 1 March 2016
    assert involved.display_name in note.body and "Verlof vanaf juli." in note.body

    client.force_login(receiver.user)
    offer_page = reverse("households:offer", kwargs={"offer_id": offer.pk})
    for path in (reverse("start"), offer_page, reverse("safety_teams:inbox")):
        html = client.get(path).content.decode()
        assert leaks(html, named) == [], path
    page = client.get(offer_page).content.decode()
    assert "1 kind (10 jaar)" in page and "Verlof vanaf juli." in page
    assert involved.display_name in page and involved.organisation.name in page
    home = client.get(reverse("start")).content.decode()
    assert "1 kind (10 jaar)" in home and household.municipality.name in home
    berichten = Api(receiver.user).get("/api/v1/berichten")
    assert berichten.status_code == 200
    assert leaks(berichten.content.decode(), named) == []

    # Accepting opens the dossier as usual, with the family's name.
    response = client.post(offer_page, {"besluit": "aanvaarden"})
    assert response.status_code == 302
    assert household.name in client.get(response.url).content.decode()


def test_whom_asked_still_sees_the_name_on_the_request(client, household, involved, receiver):
    offer = hs.handover_offer(by=involved, household=household, to=receiver, reason="Verlof.")
    client.force_login(involved.user)
    page = client.get(reverse("households:offer", kwargs={"offer_id": offer.pk}))
    assert household.name in page.content.decode()


def test_the_outline_counts_children_and_names_the_district(household, municipality):
    district = f.DistrictFactory(municipality=municipality, name="Noordwijk-Oost")
    household.district = district
    household.save()
    f.MemberFactory(household=household, role=MemberRole.CHILD, person__birth_date=None)
    f.MemberFactory(
        household=household,
        role=MemberRole.CHILD,
        person__birth_date=datetime.date(2024, 6, 2),
    )
    outline = hs.family_outlines([household], day=TODAY)[household.pk]
    assert outline == (
        f"een gezin in {municipality.name}, wijk Noordwijk-Oost, "
        "3 kinderen (1 jaar, 10 jaar, leeftijd onbekend)"
    )


def test_the_home_outlines_any_number_of_requests_in_the_same_queries(
    client, receiver, local_team, municipality, django_assert_num_queries
):
    def one_more():
        household = f.HouseholdFactory(municipality=municipality)
        f.MemberFactory(household=household, role=MemberRole.CHILD)
        lead = f.ProfessionalFactory(organisation=local_team, role=Role.YOUTH_PROFESSIONAL)
        f.InvolvementFactory(household=household, professional=lead, is_lead=True)
        hs.handover_offer(by=lead, household=household, to=receiver, reason="Verlof.")

    one_more()
    client.force_login(receiver.user)
    client.get(reverse("start"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("start"))
    one_more()
    one_more()
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(reverse("start")).content.decode().count("Regie over een gezin") == 3
