"""A valid payload for every POST/PUT/PATCH/DELETE of the URLconf (the write matrix, issue 9).

Per URL pattern one entry:
- `Api(body)`: the JSON an API client sends; `body` is a dict or a function of the demo.
- `Web(fetch_as, ...)`: the form the page shows to `fetch_as` (the account that may write),
  filled in as a person would (forms_fill.py), with `data` on top; `page` when the form lives
  on another page; `post` instead of a fetched form for a button without a page of its own.
- `GET_ONLY`: the view answers GET only (405 to every other method, for every account).
- `NO_FAMILY`: not about a family: the login steps, the health check, the admin (no demo account
  is staff). Sent with an empty body; the table says what it may change.
A pattern without an entry fails the test: a new write endpoint needs its payload here.
`ids` replaces demo ids where the first demo row of a kind is not one that can be written
(e.g. a measure of the household under test)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.access import forms_fill
from tests.access.matrix import ACCOUNTS as _ACCOUNTS

Builder = Callable[[dict[str, str]], dict]


@dataclass(frozen=True)
class Api:
    body: dict | Builder | None = None
    ids: Builder | None = None
    if_match_as: str | None = None  # send the ETag this account's GET of the URL answers
    changes: bool = True  # False: a read by POST (a search); nobody may change a thing


@dataclass(frozen=True)
class Web:
    fetch_as: str | Callable[[dict[str, str]], str] | None = None
    data: dict | Builder = field(default_factory=dict)
    page: str | None = None  # the route whose page shows the form, when not the form's own
    post: dict | Builder | None = None  # a button with fixed fields: no page is fetched
    ids: Builder | None = None
    query: str = ""  # a second step of the same pattern (its table key has the query too)
    session: dict = field(default_factory=dict)  # what the first step left in the session
    adjust: Callable[[dict], dict] | None = None  # a change to the filled-in form as a whole
    changes: bool = True  # False: a read by POST (a search, a preview); nobody changes a thing


GET_ONLY = "get only"
NO_FAMILY = "no family"
TEXT = forms_fill.TEXT
TODAY = "2026-03-02"


def _household(ids):
    from ketenkaart.households.models import Household

    return Household.objects.get(pk=ids["household_id"])


def _member(ids, role):
    from ketenkaart.households.models import Member

    return (
        Member.objects.filter(household_id=ids["household_id"], role=role)
        .order_by("person__birth_date", "pk")
        .first()
    )


def _parent(ids) -> str:
    return str(_member(ids, "parent").person_id)


def _child(ids) -> str:
    return str(_member(ids, "child").person_id)


def _consenters(ids) -> list[str]:
    """Who gives consent for a share of the family under test (legal_basis.consent_givers):
    each child old enough to consent, and the parents with authority where a child needs them."""
    from ketenkaart.households import legal_basis
    from ketenkaart.households.models import Member

    members = list(Member.objects.filter(household_id=ids["household_id"]).select_related("person"))
    needs = [legal_basis.consent_givers(m.person.birth_date) for m in members if m.role == "child"]
    by = legal_basis.ConsentBy
    children = [
        str(m.person_id)
        for m, need in zip([m for m in members if m.role == "child"], needs, strict=True)
        if need != by.PARENTS
    ]
    parents = [str(m.person_id) for m in members if m.role != "child" and m.has_custody]
    return children + (parents if not needs or any(n != by.CHILD for n in needs) else [])


def _professional(username: str) -> str:
    from ketenkaart.organisations.models import Professional

    return str(Professional.objects.get(user__username=username).pk)


def _measure_ids(ids):
    from ketenkaart.households.models import CourtMeasure

    measure = (
        CourtMeasure.objects.filter(ended_on__isnull=True, ends_on__isnull=False)
        .order_by("starts_on", "pk")
        .first()
    )
    household = str(measure.household_id)
    return {
        "gezin": household,
        "household_id": household,
        "maatregel": str(measure.pk),
        "measure_id": str(measure.pk),
    }


def _item_of_own_household(ids):
    """The first agenda item (a meeting gi and jeugdprofessional take part in)."""
    from ketenkaart.safety_teams.models import AgendaItem

    item = AgendaItem.objects.order_by("meeting__starts_at", "question", "pk").first()
    return {
        "agendapunt": str(item.pk),
        "item_id": str(item.pk),
        "casusoverleg": str(item.meeting_id),
        "meeting_id": str(item.meeting_id),
    }


def _started_item(ids):
    """An agenda item of a meeting that has begun (its outcome can be recorded), of the
    family under test when there is one."""
    from django.utils import timezone

    from ketenkaart.safety_teams.models import AgendaItem

    item = (
        AgendaItem.objects.filter(meeting__starts_at__lte=timezone.now())
        .order_by("-meeting__starts_at", "question", "pk")
        .first()
    )
    return {
        "agendapunt": str(item.pk),
        "item_id": str(item.pk),
        "casusoverleg": str(item.meeting_id),
        "meeting_id": str(item.meeting_id),
    }


def _report(*statuses):
    def ids_of(ids):
        from ketenkaart.reports.models import Report

        report = Report.objects.filter(status__in=statuses).order_by("received_at", "pk").first()
        return {"melding": str(report.pk), "report_id": str(report.pk)}

    return ids_of


def _asker(ids) -> str:
    from ketenkaart.community.models import Consult

    return Consult.objects.get(pk=ids["consult_id"]).asked_by.user.username


def _action_owner(ids) -> str:
    from ketenkaart.safety_teams.models import Action

    return Action.objects.get(pk=ids["action_id"]).owner.user.username


def _open_action(ids):
    from ketenkaart.safety_teams.models import Action

    action = Action.objects.filter(state="open").order_by("due_on", "pk").first()
    return {"action_id": str(action.pk), "actie": str(action.pk)}


def _board_check(ids):
    from ketenkaart.safety_teams.models import BoardCheck

    check = BoardCheck.objects.order_by("pk").first()
    household = str(check.household_id)
    return {
        "gezin": household,
        "household_id": household,
        "toets": str(check.pk),
        "check_id": str(check.pk),
    }


def _blank_new_rows(data: dict) -> dict:
    """The calculator offers empty rows for new cost items and other parties, and a list of
    reference costs to take an amount from: a person sends the stored rows as they are."""
    import re

    new = {k.rsplit("-", 1)[0] for k, v in data.items() if k.endswith("-description") and v == TEXT}
    # Not the button for more empty rows ("meer"): the one that saves.
    kept = {k: v for k, v in data.items() if k.rsplit("-", 1)[0] not in new and k != "meer"}
    kept["rows"] = str(
        len({re.match(r"post-\d+", k).group() for k in kept if k.startswith("post-")})
    )
    for key in kept:
        if key.startswith("ander-") and key.endswith(("-label", "-note")):
            kept[key] = ""
        if key.endswith(("-low", "-high", "-reference_cost")):
            kept[key] = ""
    return kept


def _report_without_household(ids):
    from ketenkaart.reports.models import Report

    report = Report.objects.filter(household__isnull=True).order_by("received_at", "pk").first()
    return {"melding": str(report.pk), "report_id": str(report.pk)}


def _open_advice(ids):
    from ketenkaart.reports.models import AdviceRequest

    advice = AdviceRequest.objects.filter(answer="").order_by("received_at", "pk").first()
    return {"advies": str(advice.pk), "advice_id": str(advice.pk)}


def _open_feedback(ids):
    from ketenkaart.reports.models import ReporterFeedback

    feedback = ReporterFeedback.objects.filter(given_at__isnull=True).order_by("pk").first()
    report = str(feedback.report_id)
    return {
        "melding": report,
        "report_id": report,
        "terugkoppeling": str(feedback.pk),
        "feedback_id": str(feedback.pk),
    }


def _district_with_contact(ids):
    from ketenkaart.community.models import GuideEntry, Subject

    entry = (
        GuideEntry.objects.filter(subject=Subject.LOCAL_TEAM, professional__isnull=False)
        .order_by("contact_name", "pk")
        .first()
    )
    return {"district_id": str(entry.district_id), "wijk": str(entry.district_id)}


CARE_KIND = "youth_mental_health"
REFERRER = "local_team"


def _involvement_not_lead(ids) -> str:
    """An open involvement of the family under test that is not the regisseur's."""
    from ketenkaart.households.models import Involvement

    return str(
        Involvement.objects.filter(
            household_id=ids["household_id"], ended_on__isnull=True, is_lead=False
        )
        .order_by("role_in_family", "professional__user__username", "pk")
        .values_list("pk", flat=True)
        .first()
    )


