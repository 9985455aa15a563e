"""The grant the gate finds in the household's own statement (issue 17) is the grant that
grant_for finds for a household loaded otherwise, for every rule, in one statement (the same
rules: gate._with_answers); and it is used once, so a later question in the same request sees
a change."""

import datetime

import pytest
from django.utils import timezone

from ketenkaart.access import gate
from ketenkaart.access.models import EmergencyAccess
from ketenkaart.organisations.models import Role
from ketenkaart.safety_teams.models import AgendaItem, CaseMeeting, SafetyTeam
from ketenkaart.testing import factories as f


def _found(professional, household, django_assert_num_queries):
    """The grant through the household's own statement, beside the one grant_for asks."""
    loaded = gate._load(household.pk, professional)
    assert "_grant_found" in loaded.__dict__
    found = gate.grant_for(professional.user, loaded)
    with django_assert_num_queries(1):  # whichever rule answers (there were up to three)
        asked = gate.grant_for(professional.user, household)
    return found, asked


def _emergency(household, professional, *, hours):
    now = timezone.now()
    EmergencyAccess.objects.create(
        household=household,
        professional=professional,
        reason="Acute melding politie, regisseur onbereikbaar",
        granted_at=now - datetime.timedelta(hours=1),
        expires_at=now + datetime.timedelta(hours=hours),
    )


def _meeting(household, professional, region, *, days_ago):
    team = SafetyTeam.objects.create(name=f"Team {days_ago}", region=region)
    starts = timezone.now() - datetime.timedelta(days=days_ago)
    meeting = CaseMeeting.objects.create(
        team=team,
        region=region,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        access_until=starts + datetime.timedelta(days=14),
        created_at=starts,
    )
    meeting.participants.add(professional)
    AgendaItem.objects.create(
        meeting=meeting,
        household=household,
        presented_by=professional,
        question="Wat is nodig?",
        map_version=1,
        position=1,
        added_at=starts,
    )


@pytest.mark.parametrize(
    "who, expected",
    [
        ("regisseur", gate.Grant.INVOLVEMENT),
        ("colleague", gate.Grant.INVOLVEMENT),
        ("team mate", gate.Grant.TEAM),
        ("local team mate", None),
        ("ended", None),
        ("emergency", gate.Grant.EMERGENCY),
        ("expired emergency", None),
        ("case meeting", gate.Grant.CASE_MEETING),
        ("closed case meeting", None),
        ("outsider", None),
    ],
)
def test_the_grant_in_the_households_statement_is_grant_fors(
    who,
    expected,
    household,
    involved,
    colleague,
    vt_org,
    local_team,
    region,
    django_assert_num_queries,
):
    professional = {
        "regisseur": involved,
        "colleague": colleague,
        "team mate": None,
        "ended": colleague,
    }.get(who) or f.ProfessionalFactory(
        organisation=vt_org if who == "team mate" else local_team, role=Role.YOUTH_PROFESSIONAL
    )
    if who == "ended":
        household.involvements.filter(professional=colleague).update(ended_on=timezone.localdate())
    if who in ("emergency", "expired emergency"):
        _emergency(household, professional, hours=72 if who == "emergency" else -0.5)
    if who in ("case meeting", "closed case meeting"):
        _meeting(household, professional, region, days_ago=1 if who == "case meeting" else 30)
    assert _found(professional, household, django_assert_num_queries) == (expected, expected)


def test_the_found_grant_is_used_once(household, colleague):
    loaded = gate._load(household.pk, colleague)
    household.involvements.filter(professional=colleague).update(ended_on=timezone.localdate())
    assert gate.grant_for(colleague.user, loaded) == gate.Grant.INVOLVEMENT  # as loaded
    assert gate.grant_for(colleague.user, loaded) is None  # asked again: the ended involvement


def test_it_is_found_only_for_whom_it_was_loaded(household, involved, outsider):
    loaded = gate._load(household.pk, involved)
    assert gate.grant_for(outsider.user, loaded) is None


def test_no_grant_is_looked_for_a_professional_who_does_not_work_with_families(household, police):
    f.InvolvementFactory(household=household, professional=police)
    loaded = gate._load(household.pk, police)
    assert "_grant_found" not in loaded.__dict__
    assert gate.grant_for(police.user, loaded) is None
