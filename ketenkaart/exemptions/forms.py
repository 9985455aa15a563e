"""Forms of the ventieltafel pages. They parse input (amounts as Dutch people type them) and
show the services' own messages at the fields; the services decide."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from ketenkaart.exemptions import services
from ketenkaart.exemptions.models import (
    Domain,
    Evidence,
    ImpactScore,
    Outcome,
    Party,
    Period,
    ReferenceCost,
    Scenario,
    Urgency,
)
from ketenkaart.households.forms import DossierForm, ProfessionalChoiceField
from ketenkaart.households.models import Household

TABLE_TEXT_HELP = _(
    "De ventieltafel en uitgenodigde partijen lezen deze tekst. Noem geen namen en geen BSN: "
    "schrijf 'moeder', 'oudste kind'."
)


class AmountField(forms.CharField):
    """An amount or number typed as a Dutch professional does: 1250, 1.250 or 1.250,50."""

    default_error_messages = {
        "invalid": _("Vul een getal in, bijvoorbeeld 1250 of 1.250,50."),
    }

    def __init__(self, **kwargs):
        # No max_length: its validator would run on the parsed Decimal.
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "maxlength": 20})
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if len(value) > 20:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return services.parse_amount(value)
        except ValueError as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error


class WholeNumberField(forms.IntegerField):
    default_error_messages = {"invalid": _("Vul een heel getal in, bijvoorbeeld 12.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)


class TableForm(DossierForm):
    """A form whose service reports every invalid field at once (InvalidInput)."""

    def add_invalid_input(self, error: services.InvalidInput, prefix: str = "") -> None:
        for path, message in error.errors.items():
            name = path.removeprefix(prefix) if prefix else path
            self.add_error(name if name in self.fields else None, message)


class RequestForm(TableForm):
    household = forms.ModelChoiceField(
        label=_("Gezin"), queryset=Household.objects.none(), empty_label=_("Kies een gezin")
    )
    domain = forms.ChoiceField(label=_("Domein"), choices=Domain.choices)
    urgency = forms.ChoiceField(
        label=_("Urgentie"),
        choices=Urgency.choices,
        initial=Urgency.NORMAL,
        widget=forms.RadioSelect,
        help_text=_("Spoed: de ventieltafel besluit binnen 2 werkdagen in plaats van 10."),
    )
    bottleneck = forms.CharField(
        label=_("Knelpunt"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat houdt de hulp tegen? ") + TABLE_TEXT_HELP,
    )
    rule = forms.CharField(
        label=_("Regel waarvan u wilt afwijken"),
        max_length=300,
        help_text=_("Bijvoorbeeld: 'Urgentieregeling: burenoverlast geeft geen urgentie'."),
    )
    legal_basis = forms.CharField(
        label=_("Wettelijke grondslag van die regel"),
        max_length=300,
        help_text=_("Bijvoorbeeld: 'Huisvestingsverordening Vlietdam, artikel 2.5'."),
    )
    risks = forms.CharField(
        label=_("Risico's als er niets gebeurt"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=TABLE_TEXT_HELP,
    )
    alternatives = forms.CharField(
        label=_("Alternatieven die al geprobeerd zijn"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=TABLE_TEXT_HELP,
    )
    exception_asked = forms.CharField(
        label=_("Gevraagde uitzondering"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=TABLE_TEXT_HELP,
    )

    def __init__(self, *args, households, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households


class AnalysisForm(TableForm):
    horizon_months = WholeNumberField(
        label=_("Tijdshorizon in maanden"),
        initial=12,
        help_text=_("Over hoeveel maanden vergelijkt u? Hoogstens 120."),
    )
    discount_rate = AmountField(
        label=_("Disconteringsvoet per jaar (%)"),
        initial="2.25",
        help_text=_(
            "De disconteringsvoet zegt hoeveel minder een euro later telt dan een euro nu. "
            "Geld in het tweede jaar telt voor 1/(1 + voet), in het derde jaar voor "
            "1/(1 + voet)², enzovoort. Het eerste jaar telt volledig. Het Rijk schrijft voor "
            "maatschappelijke kosten-batenanalyses 2,25% per jaar voor (sinds 2021)."
        ),
    )
    sensitivity = AmountField(
        label=_("Onzekerheid per bedrag (%)"),
        initial="20",
        help_text=_(
            "Voor de bandbreedte: elk bedrag zonder eigen laag en hoog bedrag kan zoveel "
            "procent lager of hoger uitvallen."
        ),
    )

    def clean(self):
        data = super().clean()
        for name in ("discount_rate", "sensitivity"):
            if data.get(name) is None and name not in self.errors:
                self.add_error(name, _("Vul een percentage in."))
        return data


class ItemForm(TableForm):
    scenario = forms.ChoiceField(label=_("Scenario"), choices=Scenario.choices)
    reference_cost = forms.ModelChoiceField(
        label=_("Uit de referentiekosten"),
        queryset=ReferenceCost.objects.none(),
        required=False,
        empty_label=_("Geen: eigen bedrag"),
        help_text=_("Laat het bedrag leeg om het bedrag uit de referentiekosten te nemen."),
    )
    description = forms.CharField(label=_("Kostenpost"), max_length=200, required=False)
    amount = AmountField(label=_("Bedrag in euro"), required=False)
    period = forms.ChoiceField(label=_("Per"), choices=Period.choices, required=False)
    quantity = AmountField(label=_("Aantal"), initial="1", required=False)
    months = WholeNumberField(
        label=_("Duur in maanden"),
        required=False,
        help_text=_("Bij een eenmalig bedrag telt de duur niet."),
    )
    start_month = WholeNumberField(
        label=_("Begint in maand"),
        required=False,
        initial=1,
        help_text=_("1 is de eerste maand van de tijdshorizon; later kan ook."),
    )
    payer = forms.ChoiceField(label=_("Wie betaalt"), choices=Party.choices)
    low = AmountField(label=_("Laag bedrag"), required=False)
    high = AmountField(label=_("Hoog bedrag"), required=False)

    def __init__(self, *args, catalogue, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalogue = {str(row.pk): row for row in catalogue}
        field = self.fields["reference_cost"]
        field.queryset = ReferenceCost.objects.filter(pk__in=[row.pk for row in catalogue])
        field.choices = [("", field.empty_label)] + [
            (str(row.pk), f"{row.item}: {_money(row.amount)} {row.unit}") for row in catalogue
        ]

    def is_blank(self) -> bool:
        if not self.is_bound:
            return True
        keys = ("reference_cost", "description", "amount", "low", "high", "months")
        return not any((self.data.get(self.add_prefix(key)) or "").strip() for key in keys)

    def clean(self):
        data = super().clean()
        reference = data.get("reference_cost")
        if reference is not None:
            if data.get("amount") is None and "amount" not in self.errors:
                data["amount"] = reference.amount
                data["low"] = data.get("low") if data.get("low") is not None else reference.low
                data["high"] = data.get("high") if data.get("high") is not None else reference.high
            data["period"] = data.get("period") or reference.period
            data["description"] = (data.get("description") or "").strip() or reference.item
        if data.get("period") == Period.ONCE and data.get("months") is None:
            data["months"] = 1
        if data.get("quantity") is None and "quantity" not in self.errors:
            data["quantity"] = Decimal(1)
        if data.get("start_month") is None and "start_month" not in self.errors:
            data["start_month"] = 1
        for name, message in services.item_errors(data).items():
            if name not in self.errors and name in self.fields:
                self.add_error(name, message)
        return data

    def item(self) -> dict:
        data = self.cleaned_data
        return {name: data.get(name) for name in services.ITEM_FIELDS}


def _money(amount) -> str:
    from ketenkaart.exemptions.costbenefit import format_euros

    return (
        format_euros(amount)
        if amount == amount.to_integral()
        else f"€{amount:.2f}".replace(".", ",")
    )


class ImpactForm(TableForm):
    label = forms.CharField(
        label=_("Om wie gaat het"),
        max_length=100,
        required=False,
        help_text=_("Zonder naam, bijvoorbeeld 'ongeboren kind'."),
    )
    muddling_on = forms.TypedChoiceField(
        label=_("Bij doormodderen"),
        choices=ImpactScore.choices,
        coerce=int,
        initial=0,
        widget=forms.Select,
    )
    breaking_through = forms.TypedChoiceField(
        label=_("Bij doorbraak"),
        choices=ImpactScore.choices,
        coerce=int,
        initial=0,
        widget=forms.Select,
    )
    note = forms.CharField(
        label=_("Toelichting"), max_length=300, required=False, help_text=TABLE_TEXT_HELP
    )

    def __init__(self, *args, member=None, member_label="", **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member
        self.member_label = member_label
        if member is not None:
            del self.fields["label"]

    def is_blank(self) -> bool:
        if self.member is not None or not self.is_bound:
            return self.member is None
        return not (self.data.get(self.add_prefix("label")) or "").strip()

    def impact(self) -> dict:
        data = self.cleaned_data
        return {
            "member": self.member,
            "label": data.get("label", ""),
            "muddling_on": data.get("muddling_on"),
            "breaking_through": data.get("breaking_through"),
            "note": data.get("note", ""),
        }


class InvitationForm(TableForm):
    professional = ProfessionalChoiceField(
        label=_("Partij"), queryset=None, empty_label=_("Kies wie u uitnodigt")
    )

    def __init__(self, *args, professionals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["professional"].queryset = professionals


class DecisionForm(TableForm):
    outcome = forms.ChoiceField(
        label=_("Besluit"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    reasoning = forms.CharField(
        label=_("Onderbouwing"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Waarom deze uitzondering wel of niet? Dit besluit wordt een precedent."),
    )
    conditions = forms.CharField(
        label=_("Voorwaarden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Alleen bij 'toegekend onder voorwaarden'."),
    )


class PrecedentSearchForm(TableForm):
    domain = forms.ChoiceField(
        label=_("Domein"), choices=[("", _("Alle domeinen")), *Domain.choices], required=False
    )
    rule = forms.CharField(label=_("Regel bevat"), max_length=300, required=False)


class ReferenceCostForm(TableForm):
    overrides = forms.ModelChoiceField(
        label=_("Eigen bedrag voor een bestaande post"),
        queryset=ReferenceCost.objects.none(),
        required=False,
        empty_label=_("Nee, een nieuwe post"),
    )
    item = forms.CharField(label=_("Kostenpost"), max_length=200)
    unit = forms.CharField(
        label=_("Eenheid"), max_length=100, help_text=_("Bijvoorbeeld 'per kind per dag'.")
    )
    period = forms.ChoiceField(label=_("Periode"), choices=Period.choices)
    amount = AmountField(label=_("Bedrag in euro"))
    low = AmountField(label=_("Laag bedrag"), required=False)
    high = AmountField(label=_("Hoog bedrag"), required=False)
    source = forms.CharField(label=_("Bron"), max_length=300)
    year = forms.CharField(label=_("Jaar"), max_length=20, required=False)
    price_level = forms.CharField(label=_("Prijspeil"), max_length=20, required=False)
    evidence = forms.ChoiceField(label=_("Bewijskracht"), choices=Evidence.choices)
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)

    def __init__(self, *args, catalogue, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["overrides"]
        field.queryset = ReferenceCost.objects.filter(pk__in=[row.pk for row in catalogue])
        field.choices = [("", field.empty_label)] + [(str(r.pk), r.item) for r in catalogue]


class SignalResponseForm(TableForm):
    taken_up = forms.TypedChoiceField(
        label=_("Pakt beleid dit op als beleidsvraag?"),
        choices=[("ja", _("Ja, we pakken het op")), ("nee", _("Nee, niet nu"))],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
    )
    response = forms.CharField(
        label=_("Waarom?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Dit lezen de ventieltafel en de aanvragers."),
    )
