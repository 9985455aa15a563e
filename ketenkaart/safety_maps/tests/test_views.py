"""The map pages over HTTP: who sees what, section editing with and without a concurrent save,
history and diff, charts, and the audited exports."""

import datetime
import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape
from pypdf import PdfReader

from ketenkaart.access.models import EmergencyAccess
from ketenkaart.audit.models import AccessEvent, Outcome
from ketenkaart.safety_maps import services
from ketenkaart.safety_maps.models import SafetyMap, SafetyMapVersion
from ketenkaart.safety_maps.tests.conftest import FAMILY_WORDS, add_versions, save


def page(household, rest: str = "") -> str:
    return f"/gezinnen/{household.pk}/veiligheidskaart{rest}"


MAP_PATHS = [
    "",
    "/versies",
    "/versies/1",
    "/verschil?van=1&tot=1",
    "/schalen",
    "/onderdelen/wat-gaat-goed",
    "/gezin.pdf",
    "/overdracht.zip",
]


def test_it_shows_the_map_with_the_familys_words_first(client, involved, household, first_version):
    client.force_login(involved.user)

    response = client.get(page(household))

    assert response.status_code == 200
    html = response.content.decode()
    assert FAMILY_WORDS in html
    assert html.index(FAMILY_WORDS) < html.index("Moeder brengt Noor elke dag naar school.")
    assert "Versie 1" in html
    assert AccessEvent.objects.filter(action="safety_map.read", household_id=household.pk).exists()


def test_it_shows_an_empty_map_before_the_first_save(client, involved, household):
    client.force_login(involved.user)

    response = client.get(page(household))

    assert response.status_code == 200
    assert "Nog geen versie opgeslagen" in response.content.decode()


@pytest.mark.parametrize("rest", MAP_PATHS)
def test_it_hides_the_map_its_versions_diff_and_exports_from_an_outsider(
    client, outsider, household, first_version, rest
):
    client.force_login(outsider.user)

    response = client.get(page(household, rest))

    assert response.status_code == 404
    assert AccessEvent.objects.filter(outcome=Outcome.DENIED, household_id=household.pk).exists()


@pytest.mark.parametrize("rest", ["", "/versies", "/gezin.pdf"])
def test_police_and_policy_never_see_a_map(client, police, household, first_version, rest):
    client.force_login(police.user)

    assert client.get(page(household, rest)).status_code == 404


def test_an_outsider_cannot_save_a_section(client, outsider, household, first_version):
    client.force_login(outsider.user)

    response = client.post(
        page(household, "/onderdelen/wat-gaat-goed"), {"base_number": 1, "lines": "x"}
    )

    assert response.status_code == 404
    assert SafetyMapVersion.objects.count() == 1


def test_emergency_access_reads_but_cannot_write(client, outsider, household, first_version):
    EmergencyAccess.objects.create(
        household=household,
        professional=outsider,
        reason="Crisis in het weekend",
        granted_at=timezone.now(),
        expires_at=timezone.now() + datetime.timedelta(hours=4),
    )
    client.force_login(outsider.user)

    assert client.get(page(household)).status_code == 200
    response = client.post(
        page(household, "/onderdelen/wat-gaat-goed"), {"base_number": 1, "lines": "x"}
    )
    assert response.status_code == 403
    assert SafetyMapVersion.objects.count() == 1


def test_a_section_is_saved_without_javascript(client, involved, household, first_version):
    client.force_login(involved.user)

    response = client.post(
        page(household, "/onderdelen/wat-gaat-goed"),
        {"base_number": 1, "lines": "Moeder brengt Noor naar school\n\nOma helpt op woensdag\n"},
    )

    assert response.status_code == 302
    assert response["Location"].endswith("#onderdeel-wat-gaat-goed")
    latest = SafetyMapVersion.objects.get(number=2)
    assert latest.content["strengths"] == [
        "Moeder brengt Noor naar school",
        "Oma helpt op woensdag",
    ]
    assert latest.content["familyWords"] == FAMILY_WORDS


def test_a_section_is_swapped_in_place_with_htmx(client, involved, household, first_version):
    client.force_login(involved.user)

    form = client.get(page(household, "/onderdelen/wat-gaat-goed"), headers={"HX-Request": "true"})
    saved = client.post(
        page(household, "/onderdelen/wat-gaat-goed"),
        {"base_number": 1, "lines": "Rust in huis"},
        headers={"HX-Request": "true"},
    )

    assert form.status_code == 200
    assert b"<html" not in form.content
    assert b'name="base_number"' in form.content
    assert saved.status_code == 200
    assert b"Rust in huis" in saved.content
    assert b"Opgeslagen als versie 2" in saved.content


