"""The URLconf as a matrix: every pattern with its ids filled from the demo, requested as every
demo account. Shared by the read and the write matrix tests."""

from __future__ import annotations

import functools
import hashlib
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from ketenkaart.demo.loader import LOGIN_USERNAMES
from ketenkaart.portal.demo import FAMILY_LOGINS

# The professionals' demo accounts and the family portal's parent (issue 16).
ACCOUNTS = [*LOGIN_USERNAMES, FAMILY_LOGINS[0]]
# Tables a request may always change: the audit log (every request writes to it), sessions.
UNFINGERPRINTED = {"audit", "sessions", "contenttypes", "admin"}


def fingerprinted(model) -> bool:
    """Every table but the audit log, sessions (whichever table keeps them), contenttypes and
    the admin's log; proxies are their concrete table."""
    from django.contrib.sessions.base_session import AbstractBaseSession

    return not (
        model._meta.app_label in UNFINGERPRINTED
        or model._meta.proxy
        or issubclass(model, AbstractBaseSession)
    )


@dataclass(frozen=True)
class Route:
    name: str  # the route: unique in the URLconf
    route: str  # the pattern, e.g. gezinnen/<uuid:household_id>
    callback: object

    def url(self, ids: dict[str, str]) -> str | None:
        """The path with every converter filled, or None when a kind of id has no demo row.
        An id may be given for one pattern only ("<pattern>|<name>"): a name that means two
        kinds of row (offer_id), or a family that is not the one under test."""
        path = self.route
        for _converter, name in re.findall(r"<(?:(\w+):)?(\w+)>", self.route):
            value = ids.get(f"{self.route}|{name}", ids.get(name))
            if value is None:
                return None
            # A regex group (the admin's) is replaced whole; a converter by its value.
            path = re.sub(rf"\(\?P<{name}>[^)]*\)|<(?:\w+:)?{name}>", value, path, count=1)
        path = path.replace("^", "").replace("$", "")
        return "/" + path


def routes() -> list[Route]:
    found: list[Route] = []

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern):
                # Keyed by the route itself: names repeat (the admin's) or are missing.
                route = prefix + str(pattern.pattern)
                found.append(Route(route, route, pattern.callback))

    walk(get_resolver(), "", "")
    return found


PLAIN = {
    "CharField",
    "TextField",
    "DateField",
    "DateTimeField",
    "IntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
    "BooleanField",
}


def demo_ids() -> dict[str, str]:
    """One demo row per kind of id in the URLconf (the first of each, in a fixed order)."""
    from ketenkaart.exemptions.models import ExemptionRequest, PolicySignal
    from ketenkaart.households.models import CourtMeasure, Household, Involvement
    from ketenkaart.notifications.models import Notification
    from ketenkaart.reports.models import AdviceRequest, JointVisit, MeldcodeTrail, Report
    from ketenkaart.safety_teams.models import (
        Action,
        AgendaItem,
        BoardCheck,
        CaseMeeting,
        SafetyTeam,
    )

    def first(model, **filters):
        # UUID keys are random per run: order by the row's own plain fields (not unique ones
        # such as pseudonyms), which the demo makes the same every run, so one row is picked.
        plain = [
            field.name
            for field in model._meta.concrete_fields
            if not (field.primary_key or field.is_relation or field.unique)
            and field.get_internal_type() in PLAIN
        ]
        row = model.objects.filter(**filters).order_by(*plain, "pk").first()
        return str(row.pk) if row is not None else None

    lead = (
        Involvement.objects.filter(is_lead=True, professional__user__username="jeugdprofessional")
        .order_by("household__name")
        .first()
    )
    household = str(lead.household_id) if lead else first(Household)
    ids = {
        "household_id": household,
        "gezin": household,
        "measure_id": first(CourtMeasure),
        "maatregel": first(CourtMeasure),
        "betrokkenheid": first(Involvement, ended_on__isnull=True),
        # Someone beside the regisseur in the family under test: whom one may stop.
        "involvement_id": first(
            Involvement, household_id=household, ended_on__isnull=True, is_lead=False
        ),
        "report_id": first(Report),
        "melding": first(Report),
        "advice_id": first(AdviceRequest),
        "advies": first(AdviceRequest),
        "trail_id": first(MeldcodeTrail),
        "traject": first(MeldcodeTrail),
        "visit_id": first(JointVisit),
        "huisbezoek": first(JointVisit),
        "check_id": first(BoardCheck),
        "toets": first(BoardCheck),
        "meeting_id": first(CaseMeeting),
        "casusoverleg": first(CaseMeeting),
        "item_id": first(AgendaItem),
        "agendapunt": first(AgendaItem),
        "action_id": first(Action),
        "actie": first(Action),
        "notification_id": first(Notification),
        "bericht": first(Notification),
        "request_id": first(ExemptionRequest),
        "aanvraag": first(ExemptionRequest),
        "signal_id": first(PolicySignal),
        "signaal": first(PolicySignal),
        "team_id": first(SafetyTeam),
        "number": "1",
        "versie": "1",
        "section": "woorden-van-het-gezin",
        "fmt": "json",
        "code": "meldingen",  # a monitor indicator
        # The admin's own ids: any value; the admin refuses every demo account anyway.
        "object_id": str(uuid.uuid4()),
        "content_type_id": "1",
        "id": "1",
        "pk": "1",
        "page": "privacy",
    }
    from ketenkaart.access.models import EmergencyAccess
    from ketenkaart.community.models import Consult
    from ketenkaart.households.models import Consent
    from ketenkaart.organisations.models import District
    from ketenkaart.reports.models import ReporterFeedback

    ids["access_id"] = ids["noodtoegang"] = first(EmergencyAccess)
    ids["consent_id"] = first(Consent)

    ids["feedback_id"] = first(ReporterFeedback)
    ids["terugkoppeling"] = ids["feedback_id"]
    # The district of the family under test (its guide), and the first consult.
    district = Household.objects.filter(pk=household).values_list("district_id", flat=True).first()
    ids["district_id"] = ids["wijk"] = str(district) if district else first(District)
    ids["consult_id"] = ids["consult"] = first(Consult)
    ids["index"] = "0"
    _fill_rest(ids, first, household)
    return {key: value for key, value in ids.items() if value is not None}


