"""The map on paper: the family's PDF in plain language, and the handover package (PDF and
JSON) for the organisation that takes over. Callers go through the gate, which audits them."""

import io
import json
import zipfile

from django.template.loader import render_to_string
from django.utils import timezone

from ketenkaart.api.formats import timestamp
from ketenkaart.households import selectors as household_selectors
from ketenkaart.households.models import Household, Involvement
from ketenkaart.safety_maps import selectors
from ketenkaart.safety_maps.content import SECTIONS_BY_KEY


def _pdf(html: str) -> bytes:
    # Imported here: WeasyPrint loads Pango at import, which only exports need.
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def family_pdf(household: Household) -> bytes:
    """The family's PDF; good-parent moments come first (issue 14), before the worries."""
    from ketenkaart.buffers import selectors as buffer_selectors

    state = selectors.map_state(household)
    # The family's own paper says whom to call: their regisseur, by name, organisation and
    # phone (the professional's own, else the organisation's).
    lead = (
        Involvement.objects.filter(household=household, is_lead=True)
        .select_related("professional__user", "organisation")
        .first()
    )
    html = render_to_string(
        "safety_maps/pdf/family.html",
        {
            "household": household,
            "moments": list(buffer_selectors.moments(household)),
            "lead": lead,
            "lead_phone": (lead.professional.phone or lead.organisation.phone) if lead else "",
            "state": state,
            "content": state.content,
            "printed_at": timezone.localtime(),
        },
    )
    return _pdf(html)


def _version_row(version) -> dict:
    return {
        "versie": version.number,
        "opgeslagen": timestamp(version.created_at),
        "auteur": version.author.display_name,
        "organisatie": version.organisation.name,
        "gewijzigd": [
            str(SECTIONS_BY_KEY[k].title) for k in version.changed_sections if k in SECTIONS_BY_KEY
        ],
        "afgesprokenMetGezin": version.agreed_with_family,
        "afgesprokenMet": version.agreed_with or None,
    }


def _score_row(score) -> dict:
    return {
        "deelnemer": score.participant_name,
        "soort": "gezinslid" if score.participant_kind == "member" else "professional",
        "score": score.score,
        "reden": score.reason,
        "gegevenOp": timestamp(score.given_at),
        "versie": score.number,
    }


def handover_data(household: Household) -> dict:
    """Map, dossier summary and timeline: what the receiving organisation needs, no BSN."""
    state = selectors.map_state(household)
    dossier = household_selectors.dossier(household)
    history = list(selectors.versions(state.safety_map)) if state.safety_map else []
    return {
        "gezin": {"id": str(household.pk), "naam": household.name},
        "gemaaktOp": timestamp(timezone.now()),
        "veiligheidskaart": {
            "versie": state.number,
            "inhoud": state.content,
            "schalen": [_score_row(s) for s in state.scores],
        },
        "dossier": {
            "kader": "gedwongen" if dossier.frame_court_ordered else "vrijwillig",
            "regisseur": (
                {
                    "naam": dossier.lead.professional.display_name,
                    "organisatie": dossier.lead.organisation.name,
                    "telefoon": dossier.lead.professional.phone or dossier.lead.organisation.phone,
                }
                if dossier.lead
                else None
            ),
            "leden": [
                {
                    "naam": m.person.full_name,
                    "rol": m.get_role_display(),
                    "geboortedatum": m.person.birth_date.isoformat()
                    if m.person.birth_date
                    else None,
                    "gezag": m.has_custody,
                }
                for m in dossier.members
            ],
            "betrokkenen": [
                {
                    "naam": i.professional.display_name,
                    "organisatie": i.organisation.name,
                    "rol": i.role_in_family,
                    "telefoon": i.professional.phone or i.organisation.phone,
                }
                for i in dossier.involvements
            ],
            "maatregelen": [
                {
                    "soort": m.get_type_display(),
                    "kind": m.child.full_name,
                    "ingang": m.starts_on.isoformat(),
                    "einde": m.ends_on.isoformat() if m.ends_on else None,
                }
                for m in dossier.measures
            ],
        },
        "tijdlijn": [
            {"moment": timestamp(e.at), "wat": str(e.text), "toelichting": str(e.detail)}
            for e in household_selectors.timeline(dossier)
        ],
        "versies": [_version_row(v) for v in history],
    }


def handover_package(household: Household) -> bytes:
    """A zip with overdracht.pdf and overdracht.json."""
    data = handover_data(household)
    state = selectors.map_state(household)
    html = render_to_string(
        "safety_maps/pdf/handover.html",
        {
            "household": household,
            "state": state,
            "content": state.content,
            "data": data,
            "printed_at": timezone.localtime(),
        },
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("overdracht.pdf", _pdf(html))
        archive.writestr("overdracht.json", json.dumps(data, ensure_ascii=False, indent=2))
    return buffer.getvalue()
