"""Buffers, good-parent moments, the network (ecomap), the guide and consults in a real
browser: every page passes axe-core, and the network can be worked with the keyboard alone."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ketenkaart.buffers import services
from ketenkaart.community.models import GuideEntry, Subject
from ketenkaart.households.models import MemberRole
from ketenkaart.safety_maps.models import SafetyMapVersion
from ketenkaart.testing.factories import DistrictFactory

pytestmark = pytest.mark.browser


def test_the_buffers_moments_and_network_pages_are_accessible(
    page, login, assert_accessible, involved, household
):
    parent = household.members.get(role=MemberRole.PARENT).person
    today = timezone.localdate()
    for days, view, footing in ((30, "parent", "needs_support"), (3, "professional", "growing")):
        services.buffer_observation_record(
            by=involved,
            household=household,
            parent_id=parent.pk,
            view=view,
            area="network",
            footing=footing,
            words="Oma helpt op woensdag.",
            observed_on=today - datetime.timedelta(days=days),
        )
    services.good_moment_record(
        by=involved,
        household=household,
        what="Huiswerk zonder ruzie.",
        noticed_by="moeder zelf",
        occurred_on=today,
        in_parents_words=True,
    )
    services.network_person_add(
        by=involved, household=household, name="Oma Ria", kind="family", closeness="close"
    )
    login("wijkcoach-test")

    for rest, heading in [
        ("/buffers", "Buffers door de tijd"),
        ("/buffers/nieuw", "Buffer of taak vastleggen"),
        ("/goede-momenten", "Goede momenten"),
        ("/goede-momenten/nieuw", "Goed moment vastleggen"),
        ("/netwerk", "Netwerk van het gezin"),
    ]:
        response = page.goto(f"/gezinnen/{household.pk}{rest}")
        assert response.status == 200, rest
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(page)


def test_the_network_is_added_to_and_read_with_the_keyboard_alone(
    page, login, assert_accessible, involved, household
):
    login("wijkcoach-test")
    page.goto(f"/gezinnen/{household.pk}/netwerk")

    page.get_by_label("Naam").focus()
    page.keyboard.type("Buurvrouw Ans")
    page.keyboard.press("Tab")  # the kind select
    page.keyboard.press("Tab")  # relation
    page.keyboard.type("buurvrouw")
    page.keyboard.press("Tab")  # helps with
    page.keyboard.type("Bellen bij ruzie")
    page.keyboard.press("Tab")  # the first closeness radio
    page.keyboard.press("Space")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The screen reader's way in: the list holds what the ecomap draws.
    expect(page.get_by_role("list").filter(has_text="Buurvrouw Ans")).to_contain_text(
        "Bellen bij ruzie"
    )
    expect(page.get_by_role("img", name="Ecogram met 1 persoon rond het gezin")).to_be_visible()
    assert SafetyMapVersion.objects.get().content["network"][0]["closeness"] == "close"
    assert_accessible(page)


def test_the_guide_and_the_consult_pages_are_accessible(
    page, login, assert_accessible, involved, municipality, local_team
):
    district = DistrictFactory(municipality=municipality, name="Oost")
    GuideEntry.objects.create(
        organisation=local_team,
        district=district,
        subject=Subject.LOCAL_TEAM,
        contact_name="Sanne",
        role="Contactpersoon wijkteam",
        phone="0201234567",
        where_and_when="dinsdag in de leraarskamer",
        updated_at=timezone.now(),
    )
    login("wijkcoach-test")

    for path in (
        "/wijken",
        f"/wijken/{district.pk}/gids",
        f"/wijken/{district.pk}/gids/nieuw",
        "/consulten",
    ):
        response = page.goto(path)
        assert response.status == 200, path
        assert_accessible(page)
