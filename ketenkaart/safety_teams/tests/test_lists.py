"""Mijn taken and Berichten as lists that scale: search, filters and sort in the URL, paging
that keeps them, a family named only where its reader may see it, and the same number of
queries for five rows or fifty."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ketenkaart.notifications import selectors as inbox
from ketenkaart.notifications.models import Kind, Notification
from ketenkaart.safety_teams.models import Action, ActionState, CaseMeeting, SafetyTeam
from ketenkaart.testing import factories as f


def add_actions(item, owner, count, *, description="Bel school", household=None, **extra):
    now = timezone.now()
    for n in range(count):
        Action.objects.create(
            item=item,
            household=household or item.household,
            team=item.meeting.team,
            description=f"{description} {n}",
            owner=owner,
            due_on=extra.pop("due_on", timezone.localdate() + datetime.timedelta(days=n + 1)),
            created_by=owner,
            created_at=now,
            **extra,
        )


def add_messages(recipient, count, *, title="Nieuwe actie", kind=Kind.ACTION, read=False):
    now = timezone.now()
    Notification.objects.bulk_create(
        Notification(
            recipient=recipient,
            kind=kind,
            title=f"{title} {n}",
            created_at=now - datetime.timedelta(minutes=n),
            read_at=now if read else None,
        )
        for n in range(count)
    )


def shown(response) -> list[str]:
    return [row.description for row in response.context["page"].object_list]


def queries(client, url, params) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, params).status_code == 200
    return len(context.captured_queries)


def test_tasks_are_searched_filtered_and_sorted(client, involved, item):
    add_actions(item, involved, 2, description="Bel school")
    add_actions(item, involved, 1, description="Huisbezoek", due_on=datetime.date(2020, 1, 1))
    add_actions(
        item,
        involved,
        1,
        description="Verslag",
        state=ActionState.DONE,
        closed_at=timezone.now(),
    )
    client.force_login(involved.user)
    url = reverse("safety_teams:tasks")

    assert shown(client.get(url, {"zoek": "school"})) == ["Bel school 0", "Bel school 1"]
    assert shown(client.get(url, {"zoek": "de vries"}))[:1] == ["Huisbezoek 0"]
    assert shown(client.get(url, {"status": "done"})) == ["Verslag 0"]
    assert shown(client.get(url, {"termijn": "verlopen"})) == ["Huisbezoek 0"]
    assert shown(client.get(url))[-1] == "Verslag 0"  # open ones first
    html = client.get(url, {"zoek": "niets dergelijks"}).content.decode()
    assert "Geen taken gevonden met deze zoekterm of filters." in html
    assert 'value="niets dergelijks"' in html


def test_a_task_names_and_links_its_family_only_for_who_may_read_it(
    client, involved, item, municipality
):
    hidden = f.HouseholdFactory(municipality=municipality, name="Gezin Verborgen")
    add_actions(item, involved, 1, description="Afspraak", household=hidden)
    add_actions(item, involved, 1, description="Gesprek")
    client.force_login(involved.user)
    url = reverse("safety_teams:tasks")

    html = client.get(url).content.decode()
    assert "Gezin Verborgen" not in html
    assert "Geen toegang tot het dossier" in html
    assert reverse("households:detail", kwargs={"household_id": hidden.pk}) not in html
    assert reverse("households:detail", kwargs={"household_id": item.household_id}) in html
    assert shown(client.get(url, {"zoek": "verborgen"})) == []


def test_paging_the_tasks_keeps_the_search_and_sort(client, involved, item):
    add_actions(item, involved, 55)
    client.force_login(involved.user)
    html = client.get(reverse("safety_teams:tasks"), {"zoek": "bel", "sorteer": "gezin"})
    assert 'href="?zoek=bel&amp;sorteer=gezin&amp;pagina=2"' in html.content.decode()


def test_a_searched_task_list_costs_the_same_queries_for_5_or_50_tasks(client, involved, item):
    client.force_login(involved.user)
    url, params = reverse("safety_teams:tasks"), {"zoek": "bel", "status": "open"}
    add_actions(item, involved, 5)
    five = queries(client, url, params)
    add_actions(item, involved, 45)
    assert queries(client, url, params) == five


def test_messages_are_searched_filtered_and_sorted(client, involved):
    add_messages(involved, 2, title="Regie overgedragen", kind=Kind.HANDOVER)
    add_messages(involved, 3, title="Nieuwe actie", read=True)
    client.force_login(involved.user)
    url = reverse("safety_teams:inbox")

    def titles(params):
        return [n.title for n in client.get(url, params).context["page"].object_list]

    assert titles({"zoek": "regie"}) == ["Regie overgedragen 0", "Regie overgedragen 1"]
    assert titles({"soort": "action"}) == ["Nieuwe actie 0", "Nieuwe actie 1", "Nieuwe actie 2"]
    assert len(titles({"gelezen": "nee"})) == 2
    assert titles({"sorteer": "oudste", "soort": "handover"})[0] == "Regie overgedragen 1"
    assert len(titles({"soort": "onzin"})) == 5  # a stale value filters nothing


def test_nobody_finds_another_ones_messages(client, involved, outsider):
    add_messages(involved, 2, title="Regie overgedragen")
    client.force_login(outsider.user)
    response = client.get(reverse("safety_teams:inbox"), {"zoek": "regie"})
    assert list(response.context["page"].object_list) == []
    assert "Regie overgedragen" not in response.content.decode()


def test_the_inbox_costs_the_same_queries_for_5_or_50_messages(client, involved):
    client.force_login(involved.user)
    url, params = reverse("safety_teams:inbox"), {"zoek": "actie", "gelezen": "nee"}
    add_messages(involved, 5)
    five = queries(client, url, params)
    add_messages(involved, 45)
    assert queries(client, url, params) == five


@pytest.mark.parametrize(
    "params",
    [{}, {"zoek": "regie"}, {"soort": "action", "sorteer": "oudste"}, {"gelezen": "nee"}],
)
def test_the_prepared_inbox_gives_the_ordinary_pages(rf, involved, outsider, params):
    add_messages(involved, 3, title="Regie overgedragen", kind=Kind.HANDOVER)
    add_messages(involved, 4, title="Nieuwe actie", read=True)
    add_messages(outsider, 2, title="Regie van een ander", kind=Kind.HANDOVER)

    def run(n, prepared):
        request = rf.get("/berichten", {**params, "pagina": n})
        request.user = involved.user
        if prepared:
            values = {"professional": involved.pk}
            return inbox.INBOX.run_prepared(request, inbox.prepared_inbox, values, per_page=2)
        return inbox.INBOX.run(request, inbox.inbox(involved), per_page=2)

    def pages(prepared) -> list[list]:
        first = run(1, prepared)
        return [
            [m.pk for m in run(n, prepared).page.object_list]
            for n in first.page.paginator.page_range
        ]

    assert pages(True) == pages(False)
    assert run(1, True).page.paginator.count == run(1, False).page.paginator.count
    assert all(m.recipient_id == involved.pk for m in run(1, True).page.object_list)


def add_meetings(team, count, *, start, step_days=7):
    for n in range(count):
        starts = start + datetime.timedelta(days=step_days * n)
        CaseMeeting.objects.create(
            team=team,
            region=team.region,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=1),
            access_until=starts + datetime.timedelta(days=14),
            created_at=timezone.now(),
        )


def test_the_team_page_lists_coming_meetings_unless_asked_for_others(
    client, involved, team, region, outsider
):
    now = timezone.now()
    add_meetings(team, 2, start=now + datetime.timedelta(days=1))
    add_meetings(team, 3, start=now - datetime.timedelta(days=60))
    other = SafetyTeam.objects.create(name="Ander team", region=region)
    other.members.set([involved, outsider])
    add_meetings(other, 1, start=now + datetime.timedelta(days=2))
    client.force_login(involved.user)
    url = reverse("safety_teams:teams")

    def meetings(params=None):
        return list(client.get(url, params or {}).context["page"].object_list)

    coming = meetings()
    assert len(coming) == 3
    assert coming == sorted(coming, key=lambda m: m.starts_at)
    assert len(meetings({"periode": "eerder"})) == 3
    assert len(meetings({"periode": "alle"})) == 6
    assert {m.team_id for m in meetings({"team": str(other.pk)})} == {other.pk}
    latest_first = meetings({"periode": "alle", "sorteer": "laatst"})
    assert latest_first[0].starts_at > latest_first[-1].starts_at

    client.force_login(outsider.user)
    assert {m.team_id for m in meetings({"team": str(team.pk), "periode": "alle"})} == {other.pk}


def test_the_team_page_costs_the_same_queries_for_5_or_50_meetings(client, involved, team):
    client.force_login(involved.user)
    url, params = reverse("safety_teams:teams"), {"periode": "alle", "team": str(team.pk)}
    add_meetings(team, 5, start=timezone.now())
    five = queries(client, url, params)
    add_meetings(team, 45, start=timezone.now() + datetime.timedelta(days=1000))
    assert queries(client, url, params) == five
