"""The write matrix (issue 9): every POST/PUT/PATCH/DELETE of the URLconf, web and API, with a
valid payload (write_payloads.py), sent as every demo account. Each request runs inside a
savepoint that is rolled back afterwards, so the demo is loaded once; the tables it wrote to
are fingerprinted and compared with before (write_cells.py).

Per pattern and method, the accounts that changed something must be exactly those named in
write_expected.py: every other account changed nothing, and each named account is the control
that shows the payload is valid. A pattern without a payload fails; so does any 5xx.

After a deliberate change of who may write what, re-record with
`KETENKAART_MATRIX_RECORD=1 pytest tests/access/test_write_matrix.py` and review the diff."""

from __future__ import annotations

import copy
import json
import os
import pprint
import re
from pathlib import Path

from django.contrib.auth import get_user_model
from django.test import Client

from tests.access import write_payloads as P
from tests.access.forms_fill import fill
from tests.access.matrix import ACCOUNTS, Route, demo_ids, routes, write_methods
from tests.access.test_read_matrix import demo  # noqa: F401 - the fixture
from tests.access.write_cells import Fingerprints, run_cell

TABLE = Path(__file__).with_name("write_expected.py")
# Accounts that may never change a family, whatever the pattern (the need-to-know rule).
NEVER_CHANGE_A_FAMILY = {"politie", "school", "buitenstaander", "beleid", "privacy", "ouder"}
# The exceptions the design makes, each with its rule (docs/access-control.md):
BY_DESIGN = {
    # Break-glass: any professional who works with families and is not involved may open it,
    # with a reason, for hours; the privacy officer reviews every one afterwards.
    "api/v1/gezinnen/<uuid:gezin>/noodtoegang": {"buitenstaander"},
    "gezinnen/<uuid:household_id>/noodtoegang": {"buitenstaander"},
    # Destruction after the retention period (Jeugdwet art. 7.3.9): the privacy officer's own.
    "api/v1/vernietiging/<uuid:gezin>/bevestiging": {"privacy"},
    "vernietiging/<uuid:household_id>/bevestiging": {"privacy"},
    # A legal hold blocks destruction (AVG art. 17 lid 3 sub e): the privacy officer places and
    # lifts it beside the regisseur; it changes no data of the family, only its retention.
    "gezinnen/<uuid:household_id>/bewaartermijn/blokkades": {"privacy"},
    "gezinnen/<uuid:household_id>/bewaartermijn/blokkades/<uuid:hold_id>/opheffen": {"privacy"},
}


NO_ROW = "00000000-0000-0000-0000-000000000000"
DEBUG = bool(os.environ.get("KETENKAART_MATRIX_DEBUG"))


def _errors(response) -> str:
    """What a refused or re-shown form says, for the debug output."""
    import re

    text = response.content.decode(errors="replace")
    if response.get("Content-Type", "").startswith("application/"):
        return text[:400]
    found = re.findall(
        r'class="[^"]*(?:error|fout|alert)[^"]*"[^>]*>(.*?)</(?:div|p|ul)>', text, re.S
    )
    plain = (re.sub(r"<[^>]+>", " ", f) for f in found)
    return " | ".join(" ".join(f.split()) for f in plain)[:600] or text[:200]


def payload_for(route: Route):
    if route.name.startswith("beheer/"):
        return P.NO_FAMILY  # the admin; no demo account is staff (asserted below)
    return P.PAYLOADS.get(route.name)


def cases():
    """Every URL pattern with each of its payloads (a pattern with two steps has two)."""
    for route in routes():
        payload = payload_for(route)
        for one in payload if isinstance(payload, list) else [payload]:
            yield route, one


