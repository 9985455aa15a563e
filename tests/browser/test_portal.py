"""Mijn gezin in a real browser, on a phone (390 px) and a desktop (1280 px): every page passes
axe-core (and reflows at 320 px), the questionnaire block and its answer page included, and a
parent gives their own score with the keyboard."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ketenkaart.households.models import MemberRole
from ketenkaart.organisations.models import Role
from ketenkaart.portal.models import Contribution, FamilyAccount
from ketenkaart.questionnaires import services as questionnaires
from ketenkaart.safety_maps import services as maps
from ketenkaart.testing.factories import ProfessionalFactory, UserFactory

pytestmark = pytest.mark.browser

PAGES = [
    ("/mijn-gezin", "Onze veiligheidskaart"),
    ("/mijn-gezin/wie-keek", "Wie keek in ons dossier"),
    ("/mijn-gezin/verzoeken", "Uw rechten"),
]


@pytest.fixture
def parent_account(household, involved, colleague):
    member = household.members.get(role=MemberRole.PARENT)
    member.has_custody = True
    member.save()
    maps.safety_map_save(
        by=colleague,  # Veilig Thuis: it alone sets the safety conditions
        household=household,
        content={
            "familyWords": "We willen rust in huis.",
            "agreements": [{"who": "Moeder", "what": "Belt oma bij ruzie.", "monitoredBy": "Oma"}],
            "safetyConditions": ["Er wordt niet geslagen."],
        },
        scores=[maps.ScoreInput("professional", colleague.pk, 5, "Afspraken lopen.")],
        base_number=0,
    )
    # An open questionnaire for the parents (the regisseur works at the local team).
    policy = ProfessionalFactory(organisation=involved.organisation, role=Role.POLICY)
    questionnaire = questionnaires.questionnaire_create(
        by=policy,
        title="Voelde u zich gesteund?",
        audience="parents",
        organisations=[involved.organisation],
        closed_questions=[
            "Voelde u zich gesteund?",
            "Hoefde u uw verhaal niet opnieuw te vertellen?",
        ],
        open_question="Wat kan beter?",
        closes_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    questionnaires.questionnaire_send(by=policy, questionnaire=questionnaire)
    user = UserFactory(username="ouder-browser")
    return FamilyAccount.objects.create(
        user=user, member=member, household=household, created_at=timezone.now()
    )


@pytest.mark.parametrize("width", [390, 1280])
def test_mijn_gezin_is_accessible_on_a_phone_and_a_desktop(
    page, login, assert_accessible, parent_account, involved, width
):
    page.set_viewport_size({"width": width, "height": 900})
    login("ouder-browser")
    expect(page.get_by_role("heading", level=1)).to_have_text("Onze veiligheidskaart")
    for path, heading in PAGES:
        response = page.goto(path)
        assert response.status == 200, path
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(page)
    page.goto("/mijn-gezin")
    assert "We willen rust in huis." in page.inner_text("main")
    assert involved.display_name in page.inner_text("main")
    # The questionnaire block (checked by axe with the page above), and its link.
    block = page.get_by_role("region", name="Vragen aan u")
    expect(block).to_contain_text("Wilt u een paar vragen beantwoorden?")
    block.get_by_role("link", name="Vragenlijst “Voelde u zich gesteund?” invullen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Voelde u zich gesteund?")
    assert_accessible(page)


def test_a_parent_gives_a_score_with_the_keyboard(page, login, assert_accessible, parent_account):
    page.set_viewport_size({"width": 390, "height": 900})
    login("ouder-browser")
    page.get_by_label("6", exact=True).check()
    page.get_by_label("Waarom kiest u dit getal?").fill("Het is rustiger.")
    page.get_by_role("button", name="Bewaar mijn score").press("Enter")
    expect(page.get_by_text("Uw score staat nu naast de andere scores.")).to_be_visible()
    assert Contribution.objects.get().score == 6
    # An error is shown at its field, and the page stays accessible.
    page.get_by_role("button", name="Bewaar mijn score").click()
    expect(page.get_by_role("heading", name="Controleer wat u hebt ingevuld")).to_be_visible()
    assert_accessible(page)


def test_the_invitation_page_is_accessible(page, assert_accessible, db):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto("/mijn-gezin/uitnodiging")
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw account voor Mijn gezin maken")
    assert_accessible(page)


def test_the_regisseur_invites_and_the_privacy_pages_are_accessible(
    page, login, assert_accessible, household, involved, outsider, privacy_officer
):
    member = household.members.get(role=MemberRole.PARENT)
    member.has_custody = True
    member.save()
    login("wijkcoach-test")
    page.goto(f"/gezinnen/{household.pk}/gezinsportaal")
    assert_accessible(page)
    page.get_by_label(member.person.full_name, exact=False).check()
    page.get_by_role("button", name="Maak een code").click()
    expect(page.get_by_text("Hij wordt maar één keer getoond", exact=False)).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    login("buitenstaander-test")
    page.goto(f"/gezinnen/{household.pk}/noodtoegang")
    assert_accessible(page)
    page.get_by_label("Waarom heeft u nu toegang nodig?").fill(
        "Politie belt: kind alleen thuis, moeder onbereikbaar."
    )
    page.get_by_role("button", name="Open met noodtoegang").click()
    expect(page.get_by_text("U bent niet betrokken bij dit gezin.", exact=False)).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    login("privacy-test")
    page.goto("/noodtoegang")
    expect(page.get_by_role("heading", level=1)).to_have_text("Noodtoegang beoordelen")
    assert_accessible(page)
    page.goto("/vernietiging")
    assert_accessible(page)
