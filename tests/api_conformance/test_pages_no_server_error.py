"""The web pages that share the API's code answer without a server error too."""

from ketenkaart.exemptions import costbenefit as cb
from ketenkaart.exemptions.models import CostBenefit
from ketenkaart.exemptions.tests.conftest import *  # noqa: F403 - the exemption personas
from ketenkaart.exemptions.tests.test_views_api import calc_url, calculator_post, row


def test_zero_euros_from_an_empty_sum_is_formatted():
    assert cb.format_euros(0) == "€0"
    assert cb.euros(0) == 0


def test_a_party_that_pays_in_one_scenario_only_shows_on_the_page(client, involved, exemption):
    client.force_login(involved.user)
    post = calculator_post(actie="opslaan", rows="3")
    post |= row(2, payer="housing_corporation", amount="500", period="once", months="")
    response = client.post(calc_url(exemption), post)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CostBenefit.objects.get().items.filter(payer="housing_corporation").count() == 1
    page = client.get(response.url)
    assert page.status_code == 200
    assert "de woningcorporatie" in page.content.decode()
