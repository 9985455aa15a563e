"""The monitor's dashboard in a real browser: axe-core finds nothing serious, it reflows at
320 px, and the charts are images with a name whose numbers are in the table beside them."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ketenkaart.monitor.models import Cell
from ketenkaart.organisations.models import Role
from ketenkaart.testing import factories as f

pytestmark = pytest.mark.browser


def test_the_dashboard_is_accessible_and_every_chart_has_its_table(
    page, login, assert_accessible, region, municipality
):
    org = f.OrganisationFactory(region=region, name="Gemeente Testdorp")
    f.ProfessionalFactory(user__username="beleid-test", organisation=org, role=Role.POLICY)
    today = timezone.localdate().replace(day=1)
    months = []
    for _n in range(12):
        today = (today - datetime.timedelta(days=1)).replace(day=1)
        months.append(today)
    Cell.objects.bulk_create(
        [
            Cell(
                indicator=code,
                region=region,
                period="month",
                period_start=start,
                series=s,
                series_label=label,
                base=20 + i,
                total=15 + i % 5,
            )
            for i, start in enumerate(months)
            for code, s, label in (
                ("meldingen", "", ""),
                ("beoordeling_tijdig", "", ""),
                ("meldingen_melder", "police", "Politie"),
                ("meldingen_melder", "professional", "Professional"),
                ("meldingen_melder", "", ""),
            )
        ]
        + [
            Cell(
                indicator="verwijzingen",
                region=region,
                period="month",
                period_start=months[0],
                series="court",
                series_label="Kinderrechter",
                base=3,
                total=3,
            )
        ]
    )
    login("beleid-test")
    page.get_by_role("link", name="Monitor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Monitor: Regio Testland")
    expect(
        page.get_by_role("img", name="Veiligheidsbeoordeling binnen 5 werkdagen")
    ).to_be_visible()
    expect(
        page.get_by_role("table", name="Veiligheidsbeoordeling binnen 5 werkdagen (procent)")
    ).to_be_visible()
    assert_accessible(page)
    page.locator("select[name=per]").select_option("kwartaal")
    page.get_by_role("button", name="Toon").click()
    expect(page.get_by_role("table", name="Meldingen (aantal)")).to_contain_text("K")
    assert_accessible(page)