def _prepare_demo() -> None:
    """Rows the demo lacks but a write pattern needs, made through the services: a melding of a family the radar
    does not know and an advice not answered yet (from the school); one melding under
    investigation by Veilig Thuis (not of the family under test, so that VT stays outside it);
    and one feedback to a reporter still owed (the demo gives them all)."""
    from ketenkaart.households.models import Involvement
    from ketenkaart.organisations.models import Professional
    from ketenkaart.reports import services as reports
    from ketenkaart.reports.models import Outcome, Report, ReporterFeedback, ReportStatus

    under_test = demo_ids()["household_id"]
    school = Client()
    school.force_login(get_user_model().objects.get(username="school"))
    for pattern in ("api/v1/meldingen", "api/v1/adviezen"):
        response = school.post(
            "/" + pattern, json.dumps(P.PAYLOADS[pattern].body), content_type="application/json"
        )
        assert response.status_code == 201, response.content

    reports.assessment_record(
        by=Professional.objects.get(user__username="veiligthuis"),
        report=Report.objects.filter(status=ReportStatus.RECEIVED)
        .exclude(household_id=under_test)
        .filter(household__isnull=False)
        .order_by("-received_at")
        .first(),
        acute_unsafety=False,
        structural_unsafety=True,
        multi_problem=False,
        outcome=Outcome.INVESTIGATION,
        reasoning="Synthetische onderbouwing.",
        investigation_reasons=["not_certain"],
    )
    # A machtiging uithuisplaatsing, not carried out yet (BW 1:265c; issue 12), under the OTS
    # of the family the measure payloads use (not the one under test: its regie stays local).
    import datetime

    from django.utils import timezone

    from ketenkaart.households import services as households
    from ketenkaart.households.models import CourtMeasure, Household

    ots = (
        CourtMeasure.objects.filter(
            ended_on__isnull=True,
            ends_on__isnull=False,
            type__in=["supervision", "provisional_supervision"],
        )
        .select_related("household", "child")
        .order_by("starts_on", "pk")
        .first()
    )
    gi_lead = Involvement.objects.get(
        household=ots.household, is_lead=True, ended_on__isnull=True
    ).professional
    households.measure_record(
        by=gi_lead,
        household=ots.household,
        child=ots.child,
        type="out_of_home_placement",
        starts_on=max(ots.starts_on, datetime.date(2026, 2, 20)),
        ends_on=ots.ends_on,
        court="Rechtbank Vlietland",
        supervision=ots,
    )
    # A family without a hold that asked for earlier destruction (AVG art. 17; issue 15), not
    # the one under test (the parent's correction request is in the demo).
    from ketenkaart.portal.models import FamilyAccount, RequestKind, RightsRequest
    from ketenkaart.retention import rules

    free = next(
        h
        for h in Household.objects.exclude(pk=under_test).order_by("name", "pk")
        if not rules.verdict(h).holds and h.members.exists()
    )
    parent = FamilyAccount.objects.select_related("member", "household").get(user__username="ouder")
    for household, member, kind in (
        (free, free.members.order_by("person__birth_date", "pk").first(), RequestKind.DESTRUCTION),
    ):
        RightsRequest.objects.create(
            household=household,
            member=member,
            kind=kind,
            text="Synthetisch verzoek.",
            created_at=timezone.now(),
            due_on=timezone.localdate() + datetime.timedelta(days=30),
        )
    # A consent the portal's parent gave themself, to withdraw (AVG art. 7 lid 3; issue 16).
    from ketenkaart.households import legal_basis

    family_lead = Involvement.objects.get(
        household=parent.household, is_lead=True, ended_on__isnull=True
    ).professional
    legal_basis.consent_record(
        by=family_lead,
        household=parent.household,
        subject=parent.member.person,
        purpose="Synthetisch doel.",
        by_subject=True,
    )
    # The demo itself has the toets, the regie request, the help offer, the questionnaires,
    # the parent's correction request, the legal hold and an emergency access to review
    # (issue 9: the read matrix requests them too).
    # A melding whose reporter was promised anonymity (to withdraw it; issue 11): the newest
    # received one, so the first received (the payloads' assessment) stays as it was.
    reports.report_promise_anonymity(
        by=Professional.objects.get(user__username="veiligthuis"),
        report=Report.objects.filter(status=ReportStatus.RECEIVED, anonymity_promised=False)
        .order_by("-received_at", "summary")
        .first(),
    )
    owed = ReporterFeedback.objects.order_by("due_on", "pk").first()
    ReporterFeedback.objects.filter(pk=owed.pk).update(
        given_at=None, given_by=None, follow_up_started=None
    )


class Matrix:
    def __init__(self) -> None:
        self.ids = demo_ids()
        users = {u.username: u for u in get_user_model().objects.filter(username__in=ACCOUNTS)}
        assert not any(u.is_staff or u.is_superuser for u in users.values())
        self.clients = {}
        for account in ACCOUNTS:
            client = Client(raise_request_exception=False)
            client.force_login(users[account])
            self.clients[account] = client
        self.fingerprints = Fingerprints()

    def request(self, account: str, method: str, url: str, data, *, api: bool, payload):
        client = self.clients[account]
        cookies = copy.deepcopy(client.cookies)  # a logout must not end the next cell's session
        headers = {}
        if isinstance(payload, P.Web) and payload.session:
            session = client.session
            session.update(payload.session)
            session.save()
        if isinstance(payload, P.Api) and payload.if_match_as:
            etag = self.clients[payload.if_match_as].get(url).get("ETag")
            headers["If-Match"] = etag or '"none"'

        def send():
            if api:
                body = json.dumps(data if data is not None else {})
                return getattr(client, method)(
                    url, body, content_type="application/json", headers=headers
                )
            return getattr(client, method)(url, data or {})

        response, changed = run_cell(self.fingerprints, send)
        client.cookies = cookies
        return response, changed

    def body(self, route: Route, payload, ids: dict[str, str]):
        if isinstance(payload, P.Api):
            body = payload.body
            return body(ids) if callable(body) else body
        if payload.post is not None:
            return payload.post(ids) if callable(payload.post) else payload.post
        page = route.name if payload.page is None else payload.page
        page_url = Route(page, page, None).url(ids)
        fetch_as = payload.fetch_as(ids) if callable(payload.fetch_as) else payload.fetch_as
        client = self.clients[fetch_as]
        if payload.session:
            session = client.session
            session.update(payload.session)
            session.save()
        response = client.get(page_url + payload.query)
        assert response.status_code == 200, (route.name, fetch_as, response.status_code)
        data = fill(response.content.decode(), route.url(ids) + payload.query)
        extra = payload.data(ids) if callable(payload.data) else payload.data
        data = {**data, **extra}
        data = payload.adjust(data) if payload.adjust else data
        if DEBUG:
            print("FORM", route.name, data)
        return data