def test_items_are_saved_from_rows_and_an_empty_row_is_dropped(client, involved, household):
    client.force_login(involved.user)

    response = client.post(
        page(household, "/onderdelen/afspraken"),
        {
            "base_number": 0,
            "rows": 2,
            "who_0": "Moeder",
            "what_0": "Belt oma als het thuis te druk wordt",
            "monitoredBy_0": "Wijkcoach",
            "until_0": "2030-06-01",
            "who_1": "",
            "what_1": "",
        },
    )

    assert response.status_code == 302, response.content.decode()
    assert SafetyMapVersion.objects.get().content["agreements"] == [
        {
            "who": "Moeder",
            "what": "Belt oma als het thuis te druk wordt",
            "monitoredBy": "Wijkcoach",
            "until": "2030-06-01",
        }
    ]


def test_a_half_filled_row_shows_which_field_is_missing(client, involved, household):
    client.force_login(involved.user)

    response = client.post(
        page(household, "/onderdelen/zorgen"),
        {"base_number": 0, "rows": 1, "whatHappened_0": "Ruzie", "impact_0": ""},
    )

    assert response.status_code == 200
    assert "Vul dit veld in, of maak de hele rij leeg" in response.content.decode()
    assert not SafetyMapVersion.objects.exists()


def test_a_stale_save_of_another_section_is_applied_on_top(
    client, involved, colleague, household, first_version
):
    save(
        colleague,
        household,
        1,
        strengths=first_version.content["strengths"],
        dangerStatement="Noor raakt gewond als de ruzies doorgaan.",
    )
    client.force_login(involved.user)

    response = client.post(
        page(household, "/onderdelen/wat-gaat-goed"), {"base_number": 1, "lines": "Rust"}
    )

    assert response.status_code == 302
    latest = SafetyMapVersion.objects.get(number=3)
    assert latest.content["strengths"] == ["Rust"]
    assert latest.content["dangerStatement"] == "Noor raakt gewond als de ruzies doorgaan."


