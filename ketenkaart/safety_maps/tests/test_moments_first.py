"""Issue 14: good-parent moments come first on the map page and in the family's PDF."""

import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from ketenkaart.buffers import services as buffers
from ketenkaart.safety_maps.tests.test_views import page

MOMENT = "Huiswerk zonder ruzie, drie avonden achter elkaar"


def _moment(involved, household, what=MOMENT, days_ago=3):
    return buffers.good_moment_record(
        by=involved,
        household=household,
        what=what,
        noticed_by="moeder",
        occurred_on=datetime.date.today() - datetime.timedelta(days=days_ago),
        in_parents_words=True,
    )


def test_the_map_page_shows_the_moments_before_the_worries(
    client, involved, household, first_version
):
    _moment(involved, household)
    client.force_login(involved.user)
    html = client.get(page(household)).content.decode()
    assert MOMENT in html
    assert html.index(MOMENT) < html.index("Zorgen")
    assert html.index("Goede momenten") < html.index("Wat gaat goed")


def test_the_map_page_costs_the_same_queries_with_1_or_20_moments(
    client, involved, household, first_version
):
    client.force_login(involved.user)
    _moment(involved, household)
    with CaptureQueriesContext(connection) as one:
        assert client.get(page(household)).status_code == 200
    for n in range(19):
        _moment(involved, household, what=f"Samen gekookt ({n})", days_ago=10 + n)
    with CaptureQueriesContext(connection) as twenty:
        html = client.get(page(household)).content.decode()
    assert len(twenty.captured_queries) == len(one.captured_queries)
    assert "Samen gekookt (18)" not in html  # only the latest few; all on the moments page


def test_the_family_pdf_opens_with_the_good_moments(client, involved, household, first_version):
    _moment(involved, household)
    client.force_login(involved.user)
    response = client.get(page(household, "/gezin.pdf"))
    assert response.status_code == 200
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(response.content)).pages
    )
    assert MOMENT in text
    assert text.index("Goede momenten") < text.index("In onze eigen woorden")
    assert text.index(MOMENT) < text.index("Waar maken we ons zorgen over")


def test_an_outsider_sees_neither_the_map_nor_its_moments(client, outsider, household, involved):
    _moment(involved, household)
    client.force_login(outsider.user)
    response = client.get(page(household))
    assert response.status_code == 404
    assert MOMENT not in response.content.decode()
    assert client.get(page(household, "/gezin.pdf")).status_code == 404
