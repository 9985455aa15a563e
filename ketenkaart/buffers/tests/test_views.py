"""The pages over HTTP: personas on every page, moments first, the signal for the regisseur
only, the ecomap with its list, and a query count that does not grow with the film."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ketenkaart.audit.models import AccessEvent, Outcome
from ketenkaart.buffers.models import BufferObservation, GoodMoment
from ketenkaart.buffers.tests.conftest import moment, observe
from ketenkaart.safety_maps.models import SafetyMapVersion

TODAY = datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC)
pytestmark = pytest.mark.django_db

READ_PAGES = ["/buffers", "/goede-momenten", "/netwerk"]
FORM_PAGES = ["/buffers/nieuw", "/goede-momenten/nieuw"]


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def page(household, rest=""):
    return f"/gezinnen/{household.pk}{rest}"


@pytest.mark.parametrize("rest", READ_PAGES + FORM_PAGES)
def test_the_involved_professional_opens_every_page(client, involved, household, rest):
    client.force_login(involved.user)

    assert client.get(page(household, rest)).status_code == 200


@pytest.mark.parametrize("rest", READ_PAGES)
def test_a_colleague_of_another_organisation_reads_them(client, colleague, household, rest):
    client.force_login(colleague.user)

    response = client.get(page(household, rest))

    assert response.status_code == 200
    assert AccessEvent.objects.filter(
        household_id=household.pk, actor_username="vt-test", outcome=Outcome.ALLOWED
    ).exists()


@pytest.mark.parametrize("rest", READ_PAGES + FORM_PAGES)
def test_it_hides_every_page_from_an_outsider(client, outsider, household, rest):
    client.force_login(outsider.user)

    assert client.get(page(household, rest)).status_code == 404
    assert AccessEvent.objects.filter(outcome=Outcome.DENIED, household_id=household.pk).exists()


@pytest.mark.parametrize(
    ("rest", "data"),
    [
        ("/goede-momenten/nieuw", {"what": "x", "noticed_by": "y", "occurred_on": "2026-11-01"}),
        ("/netwerk", {"name": "Oma", "kind": "family", "closeness": "close"}),
    ],
)
def test_an_outsider_cannot_write_and_nothing_changes(client, outsider, household, rest, data):
    client.force_login(outsider.user)

    assert client.post(page(household, rest), data).status_code == 404
    assert not GoodMoment.objects.exists()
    assert not SafetyMapVersion.objects.exists()


def test_every_read_leaves_one_audit_row(client, involved, household):
    client.force_login(involved.user)
    before = AccessEvent.objects.filter(action="buffers.read").count()

    client.get(page(household, "/buffers"))

    assert AccessEvent.objects.filter(action="buffers.read").count() == before + 1


def test_the_buffers_page_shows_the_moments_first_and_both_views(
    client, involved, household, parent
):
    moment(involved, household, what="Huiswerk zonder ruzie.")
    observe(involved, household, parent, view="parent", words="Mijn zus helpt mij.")
    observe(involved, household, parent, view="professional", words="Zus komt twee keer per week.")
    client.force_login(involved.user)

    html = client.get(page(household, "/buffers")).content.decode()

    assert html.index("Huiswerk zonder ruzie.") < html.index("Mijn zus helpt mij.")
    assert "Mijn zus helpt mij." in html
    assert "Zus komt twee keer per week." in html
    assert 'data-view="parent"' in html
    assert 'data-view="professional"' in html
    assert "Handboek Methodische Ouderbegeleiding" in html


def test_the_dossier_shows_the_latest_moment_and_links_to_the_pages(client, involved, household):
    moment(involved, household, what="Samen gekookt.")
    client.force_login(involved.user)

    html = client.get(f"/gezinnen/{household.pk}").content.decode()

    assert "Samen gekookt." in html
    assert page(household, "/goede-momenten") in html
    assert page(household, "/netwerk") in html


def test_the_regisseur_sees_the_signal_a_colleague_does_not(
    client, settings, involved, colleague, household
):
    settings.KETENKAART_GOOD_MOMENT_SIGNAL_DAYS = 14
    moment(involved, household, occurred_on=datetime.date(2026, 11, 1))
    client.force_login(involved.user)

    assert (
        "Tijd voor een goed moment"
        in client.get(page(household, "/goede-momenten")).content.decode()
    )

    client.force_login(colleague.user)
    assert (
        "Tijd voor een goed moment"
        not in client.get(page(household, "/goede-momenten")).content.decode()
    )


def test_a_recent_moment_raises_no_signal(client, settings, involved, household):
    settings.KETENKAART_GOOD_MOMENT_SIGNAL_DAYS = 14
    moment(involved, household, occurred_on=datetime.date(2026, 11, 30))
    client.force_login(involved.user)

    assert (
        "Tijd voor een goed moment" not in client.get(page(household, "/buffers")).content.decode()
    )


def test_recording_an_observation_with_blaming_words_proposes_other_words(
    client, involved, household, parent
):
    client.force_login(involved.user)

    response = client.post(
        page(household, "/buffers/nieuw"),
        {
            "parent_id": str(parent.pk),
            "view": "professional",
            "area": "limits",
            "footing": "needs_support",
            "words": "Vader faalt in grenzen stellen.",
            "observed_on": "2026-11-30",
        },
        follow=True,
    )

    assert response.status_code == 200
    assert BufferObservation.objects.get().area == "limits"
    assert "kan hierbij steun gebruiken" in response.content.decode()


def test_a_bad_observation_is_shown_at_its_field_and_nothing_stored(
    client, involved, household, parent
):
    client.force_login(involved.user)

    response = client.post(
        page(household, "/buffers/nieuw"),
        {"parent_id": str(parent.pk), "view": "parent", "area": "limits", "footing": "x"},
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"footing", "words", "observed_on"}
    assert not BufferObservation.objects.exists()


def test_a_moment_in_the_future_is_refused_at_its_field(client, involved, household):
    client.force_login(involved.user)

    response = client.post(
        page(household, "/goede-momenten/nieuw"),
        {"what": "Fijn", "noticed_by": "juf", "occurred_on": "2026-12-24"},
    )

    assert "occurred_on" in response.context["form"].errors
    assert not GoodMoment.objects.exists()


def test_the_network_page_draws_the_ecomap_and_the_same_people_as_a_list(
    client, involved, household
):
    client.force_login(involved.user)

    client.post(
        page(household, "/netwerk"),
        {"name": "Oma Fatma", "kind": "family", "closeness": "close", "helps_with": "ophalen"},
    )
    html = client.get(page(household, "/netwerk")).content.decode()

    assert '<svg role="img"' in html
    assert html.count("Oma Fatma") >= 2  # in the ecomap and in the list
    assert "ophalen" in html
    assert SafetyMapVersion.objects.get().content["network"][0]["name"] == "Oma Fatma"


def test_a_network_person_without_closeness_is_refused_at_its_field(client, involved, household):
    client.force_login(involved.user)

    response = client.post(page(household, "/netwerk"), {"name": "Oma", "kind": "family"})

    assert response.status_code == 400
    assert "closeness" in response.context["form"].errors
    assert not SafetyMapVersion.objects.exists()


def test_removing_a_person_from_a_stale_page_removes_nobody(client, involved, household):
    client.force_login(involved.user)
    for name in ("Oma", "Buurvrouw"):
        client.post(
            page(household, "/netwerk"), {"name": name, "kind": "family", "closeness": "far"}
        )

    response = client.post(
        page(household, "/netwerk/0/weghalen"), {"base_number": "1"}, follow=True
    )

    assert "intussen gewijzigd" in response.content.decode()
    assert len(SafetyMapVersion.objects.order_by("-number").first().content["network"]) == 2


def test_the_safety_maps_network_section_is_edited_on_the_network_page(client, involved, household):
    client.force_login(involved.user)

    response = client.get(f"/gezinnen/{household.pk}/veiligheidskaart/onderdelen/netwerk")

    assert response.status_code == 302
    assert response["Location"] == page(household, "/netwerk")


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_buffers_page_takes_the_same_number_of_queries_for_a_long_film(
    client, involved, household, parent
):
    client.force_login(involved.user)
    observe(involved, household, parent)
    moment(involved, household)
    few = _queries(client, page(household, "/buffers"))

    for day in range(1, 20):
        observe(
            involved,
            household,
            parent,
            view=("parent", "professional")[day % 2],
            area=("network", "caring", "meta_position")[day % 3],
            observed_on=datetime.date(2026, 10, day),
        )
        moment(involved, household, occurred_on=datetime.date(2026, 10, day))

    assert _queries(client, page(household, "/buffers")) == few
