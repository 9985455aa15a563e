"""Destroying a dossier whole (AVG art. 17; Jeugdwet art. 7.3.8 and 7.3.9): the household and
every row that points at it, found through Django's model graph (so a table added later is
covered without a list to keep), the persons who are in no other dossier, the family's own
accounts; in one transaction, leaving one tombstone in the audit log with ids only."""

from collections import defaultdict
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Field, Model
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenkaart.access import gate
from ketenkaart.audit import services as audit
from ketenkaart.core.errors import DomainError
from ketenkaart.households.models import Household, Person
from ketenkaart.organisations.models import Professional
from ketenkaart.retention import rules
from ketenkaart.retention.models import HoldReason, LegalHold

# Rows that point at a dossier by text, not by a foreign key: an inbox message's link.
TEXT_REFERENCES = (("notifications", "Notification", "link"),)
# Tables that stay: the audit log (insert-only, ids only; its tombstone records the destruction).
KEPT_APPS = frozenset({"audit"})


# The collected rows: primary keys per model.
Collected = dict[type[Model], set[Any]]


def _models() -> list[type[Model]]:
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label not in KEPT_APPS and not m._meta.proxy and m._meta.managed
    ]


def _foreign_keys(model: type[Model]) -> "list[Field[Any, Any]]":
    return [
        f
        for f in model._meta.concrete_fields
        if f.is_relation and (f.many_to_one or f.one_to_one) and f.related_model is not None
    ]


def collect(household: Household) -> Collected:
    """Every row that belongs to the dossier: the household, and, to a fixpoint, every row
    with a foreign key to a collected row (except to a Person or a User, which are shared
    and decided on separately)."""
    collected: Collected = defaultdict(set)
    collected[Household].add(household.pk)
    shared = {Person, get_user_model()}
    edges = [
        (model, field)
        for model in _models()
        for field in _foreign_keys(model)
        if field.related_model not in shared and model not in shared
    ]
    changed = True
    while changed:
        changed = False
        for model, field in edges:
            # Resolved once the apps are loaded: a model class, never "self" (a stub gap).
            targets = collected.get(field.related_model)  # type: ignore[arg-type]
            if not targets:
                continue
            found = set(
                model._default_manager.filter(**{f"{field.attname}__in": list(targets)})
                .exclude(pk__in=list(collected.get(model, ())))
                .values_list("pk", flat=True)
            )
            if found:
                collected[model] |= found
                changed = True
    return collected


def _referenced(collected: Collected, target: type[Model]) -> set[Any]:
    """Ids of `target` rows that collected rows point at."""
    ids: set[Any] = set()
    for model, pks in collected.items():
        for field in _foreign_keys(model):
            if field.related_model is target:
                ids |= set(
                    model._default_manager.filter(pk__in=list(pks))
                    .exclude(**{f"{field.attname}__isnull": True})
                    .values_list(field.attname, flat=True)
                )
    return ids


def _still_used_elsewhere(collected: Collected, target: type[Model], ids: set[Any]) -> set[Any]:
    """Of `ids`, those a row outside the dossier points at (a person in another dossier)."""
    used: set[Any] = set()
    for model in _models():
        for field in _foreign_keys(model):
            if field.related_model is not target:
                continue
            rows = model._default_manager.filter(**{f"{field.attname}__in": list(ids)})
            if collected.get(model):
                rows = rows.exclude(pk__in=list(collected[model]))
            used |= set(rows.values_list(field.attname, flat=True))
    return used


def _family_users(collected: Collected) -> set[int]:
    from ketenkaart.portal.models import FamilyAccount

    pks = collected.get(FamilyAccount, set())
    return set(FamilyAccount.objects.filter(pk__in=list(pks)).values_list("user_id", flat=True))


def require_privacy_officer(by: Professional, household: Household) -> None:
    if gate.access_log_grant(by.user, household) != gate.Grant.PRIVACY_OFFICER:
        raise DomainError(_("Alleen de privacy officer van de regio vernietigt een dossier."))