def _due(ids):
    """The first dossier past its retention period or asked to be destroyed (Jeugdwet 7.3.9)."""
    from ketenkaart.households.models import Household
    from ketenkaart.retention import jobs

    due = sorted(jobs.list_due(), key=lambda d: Household.objects.get(pk=d.household_id).name)
    household = str(due[0].household_id)
    return {"household_id": household, "gezin": household}


def _on_request(ids) -> bool:
    from ketenkaart.portal.models import RequestKind, RightsRequest

    return RightsRequest.objects.filter(
        household_id=ids["household_id"], kind=RequestKind.DESTRUCTION, answered_at__isnull=True
    ).exists()


def _lead(ids) -> str:
    """The username of the regisseur of the family in `ids`."""
    from ketenkaart.households.models import Involvement

    return Involvement.objects.get(
        household_id=ids["household_id"], is_lead=True, ended_on__isnull=True
    ).professional.user.username


def _correction(ids):
    """The parent's correction request _prepare_demo makes, with its family."""
    from ketenkaart.portal.models import RightsRequest

    request = RightsRequest.objects.get(kind="correction", answered_at__isnull=True)
    household = str(request.household_id)
    return {"rights_request_id": str(request.pk), "household_id": household, "gezin": household}


def _handover(ids):
    """The pending handover offer _prepare_demo makes (not of the family under test)."""
    from ketenkaart.households.models import HandoverOffer

    offer = HandoverOffer.objects.get(state="pending")
    return {"verzoek": str(offer.pk), "offer_id": str(offer.pk)}


def _handover_receiver(ids) -> str:
    from ketenkaart.households.models import HandoverOffer

    return HandoverOffer.objects.get(pk=ids["offer_id"]).to_professional.user.username


def _hold(ids):
    """The legal hold _prepare_demo places on the family under test."""
    from ketenkaart.retention.models import LegalHold

    hold = LegalHold.objects.get(household_id=ids["household_id"], lifted_at__isnull=True)
    return {"hold_id": str(hold.pk)}


def _emergency(ids):
    from ketenkaart.access.models import EmergencyAccess

    access = EmergencyAccess.objects.get(reviewed_at__isnull=True)
    return {"noodtoegang": str(access.pk), "access_id": str(access.pk)}


def _help_offer(ids):
    """The help offer _prepare_demo makes, with its family."""
    from ketenkaart.community.models import HelpOffer

    offer = HelpOffer.objects.order_by("offered_at", "pk").first()
    household = str(offer.household_id)
    return {
        "aanbod": str(offer.pk),
        "offer_id": str(offer.pk),
        "gezin": household,
        "household_id": household,
    }


def _community(ids):
    from ketenkaart.community.models import LearningCommunity

    community = LearningCommunity.objects.order_by("name", "pk").first()
    return {"leerwerkgemeenschap": str(community.pk), "community_id": str(community.pk)}


def _community_member(ids) -> str:
    from ketenkaart.community.models import LearningCommunity

    community = LearningCommunity.objects.get(pk=ids["community_id"])
    return (
        community.members.filter(user__username__in=_ACCOUNTS)
        .order_by("user__username")[0]
        .user.username
    )