def test_a_stale_save_of_the_same_section_shows_what_changed_and_keeps_the_users_text(
    client, involved, colleague, household, first_version
):
    save(colleague, household, 1, strengths=["Vader is gestopt met drinken"])
    client.force_login(involved.user)

    response = client.post(
        page(household, "/onderdelen/wat-gaat-goed"),
        {"base_number": 1, "lines": "Mijn eigen tekst"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "intussen gewijzigd" in html
    assert "Vader is gestopt met drinken" in html  # what changed meanwhile
    assert "Moeder brengt Noor elke dag naar school." in html  # what was removed
    assert "Mijn eigen tekst" in html  # the user's own text, kept in the form
    assert 'name="base_number" value="2"' in html
    assert SafetyMapVersion.objects.count() == 2

    merged = client.post(
        page(household, "/onderdelen/wat-gaat-goed"),
        {"base_number": 2, "lines": "Vader is gestopt met drinken\nMijn eigen tekst"},
    )
    assert merged.status_code == 302
    assert SafetyMapVersion.objects.get(number=3).content["strengths"] == [
        "Vader is gestopt met drinken",
        "Mijn eigen tekst",
    ]


def test_only_veilig_thuis_gets_the_safety_conditions_form(
    client, involved, colleague, household, first_version
):
    client.force_login(involved.user)
    assert client.get(page(household, "/onderdelen/veiligheidsvoorwaarden")).status_code == 403

    client.force_login(colleague.user)
    response = client.post(
        page(household, "/onderdelen/veiligheidsvoorwaarden"),
        {"base_number": 1, "lines": "Vader drinkt niet als hij voor Noor zorgt"},
    )
    assert response.status_code == 302
    html = client.get(page(household)).content.decode()
    assert "Veiligheidsvoorwaarden van Veilig Thuis" in html
    assert "van Veilig Thuis van Veilig Thuis" not in html
    assert ">Ondergrens</span>" in html
    assert "Vader drinkt niet als hij voor Noor zorgt" in html


def test_scores_are_given_side_by_side(
    client, involved, colleague, household, first_version, child
):
    client.force_login(involved.user)
    form = client.get(page(household, "/onderdelen/veiligheidsschaal")).content.decode()
    assert "Score van " + escape(colleague.display_name) in form

    # Participants: the parent, the child, then the professionals (regisseur first).
    response = client.post(
        page(household, "/onderdelen/veiligheidsschaal"),
        {
            "base_number": 1,
            "score_0": "4",
            "reason_0": "Het gaat beter",
            "score_1": "",
            "reason_1": "",
            "score_2": "3",
            "reason_2": "Nog zorgen over de avonden",
            "score_3": "2",
            "reason_3": "Voorwaarden nog niet nageleefd",
        },
    )

    assert response.status_code == 302
    html = client.get(page(household)).content.decode()
    assert "Het gaat beter" in html
    assert "Voorwaarden nog niet nageleefd" in html
    assert "gemiddeld" not in html.replace("nooit gemiddeld", "")


def test_agreeing_with_the_family_adds_a_version(client, involved, household, first_version):
    client.force_login(involved.user)

    response = client.post(
        page(household, "/afspraak-met-gezin"), {"base_number": 1, "agreed_with": "moeder"}
    )

    assert response.status_code == 302
    version = SafetyMapVersion.objects.get(number=2)
    assert version.agreed_with == "moeder"
    assert "Afgesproken met het gezin" in client.get(page(household)).content.decode()


def history_queries(client, household, rest="/versies") -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(page(household, rest))
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_history_page_costs_the_same_queries_for_3_and_1000_versions(
    client, involved, household, first_version
):
    client.force_login(involved.user)
    safety_map = SafetyMap.objects.get()
    add_versions(safety_map, involved, 2, with_scores_for=involved)
    with_3 = history_queries(client, household)

    add_versions(safety_map, involved, 997, with_scores_for=involved)
    with_1000 = history_queries(client, household)
    last_page = history_queries(client, household, "/versies?pagina=40")

    assert with_3 == with_1000 == last_page
    html = client.get(page(household, "/versies")).content.decode()
    assert "1000 versies" in html
    assert "Pagina 1 van 40" in html


def test_the_map_page_costs_the_same_queries_for_3_and_1000_versions(
    client, involved, household, first_version
):
    client.force_login(involved.user)
    safety_map = SafetyMap.objects.get()
    add_versions(safety_map, involved, 2, with_scores_for=involved)
    with_3 = history_queries(client, household, "")

    add_versions(safety_map, involved, 997, with_scores_for=involved)
    assert history_queries(client, household, "") == with_3
    # The session with its user and the menu's unread count; the gate (professional with
    # organisation, household with its grant, audit row); the map with its current version (one
    # query), the last agreed version, the scores; the first good moment.
    assert with_3 == MAP_PAGE_QUERIES


MAP_PAGE_QUERIES = 7


def test_the_difference_reads_section_by_section(
    client, involved, colleague, household, first_version
):
    save(
        involved,
        household,
        1,
        strengths=["Oma helpt op woensdag"],
        familyWords="Het is rustiger thuis.",
    )
    client.force_login(colleague.user)

    html = client.get(page(household, "/verschil?van=1&tot=2")).content.decode()

    assert "Wat gaat goed" in html
    assert "Toegevoegd:" in html and "Oma helpt op woensdag" in html
    assert "Verwijderd:" in html and "Moeder brengt Noor elke dag naar school." in html
    assert "Was:" in html and "Het is rustiger thuis." in html
    assert "Zorgen" not in html.split("</h1>")[1].split("Terug naar")[0]


def test_the_scales_page_draws_each_participant_with_a_table(client, involved, household):
    save(
        involved,
        household,
        0,
        scores=[services.ScoreInput("professional", involved.pk, 3, "Eerst")],
    )
    save(
        involved,
        household,
        1,
        scores=[services.ScoreInput("professional", involved.pk, 6, "Later")],
    )
    client.force_login(involved.user)

    html = client.get(page(household, "/schalen")).content.decode()

    assert html.count("<svg") == 1
    assert "<figcaption" in html and "<caption" in html
    assert "<polyline" in html
    assert "Eerst" in html and "Later" in html


def test_the_family_pdf_opens_contains_the_familys_words_and_is_audited(
    client, involved, household, first_version
):
    client.force_login(involved.user)

    response = client.get(page(household, "/gezin.pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "In onze eigen woorden" in text
    assert "Noor weer rustig kan slapen" in " ".join(text.split())
    assert "Uw hulpverlener" in text
    assert involved.display_name in " ".join(text.split())  # who helps them and how to call
    assert AccessEvent.objects.filter(
        action="safety_map.export.pdf", household_id=household.pk, outcome=Outcome.ALLOWED
    ).exists()


def test_the_handover_package_holds_pdf_and_json_and_is_audited(
    client, involved, household, first_version
):
    client.force_login(involved.user)

    response = client.get(page(household, "/overdracht.zip"))

    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == ["overdracht.json", "overdracht.pdf"]
    assert archive.read("overdracht.pdf").startswith(b"%PDF")
    data = json.loads(archive.read("overdracht.json"))
    assert data["veiligheidskaart"]["inhoud"]["familyWords"] == FAMILY_WORDS
    assert data["dossier"]["regisseur"]["naam"] == involved.display_name
    assert data["versies"][0]["versie"] == 1
    assert data["tijdlijn"]
    assert "bsn" not in json.dumps(data).lower()
    assert AccessEvent.objects.filter(
        action="safety_map.export.handover", household_id=household.pk
    ).exists()
