"""Handover as a conversation (issue 13): the regisseur asks, reviews, the receiver is told at
once and sees it first on their home; regie moves only on acceptance, so a family is never
without its regisseur. The list offers only who the service accepts. Web and API."""

import pytest
from django.urls import reverse

from ketenkaart.api.tests.conftest import Api, assert_problem, url
from ketenkaart.core.errors import DomainError
from ketenkaart.households import handover_services as hs
from ketenkaart.households.models import (
    Handover,
    HandoverOffer,
    Involvement,
    MemberRole,
    OfferState,
)
from ketenkaart.notifications.models import Kind, Notification
from ketenkaart.organisations.models import OrganisationType, Role
from ketenkaart.testing import factories as f


@pytest.fixture
def receiver(household, local_team):
    return f.ProfessionalFactory(
        user__username="wijkcoach-ontvanger", organisation=local_team, role=Role.YOUTH_PROFESSIONAL
    )


def lead_of(household):
    return Involvement.objects.get(household=household, is_lead=True).professional


def offer_url(offer):
    return reverse("households:offer", kwargs={"offer_id": offer.pk})


def ask(by, household, to, reason="Wijkcoach gaat met verlof."):
    return hs.handover_offer(by=by, household=household, to=to, reason=reason)


# -- eligibility: the list and the service agree -------------------------------------------------


def test_the_list_offers_exactly_whom_the_service_accepts(
    household, involved, receiver, jeugdbeschermer, colleague, region
):
    policy = f.ProfessionalFactory(organisation=receiver.organisation, role=Role.POLICY)
    elsewhere = f.ProfessionalFactory(role=Role.YOUTH_PROFESSIONAL)
    school = f.ProfessionalFactory(
        organisation=f.OrganisationFactory(region=region, type=OrganisationType.EDUCATION),
        role=Role.REPORTER,
    )
    eligible = set(hs.eligible_leads(household))
    for candidate in [receiver, jeugdbeschermer, colleague, policy, elsewhere, school]:
        try:
            hs._check_eligible(household, candidate, day=None)
        except DomainError:
            accepted = False
        else:
            accepted = True
        assert accepted == (candidate in eligible), candidate
    assert receiver in eligible
    assert jeugdbeschermer not in eligible  # no measure: not the GI


def test_during_a_measure_only_the_gi_is_offered(household, involved, jeugdbeschermer, receiver):
    child = household.members.get(role=MemberRole.CHILD).person
    f.CourtMeasureFactory(household=household, child=child, recorded_by=involved)
    assert set(hs.eligible_leads(household)) == {jeugdbeschermer}


# -- the service -----------------------------------------------------------------------------------


def test_asking_moves_nothing_and_tells_the_receiver_at_once(household, involved, receiver):
    offer = ask(involved, household, receiver)
    assert offer.state == OfferState.PENDING
    assert lead_of(household) == involved
    assert not Handover.objects.filter(household=household).exists()
    note = Notification.objects.get(recipient=receiver, kind=Kind.HANDOVER)
    assert note.link == reverse("households:offer", kwargs={"offer_id": offer.pk})
    assert "Wijkcoach gaat met verlof." in note.body


def test_accepting_moves_regie_and_tells_who_asked(household, involved, receiver):
    offer = hs.handover_accept(by=receiver, offer=ask(involved, household, receiver))
    assert offer.state == OfferState.ACCEPTED
    assert lead_of(household) == receiver
    assert Involvement.objects.filter(household=household, is_lead=True).count() == 1
    assert offer.handover.to_professional == receiver
    assert Involvement.objects.get(household=household, professional=involved).ended_on is None
    told = Notification.objects.filter(recipient=involved, kind=Kind.HANDOVER).get()
    assert "aanvaard" in told.title


def test_declining_keeps_regie_where_it_was_and_says_why(household, involved, receiver):
    offer = hs.handover_decline(
        by=receiver,
        offer=ask(involved, household, receiver),
        answer="Geen ruimte in mijn caseload.",
    )
    assert offer.state == OfferState.DECLINED
    assert lead_of(household) == involved
    told = Notification.objects.get(recipient=involved, kind=Kind.HANDOVER)
    assert "Geen ruimte" in told.body


def test_only_whom_it_asks_may_accept_and_nothing_changes(household, involved, receiver, colleague):
    offer = ask(involved, household, receiver)
    for intruder in (involved, colleague):
        with pytest.raises(DomainError) as refused:
            hs.handover_accept(by=intruder, offer=offer)
        assert refused.value.code == "forbidden"
    offer.refresh_from_db()
    assert offer.state == OfferState.PENDING
    assert lead_of(household) == involved


