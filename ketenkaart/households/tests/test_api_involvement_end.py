"""POST /gezinnen/{id}/betrokkenen/{id}/beeindiging: an involvement ends; the regisseur's only
with regie handed over through the handover rules. Every refusal changes nothing."""

import pytest

from ketenkaart.api.tests.conftest import Api, assert_problem, invalid_names
from ketenkaart.audit.models import AccessEvent
from ketenkaart.households.models import Handover, HandoverOffer, Involvement
from ketenkaart.organisations.models import Role
from ketenkaart.testing import factories as f

pytestmark = pytest.mark.django_db


def path(household, involvement) -> str:
    return f"/api/v1/gezinnen/{household.pk}/betrokkenen/{involvement.pk}/beeindiging"


def involvement_of(household, professional) -> Involvement:
    return Involvement.objects.get(household=household, professional=professional)


def test_an_involvement_ends_and_leaves_the_list(
    household, involved, coach2, django_assert_num_queries
):
    ending = involvement_of(household, coach2)
    client = Api(involved.user)

    # 13 until the gate found the grant in the household's own statement (access/gate.py),
    # 12 until the user came with its professional and organisation (core/users.py), 10 until
    # they came in the session's statement (core/sessions.py).
    with django_assert_num_queries(9):
        response = client.post(path(household, ending), {})

    assert response.status_code == 200, response.content
    assert response.json()["id"] == str(ending.pk)
    ending.refresh_from_db()
    assert ending.ended_on is not None
    rows = Api(involved.user).get(f"/api/v1/gezinnen/{household.pk}/betrokkenen").json()
    assert str(coach2.pk) not in {row["professionalId"] for row in rows["resultaten"]}
    assert AccessEvent.objects.filter(action="household.involvement.ended").count() == 1


def test_the_regisseur_ends_only_with_regie_handed_over(household, involved, coach2):
    lead = involvement_of(household, involved)
    client = Api(involved.user)

    refused = client.post(path(household, lead), {})
    problem = assert_problem(refused, 409)
    assert [p["name"] for p in problem["invalidParams"]] == ["regieNaar"]
    no_reason = client.post(path(household, lead), {"regieNaar": str(coach2.pk)})
    assert invalid_names(no_reason) == {"reden"}
    lead.refresh_from_db()
    assert lead.is_lead and lead.ended_on is None
    assert not Handover.objects.exists()

    response = client.post(
        path(household, lead), {"regieNaar": str(coach2.pk), "reden": "Verhuist naar elders."}
    )

    # A question to the successor; the regisseur stays until it is accepted.
    assert response.status_code == 202, response.content
    offer = response.json()
    assert offer["stand"] == "wacht" and offer["gevraagd"] == str(coach2.pk)
    assert response.headers["Location"] == f"/api/v1/regie-verzoeken/{offer['id']}"
    lead.refresh_from_db()
    assert lead.is_lead and lead.ended_on is None
    assert not Handover.objects.exists()

    accepted = Api(coach2.user).post(f"/api/v1/regie-verzoeken/{offer['id']}/aanvaarding", {})
    assert accepted.status_code == 200, accepted.content
    lead.refresh_from_db()
    assert lead.ended_on is not None and not lead.is_lead
    assert involvement_of(household, coach2).is_lead
    handover = Handover.objects.get()
    assert (handover.from_professional_id, handover.to_professional_id) == (
        involved.pk,
        coach2.pk,
    )
    assert AccessEvent.objects.filter(
        action="household.involvement.ended", object_id=str(lead.pk)
    ).exists()


def test_a_declined_question_leaves_the_regisseur_in_place(household, involved, coach2):
    lead = involvement_of(household, involved)
    asked = Api(involved.user).post(
        path(household, lead), {"regieNaar": str(coach2.pk), "reden": "Verhuist."}
    )
    assert asked.status_code == 202, asked.content
    declined = Api(coach2.user).post(
        f"/api/v1/regie-verzoeken/{asked.json()['id']}/afwijzing", {"toelichting": "Vol."}
    )
    assert declined.status_code == 200, declined.content
    lead.refresh_from_db()
    assert lead.is_lead and lead.ended_on is None
    assert involvement_of(household, coach2).ended_on is None
    assert not involvement_of(household, coach2).is_lead
    assert not Handover.objects.exists()
    # Asking again is possible once the first question is answered.
    again = Api(involved.user).post(
        path(household, lead), {"regieNaar": str(coach2.pk), "reden": "Verhuist."}
    )
    assert again.status_code == 202


def test_only_the_regisseur_ends_their_own_involvement_with_a_handover(household, involved, coach2):
    lead = involvement_of(household, involved)
    refused = Api(coach2.user).post(
        path(household, lead), {"regieNaar": str(coach2.pk), "reden": "Ik neem het over."}
    )
    assert_problem(refused, 403)
    lead.refresh_from_db()
    assert lead.is_lead and lead.ended_on is None
    assert not HandoverOffer.objects.exists() and not Handover.objects.exists()


def test_a_second_question_while_one_is_open_is_409_and_changes_nothing(
    household, involved, coach2, local_team
):
    lead = involvement_of(household, involved)
    client = Api(involved.user)
    assert (
        client.post(path(household, lead), {"regieNaar": str(coach2.pk), "reden": "a"}).status_code
        == 202
    )
    third = f.ProfessionalFactory(organisation=local_team, role=Role.YOUTH_PROFESSIONAL)
    assert_problem(
        client.post(path(household, lead), {"regieNaar": str(third.pk), "reden": "b"}), 409
    )
    assert HandoverOffer.objects.get().to_professional == coach2
    lead.refresh_from_db()
    assert lead.is_lead and lead.ended_on is None


def test_regie_goes_only_where_the_handover_rules_allow(household, involved, jeugdbeschermer):
    lead = involvement_of(household, involved)

    # No court measure: regie cannot go to the certified institution.
    response = Api(involved.user).post(
        path(household, lead), {"regieNaar": str(jeugdbeschermer.pk), "reden": "Ernstig."}
    )

    assert_problem(response, 400)
    assert invalid_names(response) == {"regieNaar"}
    lead.refresh_from_db()
    assert lead.is_lead and lead.ended_on is None
    assert not Handover.objects.exists()


def test_an_outsider_gets_404_and_an_ended_one_is_409(household, involved, coach2, outsider):
    ending = involvement_of(household, coach2)
    assert_problem(Api(outsider.user).post(path(household, ending), {}), 404)
    ending.refresh_from_db()
    assert ending.ended_on is None

    client = Api(involved.user)
    assert client.post(path(household, ending), {}).status_code == 200
    assert_problem(client.post(path(household, ending), {}), 409)
    assert_problem(client.post(path(household, involved), {"onbekend": 1}), 404)
