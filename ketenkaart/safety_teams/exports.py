"""The toets package for the Raad: the map, the dossier and its measures (as the handover
package has them) plus what the veiligheidsteam advised and decided, as JSON and as a PDF.
Callers go through the gate, which audits them."""

from django.template.loader import render_to_string
from django.utils import timezone

from ketenkaart.households.models import Household
from ketenkaart.safety_maps import exports as map_exports
from ketenkaart.safety_teams.models import Action, AgendaItem


def _pdf(html: str) -> bytes:
    # Imported here, as in safety_maps.exports: WeasyPrint loads Pango at import.
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def board_check_data(household: Household) -> dict:
    data = map_exports.handover_data(household)
    items = (
        AgendaItem.objects.filter(household=household)
        .select_related("meeting__team")
        .prefetch_related("decisions__agreed_by__user")
        .order_by("meeting__starts_at")
    )
    actions = Action.objects.filter(household=household).select_related("owner__user")
    data["soort"] = "toets"
    data["veiligheidsteam"] = [
        {
            "overleg": item.meeting.starts_at.isoformat(),
            "team": item.meeting.team.name,
            "kaartversie": item.map_version,
            "vraag": item.question,
            "advies": item.advice or None,
            "besluiten": [
                {
                    "besluit": d.text,
                    "akkoord": [p.display_name for p in d.agreed_by.all()],
                }
                for d in item.decisions.all()
            ],
        }
        for item in items
    ]
    data["acties"] = [
        {
            "actie": a.description,
            "eigenaar": a.owner.display_name,
            "uiterlijk": a.due_on.isoformat(),
            "status": a.get_state_display(),
        }
        for a in actions
    ]
    return data


def board_check_pdf(household: Household, data: dict) -> bytes:
    html = render_to_string(
        "safety_teams/pdf/board_check.html",
        {"household": household, "data": data, "printed_at": timezone.localtime()},
    )
    return _pdf(html)
