"""Mijn gezinnen as a list that scales: search, frame filter and sort in the URL, paging that
keeps them, and the same queries for one family or a full caseload."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ketenkaart.households import services
from ketenkaart.households.models import MemberRole
from ketenkaart.testing import factories as f


def caseload_of(professional, municipality, names, *, measure=False):
    for name in names:
        household = f.HouseholdFactory(municipality=municipality, name=name)
        f.InvolvementFactory(household=household, professional=professional, is_lead=True)
        if measure:
            child = f.MemberFactory(household=household, role=MemberRole.CHILD).person
            f.CourtMeasureFactory(household=household, child=child, recorded_by=professional)


def names(response) -> list[str]:
    return [h.name for h in response.context["page"].object_list]


def test_my_families_are_searched_filtered_and_sorted(client, involved, household, municipality):
    caseload_of(involved, municipality, ["Gezin Bakker"], measure=True)
    caseload_of(involved, municipality, ["Gezin Amrani"])
    client.force_login(involved.user)
    url = reverse("households:mine")

    assert names(client.get(url)) == ["Gezin Amrani", "Gezin Bakker", "Gezin De Vries"]
    assert names(client.get(url, {"zoek": "bak"})) == ["Gezin Bakker"]
    assert names(client.get(url, {"kader": "gedwongen"})) == ["Gezin Bakker"]
    assert "Gezin Bakker" not in names(client.get(url, {"kader": "vrijwillig"}))
    assert names(client.get(url, {"sorteer": "nieuwste"}))[0] == "Gezin Amrani"
    empty = client.get(url, {"zoek": "Pietersen"}).content.decode()
    assert "Geen gezinnen gevonden met deze zoekterm of filters." in empty


def test_search_never_reaches_a_family_the_user_is_not_involved_in(client, outsider, household):
    client.force_login(outsider.user)
    response = client.get(reverse("households:mine"), {"zoek": "De Vries"})
    assert names(response) == []
    assert "Gezin De Vries" not in response.content.decode()


def test_paging_keeps_the_search_and_sort(client, involved, municipality):
    caseload_of(involved, municipality, [f"Gezin Zoek {n:02}" for n in range(55)])
    client.force_login(involved.user)

    html = client.get(reverse("households:mine"), {"zoek": "zoek", "sorteer": "gemeente"})

    assert 'href="?zoek=zoek&amp;sorteer=gemeente&amp;pagina=2"' in html.content.decode()


def test_a_searched_caseload_costs_the_same_queries_for_one_or_many_families(
    client, involved, municipality
):
    client.force_login(involved.user)

    def count():
        with CaptureQueriesContext(connection) as context:
            client.get(reverse("households:mine"), {"zoek": "gezin", "kader": "vrijwillig"})
        return len(context.captured_queries)

    caseload_of(involved, municipality, ["Gezin Een"])
    one = count()
    caseload_of(involved, municipality, [f"Gezin {n}" for n in range(30)])
    assert count() == one


def test_the_former_regisseur_no_longer_sees_hand_over(client, involved, household, local_team):
    colleague = f.ProfessionalFactory(organisation=local_team)
    f.InvolvementFactory(household=household, professional=colleague)
    dossier = reverse("households:detail", kwargs={"household_id": household.pk})
    hand_over = reverse("households:hand_over", kwargs={"household_id": household.pk})
    client.force_login(involved.user)
    assert hand_over in client.get(dossier).content.decode()

    services.lead_hand_over(by=involved, household=household, to=colleague, reason="VT neemt over")

    assert hand_over not in client.get(dossier).content.decode()
    client.force_login(colleague.user)
    assert hand_over in client.get(dossier).content.decode()