def observe():
    matrix = Matrix()
    changed: dict[str, dict[str, list[str]]] = {}
    problems: list[tuple] = []
    cells = 0
    for route, payload in cases():
        if payload is None:
            problems.append((route.name, "no payload in write_payloads.py"))
            continue
        name = route.name + getattr(payload, "query", "")
        ids = dict(matrix.ids)
        if isinstance(payload, P.Api | P.Web) and payload.ids is not None:
            ids.update(payload.ids(ids))
        url = route.url(ids)
        if url is None and payload == P.GET_ONLY:
            # The method is refused before any row is looked up: an id that names no row will do.
            names = re.findall(r"<(?:\w+:)?(\w+)>", route.route)
            url = route.url({**dict.fromkeys(names, NO_ROW), **ids})
        if url is not None:
            url += getattr(payload, "query", "")
        if url is None and payload == P.NO_FAMILY and "(?P<" in route.name:
            continue  # the admin's regular expressions: nothing to fill in; no staff anyway
        if url is None:
            problems.append((route.name, "no demo row for its ids"))
            continue
        data = None
        if isinstance(payload, P.Api | P.Web):
            data = matrix.body(route, payload, ids)
        for method in write_methods(route):
            for account in ACCOUNTS:
                cells += 1
                response, tables = matrix.request(
                    account, method, url, data, api=route.name.startswith("api/"), payload=payload
                )
                status = response.status_code
                if status >= 500:
                    problems.append((name, method, account, status))
                if payload == P.GET_ONLY and status != 405:
                    problems.append((name, method, account, status, "not 405"))
                if tables and isinstance(payload, P.Api | P.Web) and not payload.changes:
                    problems.append((name, method, account, status, "a read changed", tables))
                if tables:
                    changed.setdefault(name, {}).setdefault(method, []).append(account)
                    if status >= 400:
                        problems.append((name, method, account, status, "refused", tables))
                elif DEBUG and isinstance(payload, P.Api | P.Web) and status not in (403, 404):
                    print(name, method, account, status, _errors(response))
    return changed, problems, cells


def test_every_write_changes_only_what_the_table_allows(demo):  # noqa: F811
    _prepare_demo()
    changed, problems, cells = observe()
    assert not problems, pprint.pformat(problems)
    # The control: every pattern with a payload changed something for some account.
    uncontrolled = [
        route.name + getattr(payload, "query", "")
        for route, payload in cases()
        if isinstance(payload, P.Api | P.Web)
        and payload.changes
        and list(write_methods(route))
        and route.name + getattr(payload, "query", "") not in changed
    ]
    assert not uncontrolled, f"nobody could write with these payloads: {uncontrolled}"
    if os.environ.get("KETENKAART_MATRIX_RECORD"):
        TABLE.write_text(
            '"""Generated by test_write_matrix.py; reviewed. Per URL pattern and method, the\n'
            "accounts whose request with a valid payload changed the database; every other\n"
            'account changed nothing."""\n\n'
            f"ALLOWED = {pprint.pformat(changed, width=100, sort_dicts=True)}\n"
        )
    from tests.access.write_expected import ALLOWED

    assert changed == ALLOWED, pprint.pformat(changed)
    assert cells > 2000


def test_no_family_changes_by_police_school_policy_privacy_or_outsider():
    """The rule behind the table: these roles never change a family or anything under it."""
    from tests.access.write_expected import ALLOWED

    family_patterns = {
        name: methods
        for name, methods in ALLOWED.items()
        if any(key in name for key in ("household_id", "gezin>", "gezinnen/<"))
    }
    leaks = [
        (name, method, account)
        for name, methods in family_patterns.items()
        for method, accounts in methods.items()
        for account in accounts
        if account in NEVER_CHANGE_A_FAMILY and account not in BY_DESIGN.get(name, set())
    ]
    assert not leaks, leaks