def _community_members(ids) -> list[str]:
    from ketenkaart.community.models import LearningCommunity

    community = LearningCommunity.objects.get(pk=ids["community_id"])
    return [str(pk) for pk in community.members.order_by("pk").values_list("pk", flat=True)[:2]]


def _guide_entry(ids):
    """The first guide entry of an organisation a demo account works at (only its own
    organisation changes an entry)."""
    from ketenkaart.community.models import GuideEntry
    from ketenkaart.organisations.models import Professional

    own = Professional.objects.filter(user__username__in=_ACCOUNTS).values("organisation_id")
    entry = (
        GuideEntry.objects.filter(organisation_id__in=own).order_by("contact_name", "pk").first()
    )
    return {
        "district_id": str(entry.district_id),
        "wijk": str(entry.district_id),
        "entry_id": str(entry.pk),
    }


def _entry_colleague(ids) -> str:
    from ketenkaart.community.models import GuideEntry
    from ketenkaart.organisations.models import Professional

    entry = GuideEntry.objects.get(pk=ids["entry_id"])
    return (
        Professional.objects.filter(
            organisation_id=entry.organisation_id, user__username__in=_ACCOUNTS
        )
        .order_by("user__username")[0]
        .user.username
    )


def _parent_consent(ids):
    """A consent in force of the family of the portal's parent."""
    from ketenkaart.households.models import Consent
    from ketenkaart.portal.models import FamilyAccount

    account = FamilyAccount.objects.get(user__username="ouder")
    consent = (
        Consent.objects.filter(household_id=account.household_id, withdrawn_at__isnull=True)
        .order_by("given_on", "pk")
        .first()
    )
    return {"consent_id": str(consent.pk)}


def _draft_questionnaire(ids):
    from ketenkaart.questionnaires.models import Questionnaire

    questionnaire = (
        Questionnaire.objects.filter(sent_at__isnull=True).order_by("title", "pk").first()
    )
    return {"questionnaire_id": str(questionnaire.pk)}


def _sent_questionnaire(ids):
    from ketenkaart.questionnaires.models import Questionnaire

    questionnaire = Questionnaire.objects.filter(status="open").order_by("title", "pk").first()
    return {"questionnaire_id": str(questionnaire.pk)}


def _api_questionnaire(ids):
    return {"vragenlijst": _draft_questionnaire(ids)["questionnaire_id"]}


def _api_sent_questionnaire(ids):
    return {"vragenlijst": _sent_questionnaire(ids)["questionnaire_id"]}


def _questionnaire_invitation(ids):
    """An open invitation of a demo account (a professional's link needs their login)."""
    from ketenkaart.questionnaires.models import Invitation

    invitation = (
        Invitation.objects.filter(answered=False, professional__user__username__in=_ACCOUNTS)
        .order_by("professional__user__username", "pk")
        .first()
    )
    return {"token": str(invitation.token)}


def _invited(ids) -> str:
    from ketenkaart.questionnaires.models import Invitation

    return Invitation.objects.get(token=ids["token"]).professional.user.username


def _placement(ids):
    """The machtiging uithuisplaatsing _prepare_demo records (not carried out yet)."""
    from ketenkaart.households.models import CourtMeasure

    measure = CourtMeasure.objects.get(type="out_of_home_placement", used_on__isnull=True)
    household = str(measure.household_id)
    return {
        "maatregel": str(measure.pk),
        "measure_id": str(measure.pk),
        "gezin": household,
        "household_id": household,
    }


def _anonymous_report(ids):
    """A melding whose reporter Veilig Thuis promised anonymity (it can be withdrawn)."""
    from ketenkaart.reports.models import Report

    report = (
        Report.objects.filter(anonymity_promised=True).order_by("received_at", "summary").first()
    )
    return {"melding": str(report.pk), "report_id": str(report.pk)}


def _partner(ids) -> str:
    """A chain partner the ventieltafel may invite (a municipality, housing, debt help, ...)."""
    from ketenkaart.exemptions.services import PARTNER_TYPES
    from ketenkaart.organisations.models import Professional

    return str(
        Professional.objects.filter(organisation__type__in=PARTNER_TYPES)
        .order_by("user__username")
        .values_list("pk", flat=True)
        .first()
    )


def _other_household(ids) -> str:
    """Another family of the jeugdprofessional (a report can be linked to it)."""
    from ketenkaart.households.models import Involvement

    return str(
        Involvement.objects.filter(professional__user__username="jeugdprofessional")
        .exclude(household_id=ids["household_id"])
        .order_by("household__name")
        .values_list("household_id", flat=True)
        .first()
        or ids["household_id"]
    )


