"""The family's copy of its data (AVG art. 15 lid 3, art. 20): JSON, or the same as a PDF.
What Veilig Thuis holds about a melding is asked of Veilig Thuis itself; a reporter's identity
is never part of this copy."""

import json

from django.template.loader import render_to_string
from django.utils import timezone

from ketenkaart.access.family import FamilyView
from ketenkaart.households.models import CourtMeasure, Member
from ketenkaart.portal import selectors
from ketenkaart.portal.models import Contribution, RightsRequest


def _person(member: Member) -> dict:
    person = member.person
    return {
        "voornamen": person.given_names,
        "tussenvoegsel": person.surname_prefix,
        "achternaam": person.surname,
        "geboortedatum": person.birth_date.isoformat() if person.birth_date else None,
        "rol": member.get_role_display(),
        "gezag": member.has_custody,
    }


def _contribution(c: Contribution) -> dict:
    return {
        "soort": c.get_kind_display(),
        "tekst": c.text,
        "score": c.score,
        "versieKaart": c.map_number,
        "wanneer": c.occurred_on.isoformat() if c.occurred_on else None,
        "geschreven": c.created_at.isoformat(),
    }


def family_data(view: FamilyView) -> dict:
    """Everything Mijn gezin shows, as data. A youth of 12 to 15 gets what is about them."""
    household = view.household
    portal = selectors.portal_state(view)
    members = Member.objects.filter(household=household).select_related("person")
    contributions = Contribution.objects.filter(household=household).order_by("created_at")
    requests = RightsRequest.objects.filter(household=household).order_by("created_at")
    if not view.may_download_household:
        members = members.filter(pk=view.member.pk)
        contributions = contributions.filter(member=view.member)
        requests = requests.filter(member=view.member)
    data = {
        "gemaakt": timezone.now().isoformat(),
        "gezin": {"naam": household.name, "gemeente": household.municipality.name},
        "gezinsleden": [_person(m) for m in members],
        "betrokkenen": [
            {
                "organisatie": i.organisation.name,
                "rol": i.role_in_family,
                "grondslag": i.get_legal_basis_display(),
                "sinds": i.started_on.isoformat(),
                "regisseur": i.is_lead,
            }
            for i in portal.involved
        ],
        "veiligheidskaart": {
            "versie": portal.state.number,
            "inhoud": portal.state.content,
            "schalen": [
                {"wie": s.who, "waar": s.where, "score": s.score, "reden": s.reason}
                for s in portal.scales
            ],
        },
        "bijdragen": [_contribution(c) for c in contributions],
        "verzoeken": [
            {
                "soort": r.get_kind_display(),
                "tekst": r.text,
                "ingediend": r.created_at.isoformat(),
                "uiterlijkBeantwoord": r.due_on.isoformat(),
                "antwoord": r.answer,
            }
            for r in requests
        ],
        "toegangslog": [
            {
                "wanneer": line.when.isoformat(),
                "organisatie": line.organisation,
                "rol": line.role,
                "wat": line.what,
                "waarom": line.why,
            }
            for line in selectors.access_log(view, limit=10_000)
        ],
    }
    if view.may_download_household:
        data["maatregelen"] = [
            {
                "maatregel": m.get_type_display(),
                "vanaf": m.starts_on.isoformat(),
                "tot": m.ends_on.isoformat() if m.ends_on else None,
            }
            for m in CourtMeasure.objects.filter(household=household).order_by("starts_on")
        ]
    return data


def family_json(view: FamilyView) -> bytes:
    return json.dumps(family_data(view), ensure_ascii=False, indent=2).encode()


def family_pdf(view: FamilyView) -> bytes:
    from weasyprint import HTML  # loads Pango at import: only for this export

    html = render_to_string("portal/pdf.html", {"data": family_data(view)})
    return HTML(string=html).write_pdf()
