"""The toegangslog in plain Dutch: what an audit action and its basis mean to a reader.

Exact labels where wording matters; otherwise the action's subject and verb, so a new action
code still reads as Dutch (and the raw code is never shown to a family).
"""

from django.utils.translation import gettext_lazy as _

from ketenkaart.access.gate import Grant, ReportGrant
from ketenkaart.audit.actions import ACTIONS as DECLARED
from ketenkaart.households.models import LegalBasis

# One vocabulary: every code and its Dutch label is declared in ketenkaart/audit/actions.py.
ACTIONS = DECLARED

SUBJECTS = {
    "household": _("Dossier"),
    "safety_map": _("Veiligheidskaart"),
    "case_meeting": _("Casusoverleg"),
    "board_check": _("Toetspakket voor de Raad"),
    "exemption": _("Ventieltafel"),
    "report": _("Melding"),
    "advice": _("Advies"),
    "meldcode": _("Meldcode"),
    "meldcode_trail": _("Meldcode-traject"),
    "trail": _("Meldcode-traject"),
    "involvement_notice": _("Bericht over wie er ook betrokken is"),
    "notification": _("Bericht"),
    "joint_visit": _("Gezamenlijk huisbezoek"),
    "access_log": _("Toegangslog"),
    "person": _("Personen"),
    "buffers": _("Buffers van ouderschap"),
    "good_moment": _("Goede momenten"),
    "network": _("Netwerk van het gezin"),
    "guide": _("Wijkgids"),
    "guide_entry": _("Vermelding in de wijkgids"),
    "consult": _("Consult"),
    "signal": _("Signaal"),
    "help_offer": _("Hulpaanbod"),
    "learning_community": _("Leerwerkgemeenschap"),
    "learning_session": _("Bijeenkomst van de leerwerkgemeenschap"),
    "family": _("Mijn gezin"),
    "emergency_access": _("Noodtoegang"),
    "retention": _("Bewaartermijn"),
}

VERBS = {
    "read": _("bekeken"),
    "list": _("lijst bekeken"),
    "search": _("gezocht"),
    "export": _("geëxporteerd"),
    "pdf": _("als PDF gemaakt"),
    "handover": _("overdrachtspakket gemaakt"),
    "created": _("aangemaakt"),
    "added": _("toegevoegd"),
    "saved": _("opgeslagen"),
    "agreed": _("afgesproken met het gezin"),
    "recorded": _("vastgelegd"),
    "submitted": _("ingediend"),
    "raised": _("gesignaleerd"),
    "answered": _("beantwoord"),
    "assigned": _("toegewezen"),
    "closed": _("gesloten"),
    "done": _("afgerond"),
    "json": _("als JSON gemaakt"),
    "requested": _("aangevraagd"),
    "received": _("ontvangen"),
    "assessed": _("veiligheidsbeoordeling vastgelegd"),
    "given": _("gegeven"),
    "completed": _("afgerond"),
    "planned": _("gepland"),
    "converted": _("omgezet in een melding"),
    "anonymity_promised": _("anonimiteit van de melder beloofd"),
    "police_form_added": _("nieuw politieformulier toegevoegd"),
    "household_linked": _("aan het gezin gekoppeld"),
    "started": _("gestart"),
    "restarted": _("opnieuw gestart"),
    "steps_recorded": _("stappen vastgelegd"),
    "sent": _("verstuurd"),
    "discussed": _("besproken"),
    "police_import": _("politiemeldingen ingelezen"),
    "removed": _("weggehaald"),
}

# Keyed by the gate's Grant values (a StrEnum, so plain strings match) and the legal bases.
BASES = {
    Grant.INVOLVEMENT: _("Betrokken bij het gezin"),
    Grant.TEAM: _("Team van de organisatie is betrokken"),
    Grant.EMERGENCY: _("Noodtoegang"),
    Grant.LEAD: _("Regisseur van het gezin"),
    Grant.PRIVACY_OFFICER: _("Privacy officer van de regio"),
    Grant.CASE_MEETING: _("Deelnemer aan een casusoverleg over het gezin"),
    Grant.SAFETY_TEAM: _("Lid of deelnemer van het veiligheidsteam"),
    Grant.EXEMPTION_TABLE: _("Ventieltafel van de gemeente (zonder namen)"),
    Grant.INVITED_PARTY: _("Uitgenodigd door de ventieltafel (zonder namen)"),
    Grant.POLICY: _("Beleid (zonder namen)"),
    ReportGrant.VT_REGION: _("Veilig Thuis-team van de regio"),
    ReportGrant.OWN: _("Eigen melding"),
    ReportGrant.HANDED_TO: _("Melding aan deze professional overgedragen"),
    ReportGrant.JOINT_VISIT: _("Gezamenlijk huisbezoek"),
    "region_professional": _("Professional in de regio"),
    "own_organisation": _("Vermelding van de eigen organisatie"),
    # Mijn gezin (ketenkaart.access.family) and break the glass (ketenkaart.access.emergency).
    "family_parent": _("Ouder of verzorger met gezag, in Mijn gezin"),
    "family_youth": _("Jongere van 16 jaar of ouder, in Mijn gezin"),
    "family_youth_12_15": _("Jongere van 12 tot 16 jaar, in Mijn gezin"),
    "consult_party": _("Vraagsteller of contactpersoon van het consult"),
    "own_account": _("Eigen account"),
    "learning_member": _("Lid van de leerwerkgemeenschap"),
    "signal_party": _("Signaleerder of contactpersoon van het signaal"),
    # Lists (ketenkaart.audit.actions.LIST_GRANTS) and the monitor.
    "action_owner": _("Eigen acties uit een casusoverleg"),
    "handover_offer": _("Gevraagd, of vraagt zelf, de regie over te nemen"),
    "questionnaire_builder": _("Maakt vragenlijsten voor de regio"),
    "policy_aggregates": _("Beleid: alleen totalen, zonder namen"),
    **dict(LegalBasis.choices),
}


def action_label(code: str) -> str:
    if code in ACTIONS:
        return str(ACTIONS[code])
    parts = code.split(".")
    subject = SUBJECTS.get(parts[0])
    verb = VERBS.get(parts[-1])
    if subject and verb:
        return f"{subject}: {verb}"
    if subject:
        # An attempt to change: the form was sent; the change itself has its own row.
        return f"{subject}: {_('formulier verstuurd')}"
    return code


def basis_label(code: str) -> str:
    return str(BASES.get(code, code))
