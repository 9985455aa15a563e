"""Audit completeness (issue 10, NEN 7513:2024 §5.2), generated from the URLconf: every URL
pattern of the web and the API, its ids filled from the demo, requested with GET as every demo
account, counting the rows each request wrote to the toegangslog.

- Every GET that shows personal data (a 200 on a pattern not in NOT_PERSONAL) writes exactly
  one row, allowed, with a declared action code that is a read (never "formulier verstuurd").
- Every row names the grant or legal basis it rested on (a list or search: the grant that let
  the user see its rows), one the toegangslog can say in Dutch.
- A family's page names the family, and the persons it shows (the household's members).
- A list of families names the families it showed.
- A refusal (403, 404) writes at most one row, and a 403 never an allowed one: a refused
  attempt is written as a refusal, once.

A new URL pattern is checked the moment it exists; a page without personal data is named in
NOT_PERSONAL with the reason. The requests are the read matrix's own (matrix.get_sweep)."""

import pprint

from django.contrib.auth import get_user_model

from ketenkaart.access import gate
from ketenkaart.access.labels import action_label, basis_label
from ketenkaart.audit.actions import ACTIONS
from ketenkaart.audit.models import AccessEvent, Outcome
from tests.access.matrix import get_sweep
from tests.access.test_read_matrix import demo  # noqa: F401 (fixture)

# Pages that show no personal data, with why. Everything else that answers 200 must audit.
NOT_PERSONAL = {
    "healthz": "the health check",
    "inloggen/instellen": "the user's own authenticator setup",
    "account/authenticator-vervangen": "the user's own password-and-code form",
    "tweede-stap-herstellen": "an empty form for the privacy officer: a username is typed",
    "beheer/login/": "the admin's login form",
    "api/v1/openapi.json": "the API description",
    "api/v1/referentiekosten": "the municipality's catalogue of reference costs",
    "ventieltafel/referentiekosten": "the municipality's catalogue of reference costs",
    "ventieltafel/referentiekosten/nieuw": "an empty form for the catalogue",
    "adviezen/nieuw": "an empty form: the asker types the case in",
    "meldingen/nieuw": "an empty form: the reporter types the case in",
    "meldcode/nieuw": "an empty form: the signaler types the case in",
    "gezinnen/nieuw": "an empty search form (the search itself is a POST, audited)",
    "gezinnen/<uuid:household_id>/noodtoegang": (
        "the break-the-glass form asks for the reason and shows nothing of the family "
        "(opening it is the POST, audited)"
    ),
    "vragenlijsten/nieuw": "an empty form for a questionnaire: the region's organisations",
    "vragenlijsten/invullen/<uuid:token>": (
        "one's own questions to answer, no family data; a row would say who answered an "
        "anonymous questionnaire"
    ),
    "over/<slug:page>": "the static pages about the service",
    "geplande-taken": "the scheduled jobs of the worker, no family data",
    "metrics": "the Prometheus counters, no family data",
}
# Family pages whose row names the family and the persons shown: every page under a household.
FAMILY_KEYS = ("<uuid:household_id>", "<uuid:gezin>")
# Family pages that name the family but show none of its members.
NO_PERSONS = {
    "gezinnen/<uuid:household_id>/toegangslog": "who read the file, not the family's members",
    "api/v1/gezinnen/<uuid:gezin>/toegangslog": "who read the file, not the family's members",
    "gezinnen/<uuid:household_id>/bewaartermijn": "the destruction date and its holds, no member",
}


def _newest() -> int:
    return AccessEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_every_get_of_personal_data_writes_exactly_one_complete_row(demo):  # noqa: F811
    sweep = get_sweep()  # every GET as every account, shared with the read matrix
    ids = sweep.ids
    problems = {}
    for (name, account), answer in sweep.answers.items():
        if answer.status == 0 or (name.startswith("beheer/") and name != "beheer/login/"):
            continue  # no demo row; the admin refuses every demo account with a redirect
        # The family in the URL: the one under test, or a row's own family (matrix.Route.url).
        household_id = ids.get(f"{name}|household_id") or ids.get(f"{name}|gezin")
        household_id = household_id or ids["household_id"]
        events = answer.events
        found = _check(
            name, account, answer.status, events, household_id, sweep.members[household_id]
        )
        if found:
            problems[(name, account)] = (answer.status, [e.action for e in events], found)
    assert not problems, pprint.pformat(problems, width=110)


def _check(name, account, status, events, household_id, members) -> str:
    if status in (403, 404):
        if len(events) > 1:
            return "a refusal wrote more than one row"
        if status == 403 and events and events[0].outcome != Outcome.DENIED:
            return "a 403 was written as allowed"
        return ""
    if status != 200 or name in NOT_PERSONAL:
        return ""
    if len(events) != 1:
        return f"{len(events)} rows instead of one"
    event = events[0]
    if event.outcome != Outcome.ALLOWED:
        return "a page shown was written as refused"
    if event.action not in ACTIONS:
        return "undeclared action code"
    if action_label(event.action).endswith("formulier verstuurd"):
        return "a GET was written as a form sent"
    basis = event.legal_basis or event.grant
    if not basis:
        return "a row without the grant or legal basis it rested on"
    if basis_label(basis) == basis:
        return f"a basis without a Dutch label in access/labels.py BASES: {basis}"
    if any(key in name for key in FAMILY_KEYS):
        if str(event.household_id) != household_id:
            return "the family's page does not name the family"
        if name not in NO_PERSONS and set(event.person_ids) != members:
            return "the family's page does not name the persons shown"
    return ""


def test_a_list_of_families_names_the_families_it_showed(demo, client):  # noqa: F811
    """Mijn gezinnen, the API's list and the start page of a regisseur: one row each, naming
    exactly the families the user may see that the page showed (never one they may not)."""
    user = get_user_model().objects.get(username="jeugdprofessional")
    client.force_login(user)
    visible = {str(pk) for pk in gate.visible_households(user).values_list("pk", flat=True)}
    for url in ("/", "/api/v1/gezinnen"):
        before = _newest()
        assert client.get(url).status_code == 200
        (event,) = AccessEvent.objects.filter(pk__gt=before)
        assert event.action == "household.list"
        assert event.household_ids, url
        assert set(event.household_ids) <= visible, url


def test_the_task_list_names_the_families_of_its_actions(demo, client):  # noqa: F811
    from ketenkaart.safety_teams.selectors import task_list

    user = get_user_model().objects.get(username="jeugdprofessional")
    client.force_login(user)
    owned = {str(h) for h in task_list(user.professional).values_list("household_id", flat=True)}
    for url in ("/taken", "/api/v1/acties"):
        before = _newest()
        assert client.get(url).status_code == 200
        (event,) = AccessEvent.objects.filter(pk__gt=before)
        assert event.action == "case_meeting.action.list"
        assert set(event.household_ids) == owned, url
