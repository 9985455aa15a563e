"""The toets package for the Raad: made by whoever may change the dossier, as PDF and JSON,
and the Raad records whether the toets sufficed."""

import io

import pytest
from pypdf import PdfReader

from ketenkaart.core.errors import DomainError
from ketenkaart.safety_maps.tests.conftest import save
from ketenkaart.safety_teams import services
from ketenkaart.safety_teams.models import BoardCheckOutcome
from ketenkaart.testing import factories as f


def test_the_package_holds_map_dossier_and_measures(client, involved, household, child):
    save(involved, household, 0, strengths=["Oma helpt op woensdag"])
    f.CourtMeasureFactory(household=household, child=child, recorded_by=involved)
    client.force_login(involved.user)
    assert client.post(f"/gezinnen/{household.pk}/toets").status_code == 302
    check = household_check(household)
    data = client.get(f"/gezinnen/{household.pk}/toets/{check.pk}.json").json()
    assert data["veiligheidskaart"]["versie"] == 1
    assert "Oma helpt op woensdag" in data["veiligheidskaart"]["inhoud"]["strengths"]
    assert data["dossier"]["maatregelen"]
    pdf = client.get(f"/gezinnen/{household.pk}/toets/{check.pk}.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Toetspakket" in text


def household_check(household):
    from ketenkaart.safety_teams.models import BoardCheck

    return BoardCheck.objects.get(household=household)


def test_only_the_raad_records_the_outcome(involved, household, region):
    check = services.board_check_create(by=involved, household=household)
    with pytest.raises(DomainError):
        services.board_check_outcome_record(
            by=involved, check=check, outcome=BoardCheckOutcome.CHECK_SUFFICED
        )
    raad = f.ProfessionalFactory(role="child_protection_board")
    check = services.board_check_outcome_record(
        by=raad, check=check, outcome=BoardCheckOutcome.CHECK_SUFFICED
    )
    assert check.outcome == BoardCheckOutcome.CHECK_SUFFICED and check.outcome_at


def test_it_hides_the_package_from_an_outsider(client, involved, outsider, household):
    check = services.board_check_create(by=involved, household=household)
    client.force_login(outsider.user)
    assert client.get(f"/gezinnen/{household.pk}/toets").status_code == 404
    assert client.get(f"/gezinnen/{household.pk}/toets/{check.pk}.json").status_code == 404
