"""Workflows of the ventieltafel. Each runs in one transaction and writes its audit event.

The views and the API let the caller in through the gate first; the services check the rules
of the table itself (who decides, what a request must hold, what an amount may be).
"""

import contextlib
import datetime
import re
import secrets
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from stdnum.nl import bsn as bsn_number

from ketenkaart.access import writing as grants
from ketenkaart.audit import services as audit
from ketenkaart.core import calendar
from ketenkaart.core.errors import DomainError
from ketenkaart.exemptions import costbenefit as cb
from ketenkaart.exemptions.models import (
    GRANTED_OUTCOMES,
    CostBenefit,
    CostItem,
    Decision,
    Domain,
    ExemptionRequest,
    ExemptionTable,
    HumanImpact,
    Invitation,
    Outcome,
    Party,
    PolicySignal,
    ReferenceCost,
    SignalBasis,
    SignalKind,
    SignalStatus,
    Status,
    Urgency,
)
from ketenkaart.households.models import Household, Member
from ketenkaart.organisations.models import Municipality, OrganisationType, Professional, Role

PSEUDONYM_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


class InvalidInput(DomainError):
    """Several fields at once are wrong; `errors` maps each field (path) to its message."""

    def __init__(self, errors: dict[str, str]):
        first_field, first_message = next(iter(errors.items()))
        super().__init__(first_message, field=first_field)
        self.errors = errors


# -- free texts that go to the table ----------------------------------------------------------

NUMBER_RUN = re.compile(r"(?<![\d])\d(?:[ .\-]?\d){7,8}(?![\d])")
WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
# Words of a household name that are not a name.
NOT_NAMES = frozenset({"gezin", "familie", "van", "der", "den", "het", "ter", "ten", "uit"})


def contains_bsn(text: str) -> bool:
    """A run of 8 or 9 digits (spaces, dots or dashes between them allowed) that passes the
    eleven-test is treated as a BSN."""
    for match in NUMBER_RUN.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if len(digits) == 8:
            digits = "0" + digits
        if len(digits) == 9 and bsn_number.is_valid(digits):
            return True
    return False


def names_of(household: Household) -> set[str]:
    """The words that would name this family: members' given names and surnames."""
    words = {w.casefold() for w in WORD.findall(household.name)}
    for given, surname in Member.objects.filter(household=household).values_list(
        "person__given_names", "person__surname"
    ):
        words |= {w.casefold() for w in WORD.findall(f"{given} {surname}")}
    return words - NOT_NAMES


MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "jan"),
            ("februari", "feb"),
            ("maart", "mrt", "mar"),
            ("april", "apr"),
            ("mei",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("augustus", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?!\d)")
ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
WRITTEN_DATE = re.compile(r"(?<!\d)(\d{1,2})\s+([^\W\d_]+)\.?\s+(\d{4})(?!\d)", re.UNICODE)


def dates_in(text: str) -> set[datetime.date]:
    """Every date written in a text as 3-4-2015, 03/04/15, 2015-04-03 or 3 april 2015."""
    found: set[tuple[int, int, int]] = set()
    for day, month, year in NUMERIC_DATE.findall(text):
        full = int(year) + (2000 if int(year) < 50 else 1900) if len(year) == 2 else int(year)
        found.add((full, int(month), int(day)))
    for year, month, day in ISO_DATE.findall(text):
        found.add((int(year), int(month), int(day)))
    for day, month, year in WRITTEN_DATE.findall(text):
        if month.casefold() in MONTHS:
            found.add((int(year), MONTHS[month.casefold()], int(day)))
    dates = set()
    for year, month, day in found:
        with contextlib.suppress(ValueError):
            dates.add(datetime.date(year, month, day))
    return dates


def birth_dates_of(household: Household) -> set[datetime.date]:
    dates: QuerySet[Member, datetime.date] = Member.objects.filter(
        household=household, person__birth_date__isnull=False
    ).values_list("person__birth_date", flat=True)  # type: ignore[assignment]  # never null here
    return set(dates)


def check_table_text(
    value: str,
    *,
    field: str,
    names: set[str],
    required: bool = True,
    birth_dates: set[datetime.date] | frozenset[datetime.date] = frozenset(),
) -> str:
    """A free text the asker writes for the table: no names of the family, no BSN, no birth
    date of a member (with a name, the ventieltafel could tell who the family is)."""
    value = (value or "").strip()
    if required and not value:
        raise DomainError(_("Vul dit veld in."), field=field)
    if birth_dates and dates_in(value) & set(birth_dates):
        raise DomainError(
            _(
                "Er staat een geboortedatum van een gezinslid in deze tekst. De ventieltafel "
                "leest deze tekst: schrijf bijvoorbeeld 'kind van 8 jaar'."
            ),
            field=field,
        )
    if contains_bsn(value):
        raise DomainError(
            _("Er staat een BSN in deze tekst. Haal het weg: de ventieltafel leest deze tekst."),
            field=field,
        )
    if any(word.casefold() in names for word in WORD.findall(value)):
        raise DomainError(
            _(
                "Er staat een naam van een gezinslid in deze tekst. De ventieltafel leest deze "
                "tekst: schrijf bijvoorbeeld 'moeder' of 'oudste kind' in plaats van een naam."
            ),
            field=field,
        )
    return value


def rule_key(rule: str) -> str:
    return " ".join(rule.casefold().split())


# -- the table and its requests ---------------------------------------------------------------


def table_for(municipality: Municipality) -> ExemptionTable:
    table, _created = ExemptionTable.objects.get_or_create(municipality=municipality)
    return table


def _new_pseudonym() -> str:
    while True:
        code = "V-" + "".join(secrets.choice(PSEUDONYM_ALPHABET) for _ in range(4))
        if not ExemptionRequest.objects.filter(pseudonym=code).exists():
            return code


def deadline_for(table: ExemptionTable, urgency: str, day: datetime.date) -> datetime.date:
    days = table.urgent_working_days if urgency == Urgency.URGENT else table.target_working_days
    return calendar.add_working_days(day, days)


TEXT_FIELDS = ("bottleneck", "rule", "legal_basis", "risks", "alternatives", "exception_asked")


@transaction.atomic
def request_submit(
    *,
    by: Professional,
    household: Household,
    domain: str,
    urgency: str = Urgency.NORMAL,
    bottleneck: str,
    rule: str,
    legal_basis: str,
    risks: str,
    alternatives: str,
    exception_asked: str,
) -> ExemptionRequest:
    """An involved professional puts a request to the table of the family's municipality."""
    grants.require_write(by, household)
    if domain not in Domain.values:
        raise DomainError(_("Kies een domein."), field="domain")
    if urgency not in Urgency.values:
        raise DomainError(_("Kies de urgentie."), field="urgency")
    names = names_of(household)
    birth_dates = birth_dates_of(household)
    given = {
        "bottleneck": bottleneck,
        "rule": rule,
        "legal_basis": legal_basis,
        "risks": risks,
        "alternatives": alternatives,
        "exception_asked": exception_asked,
    }
    errors: dict[str, str] = {}
    texts: dict[str, str] = {}
    for name in TEXT_FIELDS:
        try:
            texts[name] = check_table_text(
                given[name], field=name, names=names, birth_dates=birth_dates
            )
        except DomainError as error:
            errors[name] = error.message
    if errors:
        raise InvalidInput(errors)
    now = timezone.now()
    table = table_for(household.municipality)
    request = ExemptionRequest.objects.create(
        table=table,
        household=household,
        region_id=household.region_id,
        municipality_id=household.municipality_id,
        pseudonym=_new_pseudonym(),
        asked_by=by,
        asked_at=now,
        deadline=deadline_for(table, urgency, timezone.localdate(now)),
        domain=domain,
        urgency=urgency,
        rule_key=rule_key(texts["rule"]),
        **texts,
    )
    _audit(by, "exemption.request.submitted", request)
    if table.signal_basis == SignalBasis.ASKED:
        signals_check(by=by, request=request)
    return request


def _audit(by: Professional, action: str, request: ExemptionRequest, basis: str = "") -> None:
    audit.record(
        user=by.user,
        action=action,
        household_id=request.household_id,
        object_type="exemptionrequest",
        object_id=request.pk,
        legal_basis=basis,
    )


# Parties the convener may invite: partners of the chain, and the wethouder (ventieltafel).
PARTNER_TYPES = (
    OrganisationType.MUNICIPALITY,
    OrganisationType.HOUSING_CORPORATION,
    OrganisationType.DEBT_SUPPORT,
    OrganisationType.PUPIL_TRANSPORT,
    OrganisationType.MENTAL_HEALTH,
    OrganisationType.EDUCATION,
    OrganisationType.OTHER,
)


def is_convener(professional: Professional, request: ExemptionRequest) -> bool:
    return (
        professional.role == Role.EXEMPTION_TABLE
        and professional.organisation.municipalities.filter(pk=request.municipality_id).exists()
    )


@transaction.atomic
def invitation_add(
    *, by: Professional, request: ExemptionRequest, professional: Professional
) -> Invitation:
    if not is_convener(by, request):
        raise DomainError(_("Alleen de ventieltafel nodigt partijen uit."), code="forbidden")
    if professional.organisation.region_id != request.region_id:
        raise DomainError(_("Nodig een partij uit deze regio uit."), field="professional")
    if professional.organisation.type not in PARTNER_TYPES:
        raise DomainError(
            _("Nodig een ketenpartner uit: gemeente, corporatie, schuldhulp, onderwijs of zorg."),
            field="professional",
        )
    if professional.pk in (by.pk, request.asked_by_id):
        raise DomainError(_("Deze persoon zit al aan tafel."), field="professional")
    if Invitation.objects.filter(request=request, professional=professional).exists():
        raise DomainError(_("Deze partij is al uitgenodigd."), field="professional")
    invitation = Invitation.objects.create(
        request=request, professional=professional, invited_by=by, invited_at=timezone.now()
    )
    _audit(by, "exemption.invitation.added", request)
    return invitation


@transaction.atomic
def decision_record(
    *,
    by: Professional,
    request: ExemptionRequest,
    outcome: str,
    reasoning: str,
    conditions: str = "",
) -> Decision:
    """The table decides; the reasoning is required, and conditions when granted with them."""
    if not is_convener(by, request):
        raise DomainError(_("Alleen de ventieltafel legt een besluit vast."), code="forbidden")
    request = ExemptionRequest.objects.select_for_update().get(pk=request.pk)
    if request.status == Status.DECIDED:
        raise DomainError(_("Over deze aanvraag is al besloten."), code="conflict")
    errors = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Kies het besluit.")
    reasoning = (reasoning or "").strip()
    conditions = (conditions or "").strip()
    if not reasoning:
        errors["reasoning"] = _(
            "Schrijf op waarom: een besluit zonder onderbouwing kan geen precedent zijn."
        )
    if outcome == Outcome.GRANTED_WITH_CONDITIONS and not conditions:
        errors["conditions"] = _("Noem de voorwaarden.")
    if outcome != Outcome.GRANTED_WITH_CONDITIONS and conditions:
        errors["conditions"] = _("Voorwaarden horen alleen bij 'toegekend onder voorwaarden'.")
    if errors:
        raise InvalidInput(errors)
    decision = Decision.objects.create(
        request=request,
        outcome=outcome,
        reasoning=reasoning,
        conditions=conditions,
        decided_by=by,
        decided_at=timezone.now(),
    )
    request.status = Status.DECIDED
    request.save(update_fields=["status"])
    _audit(by, "exemption.decision.recorded", request)
    if request.table.signal_basis == SignalBasis.GRANTED and outcome in GRANTED_OUTCOMES:
        signals_check(by=by, request=request)
    return decision


# -- policy signals ---------------------------------------------------------------------------


def _counted(table: ExemptionTable, now: datetime.datetime) -> QuerySet[ExemptionRequest]:
    """The requests that count towards a signal: granted (or asked) in the period, and not
    already answered by policy in an earlier signal."""
    since = now - datetime.timedelta(days=table.signal_period_days)
    requests = ExemptionRequest.objects.filter(table=table)
    if table.signal_basis == SignalBasis.GRANTED:
        requests = requests.filter(
            decision__outcome__in=GRANTED_OUTCOMES, decision__decided_at__gte=since
        )
    else:
        requests = requests.filter(asked_at__gte=since)
    answered = PolicySignal.objects.filter(table=table).exclude(status=SignalStatus.OPEN)
    return requests.exclude(signals__in=answered)


def signals_check(*, by: Professional, request: ExemptionRequest) -> PolicySignal | None:
    """Raise a policy signal when the rule (or else the domain) of `request` passes the
    threshold; add the request to a signal that is already open. At most one open signal per
    rule or domain (the database holds to that too)."""
    table = request.table
    now = timezone.now()
    counted = _counted(table, now)
    if not counted.filter(pk=request.pk).exists():
        return None
    subjects = [
        (
            SignalKind.RULE,
            request.rule_key,
            request.rule,
            counted.filter(rule_key=request.rule_key),
        ),
        (
            SignalKind.DOMAIN,
            request.domain,
            str(Domain(request.domain).label),
            counted.filter(domain=request.domain),
        ),
    ]
    touched = None
    for kind, key, label, cases in subjects:
        signal = PolicySignal.objects.filter(
            table=table, kind=kind, key=key, status=SignalStatus.OPEN
        ).first()
        if signal is not None:
            signal.requests.add(request)
            touched = touched or signal
        elif touched is None and cases.count() >= table.signal_threshold:
            signal = PolicySignal.objects.create(
                table=table, kind=kind, key=key, label=label, raised_at=now
            )
            signal.requests.set(cases)
            audit.record(
                user=by.user,
                action="exemption.signal.raised",
                object_type="policysignal",
                object_id=signal.pk,
            )
            touched = signal
    return touched


@transaction.atomic
def signal_respond(
    *, by: Professional, signal: PolicySignal, taken_up: bool, response: str
) -> PolicySignal:
    if by.role != Role.POLICY:
        raise DomainError(_("Alleen beleid reageert op een beleidssignaal."), code="forbidden")
    signal = PolicySignal.objects.select_for_update().get(pk=signal.pk)
    if signal.status != SignalStatus.OPEN:
        raise DomainError(_("Op dit signaal is al gereageerd."), code="conflict")
    response = (response or "").strip()
    if not response:
        raise DomainError(
            _("Schrijf op waarom het signaal wel of niet wordt opgepakt."), field="response"
        )
    signal.status = SignalStatus.TAKEN_UP if taken_up else SignalStatus.NOT_TAKEN_UP
    signal.response = response
    signal.responded_by = by
    signal.responded_at = timezone.now()
    signal.save(update_fields=["status", "response", "responded_by", "responded_at"])
    audit.record(
        user=by.user,
        action="exemption.signal.answered",
        object_type="policysignal",
        object_id=signal.pk,
    )
    return signal


# -- amounts ----------------------------------------------------------------------------------

THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")


def parse_amount(value: object) -> Decimal:
    """A number as a Dutch professional types it: 1250, 1.250, 1250,50, € 1.250,50, 19.5.
    Raises ValueError when it is not a number."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(str(value))
    text = str(value or "").replace("€", "").replace(" ", "").replace("\u00a0", "").strip()
    if not text:
        raise ValueError("empty")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif THOUSANDS.match(text):
        text = text.replace(".", "")
    try:
        number = Decimal(text)
    except InvalidOperation as error:
        raise ValueError(text) from error
    if not number.is_finite():
        raise ValueError(text)
    return number


def amount_error(value: Decimal | None, *, required: bool = True) -> str | None:
    if value is None:
        return _("Vul een bedrag in.") if required else None
    if value < 0:
        return _("Een bedrag kan niet negatief zijn.")
    if value > cb.MAX_AMOUNT:
        return _("Een bedrag boven €10.000.000 is niet aannemelijk. Controleer het bedrag.")
    if value != value.quantize(Decimal("0.01")):
        return _("Gebruik hoogstens twee cijfers achter de komma.")
    return None


def quantity_error(value: Decimal | None) -> str | None:
    if value is None:
        return _("Vul een aantal in.")
    if value <= 0:
        return _("Het aantal moet groter zijn dan 0.")
    if value > cb.MAX_QUANTITY:
        return _("Een aantal boven de 1000 is niet aannemelijk. Controleer het aantal.")
    return None


def months_error(value: int | None) -> str | None:
    if value is None:
        return _("Vul het aantal maanden in.")
    if not 1 <= value <= cb.MAX_MONTHS:
        return _("Vul een duur in hele maanden in, van 1 tot en met 120 (tien jaar).")
    return None


def percent_error(value: Decimal | None, maximum: Decimal) -> str | None:
    if value is None:
        return _("Vul een percentage in.")
    if not 0 <= value <= maximum:
        return _("Vul een percentage in van 0 tot en met %(max)s.") % {"max": maximum}
    return None


ITEM_FIELDS = (
    "scenario",
    "reference_cost",
    "description",
    "amount",
    "period",
    "quantity",
    "months",
    "payer",
    "low",
    "high",
    "start_month",
)


def item_errors(item: dict[str, Any]) -> dict[str, str]:
    """Every problem of one cost item, by field."""
    errors = {}
    if item.get("scenario") not in cb.SCENARIOS:
        errors["scenario"] = _("Kies doormodderen of doorbraak.")
    if not (item.get("description") or "").strip():
        errors["description"] = _("Beschrijf de kostenpost.")
    if item.get("period") not in cb.PERIODS:
        errors["period"] = _("Kies eenmalig, per dag, per maand of per jaar.")
    if item.get("payer") not in Party.values:
        errors["payer"] = _("Kies wie betaalt.")
    for name, message in (
        ("amount", amount_error(item.get("amount"))),
        ("quantity", quantity_error(item.get("quantity"))),
        ("months", months_error(item.get("months"))),
        ("low", amount_error(item.get("low"), required=False)),
        ("high", amount_error(item.get("high"), required=False)),
        ("start_month", months_error(item.get("start_month", 1))),
    ):
        if message:
            errors[name] = message
    amount, low, high = item.get("amount"), item.get("low"), item.get("high")
    if "amount" not in errors and "low" not in errors and low is not None and low > amount:
        errors["low"] = _("Het lage bedrag is hoger dan het bedrag.")
    if "amount" not in errors and "high" not in errors and high is not None and high < amount:
        errors["high"] = _("Het hoge bedrag is lager dan het bedrag.")
    return errors


def impact_errors(impact: dict[str, Any]) -> dict[str, str]:
    errors = {}
    for name in ("muddling_on", "breaking_through"):
        if impact.get(name) not in (-2, -1, 0, 1, 2):
            errors[name] = _("Kies een waarde van -2 (veel slechter) tot +2 (veel beter).")
    if impact.get("member") is None and not (impact.get("label") or "").strip():
        errors["label"] = _("Beschrijf om wie het gaat, zonder naam (bijvoorbeeld 'baby').")
    return errors


def analysis_errors(
    *,
    horizon_months: int | None,
    discount_rate: Decimal | None,
    sensitivity: Decimal | None,
    items: list[dict[str, Any]],
    impacts: list[dict[str, Any]],
) -> dict[str, str]:
    errors = {}
    for name, message in (
        ("horizon_months", months_error(horizon_months)),
        ("discount_rate", percent_error(discount_rate, cb.MAX_DISCOUNT_RATE)),
        ("sensitivity", percent_error(sensitivity, cb.MAX_SENSITIVITY)),
    ):
        if message:
            errors[name] = message
    for index, item in enumerate(items):
        for name, message in item_errors(item).items():
            errors[f"items.{index}.{name}"] = message
        start = item.get("start_month", 1)
        if (
            f"items.{index}.start_month" not in errors
            and isinstance(horizon_months, int)
            and isinstance(start, int)
            and start > horizon_months
        ):
            errors[f"items.{index}.start_month"] = _(
                "Deze kostenpost begint na de tijdshorizon; kies een eerdere maand."
            )
    for index, impact in enumerate(impacts):
        for name, message in impact_errors(impact).items():
            errors[f"impacts.{index}.{name}"] = message
    return errors


def to_analysis(
    *,
    horizon_months: int,
    discount_rate: Decimal,
    sensitivity: Decimal,
    items: list[dict[str, Any]],
) -> cb.Analysis:
    return cb.Analysis(
        horizon_months=horizon_months,
        discount_rate=discount_rate,
        sensitivity=sensitivity,
        items=tuple(
            cb.Item(
                scenario=item["scenario"],
                amount=item["amount"],
                period=item["period"],
                quantity=item["quantity"],
                months=item["months"],
                payer=item["payer"],
                low=_catalogue_bound(item, "low"),
                high=_catalogue_bound(item, "high"),
                start_month=item.get("start_month") or 1,
            )
            for item in items
        ),
    )


def _catalogue_bound(item: dict[str, Any], name: str) -> Decimal | None:
    """An item's own low or high amount; else its catalogue row's, scaled to the amount used
    when a municipality typed another amount (docs/domain.md: ranges from the catalogue)."""
    own: Decimal | None = item.get(name)
    if own is not None:
        return own
    reference = item.get("reference_cost")
    bound: Decimal | None = getattr(reference, name, None) if reference is not None else None
    if reference is None or bound is None or not reference.amount:
        return None
    if item["amount"] == reference.amount:
        return bound
    scaled: Decimal = item["amount"] * bound / reference.amount
    return scaled


def result_sentence(result: cb.Result) -> str:
    """The outcome in one sentence a wethouder understands."""
    months = ngettext("%(n)d maand", "%(n)d maanden", result.horizon_months) % {
        "n": result.horizon_months
    }
    payers = [
        f"{dict(Party.choices).get(party, party)} {cb.format_euros(amount)}"
        for party, amount in result.payers_of_breaking_through()
        if cb.euros(amount) > 0
    ]
    cost = (
        _("het kost %(payers)s.") % {"payers": cb.join_dutch(payers, _("en"))}
        if payers
        else _("het kost niemand extra geld.")
    )
    values = {
        "amount": cb.format_euros(abs(result.saving)),
        "months": months,
        "low": cb.format_euros(result.saving_low),
        "high": cb.format_euros(result.saving_high),
        "cost": cost,
    }
    if cb.euros(result.saving) >= 0:
        return (
            _(
                "Doorbraak bespaart naar schatting %(amount)s over %(months)s "
                "(tussen %(low)s en %(high)s); %(cost)s"
            )
            % values
        )
    return (
        _(
            "Doorbraak kost naar schatting %(amount)s meer over %(months)s "
            "(besparing tussen %(low)s en %(high)s); %(cost)s"
        )
        % values
    )


@transaction.atomic
def cost_benefit_save(
    *,
    by: Professional,
    request: ExemptionRequest,
    horizon_months: int,
    discount_rate: Decimal,
    sensitivity: Decimal,
    items: list[dict[str, Any]],
    impacts: list[dict[str, Any]],
) -> CostBenefit:
    """Replace the request's analysis; refused as a whole (nothing stored) when any value is
    invalid. Texts go to the table, so they are checked for names and BSNs like the request."""
    grants.require_write(by, request.household)
    if request.status == Status.DECIDED:
        raise DomainError(
            _("Over deze aanvraag is al besloten; de analyse ligt vast."), code="conflict"
        )
    errors = analysis_errors(
        horizon_months=horizon_months,
        discount_rate=discount_rate,
        sensitivity=sensitivity,
        items=items,
        impacts=impacts,
    )
    names = names_of(request.household)
    birth_dates = birth_dates_of(request.household)
    member_ids = set(
        Member.objects.filter(household=request.household).values_list("pk", flat=True)
    )
    for index, item in enumerate(items):
        path = f"items.{index}.description"
        if path not in errors:
            try:
                check_table_text(
                    item["description"], field=path, names=names, birth_dates=birth_dates
                )
            except DomainError as error:
                errors[path] = error.message
    for index, impact in enumerate(impacts):
        member = impact.get("member")
        if member is not None and member.pk not in member_ids:
            errors[f"impacts.{index}.member"] = _("Dit is geen lid van dit gezin.")
        for name in ("label", "note"):
            path = f"impacts.{index}.{name}"
            if path not in errors:
                try:
                    check_table_text(
                        impact.get(name, ""),
                        field=path,
                        names=names,
                        required=False,
                        birth_dates=birth_dates,
                    )
                except DomainError as error:
                    errors[path] = error.message
    if not items:
        errors["items"] = _("Voeg ten minste één kostenpost toe.")
    if errors:
        raise InvalidInput(errors)
    result = cb.calculate(
        to_analysis(
            horizon_months=horizon_months,
            discount_rate=discount_rate,
            sensitivity=sensitivity,
            items=items,
        )
    )
    values = {
        "horizon_months": horizon_months,
        "discount_rate": discount_rate,
        "sensitivity": sensitivity,
        "cost_muddling_on": result.npv[cb.MUDDLING_ON].quantize(cb.CENT),
        "cost_breaking_through": result.npv[cb.BREAKING_THROUGH].quantize(cb.CENT),
        "saving": result.saving.quantize(cb.CENT),
        "saving_low": result.saving_low.quantize(cb.CENT),
        "saving_high": result.saving_high.quantize(cb.CENT),
        "summary": result_sentence(result),
        "updated_by": by,
        "updated_at": timezone.now(),
    }
    analysis, _created = CostBenefit.objects.update_or_create(request=request, defaults=values)
    analysis.items.all().delete()
    analysis.impacts.all().delete()
    CostItem.objects.bulk_create(
        CostItem(
            cost_benefit=analysis,
            position=index,
            scenario=item["scenario"],
            reference_cost=item.get("reference_cost"),
            description=item["description"].strip(),
            amount=item["amount"],
            period=item["period"],
            quantity=item["quantity"],
            months=item["months"],
            payer=item["payer"],
            # The bounds used, the catalogue's when the item has none of its own, so a stored
            # analysis computes again to the same range.
            low=_catalogue_bound(item, "low"),
            high=_catalogue_bound(item, "high"),
            start_month=item.get("start_month") or 1,
        )
        for index, item in enumerate(items)
    )
    HumanImpact.objects.bulk_create(
        HumanImpact(
            cost_benefit=analysis,
            position=index,
            member=impact.get("member"),
            label=(impact.get("label") or "").strip(),
            muddling_on=impact["muddling_on"],
            breaking_through=impact["breaking_through"],
            note=(impact.get("note") or "").strip(),
        )
        for index, impact in enumerate(impacts)
    )
    _audit(by, "exemption.cost_benefit.saved", request)
    return analysis


# -- the reference-cost catalogue -------------------------------------------------------------


def may_manage_catalogue(professional: Professional | None, municipality: Municipality) -> bool:
    return (
        professional is not None
        and professional.role in (Role.EXEMPTION_TABLE, Role.POLICY)
        and professional.organisation.municipalities.filter(pk=municipality.pk).exists()
    )


@transaction.atomic
def reference_cost_add(
    *,
    by: Professional,
    municipality: Municipality,
    item: str,
    unit: str,
    period: str,
    amount: Decimal,
    source: str,
    evidence: str,
    overrides: ReferenceCost | None = None,
    low: Decimal | None = None,
    high: Decimal | None = None,
    year: str = "",
    price_level: str = "",
    note: str = "",
    key: str = "",
) -> ReferenceCost:
    """A municipality's own item, or its own amount for a catalogue item: always a new row
    (a new version), so the catalogue and earlier analyses keep their figures."""
    if not may_manage_catalogue(by, municipality):
        raise DomainError(
            _("Alleen de ventieltafel of beleid van deze gemeente beheert haar bedragen."),
            code="forbidden",
        )
    errors = {}
    for name, message in (
        ("amount", amount_error(amount)),
        ("low", amount_error(low, required=False)),
        ("high", amount_error(high, required=False)),
    ):
        if message:
            errors[name] = message
    if "amount" not in errors and low is not None and "low" not in errors and low > amount:
        errors["low"] = _("Het lage bedrag is hoger dan het bedrag.")
    if "amount" not in errors and high is not None and "high" not in errors and high < amount:
        errors["high"] = _("Het hoge bedrag is lager dan het bedrag.")
    if period not in cb.PERIODS:
        errors["period"] = _("Kies eenmalig, per dag, per maand of per jaar.")
    for name, value in (("item", item), ("unit", unit), ("source", source)):
        if not (value or "").strip():
            errors[name] = _("Vul dit veld in.")
    if errors:
        raise InvalidInput(errors)
    key = overrides.key if overrides is not None else (key or _new_key(item))
    last = ReferenceCost.objects.filter(key=key, municipality=municipality).aggregate(
        last=Max("version")
    )["last"]
    cost = ReferenceCost.objects.create(
        key=key,
        version=(last or 0) + 1,
        municipality=municipality,
        item=item.strip(),
        unit=unit.strip(),
        period=period,
        amount=amount,
        low=low,
        high=high,
        source=source.strip(),
        year=(year or "").strip(),
        price_level=(price_level or "").strip(),
        evidence=evidence,
        note=(note or "").strip(),
        created_at=timezone.now(),
        created_by=by,
    )
    audit.record(
        user=by.user,
        action="exemption.reference_cost.added",
        object_type="referencecost",
        object_id=cost.pk,
    )
    return cost


def _new_key(item: str) -> str:
    base = slugify(item)[:60] or "post"
    key, n = base, 1
    while ReferenceCost.objects.filter(key=key).exists():
        n += 1
        key = f"{base}-{n}"
    return key
