"""M3 in a real browser: the VT queue, a melding and a meldcode trail pass axe-core, and a
teacher answers the afwegingskader by keyboard-reachable forms."""

import re

import pytest
from playwright.sync_api import expect

from ketenkaart.organisations.models import OrganisationType, Role
from ketenkaart.reports import services
from ketenkaart.reports.inputs import PersonInput, ReporterInput
from ketenkaart.reports.models import PersonRole
from ketenkaart.testing import factories as f

pytestmark = pytest.mark.browser


@pytest.fixture
def vt(vt_org):
    return f.ProfessionalFactory(
        user__username="vt-browser", organisation=vt_org, role=Role.VEILIG_THUIS
    )


@pytest.fixture
def teacher(region):
    org = f.OrganisationFactory(
        region=region, name="School Browser", type=OrganisationType.EDUCATION
    )
    return f.ProfessionalFactory(
        user__username="school-browser", organisation=org, role=Role.REPORTER
    )


@pytest.fixture
def report(teacher, child):
    return services.report_create(
        by=teacher,
        reporter=ReporterInput(name="Lotte Leerkracht", phone="06-11112222"),
        summary="Stil en ongewassen.",
        persons=[
            PersonInput(
                role=PersonRole.CHILD,
                given_names=child.given_names,
                surname=child.surname,
                birth_date=child.birth_date,
                bsn=child.bsn,
            )
        ],
    )


def test_the_vt_pages_are_accessible(page, login, assert_accessible, vt, report):
    login("vt-browser")
    page.goto("/meldingen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Veiligheidsbeoordelingen")
    assert_accessible(page)
    # The queue names the family in each row's link.
    page.get_by_role("link", name=re.compile("^Melding (over|, gezin)")).first.click()
    expect(page.get_by_role("heading", name="Radar", exact=False)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Veiligheidsbeoordeling", exact=True).click()
    assert_accessible(page)
    page.get_by_role("button", name="Beoordeling vastleggen").click()
    expect(page.get_by_text("Controleer wat u hebt ingevuld")).to_be_visible()
    assert_accessible(page)


def test_a_teacher_walks_the_meldcode(page, login, assert_accessible, teacher):
    login("school-browser")
    page.goto("/meldcode/nieuw")
    assert_accessible(page)
    page.get_by_label("Over wie gaat het?").fill("Leerling groep 5")
    page.get_by_role("button", name="Beginnen").click()
    page.get_by_label("Stap 1: de signalen").fill("Stil en ongewassen")
    page.get_by_role("button", name="Bevindingen opslaan").click()
    for _ in range(2):
        page.get_by_label("Ja").check()
        page.get_by_label("Redenen").fill("Zie signalen")
        page.get_by_role("button", name="Antwoord vastleggen").click()
    expect(page.get_by_role("link", name="Nu melden bij Veilig Thuis")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Nu melden bij Veilig Thuis").click()
    assert_accessible(page)
