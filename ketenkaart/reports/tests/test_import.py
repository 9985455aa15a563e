"""File import of police zorgmeldingen: JSON and CSV, idempotent, and an interrupted import
run again stores nothing twice and nothing half."""

import csv
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ketenkaart.reports.importer import CSV_COLUMNS, import_messages
from ketenkaart.reports.models import PoliceReport, Report, ReportPerson
from ketenkaart.reports.tests.test_api import police_body


def messages(count, forms=("A", "B")):
    return [police_body(f"PL-{n:05d}", forms=forms) for n in range(count)]


def test_a_json_file_imports_and_a_second_run_stores_nothing_new(police, tmp_path, capsys):
    path = tmp_path / "zorgmeldingen.json"
    path.write_text(json.dumps(messages(25)))

    call_command(
        "import_zorgmeldingen", str(path), "--user", police.user.username, "--batch-size", "10"
    )
    call_command("import_zorgmeldingen", str(path), "--user", police.user.username)

    out = capsys.readouterr().out
    assert "25 nieuwe meldingen" in out and "25 al aanwezig" in out
    assert Report.objects.count() == 25
    assert PoliceReport.objects.count() == 50


def test_a_csv_file_groups_the_rows_of_one_incident_into_one_melding(police, tmp_path):
    path = tmp_path / "zorgmeldingen.csv"
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for form, person in [("F1", "Sem"), ("F1", "Mila"), ("F2", "Sem")]:
            writer.writerow(
                {
                    "registratienummer": "PL-1",
                    "melder_naam": "Agent Jansen",
                    "melder_telefoon": "0900-8844",
                    "formulier_kenmerk": form,
                    "formulier_soort": "Zorgmelding jeugd",
                    "formulier_inhoud": f"Inhoud {form}",
                    "persoon_rol": "kind",
                    "persoon_voornamen": person,
                    "persoon_achternaam": "Verbeek",
                }
            )
    call_command("import_zorgmeldingen", str(path), "--user", police.user.username)
    report = Report.objects.get()
    assert report.police_forms.count() == 2
    assert sorted(report.persons.values_list("given_names", flat=True)) == ["Mila", "Sem"]


def test_invalid_messages_are_skipped_and_named_by_position_not_content(police, tmp_path, capsys):
    bad = police_body("PL-BAD")
    bad["melder"] = {"naam": "Geheim Persoon", "telefoon": ""}
    path = tmp_path / "zorgmeldingen.json"
    path.write_text(json.dumps([police_body("PL-OK"), bad]))
    call_command("import_zorgmeldingen", str(path), "--user", police.user.username)
    err = capsys.readouterr().err
    assert "bericht 2 overgeslagen, ongeldig: melder.telefoon" in err
    assert "Geheim" not in err
    assert list(Report.objects.values_list("police_reference", flat=True)) == ["PL-OK"]


class Interrupted(Exception):
    pass


def interrupted_after(items, count):
    for index, item in enumerate(items):
        if index == count:
            raise Interrupted
        yield item


def test_an_interrupted_import_run_again_has_no_duplicates_and_no_half_meldingen(police):
    all_messages = messages(35, forms=("A", "B", "C"))
    with pytest.raises(Interrupted):
        import_messages(interrupted_after(all_messages, 23), by=police, batch_size=10)
    assert Report.objects.count() == 20  # two whole batches; the third never started

    result = import_messages(all_messages, by=police, batch_size=10)

    assert (result.created, result.unchanged) == (15, 20)
    assert Report.objects.count() == 35
    assert PoliceReport.objects.count() == 35 * 3
    assert ReportPerson.objects.count() == 35


def test_a_csv_file_with_an_unknown_column_imports_nothing_and_names_it(police, tmp_path):
    path = tmp_path / "zorgmeldingen.csv"
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*CSV_COLUMNS, "persoon_adres"])
        writer.writeheader()
        writer.writerow(
            {
                "registratienummer": "PL-1",
                "melder_naam": "Agent Jansen",
                "melder_telefoon": "0900-8844",
                "formulier_kenmerk": "F1",
                "formulier_soort": "Zorgmelding jeugd",
                "formulier_inhoud": "Inhoud",
                "persoon_rol": "kind",
                "persoon_voornamen": "Sem",
                "persoon_achternaam": "Verbeek",
                "persoon_adres": "Dorpsstraat 1",
            }
        )

    with pytest.raises(CommandError, match="persoon_adres") as raised:
        call_command("import_zorgmeldingen", str(path), "--user", police.user.username)

    assert "Dorpsstraat" not in str(raised.value)
    assert not Report.objects.exists()


def test_an_unknown_field_in_a_json_message_skips_it_by_name(police, tmp_path, capsys):
    body = police_body("PL-EXTRA")
    body["personen"][0]["adres"] = "Dorpsstraat 1"
    path = tmp_path / "zorgmeldingen.json"
    path.write_text(json.dumps([body, police_body("PL-GOED")]))

    call_command("import_zorgmeldingen", str(path), "--user", police.user.username)

    err = capsys.readouterr().err
    assert "bericht 1 overgeslagen, ongeldig: personen.0.adres" in err
    assert "Dorpsstraat" not in err
    assert list(Report.objects.values_list("police_reference", flat=True)) == ["PL-GOED"]
