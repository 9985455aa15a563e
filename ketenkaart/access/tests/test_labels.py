from ketenkaart.access.labels import action_label, basis_label


def test_known_actions_read_as_plain_dutch():
    assert action_label("household.read") == "Dossier bekeken"
    assert action_label("household.member.add") == "Formulier gezinslid toevoegen verstuurd"


def test_new_actions_read_as_subject_and_verb():
    assert action_label("safety_map.export.pdf") == "Veiligheidskaart: als PDF gemaakt"
    assert action_label("case_meeting.item.read") == "Casusoverleg: bekeken"
    assert action_label("safety_map.section.edit") == "Veiligheidskaart: formulier verstuurd"


def test_a_code_of_an_unknown_subject_stays_as_it_is():
    assert action_label("something.else") == "something.else"


def test_bases_read_as_plain_dutch():
    assert basis_label("involvement") == "Betrokken bij het gezin"
    assert basis_label("case_meeting") == "Deelnemer aan een casusoverleg over het gezin"
    assert basis_label("wmo_5_2_6") == "Wmo 2015 art. 5.2.6 (Veilig Thuis)"
    assert basis_label("vt_region_team") == "Veilig Thuis-team van de regio"
    assert basis_label("invited_party") == "Uitgenodigd door de ventieltafel (zonder namen)"


def test_every_action_an_app_writes_reads_as_dutch():
    """No toegangslog line shows a raw code: every code the apps write has a subject."""
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2]
    written = set()
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        written |= set(re.findall(r'action="([a-z_]+(?:\.[a-z_]+)+)"', path.read_text()))
    assert written, "the scan found no actions"
    raw = sorted(code for code in written if action_label(code) == code)
    assert raw == []
