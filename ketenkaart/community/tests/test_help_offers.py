"""Issue 14: help offered in a case discussion, accepted or declined by the regisseur and the
family. Personas: the regisseur (involved), a partner in the meeting (GI), a colleague of
another organisation involved with the family (VT), an outsider (404). Refusals change
nothing; the pages cost the same queries however many offers."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ketenkaart.api.tests.conftest import Api
from ketenkaart.audit.models import AccessEvent
from ketenkaart.community import offers
from ketenkaart.community.models import HelpOffer, OfferAnswer, OfferKind
from ketenkaart.notifications.models import Notification
from ketenkaart.safety_teams.tests.conftest import (  # noqa: F401 (fixtures)
    MEETING_AT,
    board_member,
    item,
    meeting,
    team,
)

OFFER = "Een pedagogisch medewerker gaat met moeder mee naar het consultatiebureau."


@pytest.fixture(autouse=True)
def during_the_meeting(meeting, time_machine):  # noqa: F811
    time_machine.move_to(MEETING_AT + datetime.timedelta(minutes=30), tick=False)


@pytest.fixture
def offer(item, jeugdbeschermer):  # noqa: F811
    return offers.help_offer_make(
        by=jeugdbeschermer, item=item, kind=OfferKind.CHILDCARE, description=OFFER
    )


def _snapshot(offer):
    return HelpOffer.objects.filter(pk=offer.pk).values().get()


def _item_url(item):  # noqa: F811
    return reverse("community:item_offers", kwargs={"item_id": item.pk})


def _household_url(household):
    return reverse("community:household_offers", kwargs={"household_id": household.pk})


def _answer_url(offer):
    return reverse(
        "community:offer_answer",
        kwargs={"household_id": offer.household_id, "offer_id": offer.pk},
    )


def test_a_partner_offers_help_in_the_meeting_and_the_regisseur_is_told(
    client,
    item,  # noqa: F811
    jeugdbeschermer,
    involved,
):
    client.force_login(jeugdbeschermer.user)
    assert client.get(_item_url(item)).status_code == 200
    response = client.post(_item_url(item), {"kind": "childcare", "description": OFFER})
    assert response.status_code == 302
    offer = HelpOffer.objects.get()
    assert (offer.household_id, offer.offered_by_id) == (item.household_id, jeugdbeschermer.pk)
    assert offer.outcome == OfferAnswer.PENDING
    assert Notification.objects.filter(recipient=involved).count() == 1
    assert AccessEvent.objects.filter(
        action="help_offer.created", household_id=item.household_id
    ).exists()


def test_an_empty_offer_shows_the_error_and_stores_nothing(client, item, jeugdbeschermer):  # noqa: F811
    client.force_login(jeugdbeschermer.user)
    response = client.post(_item_url(item), {"kind": "childcare", "description": ""})
    assert response.status_code == 200
    assert "description" in response.context["form"].errors
    assert not HelpOffer.objects.exists()


def test_the_regisseur_records_both_answers(client, offer, involved, household):
    client.force_login(involved.user)
    page = client.get(_household_url(household)).content.decode()
    assert OFFER in page and _answer_url(offer) in page
    prefix = f"a-{offer.pk}"
    response = client.post(
        _answer_url(offer),
        {
            f"{prefix}-regisseur_answer": "accepted",
            f"{prefix}-family_answer": "accepted",
            f"{prefix}-family_words": "Fijn, dan hoef ik niet alleen.",
        },
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.outcome == OfferAnswer.ACCEPTED
    assert offer.family_words == "Fijn, dan hoef ik niet alleen."
    assert AccessEvent.objects.filter(action="help_offer.answered").count() == 1


def test_one_no_is_enough_to_decline(offer, involved):
    offer = offers.help_offer_answer(
        by=involved,
        offer=offer,
        regisseur_answer=OfferAnswer.ACCEPTED,
        family_answer=OfferAnswer.DECLINED,
    )
    assert offer.outcome == OfferAnswer.DECLINED


def test_only_the_regisseur_answers_and_nothing_changes(
    client, offer, household, colleague, jeugdbeschermer, outsider
):
    before = _snapshot(offer)
    prefix = f"a-{offer.pk}"
    data = {f"{prefix}-regisseur_answer": "accepted", f"{prefix}-family_answer": "accepted"}
    client.force_login(colleague.user)  # involved, another organisation, not the regisseur
    assert client.get(_household_url(household)).status_code == 200
    assert _answer_url(offer) not in client.get(_household_url(household)).content.decode()
    assert client.post(_answer_url(offer), data).status_code == 403
    client.force_login(jeugdbeschermer.user)  # reads the family for the meeting only
    assert client.post(_answer_url(offer), data).status_code == 403
    client.force_login(outsider.user)
    assert client.get(_household_url(household)).status_code == 404
    assert client.post(_answer_url(offer), data).status_code == 404
    assert _snapshot(offer) == before


def test_an_outsider_and_a_non_participant_cannot_offer(client, item, outsider, colleague):  # noqa: F811
    for who in (outsider, colleague):
        client.force_login(who.user)
        assert client.get(_item_url(item)).status_code == 404
        assert (
            client.post(_item_url(item), {"kind": "sport", "description": "x"}).status_code == 404
        )
    assert not HelpOffer.objects.exists()


def test_the_api_offers_and_answers(item, jeugdbeschermer, involved, household, outsider):  # noqa: F811
    url = reverse("api:item-offers", kwargs={"agendapunt": item.pk})
    response = Api(jeugdbeschermer.user).post(url, {"soort": "verkeerd"})
    assert response.status_code == 400
    assert "soort" in str(response.json()) and "omschrijving" in str(response.json())
    response = Api(jeugdbeschermer.user).post(url, {"soort": "sport", "omschrijving": OFFER})
    assert response.status_code == 201, response.content
    offer_id = response.json()["id"]
    assert response.json()["uitkomst"] == "nog_niet"
    assert Api(outsider.user).get(url).status_code == 404
    listed = Api(involved.user).get(reverse("api:household-offers", kwargs={"gezin": household.pk}))
    assert [o["id"] for o in listed.json()["resultaten"]] == [offer_id]
    answer = reverse("api:offer-answer", kwargs={"gezin": household.pk, "aanbod": offer_id})
    body = {"antwoordRegisseur": "aangenomen", "antwoordGezin": "afgeslagen"}
    assert Api(jeugdbeschermer.user).post(answer, body).status_code == 403
    assert HelpOffer.objects.get().outcome == OfferAnswer.PENDING
    response = Api(involved.user).post(answer, body)
    assert response.status_code == 200, response.content
    assert response.json()["uitkomst"] == "afgeslagen"
    assert Api(involved.user).post(answer, body).status_code == 409


def test_the_family_page_costs_the_same_queries_for_1_and_15_offers(
    client,
    item,  # noqa: F811
    jeugdbeschermer,
    involved,
    household,
):
    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(_household_url(household)).status_code == 200
        return len(context.captured_queries)

    client.force_login(involved.user)
    offers.help_offer_make(by=jeugdbeschermer, item=item, kind="sport", description="Voetbal")
    one = queries()
    for n in range(14):
        offers.help_offer_make(by=jeugdbeschermer, item=item, kind="other", description=f"x{n}")
    assert queries() == one
