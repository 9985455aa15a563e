"""Every list and search row names the grant it rested on (issue 10, NEN 7513:2024 §5.2)."""

from ketenkaart.access.labels import BASES
from ketenkaart.audit import services
from ketenkaart.audit.actions import ACTIONS, LIST_GRANTS
from ketenkaart.audit.models import Outcome


def test_every_list_grant_is_a_declared_code_with_a_dutch_basis():
    assert set(LIST_GRANTS) <= set(ACTIONS)
    assert {grant for grant in LIST_GRANTS.values() if grant not in BASES} == set()


def test_a_list_row_gets_its_grant_unless_the_caller_names_one(involved):
    assert services.record(user=involved.user, action="household.list").grant == "involvement"
    given = services.record(user=involved.user, action="report.list", grant="vt_region_team")
    assert given.grant == "vt_region_team"


def test_a_refused_list_names_no_grant(involved):
    event = services.record(user=involved.user, action="household.list", outcome=Outcome.DENIED)
    assert event.grant == "" and event.legal_basis == ""
