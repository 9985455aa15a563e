"""Matching ranks by the stated rules, shows its reasons, and never proposes someone at full
capacity without saying so; assigning makes them regisseur through the handover service."""

import datetime

import pytest

from ketenkaart.core.errors import DomainError
from ketenkaart.households.models import Handover, Involvement
from ketenkaart.notifications.models import Kind, Notification
from ketenkaart.organisations.models import Role
from ketenkaart.safety_teams import matching, services
from ketenkaart.safety_teams.tests.conftest import MEETING_AT
from ketenkaart.testing import factories as f


@pytest.fixture
def district(municipality, household):
    district = f.DistrictFactory(municipality=municipality, name="Centrum")
    household.district = district
    household.save()
    return district


def youth(local_team, name, *, expertise=(), capacity=10, districts=(), leads=0):
    professional = f.ProfessionalFactory(
        user__username=name,
        user__last_name=name,
        organisation=local_team,
        role=Role.YOUTH_PROFESSIONAL,
        expertise=list(expertise),
        caseload_capacity=capacity,
    )
    professional.districts.set(districts)
    for _ in range(leads):
        f.InvolvementFactory(professional=professional, is_lead=True)
    return professional


@pytest.fixture
def serving(local_team, municipality):
    local_team.municipalities.add(municipality)
    return local_team


def names(candidates):
    return [c.professional.user.username for c in candidates]


def test_it_ranks_by_area_expertise_capacity_and_continuity(household, district, serving, involved):
    youth(serving, "expert", expertise=["addiction", "safety_plus"], districts=[district])
    youth(serving, "local", districts=[district])
    elsewhere = youth(serving, "elsewhere", expertise=["addiction"])
    youth(
        serving,
        "busy",
        expertise=["addiction", "safety_plus"],
        districts=[district],
        capacity=3,
        leads=2,
    )
    f.InvolvementFactory(household=household, professional=elsewhere)

    ranked = matching.candidates(household, ["addiction", "safety_plus"])
    scores = {c.professional.user.username: c.score for c in ranked}
    # expert: district 3 + 2×2 expertise + 2 capacity = 9; busy: 3 + 4 + 1 = 8;
    # elsewhere: municipality 1 + 2 + 2 + involved now 3 = 8 (more free places than busy);
    # the regisseur now: 1 + 0 + 2 + 3 = 6; local: 3 + 0 + 2 = 5.
    assert scores["expert"] == 9
    assert scores["busy"] == 8
    assert scores["elsewhere"] == 8
    assert scores["local"] == 5
    assert names(ranked) == ["expert", "elsewhere", "busy", "wijkcoach-test", "local"]
    reasons = [r.text for r in ranked[0].reasons]
    assert any("wijk van het gezin" in r for r in reasons)
    assert any("Expertise" in r for r in reasons)
    assert any("Is nu al betrokken" in r.text for r in ranked[1].reasons)


def test_someone_at_full_capacity_comes_last_and_is_marked_full(
    household, district, serving, involved
):
    full = youth(
        serving, "full", expertise=["addiction"], districts=[district], capacity=2, leads=2
    )
    youth(serving, "free", capacity=10)
    ranked = matching.candidates(household, ["addiction"])
    last = ranked[-1]
    assert last.professional == full
    assert last.at_capacity
    assert any(r.text.startswith("Vol:") for r in last.reasons)
    assert all(not c.at_capacity for c in ranked[:-1])


def test_the_matching_page_says_full_in_words(
    client, time_machine, household, district, serving, item, jeugdbeschermer
):
    youth(serving, "full", expertise=["safety_plus"], districts=[district], capacity=1, leads=1)
    time_machine.move_to(MEETING_AT + datetime.timedelta(minutes=5), tick=False)
    client.force_login(jeugdbeschermer.user)
    page = client.get(f"/agendapunten/{item.pk}/matching").content.decode()
    assert "Vol: geen plek vrij" in page


def test_assigning_makes_the_match_regisseur_and_tells_both(
    time_machine, household, serving, item, involved, jeugdbeschermer
):
    chosen = youth(serving, "chosen", expertise=["safety_plus"])
    # Only a participant who may change the family assigns (issue 9): the GI is involved too.
    f.InvolvementFactory(household=household, professional=jeugdbeschermer)
    time_machine.move_to(MEETING_AT + datetime.timedelta(minutes=30), tick=False)
    services.matching_assign(by=jeugdbeschermer, item=item, to=chosen, reason="Veiligheid-plus")
    lead = Involvement.objects.get(household=household, is_lead=True)
    assert lead.professional == chosen
    assert Handover.objects.filter(household=household, to_professional=chosen).exists()
    assert Notification.objects.filter(recipient=chosen, kind=Kind.MATCH).exists()
    assert Notification.objects.filter(recipient=involved, kind=Kind.HANDOVER).exists()


def test_the_handover_rules_still_apply(time_machine, item, jeugdbeschermer):
    time_machine.move_to(MEETING_AT + datetime.timedelta(minutes=30), tick=False)
    # A GI jeugdbeschermer cannot take regie without a court measure.
    with pytest.raises(DomainError):
        services.matching_assign(by=jeugdbeschermer, item=item, to=jeugdbeschermer, reason="x")
