"""Each role's menu and start page: the places its work happens, nothing it may not use."""

import pytest
from django.urls import reverse, set_script_prefix

from ketenkaart.organisations.models import Role
from ketenkaart.testing import factories as f


def menu_of(client, professional):
    client.force_login(professional.user)
    response = client.get(reverse("start"), follow=True)
    return response, [str(item["label"]) for item in response.context["menu"]]


def test_a_wijkcoach_works_with_families_teams_and_the_ventieltafel(client, involved):
    response, menu = menu_of(client, involved)
    assert response.request["PATH_INFO"] == reverse("start")
    assert menu[:3] == ["Overzicht", "Mijn gezinnen", "Nieuw gezin"]
    assert "Ventieltafel" in menu
    assert "Meldcode" not in menu


def test_police_see_only_their_own_reports(client, police):
    response, menu = menu_of(client, police)
    assert response.request["PATH_INFO"] == reverse("reports:index")
    assert menu == ["Mijn meldingen", "Berichten"]


@pytest.mark.parametrize(
    ("role", "lands_on"),
    [(Role.EXEMPTION_TABLE, "exemptions:index"), (Role.POLICY, "exemptions:signals")],
)
def test_the_table_and_policy_start_at_the_ventieltafel(client, local_team, role, lands_on):
    response, menu = menu_of(client, f.ProfessionalFactory(organisation=local_team, role=role))
    assert response.request["PATH_INFO"] == reverse(lands_on)
    assert "Mijn gezinnen" not in menu


def test_a_school_walks_the_meldcode(client, local_team):
    school = f.ProfessionalFactory(organisation=local_team, role=Role.REPORTER)
    _, menu = menu_of(client, school)
    assert menu == ["Mijn meldingen", "Meldcode", "Wijkgids", "Consulten", "Berichten"]


def test_police_are_not_offered_the_meldcode_on_their_reports_page(client, police):
    response, _ = menu_of(client, police)
    assert reverse("reports:trails") not in response.content.decode()


def test_the_menu_and_footer_links_follow_the_script_prefix(client, involved):
    """The menu's and the footer's URLs are reversed once per process, per script prefix: an
    installation served under a path keeps its prefix, the one under the root has none."""
    client.force_login(involved.user)
    at_root = client.get("/over/help").content.decode()
    set_script_prefix("/ketenkaart/")  # what the WSGI handler does for SCRIPT_NAME
    try:
        under_path = client.get("/over/help").content.decode()
    finally:
        set_script_prefix("/")

    assert f'href="/ketenkaart{reverse("households:create")}"' in under_path
    assert 'href="/ketenkaart/over/privacy"' in under_path
    assert f'href="{reverse("households:create")}"' in at_root and "/ketenkaart/over" not in at_root
