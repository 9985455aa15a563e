"""/api/v1/ventielaanvragen/{id}/uitnodigingen: the convener invites a chain partner, once;
anyone else is refused and nothing changes; reads are audited and paged."""

import pytest

from ketenkaart.api.tests.conftest import Api, assert_problem, invalid_names
from ketenkaart.audit.models import AccessEvent
from ketenkaart.exemptions.models import Invitation
from ketenkaart.organisations.models import OrganisationType
from ketenkaart.testing import factories as f

pytestmark = pytest.mark.django_db


def path(exemption) -> str:
    return f"/api/v1/ventielaanvragen/{exemption.pk}/uitnodigingen"


def test_the_convener_invites_a_partner_who_then_reads_it_pseudonymised(
    exemption, convener, partner, django_assert_num_queries
):
    response = Api(convener.user).post(path(exemption), {"professional": str(partner.pk)})

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["professional"] == {
        "id": str(partner.pk),
        "naam": partner.display_name,
        "organisatie": "Woonstichting Test",
    }
    assert body["uitgenodigdDoor"] == convener.display_name
    assert response["Location"] == path(exemption)
    assert Invitation.objects.filter(request=exemption, professional=partner).exists()
    assert AccessEvent.objects.filter(action="exemption.invitation.added").count() == 1

    listing = Api(partner.user)
    with django_assert_num_queries(6):
        rows = listing.get(path(exemption))
    assert rows.status_code == 200
    assert rows.json()["aantal"] == 1
    assert rows.json()["resultaten"][0]["id"] == body["id"]
    assert AccessEvent.objects.filter(action="exemption.invitation.read").count() == 1
    detail = listing.get(f"/api/v1/ventielaanvragen/{exemption.pk}").json()
    assert detail["gezinsnaam"] is None


def test_inviting_twice_names_the_field_and_stores_nothing_new(exemption, convener, partner):
    client = Api(convener.user)
    assert client.post(path(exemption), {"professional": str(partner.pk)}).status_code == 201

    again = client.post(path(exemption), {"professional": str(partner.pk)})

    assert_problem(again, 400)
    assert invalid_names(again) == {"professional"}
    assert Invitation.objects.count() == 1


def test_only_the_convener_invites(exemption, involved, partner):
    response = Api(involved.user).post(path(exemption), {"professional": str(partner.pk)})

    assert_problem(response, 403)
    assert not Invitation.objects.exists()


def test_an_outsider_gets_404_and_a_convener_elsewhere_cannot_invite(
    exemption, outsider, other_convener, partner
):
    for who in (outsider, other_convener):
        response = Api(who.user).post(path(exemption), {"professional": str(partner.pk)})
        assert response.status_code in (403, 404)
    assert_problem(Api(outsider.user).get(path(exemption)), 404)
    assert not Invitation.objects.exists()


def test_a_party_that_is_no_chain_partner_or_unknown_is_named(exemption, convener, region):
    youth = f.ProfessionalFactory(
        organisation=f.OrganisationFactory(region=region, type=OrganisationType.YOUTH_HEALTH_CARE)
    )
    client = Api(convener.user)

    for body in ({"professional": str(youth.pk)}, {"professional": "geen-uuid"}, {}):
        response = client.post(path(exemption), body)
        assert_problem(response, 400)
        assert invalid_names(response) == {"professional"}
    unknown = client.post(path(exemption), {"professional": str(youth.pk), "rol": "x"})
    assert invalid_names(unknown) == {"rol"}
    assert not Invitation.objects.exists()
