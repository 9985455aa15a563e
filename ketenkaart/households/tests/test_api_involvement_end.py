"""POST /gezinnen/{id}/betrokkenen/{id}/beeindiging: an involvement ends; the regisseur's only
with regie handed over through the handover rules. Every refusal changes nothing."""

import pytest

from ketenkaart.api.tests.conftest import Api, assert_problem, invalid_names
from ketenkaart.audit.models import AccessEvent
from ketenkaart.households.models import Handover, Involvement
from ketenkaart.organisations.models import Role
from ketenkaart.testing import factories as f

pytestmark = pytest.mark.django_db


def path(household, involvement) -> str:
    return f"/api/v1/gezinnen/{household.pk}/betrokkenen/{involvement.pk}/beeindiging"


@pytest.fixture
def coach2(household, local_team):
    professional = f.ProfessionalFactory(organisation=local_team, role=Role.YOUTH_PROFESSIONAL)
    f.InvolvementFactory(household=household, professional=professional, is_lead=False)
    return professional


def involvement_of(household, professional) -> Involvement:
    return Involvement.objects.get(household=household, professional=professional)


def test_an_involvement_ends_and_leaves_the_list(
    household, involved, coach2, django_assert_num_queries
):
    ending = involvement_of(household, coach2)
    client = Api(involved.user)

    with django_assert_num_queries(13):
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

    assert response.status_code == 200, response.content
    lead.refresh_from_db()
    assert lead.ended_on is not None and not lead.is_lead
    assert involvement_of(household, coach2).is_lead
    handover = Handover.objects.get()
    assert (handover.from_professional_id, handover.to_professional_id) == (
        involved.pk,
        coach2.pk,
    )


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