def _fill_rest(ids: dict[str, str | None], first, household: str | None) -> None:
    """The kinds of row the demo gained for the matrix (issue 9): each pattern requested, not
    skipped. Rows under a family are taken from the family under test where the demo has one
    there, otherwise the pattern gets the row's own family."""
    from ketenkaart.community.models import GuideEntry, HelpOffer, LearningCommunity
    from ketenkaart.households.models import HandoverOffer
    from ketenkaart.organisations.models import Professional
    from ketenkaart.portal.models import RightsRequest
    from ketenkaart.questionnaires.models import Invitation, Questionnaire
    from ketenkaart.retention.models import LegalHold
    from ketenkaart.safety_teams.models import BoardCheck

    def under_family(model, routes: list[str], **filters) -> str | None:
        row = model.objects.filter(household_id=household, **filters).order_by("pk").first()
        if row is None:
            row = model.objects.filter(**filters).order_by("household__name", "pk").first()
            for route in routes if row is not None else ():
                for name in ("household_id", "gezin"):
                    ids[f"{route}|{name}"] = str(row.household_id)
        return str(row.pk) if row is not None else None

    ids["check_id"] = ids["toets"] = under_family(
        BoardCheck,
        [
            "gezinnen/<uuid:household_id>/toets/<uuid:check_id>.<str:fmt>",
            "gezinnen/<uuid:household_id>/toets/<uuid:check_id>/uitkomst",
            "api/v1/gezinnen/<uuid:gezin>/toetsen/<uuid:toets>",
            "api/v1/gezinnen/<uuid:gezin>/toetsen/<uuid:toets>/uitkomst",
        ],
    )
    ids["rights_request_id"] = under_family(
        RightsRequest,
        ["gezinnen/<uuid:household_id>/gezinsportaal/verzoeken/<uuid:rights_request_id>/antwoord"],
        kind="correction",  # the parent's, in the demo
    )
    ids["hold_id"] = under_family(
        LegalHold,
        ["gezinnen/<uuid:household_id>/bewaartermijn/blokkades/<uuid:hold_id>/opheffen"],
        lifted_at__isnull=True,
    )
    offer_route = "gezinnen/<uuid:household_id>/hulpaanbod/<uuid:offer_id>"
    ids[f"{offer_route}|offer_id"] = ids["aanbod"] = under_family(
        HelpOffer, [offer_route, "api/v1/gezinnen/<uuid:gezin>/hulpaanbod/<uuid:aanbod>/antwoord"]
    )
    handover = first(HandoverOffer, state="pending")
    ids["regie-overdrachten/<uuid:offer_id>|offer_id"] = ids["verzoek"] = handover
    ids["community_id"] = ids["leerwerkgemeenschap"] = first(LearningCommunity)
    # The jeugdprofessional's own guide entry (only its organisation may change it), in the
    # family's district if she has one there, else in the first district where she has one.
    own = GuideEntry.objects.filter(
        organisation__in=Professional.objects.filter(user__username="jeugdprofessional").values(
            "organisation"
        )
    )
    entry = own.filter(district_id=ids.get("district_id")).order_by("role").first()
    if entry is None:
        entry = own.order_by("district__name", "role").first()
        if entry is not None:
            route = "wijken/<uuid:district_id>/gids/<uuid:entry_id>/wijzigen"
            ids[f"{route}|district_id"] = str(entry.district_id)
    ids["entry_id"] = str(entry.pk) if entry else None
    ids["questionnaire_id"] = first(Questionnaire, status="draft")
    ids["vragenlijst"] = ids["questionnaire_id"]  # the API's name for the same
    # The jeugdprofessional's own link: the token is what lets one answer.
    invitation = (
        Invitation.objects.filter(answered=False, professional__user__username="jeugdprofessional")
        .order_by("pk")
        .first()
    )
    ids["token"] = str(invitation.token) if invitation else None
    # The admin's regex groups: an app of its index, and a path its catch-all answers.
    ids["app_label"] = "auth"
    ids["url"] = "onbekend/"


