"""The demo stories: buffers at several moments in both views, moments, and the network."""

import pytest

from ketenkaart.buffers import demo as buffers_demo
from ketenkaart.buffers import selectors
from ketenkaart.buffers.models import BufferObservation, GoodMoment
from ketenkaart.demo import loader


@pytest.fixture
def demo(db):
    return loader.load_demo()


def test_the_three_stories_have_a_film_with_several_moments_and_a_second_run_adds_nothing(demo):
    households = {o.household_id for o in BufferObservation.objects.all()}
    assert len(households) == 3
    for household_id in households:
        days = set(
            BufferObservation.objects.filter(household_id=household_id).values_list(
                "observed_on", flat=True
            )
        )
        assert len(days) >= 3
        assert GoodMoment.objects.filter(household_id=household_id).count() >= 2
    count = BufferObservation.objects.count()

    assert buffers_demo.seed(demo) == 0
    assert BufferObservation.objects.count() == count


def test_the_twins_story_has_childcare_community_work_and_jgz_in_its_network(demo):
    household = buffers_demo._household(5, demo.region)

    _number, people = selectors.network(household)

    kinds = {p.name: p.kind for p in people}
    assert kinds["Pedagogisch medewerker opvang"] == "professional"
    assert "Moedergroep van het opbouwwerk" in kinds
    assert "JGZ-verpleegkundige" in kinds


def test_the_demo_guide_names_the_wijkteam_contact_and_a_teacher_consults_them(demo):
    from ketenkaart.community.demo import seed as community_seed
    from ketenkaart.community.models import Consult, GuideEntry

    centrum = demo.districts["Vlietdam", "Centrum"]
    contact = GuideEntry.objects.get(district=centrum, subject="local_team").professional
    consult = Consult.objects.get(district=centrum)
    assert consult.contact == contact
    assert consult.asked_by == demo.professionals["school"]
    count = GuideEntry.objects.count()

    community_seed(demo)

    assert GuideEntry.objects.count() == count
    assert Consult.objects.count() == 1
