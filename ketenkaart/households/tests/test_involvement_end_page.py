"""The web path to end someone's involvement (the API's `…/beeindiging`): asked once more, then
ended today through the same service; the regisseur's own is refused there (a handover), and a
refusal changes nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from ketenkaart.audit.models import AccessEvent
from ketenkaart.households.models import Involvement
from ketenkaart.organisations.models import Role
from ketenkaart.testing import factories as f

pytestmark = pytest.mark.django_db


def _url(household, involvement) -> str:
    return reverse(
        "households:involvement_end",
        kwargs={"household_id": household.pk, "involvement_id": involvement.pk},
    )


def _state(household):
    return sorted(
        Involvement.objects.filter(household=household).values_list(
            "professional_id", "is_lead", "ended_on"
        )
    )


def _client(professional) -> Client:
    client = Client()
    client.force_login(professional.user)
    return client


def test_the_dossier_links_to_ending_others_and_the_page_ends_it(household, involved, coach2):
    client = _client(involved)
    ending = Involvement.objects.get(household=household, professional=coach2)
    lead = Involvement.objects.get(household=household, professional=involved)
    dossier = client.get(reverse("households:detail", kwargs={"household_id": household.pk}))
    html = dossier.content.decode()
    assert _url(household, ending) in html and _url(household, lead) not in html

    page = client.get(_url(household, ending))
    assert page.status_code == 200
    assert coach2.display_name in page.content.decode()
    assert Involvement.objects.get(pk=ending.pk).ended_on is None  # a GET ends nothing

    done = client.post(_url(household, ending))
    assert done.status_code == 302
    assert Involvement.objects.get(pk=ending.pk).ended_on is not None
    assert AccessEvent.objects.filter(action="household.involvement.ended").count() == 1
    # Ended: the page is gone, and a second attempt is a 404 that changes nothing.
    before = _state(household)
    assert client.post(_url(household, ending)).status_code == 404
    assert _state(household) == before


def test_the_regisseur_is_sent_to_the_handover_and_nothing_changes(household, involved, coach2):
    client = _client(involved)
    lead = Involvement.objects.get(household=household, professional=involved)
    page = client.get(_url(household, lead)).content.decode()
    assert reverse("households:hand_over", kwargs={"household_id": household.pk}) in page
    before = _state(household)
    refused = client.post(_url(household, lead))
    assert refused.status_code == 200
    assert "regie is overgedragen" in refused.content.decode()
    assert _state(household) == before


def test_someone_without_a_write_grant_gets_404_and_nothing_changes(household, coach2):
    ending = Involvement.objects.get(household=household, professional=coach2)
    outsider = f.ProfessionalFactory(role=Role.YOUTH_PROFESSIONAL)
    before = _state(household)
    assert _client(outsider).post(_url(household, ending)).status_code == 404
    assert _state(household) == before


def test_the_page_costs_a_fixed_number_of_statements(
    household, involved, coach2, django_assert_num_queries
):
    client = _client(involved)
    ending = Involvement.objects.get(household=household, professional=coach2)
    client.get(_url(household, ending))
    f.InvolvementFactory(household=household, is_lead=False)  # more people, same statements
    # 4, whatever the number of people involved.
    with django_assert_num_queries(4):
        assert client.get(_url(household, ending)).status_code == 200


def test_the_same_ending_twice_at_once_ends_it_once(household, involved, coach2):
    """Two requests that both loaded the open involvement (a double click): one ends it, the
    other is told it already ended; one audit row."""
    from ketenkaart.core.errors import DomainError
    from ketenkaart.households import services

    first = Involvement.objects.get(household=household, professional=coach2)
    second = Involvement.objects.get(pk=first.pk)  # loaded before the first one saved
    services.involvement_end(by=involved, involvement=first)
    ended_on = Involvement.objects.get(pk=first.pk).ended_on
    with pytest.raises(DomainError) as refused:
        services.involvement_end(by=involved, involvement=second)
    assert refused.value.code == "conflict"
    assert Involvement.objects.get(pk=first.pk).ended_on == ended_on
    assert AccessEvent.objects.filter(action="household.involvement.ended").count() == 1
