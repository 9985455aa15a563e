"""The scheduler's entry: each task does its work once, and again nothing."""

import pytest
from django.core.management import call_command

from ketenkaart.safety_teams.models import InvolvementNotice


@pytest.mark.parametrize("task", ["plan", "deadlines"])
def test_the_periodic_tasks_run_without_teams_or_actions(db, task, capsys):
    call_command("safety_teams", task)
    assert capsys.readouterr().out.startswith("0 ")


def test_notices_tell_professionals_of_two_organisations_about_each_other_once(
    household, involved, colleague, capsys
):
    call_command("safety_teams", "notices", "--since-days", "60")
    recipients = set(InvolvementNotice.objects.values_list("recipient_id", "about_id"))
    assert recipients == {(involved.pk, colleague.pk), (colleague.pk, involved.pk)}
    call_command("safety_teams", "notices", "--since-days", "60")
    assert InvolvementNotice.objects.count() == 2
    assert capsys.readouterr().out.splitlines() == [
        "2 berichten over wie er ook betrokken is.",
        "0 berichten over wie er ook betrokken is.",
    ]


def test_notices_leave_out_families_whose_involvements_are_old(household, involved, colleague):
    call_command("safety_teams", "notices")  # both started 30 days ago; the window is 2 days
    assert not InvolvementNotice.objects.exists()
