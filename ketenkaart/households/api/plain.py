"""The hot reads of the API as plain dicts (issue 17): the dossier read and the toegangslog are
every click's reads, and building DRF serializers for them (field copies per instance) cost
more than their queries. Same output as `DossierSerializer` and `AccessEventSerializer`, which
stay the schema (`api/tests/test_plain.py` compares them on a full dossier); only the values
are rendered here, with DRF's own field formats for dates and times."""

from rest_framework import serializers

from ketenkaart.access import labels
from ketenkaart.households.api.serializers import (
    AUDIT_BASES,
    FRAMES,
    LEGAL_BASES,
    MEASURE_TYPES,
    MEMBER_ROLES,
    OUTCOMES,
)
from ketenkaart.organisations.models import Role

_datetime = serializers.DateTimeField().to_representation
_ROLES = {str(key): value for key, value in MEMBER_ROLES.items()}
_BASES = {str(key): value for key, value in LEGAL_BASES.items()}
_MEASURES = {str(key): value for key, value in MEASURE_TYPES.items()}
_OUTCOMES = {str(key): value for key, value in OUTCOMES.items()}
_ROLE_LABELS = dict(Role.choices)


def _when(value):
    return _datetime(value) if value else None


def _day(value):
    return value.isoformat() if value else None


def _reference(obj):
    return {"id": str(obj.id), "naam": obj.name} if obj is not None else None


def _professional(professional):
    if professional is None:
        return None
    return {"id": str(professional.id), "naam": professional.display_name}


def _member(member) -> dict:
    person = member.person
    return {
        "id": str(member.id),
        "persoonId": str(member.person_id),
        "voornamen": person.given_names,
        "tussenvoegsel": person.surname_prefix,
        "achternaam": person.surname,
        "naam": person.full_name,
        "geboortedatum": _day(person.birth_date),
        "bsn": person.bsn or None,
        "rol": _ROLES.get(str(member.role), member.role),
        "heeftGezag": bool(member.has_custody),
    }


def _involvement(involvement) -> dict | None:
    if involvement is None:
        return None
    professional = involvement.professional
    return {
        "id": str(involvement.id),
        "professionalId": str(involvement.professional_id),
        "naam": professional.display_name,
        "functie": str(_ROLE_LABELS.get(professional.role, professional.role)),
        "organisatie": involvement.organisation.name,
        "organisatieId": str(involvement.organisation_id),
        "rolBijGezin": involvement.role_in_family,
        "telefoon": professional.phone or involvement.organisation.phone,
        "email": professional.user.email or None,
        "isRegisseur": bool(involvement.is_lead),
        "sinds": _day(involvement.started_on),
        "grondslag": _BASES.get(str(involvement.legal_basis), involvement.legal_basis),
    }


def _measure(measure, day) -> dict:
    return {
        "id": str(measure.id),
        "kind": str(measure.child_id),
        "kindNaam": measure.child.full_name,
        "soort": _MEASURES.get(str(measure.type), measure.type),
        "ingangsdatum": _day(measure.starts_on),
        "einddatum": _day(measure.ends_on),
        "beeindigdOp": _day(measure.ended_on),
        "rechtbank": measure.court,
        "verlengt": str(measure.extends_id) if measure.extends_id else None,
        "actief": measure.is_active_on(day),
        "vastgelegdOp": _when(measure.recorded_at),
    }


def _handover(handover) -> dict:
    return {
        "id": str(handover.id),
        "van": _professional(handover.from_professional),
        "naar": _professional(handover.to_professional),
        "reden": handover.reason,
        "tijdstip": _when(handover.occurred_at),
        "vastgelegdDoor": _professional(handover.recorded_by),
    }


def dossier(dossier, *, day) -> dict:
    household = dossier.household
    return {
        "id": str(household.id),
        "naam": household.name,
        "regio": _reference(household.region),
        "gemeente": _reference(household.municipality),
        "wijk": _reference(household.district),
        "aangemaaktOp": _when(household.created_at),
        "geslotenOp": _when(household.closed_at),
        "kader": FRAMES[bool(dossier.frame_court_ordered)],
        "regisseur": _involvement(dossier.lead),
        "leden": [_member(m) for m in dossier.members],
        "betrokkenen": [_involvement(i) for i in dossier.involvements],
        "maatregelen": [_measure(m, day) for m in dossier.measures],
        "overdrachten": [_handover(h) for h in dossier.handovers],
        "waarschuwingen": [{"code": w.code, "tekst": str(w.text)} for w in dossier.warnings],
    }


def access_events(rows, organisation_names: dict) -> list[dict]:
    """Rows of `AccessEvent.objects.values(...)` (no model instances) as toegangslog lines."""
    return [
        {
            "tijdstip": _when(row["occurred_at"]),
            "gebruikersnaam": row["actor_username"],
            "organisatie": organisation_names.get(row["actor_organisation_id"]),
            "rol": str(_ROLE_LABELS[row["actor_role"]])
            if row["actor_role"] in _ROLE_LABELS
            else None,
            "actie": row["action"],
            "omschrijving": labels.action_label(row["action"]),
            "uitkomst": _OUTCOMES.get(str(row["outcome"]), row["outcome"]),
            "grondslag": AUDIT_BASES.get(row["legal_basis"], row["legal_basis"]) or None,
        }
        for row in rows
    ]


ACCESS_EVENT_FIELDS = (
    "occurred_at",
    "actor_username",
    "actor_organisation_id",
    "actor_role",
    "action",
    "outcome",
    "legal_basis",
)
