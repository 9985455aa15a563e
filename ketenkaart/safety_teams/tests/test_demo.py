"""The demo team loads, idempotently, with an overdue action on a later agenda."""

from ketenkaart.demo.loader import load_demo
from ketenkaart.notifications.models import Kind, Notification
from ketenkaart.safety_teams import selectors
from ketenkaart.safety_teams.models import AgendaItem, CaseMeeting, SafetyTeam


def test_the_demo_team_has_a_week_a_case_discussed_twice_and_notices(db, settings):
    settings.KETENKAART_DEMO = True
    load_demo()
    load_demo()
    team = SafetyTeam.objects.get()
    assert CaseMeeting.objects.filter(team=team).count() >= 6
    twice = [
        h
        for h in AgendaItem.objects.values_list("household_id", flat=True)
        if AgendaItem.objects.filter(household_id=h).count() == 2
    ]
    assert twice
    friday = CaseMeeting.objects.filter(team=team).order_by("starts_at")[2]
    assert list(selectors.returning_actions(friday))
    assert Notification.objects.filter(kind=Kind.INVOLVEMENT).exists()