def test_a_former_regisseur_can_no_longer_hand_over(household, involved, receiver, local_team):
    hs.handover_accept(by=receiver, offer=ask(involved, household, receiver))
    third = f.ProfessionalFactory(organisation=local_team, role=Role.YOUTH_PROFESSIONAL)
    assert not hs.may_offer(involved, household)
    with pytest.raises(DomainError):
        ask(involved, household, third)
    assert not HandoverOffer.objects.filter(to_professional=third).exists()


def test_one_open_question_per_family(household, involved, receiver, local_team):
    ask(involved, household, receiver)
    other = f.ProfessionalFactory(organisation=local_team, role=Role.YOUTH_PROFESSIONAL)
    with pytest.raises(DomainError) as refused:
        ask(involved, household, other)
    assert refused.value.code == "conflict"
    assert HandoverOffer.objects.filter(household=household).count() == 1


def test_acceptance_asks_the_law_again(household, involved, receiver):
    offer = ask(involved, household, receiver)
    child = household.members.get(role=MemberRole.CHILD).person
    f.CourtMeasureFactory(household=household, child=child, recorded_by=involved)
    with pytest.raises(DomainError):
        hs.handover_accept(by=receiver, offer=offer)
    assert lead_of(household) == involved
    offer.refresh_from_db()
    assert offer.state == OfferState.PENDING


def test_withdrawing_tells_the_receiver_and_answers_are_then_refused(household, involved, receiver):
    offer = hs.handover_withdraw(by=involved, offer=ask(involved, household, receiver))
    assert offer.state == OfferState.WITHDRAWN
    with pytest.raises(DomainError):
        hs.handover_accept(by=receiver, offer=offer)
    assert lead_of(household) == involved


# -- the web ------------------------------------------------------------------------------------


def test_the_web_asks_after_a_review_and_the_receiver_sees_it_first_on_their_home(
    client, household, involved, receiver
):
    client.force_login(involved.user)
    form = {"professional": receiver.pk, "reason": "Verhuist naar de wijk van een collega."}
    hand_over = reverse("households:hand_over", kwargs={"household_id": household.pk})
    review = client.post(hand_over, form).content.decode()
    assert "Controleer de overdracht" in review
    assert receiver.display_name in review and household.name in review
    assert not HandoverOffer.objects.exists()
    changed = client.post(hand_over, {**form, "stap": "wijzigen"}).content.decode()
    assert "Verder naar controleren" in changed and "Verhuist naar de wijk" in changed
    client.post(hand_over, {**form, "stap": "bevestigen"})
    offer = HandoverOffer.objects.get()
    assert lead_of(household) == involved

    client.force_login(receiver.user)
    home = client.get(reverse("start")).content.decode()
    assert "Gevraagd: de regie overnemen" in home
    assert home.index("Gevraagd: de regie overnemen") < home.index("Uw acties")
    assert offer_url(offer) in home
    page = client.get(offer_url(offer)).content.decode()
    assert "Verhuist naar de wijk van een collega." in page
    assert client.post(offer_url(offer), {"besluit": "aanvaarden"}).status_code == 302
    assert lead_of(household) == receiver


def test_the_hand_over_form_lists_only_eligible_people(
    client, household, involved, receiver, jeugdbeschermer
):
    client.force_login(involved.user)
    html = client.get(reverse("households:hand_over", kwargs={"household_id": household.pk}))
    options = html.content.decode()
    assert f'value="{receiver.pk}"' in options
    assert f'value="{jeugdbeschermer.pk}"' not in options
    assert f'value="{involved.pk}"' not in options  # the regisseur themselves


def test_declining_on_the_web_needs_a_reason_and_keeps_regie(client, household, involved, receiver):
    offer = ask(involved, household, receiver)
    client.force_login(receiver.user)
    response = client.post(offer_url(offer), {"besluit": "afwijzen", "answer": ""})
    assert response.status_code == 200
    assert "Geef aan waarom u de regie niet overneemt." in response.content.decode()
    offer.refresh_from_db()
    assert offer.state == OfferState.PENDING
    assert lead_of(household) == involved


def test_an_outsider_gets_404_on_the_question_and_nothing_changes(
    client, household, involved, receiver, outsider
):
    offer = ask(involved, household, receiver)
    client.force_login(outsider.user)
    assert client.get(offer_url(offer)).status_code == 404
    assert client.post(offer_url(offer), {"besluit": "aanvaarden"}).status_code == 404
    assert lead_of(household) == involved


def test_the_former_regisseur_no_longer_reaches_the_hand_over_page(
    client, household, involved, receiver
):
    hs.handover_accept(by=receiver, offer=ask(involved, household, receiver))
    client.force_login(involved.user)
    hand_over = reverse("households:hand_over", kwargs={"household_id": household.pk})
    assert client.get(hand_over).status_code == 403
    dossier = client.get(reverse("households:detail", kwargs={"household_id": household.pk}))
    assert hand_over not in dossier.content.decode()


