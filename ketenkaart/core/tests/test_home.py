"""Each role's home: what is due first, only what the gate lets the role see, constant queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ketenkaart.audit.models import AccessEvent
from ketenkaart.households.models import MemberRole
from ketenkaart.notifications.models import Kind
from ketenkaart.notifications.selectors import unread_count
from ketenkaart.notifications.services import notify
from ketenkaart.organisations.models import Role
from ketenkaart.safety_teams import services as safety_teams
from ketenkaart.safety_teams.tests.conftest import (  # noqa: F401 (fixtures)
    MEETING_AT,
    board_member,
    item,
    meeting,
    team,
)
from ketenkaart.testing import factories as f


def household_with_ending_measure(professional, municipality, name):
    household = f.HouseholdFactory(municipality=municipality, name=name)
    child = f.MemberFactory(household=household, role=MemberRole.CHILD).person
    f.InvolvementFactory(household=household, professional=professional, is_lead=True)
    f.CourtMeasureFactory(
        household=household,
        child=child,
        recorded_by=professional,
        ends_on=timezone.localdate() + datetime.timedelta(days=20),
    )
    return household


def test_the_regisseur_starts_at_handovers_actions_and_warnings(
    client, involved, household, municipality, request, time_machine
):
    agenda_item = request.getfixturevalue("item")
    action = safety_teams.action_create(
        by=involved,
        item=agenda_item,
        description="Huisbezoek plannen met moeder",
        owner=involved,
        due_on=MEETING_AT.date() + datetime.timedelta(days=1),
    )
    time_machine.move_to(MEETING_AT + datetime.timedelta(days=10), tick=False)
    household_with_ending_measure(involved, municipality, "Gezin Jansen")
    unread_before = unread_count(involved)
    notify(recipient=involved, kind=Kind.HANDOVER, title="Regie van Gezin Bakker naar u")
    client.force_login(involved.user)

    response = client.get(reverse("start"))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="utrecht-heading-1">Overzicht</h1>' in html
    assert "Regie van Gezin Bakker naar u" in html
    assert "1 actie over de termijn" in html and action.description in html
    assert reverse("households:detail", kwargs={"household_id": action.household_id}) in html
    assert "Gezin Jansen" in html and "Maatregel eindigt over" in html
    # The overview is the first menu item and carries the unread count.
    menu = response.context["menu"]
    assert str(menu[0]["label"]) == "Overzicht" and menu[0]["current"]
    assert [m["count"] for m in menu if str(m["label"]) == "Berichten"] == [unread_before + 1]
    assert f"{unread_before + 1} ongelezen berich" in html
    assert AccessEvent.objects.filter(action="household.list", actor_user_id=involved.user.pk)


def test_the_home_shows_an_outsider_no_family(client, outsider, household, involved):
    notify(recipient=involved, kind=Kind.HANDOVER, title="Regie van Gezin De Vries naar u")
    client.force_login(outsider.user)

    html = client.get(reverse("start")).content.decode()

    assert "Gezin De Vries" not in html
    assert "U hebt geen open acties." in html


def test_the_home_costs_the_same_queries_for_one_family_or_many(
    client, involved, municipality, django_assert_num_queries
):
    client.force_login(involved.user)
    client.get(reverse("start"))  # session and user warm
    household_with_ending_measure(involved, municipality, "Gezin Een")
    # 9: the session with its user, professional, organisation and unread count (core/sessions.py), the offers to
    # take over regie, handovers, tasks and the overdue count, the families with a warning
    # (SQL, eight) and the caseload's count, meetings, the audit row. (The warnings were found by loading the whole caseload.)
    with django_assert_num_queries(9) as one:
        client.get(reverse("start"))
    for n in range(6):
        household_with_ending_measure(involved, municipality, f"Gezin {n}")
        notify(recipient=involved, kind=Kind.HANDOVER, title=f"Overdracht {n}")
    with django_assert_num_queries(len(one.captured_queries)):
        html = client.get(reverse("start")).content.decode()
    assert html.count("Maatregel eindigt over") == 7


@pytest.mark.parametrize(
    ("role", "lands_on"),
    [
        (Role.VEILIG_THUIS, "reports:index"),
        (Role.EXEMPTION_TABLE, "exemptions:index"),
        (Role.POLICY, "exemptions:signals"),
    ],
)
def test_roles_with_one_list_land_on_it(client, local_team, vt_org, role, lands_on):
    organisation = vt_org if role == Role.VEILIG_THUIS else local_team
    professional = f.ProfessionalFactory(organisation=organisation, role=role)
    client.force_login(professional.user)

    response = client.get(reverse("start"))

    assert response.status_code == 302
    assert response["Location"] == reverse(lands_on)


def test_the_privacy_officer_finds_a_familys_access_log_from_home(
    client, privacy_officer, household, involved
):
    other_region = f.HouseholdFactory(name="Gezin Elders")
    client.force_login(privacy_officer.user)

    html = client.get(reverse("start")).content.decode()

    log = reverse("households:access_log", kwargs={"household_id": household.pk})
    assert log in html and "Toegangslog van Gezin De Vries" in html
    assert "Gezin Elders" not in html
    assert str(other_region.pk) not in html
    searched = client.get(reverse("start"), {"zoek": "elders"}).content.decode()
    assert "Geen gezin gevonden met die naam." in searched

    # The log's breadcrumb leads back home, never into the dossier the officer may not read.
    log_html = client.get(log).content.decode()
    assert reverse("households:detail", kwargs={"household_id": household.pk}) not in log_html
    assert f'href="{reverse("start")}"' in log_html
    assert (
        client.get(reverse("households:detail", kwargs={"household_id": household.pk})).status_code
        == 404
    )


def test_the_privacy_officers_list_counts_up_to_a_bound(
    client, monkeypatch, privacy_officer, household, municipality
):
    """A region holds tens of thousands of families: the count stops after COUNTED_UP_TO and
    says "more than", the list shows the first by name, and a search counts what it finds."""
    from ketenkaart.core import home

    for name in ("Gezin Aalders", "Gezin Bakker", "Gezin Bakkers"):
        f.HouseholdFactory(municipality=municipality, name=name)
    monkeypatch.setattr(home, "COUNTED_UP_TO", 3)
    client.force_login(privacy_officer.user)

    html = client.get(reverse("start")).content.decode()
    assert "Meer dan 3 gezinnen gevonden." in html
    assert html.index("Gezin Aalders") < html.index("Gezin Bakker") < html.index("Gezin De Vries")

    monkeypatch.setattr(home, "COUNTED_UP_TO", 4)
    assert "4 gezinnen gevonden." in client.get(reverse("start")).content.decode()
    searched = client.get(reverse("start"), {"zoek": "BAKK"}).content.decode()
    assert "2 gezinnen gevonden." in searched and "Gezin Aalders" not in searched
    # A NUL byte is no part of a name (PostgreSQL refuses it in a parameter): left out.
    searched = client.get(reverse("start"), {"zoek": "BA\x00KK"}).content.decode()
    assert "2 gezinnen gevonden." in searched and 'value="BAKK"' in searched


def test_the_regisseur_still_finds_the_dossier_from_the_access_log(client, involved, household):
    client.force_login(involved.user)
    html = client.get(reverse("households:access_log", kwargs={"household_id": household.pk}))
    assert (
        reverse("households:detail", kwargs={"household_id": household.pk}) in html.content.decode()
    )


def test_the_interface_says_u_never_je():
    """One form of address throughout (issue 13): "u", in every template and every string."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    informal = re.compile(r"\b(je|jij|jou|jouw|jullie)\b", re.IGNORECASE)
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in [*root.rglob("templates/**/*.html"), *root.rglob("templates/**/*.txt")]
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if informal.search(line)
    ]
    assert found == []


def test_every_chart_comes_with_its_data_as_text():
    """Every SVG chart has its data beside it (issue 13; WCAG 1.1.1): a table, or for the
    ecogram the list of everyone in it."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    charts = [p for p in root.rglob("templates/**/*.html") if "<svg" in p.read_text()]
    assert charts  # the scale chart, the buffers film, the ecogram
    for path in charts:
        text = path.read_text()
        assert "<table" in text or 'class="utrecht-unordered-list kk-network"' in text, path
