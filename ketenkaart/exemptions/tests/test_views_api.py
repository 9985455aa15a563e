"""The pages and the API end to end over HTTP."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ketenkaart.exemptions import services
from ketenkaart.exemptions.models import CostBenefit, Decision, ExemptionRequest, Outcome
from ketenkaart.exemptions.tests.conftest import REQUEST_TEXTS
from ketenkaart.testing import factories as f

pytestmark = pytest.mark.django_db


def calc_url(exemption):
    return reverse("exemptions:calculator", kwargs={"request_id": exemption.pk})


def row(index, **values):
    base = {
        "scenario": "muddling_on",
        "reference_cost": "",
        "description": "Post",
        "amount": "100",
        "period": "month",
        "quantity": "1",
        "months": "12",
        "payer": "municipality",
        "low": "",
        "high": "",
    }
    return {f"post-{index}-{k}": v for k, v in {**base, **values}.items()}


def calculator_post(**extra):
    data = {"rows": "2", "horizon_months": "12", "discount_rate": "0", "sensitivity": "20"}
    data |= row(0, amount="1.000")
    data |= row(1, scenario="breaking_through", amount="3000", period="once", months="")
    data |= {"lid-0-muddling_on": "-1", "lid-0-breaking_through": "1", "lid-1-muddling_on": "0"}
    data |= {"lid-1-breaking_through": "0", "ander-0-muddling_on": "0"}
    data |= {"ander-0-breaking_through": "0"}
    return data | extra


def test_a_professional_asks_the_table_through_the_form(client, involved, household):
    client.force_login(involved.user)
    response = client.post(
        reverse("exemptions:create"),
        {"household": household.pk, "domain": "housing", "urgency": "normal", **REQUEST_TEXTS},
    )
    exemption = ExemptionRequest.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("exemptions:detail", kwargs={"request_id": exemption.pk})


def test_the_form_tells_about_names_and_refuses_them(client, involved, household):
    client.force_login(involved.user)
    page = client.get(reverse("exemptions:create"))
    assert "De ventieltafel ziet geen namen" in page.content.decode()
    response = client.post(
        reverse("exemptions:create"),
        {
            "household": household.pk,
            "domain": "housing",
            "urgency": "normal",
            **REQUEST_TEXTS,
            "risks": "Noor raakt haar school kwijt",
        },
    )
    assert response.status_code == 200
    assert "naam van een gezinslid" in response.content.decode()
    assert not ExemptionRequest.objects.exists()


def test_an_outsider_cannot_ask_for_a_family_they_do_not_know(client, outsider, household):
    client.force_login(outsider.user)
    response = client.post(
        reverse("exemptions:create"),
        {"household": household.pk, "domain": "housing", "urgency": "normal", **REQUEST_TEXTS},
    )
    assert response.status_code == 200  # not offered in the select: a form error
    assert not ExemptionRequest.objects.exists()


def test_bereken_without_javascript_shows_the_sentence_and_stores_nothing(
    client, involved, exemption
):
    client.force_login(involved.user)
    response = client.post(calc_url(exemption), calculator_post(actie="bereken"))
    assert response.status_code == 200
    # 1,000 × 12 − 3,000 = 9,000; low 9,600 − 3,600 = 6,000; high 14,400 − 2,400 = 12,000.
    assert (
        "Doorbraak bespaart naar schatting €9.000 over 12 maanden (tussen €6.000 en €12.000); "
        "het kost de gemeente €3.000." in response.content.decode()
    )
    assert not CostBenefit.objects.exists()


def test_the_preview_endpoint_answers_the_result_alone(client, involved, exemption):
    client.force_login(involved.user)
    url = reverse("exemptions:preview", kwargs={"request_id": exemption.pk})
    response = client.post(url, calculator_post())
    content = response.content.decode()
    assert "€9.000" in content and "<html" not in content


def test_saving_the_analysis(client, involved, exemption):
    client.force_login(involved.user)
    response = client.post(calc_url(exemption), calculator_post(actie="opslaan"))
    assert response.status_code == 302
    analysis = CostBenefit.objects.get()
    assert analysis.items.count() == 2 and analysis.impacts.count() == 2
    page = client.get(response.url).content.decode()
    assert "Doorbraak bespaart naar schatting €9.000" in page


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"amount": "-5"}, "Een bedrag kan niet negatief zijn."),
        ({"amount": "veel"}, "Vul een getal in"),
        ({"months": "500"}, "van 1 tot en met 120"),
        ({"quantity": "100000"}, "Een aantal boven de 1000"),
    ],
)
def test_invalid_amounts_on_the_page_store_nothing(client, involved, exemption, values, message):
    client.force_login(involved.user)
    data = calculator_post(actie="opslaan") | row(0, **values)
    response = client.post(calc_url(exemption), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content and "Er is niets opgeslagen." in content
    assert not CostBenefit.objects.exists()


def test_the_convener_decides_on_the_page_and_needs_a_reason(client, convener, exemption):
    client.force_login(convener.user)
    url = reverse("exemptions:decide", kwargs={"request_id": exemption.pk})
    response = client.post(url, {"outcome": "granted", "reasoning": ""})
    assert response.status_code == 200 and not Decision.objects.exists()
    response = client.post(url, {"outcome": "granted", "reasoning": "Past in de lijn"})
    assert response.status_code == 302
    assert Decision.objects.get().decided_by == convener


def test_the_convener_invites_a_partner(client, convener, partner, exemption):
    client.force_login(convener.user)
    url = reverse("exemptions:invite", kwargs={"request_id": exemption.pk})
    assert client.post(url, {"professional": partner.pk}).status_code == 302
    client.force_login(partner.user)
    index = client.get(reverse("exemptions:index")).content.decode()
    assert exemption.pseudonym in index


# API


def api_post(client, path, data, method="post"):
    return getattr(client, method)(path, data, content_type="application/json")


def test_the_api_creates_a_request_and_refuses_a_bsn(client, involved, household, child):
    client.force_login(involved.user)
    body = {
        "gezin": str(household.pk),
        "domein": "wonen",
        "knelpunt": "Dreigende uitzetting",
        "regel": "Regel",
        "wettelijkeGrondslag": "Artikel 1",
        "risicos": f"Kind met BSN {child.bsn}",
        "alternatieven": "Geen",
        "gevraagdeUitzondering": "Aflossen",
    }
    response = api_post(client, "/api/v1/ventielaanvragen", body)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert {p["name"] for p in response.json()["invalidParams"]} == {"risicos"}
    response = api_post(client, "/api/v1/ventielaanvragen", body | {"risicos": "Uitzetting"})
    assert response.status_code == 201
    assert response.json()["gezinsnaam"] == household.name
    assert response.json()["gepseudonimiseerd"] is False


def test_the_api_refuses_invalid_amounts_naming_every_field(client, involved, exemption):
    client.force_login(involved.user)
    body = {
        "tijdshorizonMaanden": 12,
        "kostenposten": [
            {
                "scenario": "doormodderen",
                "omschrijving": "A",
                "bedrag": -5,
                "periode": "maand",
                "betaler": "gemeente",
                "maanden": 12,
            },
            {
                "scenario": "doorbraak",
                "omschrijving": "B",
                "bedrag": "veel",
                "periode": "jaar",
                "betaler": "gemeente",
            },
            {
                "scenario": "doorbraak",
                "omschrijving": "C",
                "bedrag": 10,
                "periode": "maand",
                "betaler": "gemeente",
                "maanden": 500,
                "aantal": 0,
            },
        ],
    }
    url = f"/api/v1/ventielaanvragen/{exemption.pk}/kosten-baten"
    response = api_post(client, url, body, method="put")
    assert response.status_code == 400
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert names == {
        "kostenposten.0.bedrag",
        "kostenposten.1.bedrag",
        "kostenposten.2.maanden",
        "kostenposten.2.aantal",
    }
    assert not CostBenefit.objects.exists()


def test_the_api_stores_the_analysis_and_the_decision(client, involved, convener, exemption):
    client.force_login(involved.user)
    url = f"/api/v1/ventielaanvragen/{exemption.pk}"
    body = {
        "tijdshorizonMaanden": 3,
        "kostenposten": [
            {
                "scenario": "doormodderen",
                "omschrijving": "Opvang",
                "bedrag": "15000",
                "periode": "jaar",
                "betaler": "gemeente",
                "maanden": 3,
            },
            {
                "scenario": "doorbraak",
                "omschrijving": "Aflossen",
                "bedrag": "4800",
                "periode": "eenmalig",
                "betaler": "gemeente",
            },
        ],
    }
    response = api_post(client, f"{url}/kosten-baten", body, method="put")
    assert response.status_code == 200, response.content
    # 15,000 / 12 × 3 = 3,750; − 4,800 = −1,050.
    assert response.json()["uitkomst"]["besparing"] == "-1050.00"
    assert (
        api_post(
            client, f"{url}/besluit", {"besluit": "toegekend", "onderbouwing": "Ja"}
        ).status_code
        == 403
    )
    client.force_login(convener.user)
    response = api_post(client, f"{url}/besluit", {"besluit": "toegekend"})
    assert response.status_code == 400
    assert {p["name"] for p in response.json()["invalidParams"]} == {"onderbouwing"}
    response = api_post(
        client,
        f"{url}/besluit",
        {
            "besluit": "toegekend_onder_voorwaarden",
            "onderbouwing": "Ja",
            "voorwaarden": "Budgetbeheer",
        },
    )
    assert response.status_code == 201
    assert client.get(f"{url}/besluit").json()["besluit"] == "toegekend_onder_voorwaarden"


def test_reference_costs_carry_source_and_year(client, involved):
    client.force_login(involved.user)
    rows = {
        row["sleutel"]: row
        for row in client.get("/api/v1/referentiekosten?paginaGrootte=200").json()["resultaten"]
    }
    assert rows["leerlingenvervoer"]["bedrag"] == "3978.00"
    assert rows["leerlingenvervoer"]["jaar"] == "2023/24"
    assert rows["huisuitzetting"]["bewijskracht"] == "zwak"
    assert all(row["bron"] for row in rows.values())


def count(client, path):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_lists_cost_the_same_queries_as_data_grows(
    client, make_request, household, convener, policy, municipality, involved
):
    def grow(n):
        for _ in range(n):
            other = f.HouseholdFactory(municipality=municipality)
            # Only who may change a family asks the table about it.
            f.InvolvementFactory(household=other, professional=involved)
            exemption = make_request(other, by=None)
            services.decision_record(
                by=convener, request=exemption, outcome=Outcome.GRANTED, reasoning="Ja"
            )

    grow(3)
    client.force_login(convener.user)
    small = [count(client, p) for p in ("/api/v1/ventielaanvragen", reverse("exemptions:index"))]
    client.force_login(policy.user)
    small_signals = count(client, "/api/v1/beleidssignalen")
    grow(12)
    client.force_login(convener.user)
    large = [count(client, p) for p in ("/api/v1/ventielaanvragen", reverse("exemptions:index"))]
    client.force_login(policy.user)
    assert count(client, "/api/v1/beleidssignalen") == small_signals
    assert small == large
