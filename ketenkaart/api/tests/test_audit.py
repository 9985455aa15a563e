"""Every read through the API leaves one audit row, and the toegangslog shows it."""

import pytest

from ketenkaart.api.tests.conftest import assert_problem, url
from ketenkaart.audit.models import AccessEvent

READS = ["", "/leden", "/betrokkenen", "/regie", "/maatregelen", "/maatregelen/{measure}"]


@pytest.mark.parametrize("path", READS)
def test_every_read_leaves_exactly_one_audit_row(api, household, colleague, measure, path):
    before = AccessEvent.objects.count()

    response = api(colleague).get(url(household, path.format(measure=measure.pk)))

    assert response.status_code == 200
    assert AccessEvent.objects.count() == before + 1
    event = AccessEvent.objects.latest("occurred_at")
    assert (event.household_id, event.actor_username, event.outcome) == (
        household.pk,
        "vt-test",
        "allowed",
    )
    assert event.request_id == response["X-Request-ID"]


def test_a_denied_read_is_audited_too(api, household, involved, outsider):
    api(outsider).get(url(household))

    assert AccessEvent.objects.filter(
        household_id=household.pk, actor_username="buitenstaander-test", outcome="denied"
    ).exists()


def test_the_toegangslog_shows_who_read_the_dossier(api, household, involved, colleague):
    api(colleague).get(url(household))

    response = api(involved).get(url(household, "/toegangslog"))

    assert response.status_code == 200
    log = response.json()
    read = next(e for e in log["resultaten"] if e["gebruikersnaam"] == "vt-test")
    assert read == {
        "tijdstip": read["tijdstip"],
        "gebruikersnaam": "vt-test",
        "organisatie": "Veilig Thuis Test",
        "rol": "Medewerker Veilig Thuis",
        "actie": "household.read",
        "omschrijving": "Dossier bekeken",
        "uitkomst": "toegestaan",
        "grondslag": "betrokkenheid",
    }
    # Newest first: the regisseur's own reading of the log heads it.
    assert log["resultaten"][0]["actie"] == "access_log.read"


def test_the_toegangslog_is_open_to_the_regions_privacy_officer(api, household, privacy_officer):
    response = api(privacy_officer).get(url(household, "/toegangslog"))

    assert response.status_code == 200
    assert response.json()["resultaten"][0]["grondslag"] == "privacy_officer"


def test_the_toegangslog_is_closed_to_an_involved_professional_without_regie(
    api, household, involved, colleague
):
    assert_problem(api(colleague).get(url(household, "/toegangslog")), 404)


def test_the_toegangslog_is_paginated(api, household, involved, colleague):
    for _ in range(3):
        api(colleague).get(url(household))

    page = api(involved).get(url(household, "/toegangslog?paginaGrootte=2")).json()

    assert page["aantal"] == 4
    assert len(page["resultaten"]) == 2
    assert "pagina=2" in page["volgende"]


def test_a_person_search_is_audited_without_its_terms(api, household, involved):
    person = household.members.first().person

    api(involved).post(
        "/api/v1/personen/zoeken",
        {"bsn": person.bsn, "achternaam": person.surname, "geboortedatum": "2015-04-01"},
    )

    event = AccessEvent.objects.get(action="person.search")
    stored = " ".join(str(getattr(event, name)) for name in AccessEvent.HASHED_FIELDS)
    assert event.actor_username == "wijkcoach-test"
    assert person.bsn not in stored
    assert person.surname not in stored
    assert "2015" not in stored.replace(str(event.occurred_at), "")


def test_a_person_search_leaves_a_row_in_the_log_of_every_family_it_found(
    api, household, involved, outsider
):
    person = household.members.first().person

    api(outsider).post("/api/v1/personen/zoeken", {"bsn": person.bsn})

    found = AccessEvent.objects.get(action="household.search_match")
    assert (found.household_id, found.actor_username) == (household.pk, "buitenstaander-test")
    assert person.bsn not in found.object_id


def test_reading_the_list_leaves_one_audit_row(api, household, involved):
    before = AccessEvent.objects.count()

    api(involved).get("/api/v1/gezinnen")

    assert AccessEvent.objects.count() == before + 1
    assert AccessEvent.objects.latest("occurred_at").action == "household.list"
