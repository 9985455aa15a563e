"""The privacy officer's toegangslog: every row about their region's families and by their
region's professionals, filtered by period, user, organisation, action, outcome and family,
paged, and exported as CSV. Reading it (and exporting it) is itself one row of the log.

Who may read it: the privacy officer, for their own region (AVG art. 38-39: the functionaris
gegevensbescherming oversees the processing; NEN 7513:2024 §6: the log is reviewed). A
regisseur reads the log of their own families on the family's page (gate.access_household_log).
"""

import csv
import datetime
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ketenkaart.access import gate, labels
from ketenkaart.audit import services as audit
from ketenkaart.audit.actions import ACTIONS
from ketenkaart.audit.models import AccessEvent, Outcome
from ketenkaart.households.forms import DossierForm
from ketenkaart.households.models import Household
from ketenkaart.organisations.models import Organisation, Role

EXPORT_LIMIT = 100_000  # rows per CSV; narrow the filters for more


class LogFilterForm(DossierForm):
    """Parses the filters only; an invalid value is a Dutch error on its own field."""

    van = forms.DateField(
        label=_("Vanaf (datum)"), required=False, widget=forms.DateInput({"type": "date"})
    )
    tot = forms.DateField(
        label=_("Tot en met (datum)"), required=False, widget=forms.DateInput({"type": "date"})
    )
    gebruiker = forms.CharField(label=_("Gebruikersnaam"), required=False, max_length=150)
    organisatie = forms.TypedChoiceField(
        label=_("Organisatie"), required=False, coerce=uuid.UUID, empty_value=None
    )
    handeling = forms.ChoiceField(label=_("Handeling"), required=False)
    uitkomst = forms.ChoiceField(
        label=_("Uitkomst"), required=False, choices=[("", _("Alle")), *Outcome.choices]
    )
    gezin = forms.UUIDField(
        label=_("Gezin (kenmerk)"),
        required=False,
        help_text=_("Het kenmerk van het gezin, zoals in de toegangslog van dat gezin."),
        error_messages={"invalid": _("Vul een geldig kenmerk in.")},
    )

    def __init__(
        self, *args: Any, organisations: Iterable[tuple[uuid.UUID, str]] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["organisatie"]).choices = [
            ("", _("Alle")),
            *organisations,
        ]
        cast(forms.ChoiceField, self.fields["handeling"]).choices = [
            ("", _("Alle")),
            *sorted(((code, str(label)) for code, label in ACTIONS.items()), key=lambda c: c[1]),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("van") and data.get("tot") and data["tot"] < data["van"]:
            self.add_error("tot", _("Deze datum ligt vóór de begindatum."))
        return data


@dataclass(frozen=True)
class Scope:
    """The privacy officer's region: its families and its organisations."""

    region_id: uuid.UUID
    organisations: list[tuple[uuid.UUID, str]]

    def events(self) -> QuerySet[AccessEvent]:
        households = Household.objects.filter(region_id=self.region_id).values("pk")
        organisations = [pk for pk, _name in self.organisations]
        return AccessEvent.objects.filter(
            Q(household_id__in=households) | Q(actor_organisation_id__in=organisations)
        )


def require_privacy_officer(request: HttpRequest, action: str) -> Scope:
    """Only a privacy officer reads the region's log; a refusal is one row, as a refusal."""
    professional = gate.require_privacy_officer(request, action, object_type="access_log")
    region_id = professional.organisation.region_id
    organisations = list(
        Organisation.objects.filter(region_id=region_id).order_by("name").values_list("pk", "name")
    )
    return Scope(region_id, organisations)


def filtered(scope: Scope, data: dict[str, Any]) -> QuerySet[AccessEvent]:
    events = scope.events()
    tz = timezone.get_current_timezone()
    if data.get("van"):
        events = events.filter(
            occurred_at__gte=datetime.datetime.combine(data["van"], datetime.time(), tz)
        )
    if data.get("tot"):
        end = data["tot"] + datetime.timedelta(days=1)
        events = events.filter(occurred_at__lt=datetime.datetime.combine(end, datetime.time(), tz))
    if data.get("gebruiker"):
        events = events.filter(actor_username=data["gebruiker"].strip())
    if data.get("organisatie"):
        events = events.filter(actor_organisation_id=data["organisatie"])
    if data.get("handeling"):
        events = events.filter(action=data["handeling"])
    if data.get("uitkomst"):
        events = events.filter(outcome=data["uitkomst"])
    if data.get("gezin"):
        events = events.filter(household_id=data["gezin"])
    return events.order_by("-occurred_at", "-pk")


def audit_read(request: HttpRequest, action: str, data: dict[str, Any]) -> None:
    """The one row of reading or exporting the log; the family filtered on, if any."""
    audit.record(
        user=request.user,
        action=action,
        object_type="access_log",
        household_id=data.get("gezin"),
        legal_basis=gate.Grant.PRIVACY_OFFICER,
        request=request,
    )


def rows(
    events: Iterable[AccessEvent], organisations: dict[uuid.UUID | None, str]
) -> list[dict[str, Any]]:
    """The events with names resolved in one query for the users (the organisations are the
    region's, already loaded)."""
    events = list(events)
    users = get_user_model().objects.in_bulk({e.actor_user_id for e in events if e.actor_user_id})
    roles = dict(Role.choices)
    return [
        {
            "event": event,
            "who": (
                users[event.actor_user_id].get_full_name() or event.actor_username
                if event.actor_user_id in users
                else event.actor_username
            ),
            "organisation": organisations.get(event.actor_organisation_id, ""),
            "role": roles.get(event.actor_role, event.actor_role),
            "action": labels.action_label(event.action),
            "basis": labels.basis_label(event.legal_basis or event.grant),
        }
        for event in events
    ]


CSV_HEADER = [
    "tijdstip",
    "gebruikersnaam",
    "organisatie",
    "rol",
    "handeling",
    "code",
    "uitkomst",
    "grondslag",
    "noodtoegang",
    "gezin",
    "gezinnen",
    "personen",
    "object",
    "verzoek",
    "traceparent",
    "adres",
]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _cell(value: object) -> str:
    """Text as a spreadsheet shows it, never as a formula (OWASP: CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_lines(
    events: QuerySet[AccessEvent], organisations: dict[uuid.UUID | None, str]
) -> Iterator[str]:

    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow(CSV_HEADER)
    roles = dict(Role.choices)
    outcomes = dict(Outcome.choices)
    for event in events[:EXPORT_LIMIT].iterator(chunk_size=2000):
        yield writer.writerow(
            [
                _cell(value)
                for value in (
                    timezone.localtime(event.occurred_at).isoformat(timespec="seconds"),
                    event.actor_username,
                    organisations.get(event.actor_organisation_id, ""),
                    roles.get(event.actor_role, event.actor_role),
                    labels.action_label(event.action),
                    event.action,
                    outcomes.get(event.outcome, event.outcome),
                    labels.basis_label(event.legal_basis or event.grant),
                    "ja" if event.emergency else "nee",
                    event.household_id or "",
                    " ".join(event.household_ids),
                    " ".join(event.person_ids),
                    f"{event.object_type} {event.object_id}".strip(),
                    event.request_id,
                    event.traceparent,
                    event.client_address or "",
                )
            ]
        )
