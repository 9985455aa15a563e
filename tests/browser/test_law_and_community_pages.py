"""The pages added for issues 11 and 14 in a real browser, each passing axe-core: marking a
melding acute, withdrawing anonymity, stopping a trail, a machtiging carried out; help offers
in a case discussion and on the family; the leerwerkgemeenschap; editing a guide entry; a
consult turned into a signal."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ketenkaart.community import learning, offers
from ketenkaart.community import services as community
from ketenkaart.community.models import GuideEntry, Subject
from ketenkaart.households import services as households
from ketenkaart.households.models import MeasureType
from ketenkaart.organisations.models import OrganisationType, Role
from ketenkaart.reports import services as reports
from ketenkaart.reports.inputs import PersonInput, ReporterInput
from ketenkaart.reports.models import PersonRole
from ketenkaart.safety_teams import services as teams
from ketenkaart.safety_teams.models import SafetyTeam
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


def test_the_decision_pages_of_issue_11_are_accessible(page, login, assert_accessible, vt, teacher):
    report = reports.report_create(
        by=teacher,
        reporter=ReporterInput(name="Lotte Leerkracht", phone="06-11112222"),
        summary="Stil en ongewassen.",
        persons=[PersonInput(role=PersonRole.CHILD, given_names="Noor", surname="Test")],
        anonymity_requested=True,
    )
    reports.report_promise_anonymity(by=vt, report=report)
    login("vt-browser")
    for rest, heading in (("/acuut", "Deze melding is acuut"), ("/anonimiteit/intrekken", "")):
        assert page.goto(f"/meldingen/{report.pk}{rest}").status == 200
        if heading:
            expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(page)
    page.get_by_role("button", name="Toezegging intrekken").click()
    expect(page.get_by_text("Controleer wat u hebt ingevuld")).to_be_visible()
    assert_accessible(page)


def test_stopping_a_trail_is_accessible(page, login, assert_accessible, teacher):
    trail = reports.trail_start(by=teacher, subject="Leerling groep 5")
    login("school-browser")
    assert page.goto(f"/meldcode/{trail.pk}/stoppen").status == 200
    assert_accessible(page)


def test_recording_a_machtigings_use_is_accessible(
    page, login, assert_accessible, child, involved, household
):
    today = timezone.localdate()
    ots = households.measure_record(
        by=involved, household=household, child=child, type=MeasureType.SUPERVISION,
        starts_on=today, ends_on=today + datetime.timedelta(days=200), court="Rechtbank",
    )  # fmt: skip
    placement = households.measure_record(
        by=involved, household=household, child=child, type=MeasureType.OUT_OF_HOME_PLACEMENT,
        starts_on=today, ends_on=today + datetime.timedelta(days=200), court="Rechtbank",
        supervision=ots,
    )  # fmt: skip
    login("wijkcoach-test")
    url = f"/gezinnen/{household.pk}/maatregelen/{placement.pk}/tenuitvoerlegging"
    assert page.goto(url).status == 200
    assert_accessible(page)


def test_the_community_pages_of_issue_14_are_accessible(
    page, login, assert_accessible, involved, jeugdbeschermer, household, municipality,
    local_team, teacher,
):  # fmt: skip
    team = SafetyTeam.objects.create(name="Veiligheidsteam Test", region=household.region)
    team.members.set([involved, jeugdbeschermer])
    meeting = teams.meeting_create(
        by=involved, team=team, starts_at=timezone.now() + datetime.timedelta(minutes=1)
    )
    item = teams.agenda_item_add(
        by=involved, meeting=meeting, household=household, question="Wat nu?", tags=[]
    )
    meeting.__class__.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    for kind in ("childcare", "sport"):
        offers.help_offer_make(
            by=jeugdbeschermer, item=item, kind=kind, description="Gaat mee naar de JGZ."
        )
    district = f.DistrictFactory(municipality=municipality, name="Oost")
    household.district = district
    household.save(update_fields=["district"])
    entry = GuideEntry.objects.create(
        organisation=local_team, district=district, subject=Subject.LOCAL_TEAM,
        contact_name="Sanne", role="Contactpersoon wijkteam", phone="0201234567",
        professional=involved, updated_at=timezone.now(),
    )  # fmt: skip
    group = learning.learning_community_create(
        name="Leerwerkgemeenschap Oost", district=district, members=[involved, teacher]
    )
    learning.learning_session_record(
        by=involved, community=group, held_on=timezone.localdate(), theory="De buffers",
        attendees=[involved, teacher],
        cases=[learning.CaseInput("Moeder van een tweeling", "Houding", "Opvang gaat mee")],
    )  # fmt: skip
    login("wijkcoach-test")
    for path in (
        f"/agendapunten/{item.pk}/hulpaanbod",
        f"/gezinnen/{household.pk}/hulpaanbod",
        "/leerwerkgemeenschappen",
        f"/leerwerkgemeenschappen/{group.pk}",
        f"/leerwerkgemeenschappen/{group.pk}/bijeenkomsten/nieuw",
        f"/wijken/{district.pk}/gids/{entry.pk}/wijzigen",
    ):
        response = page.goto(path)
        assert response.status == 200, path
        assert_accessible(page)


def test_a_consult_becomes_a_signal_in_accessible_pages(
    page, login, assert_accessible, involved, municipality, local_team, teacher
):
    district = f.DistrictFactory(municipality=municipality, name="Oost")
    GuideEntry.objects.create(
        organisation=local_team, district=district, subject=Subject.LOCAL_TEAM,
        contact_name="Sanne", role="Contactpersoon wijkteam", phone="0201234567",
        professional=involved, updated_at=timezone.now(),
    )  # fmt: skip
    consult = community.consult_ask(
        by=teacher, district=district, question="Een leerling heeft vaak honger."
    )
    login("school-browser")
    assert page.goto(f"/consulten/{consult.pk}").status == 200
    assert_accessible(page)
    page.get_by_role("button", name="Signaal geven met het gezin genoemd").click()
    expect(page.get_by_text("Controleer wat u hebt ingevuld")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Voornaam van het kind").fill("Sam")
    page.get_by_label("Achternaam van het kind").fill("Voorbeeld")
    page.get_by_label("De ouders (of de jongere van 16 of ouder)", exact=False).check()
    page.get_by_role("button", name="Signaal geven met het gezin genoemd").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signaal aan het wijkteam")
    assert_accessible(page)