@transaction.atomic
def household_destroy(
    *,
    by: Professional,
    household: Household,
    on_request: bool = False,
    request: HttpRequest | None = None,
) -> dict[str, int]:
    """Destroy the dossier whole. Refused while a hold applies, and before its date unless the
    family asked for earlier destruction (an open request, answered within three months).
    Returns the number of rows per table (no personal data)."""
    require_privacy_officer(by, household)
    household = Household.objects.select_for_update().get(pk=household.pk)
    found = rules.verdict(household)
    if found.holds:
        raise DomainError(
            _("Dit dossier mag nu niet worden vernietigd: er loopt een maatregel of procedure."),
            code="conflict",
        )
    if on_request:
        from ketenkaart.portal.models import RequestKind, RightsRequest

        if not RightsRequest.objects.filter(
            household=household, kind=RequestKind.DESTRUCTION, answered_at__isnull=True
        ).exists():
            raise DomainError(
                _("Er is geen open verzoek om eerdere vernietiging."), field="on_request"
            )
    elif not found.due_on(timezone.localdate()):
        raise DomainError(
            _("De bewaartermijn van dit dossier is nog niet voorbij."), code="conflict"
        )
    household_id = household.pk
    collected = collect(household)
    persons = _referenced(collected, Person)
    persons -= _still_used_elsewhere(collected, Person, persons)
    users = _family_users(collected)
    counts: dict[str, int] = {}
    # Foreign keys are deferred to the commit on SQLite and PostgreSQL alike (Django creates
    # them DEFERRABLE INITIALLY DEFERRED), so the order of these deletes does not matter.
    for model, pks in collected.items():
        counts[model._meta.label] = len(pks)
        model._base_manager.filter(pk__in=list(pks))._raw_delete(model._base_manager.db)
    for app_label, model_name, field in TEXT_REFERENCES:
        model = apps.get_model(app_label, model_name)
        rows = model._base_manager.filter(**{f"{field}__contains": str(household_id)})
        counts[model._meta.label] = counts.get(model._meta.label, 0) + rows.count()
        rows._raw_delete(model._base_manager.db)
    Person.objects.filter(pk__in=list(persons))._raw_delete(Person.objects.db)
    counts[Person._meta.label] = len(persons)
    # The family's own accounts, with what hangs under them (second factor, sessions' owner).
    get_user_model().objects.filter(pk__in=list(users)).delete()
    counts["auth.User"] = len(users)
    audit.record(
        user=by.user,
        action="retention.household.destroyed",
        household_id=household_id,
        object_type="household",
        object_id=household_id,
        person_ids=sorted(persons, key=str),
        legal_basis="avg_17_request" if on_request else "retention_period_ended",
        request=request,
    )
    return counts


def require_hold_keeper(by: Professional, household: Household) -> None:
    """The privacy officer of the region and the family's regisseur place and lift holds (the
    same two who read the toegangslog, gate.access_log_grant): a procedure pending is known
    first to the regisseur, and the privacy officer answers for the destruction."""
    if gate.access_log_grant(by.user, household) not in (
        gate.Grant.PRIVACY_OFFICER,
        gate.Grant.LEAD,
    ):
        raise DomainError(
            _("Alleen de privacy officer of de regisseur blokkeert de vernietiging."),
            code="forbidden",
        )


def _grant(by: Professional, household: Household) -> str:
    return gate.access_log_grant(by.user, household) or ""


@transaction.atomic
def legal_hold_place(
    *, by: Professional, household: Household, reason: str, note: str = ""
) -> LegalHold:
    """Block destruction while a procedure is pending (AVG art. 17 lid 3 sub e: the data are
    needed for a legal claim; Jeugdwet art. 7.3.9 lid 3: not destroyed while a measure or a
    procedure makes keeping them necessary)."""
    require_hold_keeper(by, household)
    if reason not in HoldReason.values:
        raise DomainError(_("Kies een reden."), field="reason")
    note = (note or "").strip()
    if len(note) > 500:
        raise DomainError(_("Gebruik hoogstens 500 tekens."), field="note")
    hold = LegalHold.objects.create(
        household=household, reason=reason, note=note, placed_by=by, placed_at=timezone.now()
    )
    audit.record(
        user=by.user,
        action="retention.hold.placed",
        household_id=household.pk,
        object_type="legal_hold",
        object_id=hold.pk,
        legal_basis=_grant(by, household),
    )
    return hold


@transaction.atomic
def legal_hold_lift(*, by: Professional, hold: LegalHold) -> LegalHold:
    require_hold_keeper(by, hold.household)
    hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
    if hold.lifted_at is not None:
        raise DomainError(_("Deze blokkade is al opgeheven."), code="conflict")
    hold.lifted_at = timezone.now()
    hold.lifted_by = by
    hold.save(update_fields=["lifted_at", "lifted_by"])
    audit.record(
        user=by.user,
        action="retention.hold.lifted",
        household_id=hold.household_id,
        object_type="legal_hold",
        object_id=hold.pk,
        legal_basis=_grant(by, hold.household),
    )
    return hold