PAYLOADS: dict[str, object] = {
    # --- not about a family -------------------------------------------------------------
    "healthz": NO_FAMILY,
    "start": GET_ONLY,
    "over/<slug:page>": GET_ONLY,
    "inloggen": NO_FAMILY,
    "inloggen/tweede-stap": NO_FAMILY,
    "inloggen/instellen": NO_FAMILY,
    "account/authenticator-vervangen": NO_FAMILY,  # password and code: a wrong one changes nothing
    # The privacy officer resets the second factor of a professional of the region.
    "tweede-stap-herstellen": Web(post={"username": "jeugdprofessional", "identity_checked": "on"}),
    "inloggen/oidc/callback/": NO_FAMILY,
    "inloggen/oidc/authenticate/": NO_FAMILY,
    "inloggen/oidc/logout/": NO_FAMILY,
    "uitloggen": NO_FAMILY,
    "api/v1/^.*$": NO_FAMILY,
    "api/v1/openapi.json": GET_ONLY,
    # --- the API -----------------------------------------------------------------------------
    "api/v1/gezinnen": Api(
        lambda ids: {
            "naam": "Gezin Matrix",
            "gemeente": str(_household(ids).municipality_id),
            "rolBijGezin": "gezinscoach",
            "grondslag": "toestemming",
        }
    ),
    "api/v1/gezinnen/<uuid:gezin>": GET_ONLY,
    "api/v1/gezinnen/<uuid:gezin>/leden": Api(
        {"voornamen": "Sam", "achternaam": "Matrix", "geboortedatum": "2019-05-01", "rol": "kind"}
    ),
    "api/v1/gezinnen/<uuid:gezin>/betrokkenen": Api(
        lambda ids: {
            "professional": _professional("wijkcoach"),
            "rolBijGezin": "ambulant hulpverlener",
            "grondslag": "toestemming",
            "toestemmingVan": _consenters(ids),
        }
    ),
    # Read-only: regie moves only by a request the receiver accepts (regie/verzoeken).
    "api/v1/gezinnen/<uuid:gezin>/regie": GET_ONLY,
    "api/v1/gezinnen/<uuid:gezin>/maatregelen": Api(
        lambda ids: {
            "kind": _child(ids),
            "soort": "voorlopige_ots",
            "ingangsdatum": TODAY,
            "einddatum": "2026-05-01",
            "rechtbank": "Rechtbank Vlietland",
        }
    ),
    "api/v1/gezinnen/<uuid:gezin>/maatregelen/<uuid:maatregel>": GET_ONLY,
    "api/v1/gezinnen/<uuid:gezin>/maatregelen/<uuid:maatregel>/verlenging": Api(
        {"einddatum": "2027-03-01"}, ids=_measure_ids
    ),
    "api/v1/gezinnen/<uuid:gezin>/maatregelen/<uuid:maatregel>/beeindiging": Api(
        lambda ids: {
            "beeindigdOp": TODAY,
            "reden": TEXT,
            "regieNaar": _professional("jeugdprofessional"),
        },
        ids=_measure_ids,
    ),
    "api/v1/gezinnen/<uuid:gezin>/toegangslog": GET_ONLY,
    "api/v1/gezinnen/<uuid:gezin>/veiligheidskaart": Api(
        {"inhoud": {"woordenVanHetGezin": TEXT, "gevaarsuitspraak": TEXT}},
        if_match_as="jeugdprofessional",
    ),
    "api/v1/gezinnen/<uuid:gezin>/veiligheidskaart/versies": GET_ONLY,
    "api/v1/gezinnen/<uuid:gezin>/veiligheidskaart/versies/verschil": GET_ONLY,
    "api/v1/gezinnen/<uuid:gezin>/veiligheidskaart/versies/<int:versie>": GET_ONLY,
    "api/v1/ventielaanvragen": Api(
        lambda ids: {
            "gezin": ids["household_id"],
            "domein": "wonen",
            "knelpunt": TEXT,
            "regel": TEXT,
            "wettelijkeGrondslag": TEXT,
            "risicos": TEXT,
            "alternatieven": TEXT,
            "gevraagdeUitzondering": TEXT,
        }
    ),
    "api/v1/ventielaanvragen/<uuid:aanvraag>": GET_ONLY,
    "api/v1/ventielaanvragen/<uuid:aanvraag>/kosten-baten": Api(
        {
            "tijdshorizonMaanden": 12,
            "kostenposten": [
                {
                    "scenario": "doorbraak",
                    "omschrijving": TEXT,
                    "bedrag": "100.00",
                    "periode": "eenmalig",
                    "betaler": "gemeente",
                }
            ],
        }
    ),
    "api/v1/ventielaanvragen/<uuid:aanvraag>/besluit": Api(
        {"besluit": "toegekend", "onderbouwing": TEXT}
    ),
    "api/v1/referentiekosten": GET_ONLY,
    "api/v1/beleidssignalen": GET_ONLY,
    "api/v1/beleidssignalen/<uuid:signaal>": GET_ONLY,
    "api/v1/beleidssignalen/<uuid:signaal>/reactie": Api({"opgepakt": True, "reactie": TEXT}),
    "api/v1/veiligheidsteams": GET_ONLY,
    "api/v1/casusoverleggen": Api(
        lambda ids: {"veiligheidsteam": ids["team_id"], "begint": "2026-03-09T10:00:00+01:00"}
    ),
    "api/v1/casusoverleggen/<uuid:casusoverleg>": GET_ONLY,
    "api/v1/casusoverleggen/<uuid:casusoverleg>/agendapunten": Api(
        lambda ids: {"gezin": ids["household_id"], "vraag": TEXT}
    ),
    "api/v1/casusoverleggen/<uuid:casusoverleg>/agendapunten/<uuid:agendapunt>/uitkomst": Api(
        {"advies": TEXT}, ids=_started_item
    ),
    "api/v1/acties": GET_ONLY,
    "api/v1/acties/<uuid:actie>": Api({"status": "afgerond"}, ids=_open_action),
    "api/v1/matching": Api(
        lambda ids: {
            "agendapunt": _item_of_own_household(ids)["agendapunt"],
            "professional": _professional("wijkcoach"),
            "reden": TEXT,
        }
    ),
    "api/v1/gezinnen/<uuid:gezin>/toetsen": Api(None),
    "api/v1/gezinnen/<uuid:gezin>/toetsen/<uuid:toets>": GET_ONLY,
    "api/v1/gezinnen/<uuid:gezin>/toetsen/<uuid:toets>/uitkomst": Api(
        {"uitkomst": "toets_volstond"}, ids=_board_check
    ),
    "api/v1/berichten": GET_ONLY,
    "api/v1/berichten/<uuid:bericht>/gelezen": Api(None),
    "api/v1/ik": GET_ONLY,
    "api/v1/professionals": GET_ONLY,
    "api/v1/gemeenten": GET_ONLY,
    "api/v1/wijken": GET_ONLY,
    # A search reads; it writes only its own audit row (and a rate-limit count).
    "api/v1/personen/zoeken": Api(
        {"achternaam": "Matrix", "geboortedatum": "2019-05-01"}, changes=False
    ),
    "api/v1/meldingen": Api(
        {
            "melder": {"naam": "M. Melder", "telefoon": "0101234567", "organisatie": "School"},
            "personen": [
                {
                    "rol": "kind",
                    "voornamen": "Sam",
                    "achternaam": "Matrix",
                    "geboortedatum": "2019-05-01",
                }
            ],
            "omschrijving": TEXT,
        }
    ),
    "api/v1/meldingen/<uuid:melding>": GET_ONLY,
    "api/v1/meldingen/<uuid:melding>/veiligheidsbeoordeling": Api(
        {
            "acuteOnveiligheid": False,
            "structureleOnveiligheid": False,
            "multiprobleem": False,
            "besluit": "afsluiten",
            "onderbouwing": TEXT,
        },
        ids=_report("received"),
    ),
    "api/v1/meldingen/<uuid:melding>/anonimiteit": Api(None, ids=_report("received")),
    "api/v1/meldingen/<uuid:melding>/terugkoppelingen": GET_ONLY,
    "api/v1/meldingen/<uuid:melding>/terugkoppelingen/<uuid:terugkoppeling>": Api(
        {"vervolgGestart": True, "overgenomenDoor": "wijkteam", "toelichting": TEXT},
        ids=_open_feedback,
    ),
    "api/v1/meldingen/<uuid:melding>/onderzoek": Api(
        {"conclusie": TEXT, "vervolg": TEXT}, ids=_report("investigation")
    ),
    "api/v1/adviezen": Api({"vraag": TEXT, "anoniem": True}),
    "api/v1/adviezen/<uuid:advies>/omzetting": Api(
        ids=_open_advice,
        body={
            "melder": {"naam": "M. Melder", "telefoon": "0101234567"},
            "personen": [{"rol": "kind", "voornamen": "Sam", "achternaam": "Matrix"}],
            "omschrijving": TEXT,
        },
    ),
    "api/v1/adviezen/<uuid:advies>": GET_ONLY,
    "api/v1/meldcode-trajecten": Api({"onderwerp": TEXT}),
    "api/v1/meldcode-trajecten/<uuid:traject>": GET_ONLY,
    "api/v1/meldcode-trajecten/<uuid:traject>/stappen": Api({"signalen": TEXT}),
    "api/v1/meldcode-trajecten/<uuid:traject>/antwoorden": Api(
        {"vraag": 5, "antwoord": True, "redenen": TEXT, "afsprakenMonitoring": TEXT}
    ),
    "api/v1/huisbezoeken": Api(
        lambda ids: {
            "melding": ids["report_id"],
            "partner": _professional("jeugdprofessional"),
            "geplandOp": "2026-03-04T10:00:00+01:00",
            "reden": TEXT,
        }
    ),
    "api/v1/huisbezoeken/<uuid:huisbezoek>": GET_ONLY,
    "api/v1/huisbezoeken/<uuid:huisbezoek>/verslag": Api({"doorgegaan": True, "hoeHetGing": TEXT}),
    "api/v1/gezinnen/<uuid:gezin>/buffers": Api(
        lambda ids: {
            "ouder": _parent(ids),
            "kijk": "ouder",
            "buffer": "sociaal_netwerk",
            "draagt": "groeit",
            "woorden": TEXT,
            "moment": TODAY,
        }
    ),
    "api/v1/gezinnen/<uuid:gezin>/goede-momenten": Api(
        {"wat": TEXT, "gezienDoor": "gezinscoach", "wanneer": TODAY}
    ),
    "api/v1/gezinnen/<uuid:gezin>/netwerk": Api(
        {"naam": "Buurvrouw Matrix", "soortRelatie": "buurt", "nabijheid": "dichtbij"}
    ),
    "api/v1/wijken/<uuid:wijk>/gids": GET_ONLY,
    "api/v1/consulten": Api(
        lambda ids: {"wijk": _district_with_contact(ids)["wijk"], "vraag": TEXT}
    ),
    "api/v1/consulten/<uuid:consult>": GET_ONLY,
    # --- the web -----------------------------------------------------------------------------
    "": GET_ONLY,
    # Step 1 searches (a read: only its audit row); step 2 creates the family.
    "gezinnen/nieuw": [
        Web(post={"bsn": "", "surname": "Matrix", "birth_date": "2019-05-01"}, changes=False),
        Web(
            "jeugdprofessional",
            query="?stap=gegevens",
            session={"households.searched_before_create": True},
        ),
    ],
    "gezinnen/<uuid:household_id>": GET_ONLY,
    "gezinnen/<uuid:household_id>/leden/nieuw": Web(
        "jeugdprofessional",
        {
            "given_names": "Sam",
            "surname_prefix": "",
            "surname": "Matrix",
            "role": "child",
            "bsn": "",
        },
    ),
    "gezinnen/<uuid:household_id>/betrokkenen/nieuw": Web(
        "jeugdprofessional", lambda ids: {"consented_by": _consenters(ids)}
    ),
    "gezinnen/<uuid:household_id>/betrokkenen/<uuid:involvement_id>/beeindigen": Web(
        "jeugdprofessional", ids=lambda ids: {"involvement_id": _involvement_not_lead(ids)}
    ),
    "gezinnen/<uuid:household_id>/regie": Web("jeugdprofessional", {"stap": "bevestigen"}),
    "gezinnen/<uuid:household_id>/maatregelen/nieuw": Web(
        "jeugdprofessional",
        {
            "type": "provisional_supervision",
            "ends_on": "2026-05-01",
            "lead_to": "",
            "supervision": "",
            "guardian_kind": "",
            "guardian_organisation": "",
            "guardian_name": "",
        },
    ),
    "gezinnen/<uuid:household_id>/maatregelen/<uuid:measure_id>/verlengen": Web(
        "gi", {"ends_on": "2027-03-01"}, ids=_measure_ids
    ),
    "gezinnen/<uuid:household_id>/maatregelen/<uuid:measure_id>/beeindigen": Web(
        "gi", lambda ids: {"lead_to": _professional("jeugdprofessional")}, ids=_measure_ids
    ),
    "gezinnen/<uuid:household_id>/toegangslog": GET_ONLY,
    "ventieltafel": GET_ONLY,
    "ventieltafel/aanvragen/nieuw": Web("jeugdprofessional"),
    "ventieltafel/aanvragen/<uuid:request_id>": GET_ONLY,
    "ventieltafel/aanvragen/<uuid:request_id>/kosten-baten": Web(
        "jeugdprofessional", adjust=lambda data: _blank_new_rows(data)
    ),
    "ventieltafel/aanvragen/<uuid:request_id>/kosten-baten/voorbeeld": Web(
        "jeugdprofessional",
        page="ventieltafel/aanvragen/<uuid:request_id>/kosten-baten",
        changes=False,
    ),
    "ventieltafel/aanvragen/<uuid:request_id>/uitnodigen": Web("ventieltafel"),
    "ventieltafel/aanvragen/<uuid:request_id>/besluit": Web("ventieltafel", {"conditions": ""}),
    "ventieltafel/besluiten": GET_ONLY,
    "ventieltafel/referentiekosten": GET_ONLY,
    "ventieltafel/referentiekosten/nieuw": Web("ventieltafel"),
    "ventieltafel/beleidssignalen": GET_ONLY,
    "ventieltafel/beleidssignalen/<uuid:signal_id>": Web("beleid"),
    "gezinnen/<uuid:household_id>/veiligheidskaart": GET_ONLY,
    "gezinnen/<uuid:household_id>/veiligheidskaart/onderdelen/<slug:section>": Web(
        "jeugdprofessional"
    ),
    "gezinnen/<uuid:household_id>/veiligheidskaart/afspraak-met-gezin": Web(
        "jeugdprofessional", page="gezinnen/<uuid:household_id>/veiligheidskaart"
    ),
    "gezinnen/<uuid:household_id>/veiligheidskaart/versies": GET_ONLY,
    "gezinnen/<uuid:household_id>/veiligheidskaart/versies/<int:number>": GET_ONLY,
    "gezinnen/<uuid:household_id>/veiligheidskaart/verschil": GET_ONLY,
    "gezinnen/<uuid:household_id>/veiligheidskaart/schalen": GET_ONLY,
    "gezinnen/<uuid:household_id>/veiligheidskaart/gezin.pdf": GET_ONLY,
    "gezinnen/<uuid:household_id>/veiligheidskaart/overdracht.zip": GET_ONLY,
    "meldingen": GET_ONLY,
    "meldingen/nieuw": Web("school", {"reporter_email": "melder@example.nl", "stap": "bevestigen"}),
    "meldingen/<uuid:report_id>": GET_ONLY,
    "meldingen/<uuid:report_id>/overdracht.txt": GET_ONLY,
    "meldingen/<uuid:report_id>/veiligheidsbeoordeling": Web(
        "veiligthuis", ids=_report("received")
    ),
    "meldingen/<uuid:report_id>/terugkoppeling/<uuid:feedback_id>": Web(
        "veiligthuis", ids=_open_feedback
    ),
    "meldingen/<uuid:report_id>/onderzoek": Web("veiligthuis", ids=_report("investigation")),
    "meldingen/<uuid:report_id>/huisbezoek": Web("veiligthuis"),
    "meldingen/<uuid:report_id>/anonimiteit": Web(
        "veiligthuis", {"confirm": "on"}, ids=_report("received")
    ),
    "meldingen/<uuid:report_id>/gezin": Web("veiligthuis", ids=_report_without_household),
    "huisbezoeken/<uuid:visit_id>/verslag": Web("veiligthuis"),
    "adviezen/nieuw": Web("school"),
    "adviezen/<uuid:advice_id>": Web("veiligthuis", ids=_open_advice),
    "adviezen/<uuid:advice_id>/omzetting": Web("veiligthuis", ids=_open_advice),
    "meldcode": GET_ONLY,
    "meldcode/nieuw": Web("school"),
    "meldcode/<uuid:trail_id>": Web("school"),
    "meldcode/<uuid:trail_id>/opnieuw": Web(post={}),
    "veiligheidsteams": GET_ONLY,
    "veiligheidsteams/<uuid:team_id>/casusoverleggen/nieuw": Web("gi"),
    "veiligheidsteams/<uuid:team_id>/leden": Web("gi"),
    "veiligheidsteams/<uuid:team_id>/organisaties": Web(
        "gi", page="veiligheidsteams/<uuid:team_id>/leden"
    ),
    "veiligheidsteams/<uuid:team_id>/verwijderen": Web(
        "gi", page="veiligheidsteams/<uuid:team_id>/leden"
    ),
    "casusoverleggen/<uuid:meeting_id>": GET_ONLY,
    "casusoverleggen/<uuid:meeting_id>/agendapunten/nieuw": Web("jeugdprofessional"),
    "agendapunten/<uuid:item_id>/uitkomst": Web("gi", ids=_started_item),
    "agendapunten/<uuid:item_id>/acties/nieuw": Web("gi"),
    "agendapunten/<uuid:item_id>/matching": Web(
        "gi", lambda ids: {"professional": _professional("wijkcoach")}, ids=_item_of_own_household
    ),
    "taken": GET_ONLY,
    "acties/<uuid:action_id>/afsluiten": Web(_action_owner, page="taken", ids=_open_action),
    "berichten": GET_ONLY,
    "berichten/<uuid:notification_id>/gelezen": Web(post={}),
    "gezinnen/<uuid:household_id>/ook-betrokken": GET_ONLY,
    "gezinnen/<uuid:household_id>/toets": Web(post={}),
    "gezinnen/<uuid:household_id>/toets/<uuid:check_id>.<str:fmt>": GET_ONLY,
    "gezinnen/<uuid:household_id>/toets/<uuid:check_id>/uitkomst": Web(
        "raad", page="gezinnen/<uuid:household_id>/toets", ids=_board_check
    ),
    "gezinnen/<uuid:household_id>/buffers": GET_ONLY,
    "gezinnen/<uuid:household_id>/buffers/nieuw": Web("jeugdprofessional"),
    "gezinnen/<uuid:household_id>/goede-momenten": GET_ONLY,
    "gezinnen/<uuid:household_id>/goede-momenten/nieuw": Web("jeugdprofessional"),
    "gezinnen/<uuid:household_id>/netwerk": Web("jeugdprofessional"),
    "gezinnen/<uuid:household_id>/netwerk/<int:index>/weghalen": Web(
        "jeugdprofessional", page="gezinnen/<uuid:household_id>/netwerk"
    ),
    "wijken": GET_ONLY,
    "wijken/<uuid:district_id>/gids": GET_ONLY,
    "wijken/<uuid:district_id>/gids/nieuw": Web("jeugdprofessional", ids=_district_with_contact),
    "consulten": Web("school"),
    "consulten/<uuid:consult_id>": Web(_asker),
    "consulten/<uuid:consult_id>/meldcode": Web(_asker, page="consulten/<uuid:consult_id>"),
    # --- issues 10-17: the API ------------------------------------------------------------
    "api/v1/gezinnen/<uuid:gezin>/betrokkenen/<uuid:betrokkenheid>/beeindiging": Api(
        {}, ids=lambda ids: {"betrokkenheid": _involvement_not_lead(ids)}
    ),
    "api/v1/gezinnen/<uuid:gezin>/regie/verzoeken": Api(
        lambda ids: {"regisseur": _professional("wijkcoach"), "reden": TEXT}
    ),
    "api/v1/gezinnen/<uuid:gezin>/maatregelen/<uuid:maatregel>/tenuitvoerlegging": Api(
        {"tenUitvoerGelegdOp": TODAY}, ids=_placement
    ),
    "api/v1/ventielaanvragen/<uuid:aanvraag>/uitnodigingen": Api(
        lambda ids: {"professional": _partner(ids)}
    ),
    "api/v1/meldingen/<uuid:melding>/gezin": Api(
        lambda ids: {"naam": "Gezin Matrix", "gemeente": str(_household(ids).municipality_id)},
        ids=_report_without_household,
    ),
    "api/v1/meldingen/<uuid:melding>/anonimiteit/intrekking": Api(
        {"reden": TEXT}, ids=_anonymous_report
    ),
    "api/v1/meldingen/<uuid:melding>/acuut": Api({"reden": TEXT}, ids=_report("received")),
    "api/v1/meldcode-trajecten/<uuid:traject>/stop": Api({"stap": 1, "reden": TEXT}),
    "api/v1/agendapunten/<uuid:agendapunt>/hulpaanbod": Api(
        {"soort": "sport", "omschrijving": TEXT}, ids=_item_of_own_household
    ),
    "api/v1/gezinnen/<uuid:gezin>/hulpaanbod": GET_ONLY,
    "api/v1/leerwerkgemeenschappen": GET_ONLY,
    "api/v1/mijn-gezin": GET_ONLY,
    "api/v1/mijn-gezin/woorden": Api({"tekst": TEXT}),
    "api/v1/mijn-gezin/score": Api({"score": 6, "reden": TEXT}),
    "api/v1/mijn-gezin/toegangslog": GET_ONLY,
    "api/v1/mijn-gezin/download": GET_ONLY,
    "api/v1/gezinnen/<uuid:gezin>/noodtoegang": Api({"reden": TEXT, "uren": 4}),
    "api/v1/noodtoegang": GET_ONLY,
    "api/v1/vernietiging": GET_ONLY,
    "api/v1/vernietiging/<uuid:gezin>/bevestiging": Api(
        lambda ids: {"gecontroleerd": True, "opVerzoek": _on_request(ids)}, ids=_due
    ),
    "api/v1/gezinnen/<uuid:gezin>/verwijzingen": Api(
        {"soortZorg": "jeugd_ggz", "verwezenDoor": "wijkteam", "datum": TODAY}
    ),
    "api/v1/monitor/indicatoren": GET_ONLY,
    "api/v1/monitor/indicatoren/<slug:code>": GET_ONLY,
    "api/v1/vragenlijsten": GET_ONLY,
    "api/v1/vragenlijsten/<uuid:vragenlijst>": Api(
        {"titel": "Synthetische titel"}, ids=_api_questionnaire
    ),
    "api/v1/vragenlijsten/<uuid:vragenlijst>/sluiten": Api({}, ids=_api_sent_questionnaire),
    # --- issues 10-17: the web ------------------------------------------------------------
    "gezinnen/<uuid:household_id>/maatregelen/<uuid:measure_id>/tenuitvoerlegging": Web(
        _lead, ids=_placement
    ),
    "meldingen/<uuid:report_id>/anonimiteit/intrekken": Web("veiligthuis", ids=_anonymous_report),
    "meldingen/<uuid:report_id>/acuut": Web("veiligthuis", ids=_report("received")),
    "meldcode/<uuid:trail_id>/stoppen": Web("school"),
    "agendapunten/<uuid:item_id>/hulpaanbod": Web("wijkcoach", ids=_item_of_own_household),
    "gezinnen/<uuid:household_id>/hulpaanbod": GET_ONLY,
    "leerwerkgemeenschappen": GET_ONLY,
    "consulten/<uuid:consult_id>/signaal": Web(
        _asker, {"consent": "on"}, page="consulten/<uuid:consult_id>"
    ),
    "signalen/<uuid:signal_id>": GET_ONLY,
    "toegangslog": GET_ONLY,
    "toegangslog.csv": GET_ONLY,
    "mijn-gezin": GET_ONLY,
    "mijn-gezin/uitnodiging": NO_FAMILY,  # a logged-out step: every account is sent on
    "mijn-gezin/woorden": Web("ouder", page="mijn-gezin"),
    "mijn-gezin/score": Web("ouder", page="mijn-gezin"),
    "mijn-gezin/goed-moment": Web("ouder", page="mijn-gezin"),
    "mijn-gezin/besproken": Web("ouder", page="mijn-gezin"),
    "mijn-gezin/reactie": Web("ouder", page="mijn-gezin"),
    "mijn-gezin/wie-keek": GET_ONLY,
    "mijn-gezin/verzoeken": Web("ouder"),
    "mijn-gezin/download.<str:fmt>": GET_ONLY,
    "gezinnen/<uuid:household_id>/gezinsportaal": Web("jeugdprofessional"),
    "gezinnen/<uuid:household_id>/gezinsportaal/verzoeken/<uuid:rights_request_id>/antwoord": Web(
        _lead, page="gezinnen/<uuid:household_id>/gezinsportaal", ids=_correction
    ),
    "gezinnen/<uuid:household_id>/noodtoegang": Web("wijkcoach"),
    "noodtoegang": GET_ONLY,
    "vernietiging": GET_ONLY,
    "vernietiging/<uuid:household_id>/bevestiging": Web(
        post=lambda ids: {"checked": "yes", "on_request": "yes" if _on_request(ids) else ""},
        ids=_due,
    ),
    "gezinnen/<uuid:household_id>/verwijzingen": Web("jeugdprofessional"),
    "monitor": GET_ONLY,
    "monitor/export/veilig-thuis": GET_ONLY,
    "monitor/export/<slug:code>": GET_ONLY,
    "vragenlijsten": GET_ONLY,
    "vragenlijsten/nieuw": Web("beleid", {"closes_on": "2026-04-01"}),
    "geplande-taken": GET_ONLY,
    "metrics": GET_ONLY,
    "api/v1/regie-verzoeken/<uuid:verzoek>": GET_ONLY,
    "api/v1/regie-verzoeken/<uuid:verzoek>/aanvaarding": Api({}, ids=_handover),
    "api/v1/regie-verzoeken/<uuid:verzoek>/afwijzing": Api({"toelichting": TEXT}, ids=_handover),
    "api/v1/regie-verzoeken/<uuid:verzoek>/intrekking": Api({}, ids=_handover),
    "regie-overdrachten/<uuid:offer_id>": Web(_handover_receiver, ids=_handover),
    # Issue 16: DigiD for families (an OIDC redirect and its callback: no family until the
    # provider answered), and the legal holds on the retention page.
    "mijn-gezin/digid/": GET_ONLY,
    "mijn-gezin/digid/terug/": GET_ONLY,
    "gezinnen/<uuid:household_id>/bewaartermijn": GET_ONLY,
    "gezinnen/<uuid:household_id>/bewaartermijn/blokkades": Web(
        "jeugdprofessional", page="gezinnen/<uuid:household_id>/bewaartermijn"
    ),
    "gezinnen/<uuid:household_id>/bewaartermijn/blokkades/<uuid:hold_id>/opheffen": Web(
        post={}, ids=_hold
    ),
    "api/v1/noodtoegang/<uuid:noodtoegang>/beoordeling": Api(
        {"uitkomst": "terecht"}, ids=_emergency
    ),
    "noodtoegang/<uuid:access_id>/beoordeling": Web(post={"outcome": "approved"}, ids=_emergency),
    "api/v1/gezinnen/<uuid:gezin>/hulpaanbod/<uuid:aanbod>/antwoord": Api(
        {"antwoordRegisseur": "aangenomen", "antwoordGezin": "aangenomen"}, ids=_help_offer
    ),
    "gezinnen/<uuid:household_id>/hulpaanbod/<uuid:offer_id>": Web(
        _lead, page="gezinnen/<uuid:household_id>/hulpaanbod", ids=_help_offer
    ),
    "api/v1/leerwerkgemeenschappen/<uuid:leerwerkgemeenschap>": GET_ONLY,
    "api/v1/leerwerkgemeenschappen/<uuid:leerwerkgemeenschap>/bijeenkomsten": Api(
        lambda ids: {"datum": TODAY, "theorie": TEXT, "aanwezig": _community_members(ids)},
        ids=_community,
    ),
    "leerwerkgemeenschappen/<uuid:community_id>": GET_ONLY,
    "leerwerkgemeenschappen/<uuid:community_id>/bijeenkomsten/nieuw": Web(
        _community_member, ids=_community
    ),
    "wijken/<uuid:district_id>/gids/<uuid:entry_id>/wijzigen": Web(
        _entry_colleague, ids=_guide_entry
    ),
    "mijn-gezin/toestemmingen/<uuid:consent_id>/intrekken": Web(post={}, ids=_parent_consent),
    "vragenlijsten/<uuid:questionnaire_id>/versturen": Web(post={}, ids=_draft_questionnaire),
    "vragenlijsten/<uuid:questionnaire_id>": GET_ONLY,
    "vragenlijsten/<uuid:questionnaire_id>/wijzigen": Web(
        "beleid", {"title": "Synthetische titel"}, ids=_draft_questionnaire
    ),
    "vragenlijsten/<uuid:questionnaire_id>/sluiten": Web(post={}, ids=_sent_questionnaire),
    "vragenlijsten/invullen/<uuid:token>": Web(_invited, ids=_questionnaire_invitation),
}