def fingerprint() -> str:
    """A hash of every row of every table but the audit log and sessions."""
    digest = hashlib.sha256()
    for model in sorted(apps.get_models(include_auto_created=True), key=lambda m: m._meta.label):
        if not fingerprinted(model):
            continue
        fields = [f.attname for f in model._meta.concrete_fields]
        if model._meta.label == "auth.User":
            fields = [f for f in fields if f != "last_login"]
        for row in model.objects.order_by("pk").values_list(*fields):
            digest.update(repr((model._meta.label, row)).encode())
    return digest.hexdigest()


def write_methods(route: Route) -> Iterator[str]:
    """The methods that change something this pattern's view answers: a DRF view says which
    it has; a plain view is sent a POST (a 405 is a refusal too)."""
    view_class = getattr(route.callback, "cls", None) or getattr(route.callback, "view_class", None)
    if view_class is None:
        yield "post"
        return
    for method in ("post", "put", "patch", "delete"):
        if hasattr(view_class, method):
            yield method


class LoggedIn:
    """A new client with a session of its own for every request, as if just logged in, without
    a login each time: each account logs in once, and each client's session starts as a copy of
    that login's (a login's signals and new key were two fifths of a sweep's time). Whatever a
    request does to its session, a logout too, the next one starts from the login."""

    def __init__(self, **client_options) -> None:
        from django.contrib.auth import get_user_model

        self.options = client_options
        self.store = import_module(settings.SESSION_ENGINE).SessionStore
        self.logins = {}
        for user in get_user_model().objects.filter(username__in=ACCOUNTS):
            client = Client()
            client.force_login(user)
            self.logins[user.username] = dict(client.session.items())

    def client(self, account: str) -> Client:
        session = self.store()
        session.update(self.logins[account])
        session.save()
        client = Client(**self.options)
        client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
        return client


@dataclass(frozen=True)
class Answer:
    """A GET as one account: its status (0: no demo row to request), its SQL statements, and
    the toegangslog rows it wrote."""

    status: int
    statements: int = 0
    events: tuple = ()


@dataclass(frozen=True)
class Sweep:
    ids: dict[str, str]
    answers: dict[tuple[str, str], Answer]  # (pattern, account)
    members: dict[str, set[str]]  # household id -> its members' person ids, at the sweep


@functools.cache
def get_sweep() -> Sweep:
    """Every pattern requested with GET as every demo account, once per test process: the
    read matrix, its statement counts and the audit completeness test all read this one
    sweep (each sweep took two to three minutes). Call it from a test with the frozen demo
    (test_read_matrix.demo); the ids and members are those of the demo the sweep ran on."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ketenkaart.audit.models import AccessEvent
    from ketenkaart.households.models import Member

    ids = demo_ids()
    logged_in = LoggedIn()
    ContentType.objects.clear_cache()  # the same statements whatever ran before in the process
    answers: dict[tuple[str, str], Answer] = {}
    newest = AccessEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for route in routes():
        url = route.url(ids)
        for account in ACCOUNTS:
            if url is None:
                answers[(route.name, account)] = Answer(0)
                continue
            client = logged_in.client(account)
            connection.queries_log.clear()  # it keeps 9,000 statements: then counts stop
            with CaptureQueriesContext(connection) as statements:
                status = client.get(url).status_code
            events = tuple(AccessEvent.objects.filter(pk__gt=newest).order_by("pk"))
            newest = events[-1].pk if events else newest
            answers[(route.name, account)] = Answer(status, len(statements), events)
    families = {v for k, v in ids.items() if k.endswith(("household_id", "gezin"))}
    members = {
        family: {
            str(pk)
            for pk in Member.objects.filter(household_id=family).values_list("person", flat=True)
        }
        for family in families
    }
    return Sweep(ids, answers, members)