# -- the API ------------------------------------------------------------------------------------


def test_the_api_asks_and_the_receiver_accepts(household, involved, receiver):
    response = Api(involved.user).post(
        url(household, "/regie/verzoeken"), {"regisseur": str(receiver.pk), "reden": "Verlof."}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["stand"] == "wacht"
    assert lead_of(household) == involved
    offer_id = body["id"]
    assert (
        Api(receiver.user).get(f"/api/v1/regie-verzoeken/{offer_id}").json()["reden"] == "Verlof."
    )
    accepted = Api(receiver.user).post(f"/api/v1/regie-verzoeken/{offer_id}/aanvaarding", {})
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["stand"] == "aanvaard"
    assert lead_of(household) == receiver


def test_the_api_refuses_an_ineligible_receiver_on_its_field(household, involved, jeugdbeschermer):
    response = Api(involved.user).post(
        url(household, "/regie/verzoeken"), {"regisseur": str(jeugdbeschermer.pk), "reden": "OTS"}
    )
    problem = assert_problem(response, 400)
    assert [p["name"] for p in problem["invalidParams"]] == ["regisseur"]
    assert not HandoverOffer.objects.exists()


def test_the_api_lets_only_the_receiver_answer(household, involved, receiver, outsider):
    offer = ask(involved, household, receiver)
    assert (
        Api(outsider.user).post(f"/api/v1/regie-verzoeken/{offer.pk}/aanvaarding", {}).status_code
        == 404
    )
    assert_problem(
        Api(involved.user).post(f"/api/v1/regie-verzoeken/{offer.pk}/aanvaarding", {}), 403
    )
    declined = Api(receiver.user).post(
        f"/api/v1/regie-verzoeken/{offer.pk}/afwijzing", {"toelichting": ""}
    )
    problem = assert_problem(declined, 400)
    assert [p["name"] for p in problem["invalidParams"]] == ["toelichting"]
    offer.refresh_from_db()
    assert offer.state == OfferState.PENDING
    assert lead_of(household) == involved


# -- the regisseur stops: the same conversation ---------------------------------------------------


def test_the_regisseur_who_stops_stays_until_the_successor_accepts_on_the_web(
    client, household, involved, receiver
):
    client.force_login(involved.user)
    hand_over = reverse("households:hand_over", kwargs={"household_id": household.pk})
    form = {"professional": receiver.pk, "reason": "Ik ga met pensioen.", "leave": "on"}
    review = client.post(hand_over, form).content.decode()
    assert "U stopt bij dit gezin zodra het verzoek is aanvaard" in review
    client.post(hand_over, {**form, "stap": "bevestigen"})
    offer = HandoverOffer.objects.get()
    assert offer.leaves_on_acceptance
    mine = Involvement.objects.get(household=household, professional=involved)
    assert mine.is_lead and mine.ended_on is None
    note = Notification.objects.get(recipient=receiver)
    assert "stopt bij het gezin zodra u aanvaardt" in note.body

    client.force_login(receiver.user)
    assert client.post(offer_url(offer), {"besluit": "aanvaarden"}).status_code == 302
    mine.refresh_from_db()
    assert mine.ended_on is not None and not mine.is_lead
    assert lead_of(household) == receiver


def test_a_declined_or_withdrawn_stop_leaves_the_dossier_unchanged(household, involved, receiver):
    mine = Involvement.objects.get(household=household, professional=involved)
    first = hs.handover_offer(
        by=involved, household=household, to=receiver, reason="Stop.", leaving=True
    )
    hs.handover_decline(by=receiver, offer=first, answer="Geen ruimte.")
    second = hs.handover_offer(
        by=involved, household=household, to=receiver, reason="Stop.", leaving=True
    )
    hs.handover_withdraw(by=involved, offer=second)
    mine.refresh_from_db()
    assert mine.is_lead and mine.ended_on is None
    assert not Involvement.objects.filter(household=household, professional=receiver).exists()
    assert not Handover.objects.exists()


def test_only_the_regisseur_may_ask_to_stop(household, involved, receiver, colleague):
    with pytest.raises(DomainError) as refused:
        hs.handover_offer(
            by=colleague, household=household, to=receiver, reason="Stop.", leaving=True
        )
    assert refused.value.code == "forbidden"
    assert not HandoverOffer.objects.exists()
    assert lead_of(household) == involved


def test_the_leave_box_is_offered_only_to_the_regisseur(client, household, involved):
    hand_over = reverse("households:hand_over", kwargs={"household_id": household.pk})
    client.force_login(involved.user)
    assert 'name="leave"' in client.get(hand_over).content.decode()
