"""Who sees what: involved professionals see names; the table, invited partners and policy
never see a name, a birth date or a BSN — on the pages and in the API."""

import re

import pytest
from django.urls import reverse

from ketenkaart.access import gate
from ketenkaart.exemptions import services
from ketenkaart.exemptions.models import Outcome, PolicySignal
from ketenkaart.exemptions.tests.conftest import item
from ketenkaart.households.models import Person

pytestmark = pytest.mark.django_db


def secrets_of(household) -> list[str]:
    persons = Person.objects.filter(memberships__household=household)
    values = [household.name]
    for person in persons:
        values += [person.surname, person.given_names, person.bsn]
        if person.birth_date:
            values += [person.birth_date.strftime("%d-%m-%Y"), person.birth_date.isoformat()]
    return [value for value in values if value]


def mentions(content: str, secret: str) -> bool:
    """The secret as a whole word: a child called Noor is not named by a Mr van Noort."""
    return re.search(rf"(?<!\w){re.escape(secret)}(?!\w)", content) is not None


@pytest.fixture
def full_case(exemption, involved, convener, partner, child, household):
    member = household.members.get(person=child)
    services.cost_benefit_save(
        by=involved,
        request=exemption,
        horizon_months=12,
        discount_rate=0,
        sensitivity=20,
        items=[item(), item("breaking_through", "300", "once")],
        impacts=[{"member": member, "label": "", "muddling_on": -1, "breaking_through": 2}],
    )
    services.invitation_add(by=convener, request=exemption, professional=partner)
    return exemption


def test_the_gate_names_the_grant_for_each_persona(
    full_case, household, involved, convener, partner, other_convener, outsider, policy
):
    invited = {partner.pk}
    grant = gate.exemption_request_grant
    assert grant(involved.user, household, invited_professional_ids=invited) == "involvement"
    assert grant(convener.user, household, invited_professional_ids=invited) == "exemption_table"
    assert grant(partner.user, household, invited_professional_ids=invited) == "invited_party"
    assert grant(partner.user, household) is None
    assert grant(other_convener.user, household) is None
    assert grant(outsider.user, household) is None
    assert grant(policy.user, household) is None
    assert gate.policy_grant(policy.user, household.municipality_id) == "policy"
    assert gate.policy_grant(other_convener.user, household.municipality_id) is None
    assert gate.policy_grant(involved.user, household.municipality_id) is None


def test_the_asker_sees_the_family_by_name(client, full_case, involved, household, child):
    client.force_login(involved.user)
    page = client.get(reverse("exemptions:detail", kwargs={"request_id": full_case.pk}))
    content = page.content.decode()
    assert household.name in content and child.given_names in content


@pytest.mark.parametrize("persona", ["convener", "partner"])
def test_the_table_and_partners_never_see_a_name_or_bsn(
    client, full_case, household, persona, request
):
    professional = request.getfixturevalue(persona)
    client.force_login(professional.user)
    pages = [
        reverse("exemptions:index"),
        reverse("exemptions:detail", kwargs={"request_id": full_case.pk}),
        f"/api/v1/ventielaanvragen/{full_case.pk}",
        f"/api/v1/ventielaanvragen/{full_case.pk}/kosten-baten",
        "/api/v1/ventielaanvragen",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        content = response.content.decode()
        if "kosten-baten" not in path:
            assert full_case.pseudonym in content, path
        for secret in secrets_of(household):
            assert not mentions(content, secret), (path, secret)


def test_policy_sees_the_signal_without_names(client, make_request, household, convener, policy):
    for _ in range(3):
        exemption = make_request(household)
        services.decision_record(
            by=convener, request=exemption, outcome=Outcome.GRANTED, reasoning="Ja"
        )
    signal = PolicySignal.objects.get()
    client.force_login(policy.user)
    for path in (
        reverse("exemptions:signals"),
        reverse("exemptions:signal", kwargs={"signal_id": signal.pk}),
        "/api/v1/beleidssignalen",
        f"/api/v1/beleidssignalen/{signal.pk}",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        content = response.content.decode()
        for secret in secrets_of(household):
            assert not mentions(content, secret), (path, secret)
    # Policy does not open the request itself.
    page = client.get(reverse("exemptions:detail", kwargs={"request_id": exemption.pk}))
    assert page.status_code == 404


@pytest.mark.parametrize("persona", ["outsider", "other_convener", "policy"])
def test_others_get_a_404_and_the_attempt_is_audited(client, full_case, persona, request):
    professional = request.getfixturevalue(persona)
    client.force_login(professional.user)
    assert (
        client.get(reverse("exemptions:detail", kwargs={"request_id": full_case.pk})).status_code
        == 404
    )
    assert client.get(f"/api/v1/ventielaanvragen/{full_case.pk}").status_code == 404
    from ketenkaart.audit.models import AccessEvent

    assert AccessEvent.objects.filter(
        actor_user_id=professional.user.pk, action="exemption.request.read", outcome="denied"
    ).exists()


def test_the_table_cannot_edit_the_analysis_and_partners_cannot_decide(
    client, full_case, convener, partner
):
    client.force_login(convener.user)
    calc = reverse("exemptions:calculator", kwargs={"request_id": full_case.pk})
    assert client.get(calc).status_code == 403
    client.force_login(partner.user)
    decide = reverse("exemptions:decide", kwargs={"request_id": full_case.pk})
    assert client.get(decide).status_code == 403
    response = client.post(
        f"/api/v1/ventielaanvragen/{full_case.pk}/besluit",
        {"besluit": "toegekend", "onderbouwing": "Ja"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_the_start_page_lists_the_open_requests_one_was_invited_to(
    client, full_case, partner, policy, convener
):
    """The invitations' prepared statement (selectors.open_invitations): the invited party
    sees the open request, nobody else does through it, and a decided one leaves the list."""
    from ketenkaart.exemptions import selectors

    assert selectors.open_invitations(partner) == [full_case]
    assert selectors.open_invitations(policy) == []
    services.decision_record(
        by=convener, request=full_case, outcome=Outcome.GRANTED, reasoning="Ja"
    )
    assert selectors.open_invitations(partner) == []
    client.force_login(partner.user)
    assert full_case.pseudonym not in client.get(reverse("exemptions:index")).content.decode()
