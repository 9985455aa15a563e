"""Every click's reads through the API, as a script calls them (bearer token, no session): a
fixed number of statements whatever the family (issue 17), and the same answer and audit row
on the second call, when the queries are no longer compiled but reused."""

from django.test import Client

from ketenkaart.api.models import ApiToken, hash_token
from ketenkaart.api.tests.conftest import url
from ketenkaart.audit.models import AccessEvent
from ketenkaart.testing import factories as f

# The token with its user and professional; the household with its members' ids and the
# grant's rules as EXISTS (access/gate.py); the audit INSERT; the dossier's four lists
# (members, involvements, measures, handovers) in one UNION ALL (households/selectors.py).
# 8 before: the grant and each list were statements of their own.
DOSSIER_READ = 4
# The token; the household with whether the caller is its regisseur (gate.access_household_log);
# the audit INSERT; the count and the page, each actor's organisation in the page's own
# statement (households/api/access_log.py). 7 before, when the organisations were a statement
# of their own; 6 when the regisseur's involvement was.
ACCESS_LOG_READ = 5


def _bearer(professional) -> Client:
    raw = ApiToken.new_raw()
    ApiToken.objects.create(user=professional.user, digest=hash_token(raw))
    return Client(headers={"authorization": f"Bearer {raw}"})


def test_the_dossier_read_is_a_fixed_number_of_statements(
    household, involved, colleague, django_assert_num_queries
):
    api = _bearer(involved)
    first = api.get(url(household))
    f.MemberFactory(household=household)  # more rows, not more statements
    with django_assert_num_queries(DOSSIER_READ):
        second = api.get(url(household))
    assert first.status_code == second.status_code == 200
    assert len(second.json()["leden"]) == len(first.json()["leden"]) + 1
    rows = AccessEvent.objects.filter(household_id=household.pk, action="household.read")
    assert rows.count() == 2
    assert all(len(row.person_ids) >= 2 and row.legal_basis for row in rows)


def test_the_reused_read_still_hides_another_family(household, involved, municipality):
    api = _bearer(involved)
    assert api.get(url(household)).status_code == 200
    other = f.HouseholdFactory(municipality=municipality)
    assert api.get(url(other)).status_code == 404
    assert AccessEvent.objects.filter(household_id=other.pk, outcome="denied").count() == 1


def test_a_revoked_token_is_refused_at_once(household, involved):
    api = _bearer(involved)
    assert api.get(url(household)).status_code == 200
    ApiToken.objects.update(revoked_at=household.created_at)
    assert api.get(url(household)).status_code == 401


def test_the_toegangslog_is_a_fixed_number_of_statements_and_names_each_organisation(
    household, involved, colleague, django_assert_num_queries
):
    api = _bearer(involved)
    api.get(url(household))  # a row by the regisseur's organisation
    _bearer(colleague).get(url(household))  # and one by another
    api.get(url(household, "/toegangslog"))
    with django_assert_num_queries(ACCESS_LOG_READ):
        response = api.get(url(household, "/toegangslog") + "?paginaGrootte=2&pagina=2")
    body = response.json()
    rows = AccessEvent.objects.filter(household_id=household.pk).order_by("-occurred_at", "-pk")
    assert body["aantal"] == rows.count() == 4  # the fourth: this read itself
    assert [line["gebruikersnaam"] for line in body["resultaten"]] == [
        row.actor_username for row in rows[2:4]
    ]
    names = {involved.organisation.name, colleague.organisation.name}
    assert {line["organisatie"] for line in body["resultaten"]} <= names
    assert body["resultaten"][-1]["organisatie"] == involved.organisation.name
