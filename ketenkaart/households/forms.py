"""Forms of the dossier pages. They parse input and offer choices; the services decide."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ketenkaart.core.errors import DomainError
from ketenkaart.households import handover_services
from ketenkaart.households.models import (
    SUPERVISION_TYPES,
    CourtMeasure,
    GuardianKind,
    Household,
    LegalBasis,
    MeasureType,
    MemberRole,
    Person,
)
from ketenkaart.households.services import normalise_bsn
from ketenkaart.organisations.models import (
    CASEWORK_ROLES,
    LOCAL_TEAM_TYPES,
    District,
    Municipality,
    Organisation,
    OrganisationType,
    Professional,
    Role,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# Dutch source strings for Django's own messages, so they stay Dutch whatever the browser asks.
ERROR_MESSAGES: dict[str, "str | StrPromise"] = {
    "required": _("Vul dit veld in."),
    "invalid_choice": _("Kies een van de mogelijkheden."),
    "invalid_date": _("Vul een geldige datum in (dag-maand-jaar)."),
    "max_length": _("Gebruik hoogstens %(limit_value)d tekens."),
}

# Checked in order: a DateInput is also a TextInput.
WIDGET_CLASSES = {
    forms.DateInput: "utrecht-textbox utrecht-textbox--html-input utrecht-textbox--date",
    forms.TextInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    # Before RadioSelect, which it subclasses: checkboxes are drawn as checkboxes.
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
}


def clean_bsn_value(value: str) -> str:
    """The nine-digit BSN or ''; the service's own check, shown at the field with the others."""
    try:
        return normalise_bsn(value)
    except DomainError as error:
        raise forms.ValidationError(error.message, code="invalid_bsn") from error


class DateInput(forms.DateInput):
    """The browser's own date picker; it works without JavaScript and sends ISO dates."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DossierForm(forms.Form):
    """Renders every field with NL Design System classes, labels, hints and linked errors."""

    template_name = "forms/fields.html"
    # No `required` attribute: the browser would mark empty fields invalid (red) before anyone
    # typed. Errors appear after a submit, from the server, on their field.
    use_required_attribute = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dress_fields()

    def dress_fields(self) -> None:
        """Dutch messages and NL Design System classes on every field; again after a subclass
        added fields of its own in its __init__."""
        for field in self.fields.values():
            field.error_messages["required"] = ERROR_MESSAGES["required"]
            field.error_messages["max_length"] = ERROR_MESSAGES["max_length"]
            if "invalid_choice" in field.error_messages:
                field.error_messages["invalid_choice"] = ERROR_MESSAGES["invalid_choice"]
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = ERROR_MESSAGES["invalid_date"]
            css = next(
                (c for kind, c in WIDGET_CLASSES.items() if isinstance(field.widget, kind)), None
            )
            if css:
                field.widget.attrs.setdefault("class", css)

    def add_domain_error(self, error: DomainError, fields: dict[str, str] | None = None) -> None:
        """Show a service's Dutch message at the field it names, or at the top of the form."""
        name = (fields or {}).get(error.field or "", error.field)
        self.add_error(name if name in self.fields else None, error.message)


# A word of art, said where a professional meets it (glossary: grondslag).
GROUND_HELP = _(
    "De grondslag is de wettelijke reden waarom u gegevens van dit gezin mag zien en delen: "
    "toestemming van het gezin, of een taak die de wet u geeft. Hij komt in de toegangslog."
)


def casework_professionals(household: Household):
    """Professionals of the household's region who work with families, for a select."""
    return (
        Professional.objects.filter(
            role__in=CASEWORK_ROLES, organisation__region_id=household.region_id
        )
        .select_related("user", "organisation")
        .order_by("user__last_name", "user__first_name")
    )


class ProfessionalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Professional) -> str:
        return f"{obj.display_name} — {obj.organisation.name} ({obj.get_role_display()})"


class HouseholdSearchForm(DossierForm):
    bsn = forms.CharField(
        label=_("BSN van een gezinslid"),
        required=False,
        max_length=11,
        help_text=_("Negen cijfers. Het BSN wordt niet bewaard bij het zoeken."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    surname = forms.CharField(
        label=_("Achternaam van een gezinslid"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    birth_date = forms.DateField(
        label=_("Geboortedatum van dat gezinslid"), required=False, widget=DateInput()
    )

    def clean_bsn(self):
        return clean_bsn_value(self.cleaned_data["bsn"])

    def clean(self):
        data = super().clean()
        has_name = data.get("surname") and data.get("birth_date")
        if not self.errors and not data.get("bsn") and not has_name:
            raise forms.ValidationError(
                _("Vul een BSN in, of een achternaam met de geboortedatum."), code="empty"
            )
        return data


class HouseholdForm(DossierForm):
    name = forms.CharField(
        label=_("Naam van het gezin"),
        max_length=200,
        help_text=_("Bijvoorbeeld: Gezin Jansen. Gebruik geen BSN of geboortedatum."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Municipality.objects.none(),
        empty_label=_("Kies een gemeente"),
    )
    district = forms.ModelChoiceField(
        label=_("Wijk"),
        queryset=District.objects.none(),
        required=False,
        empty_label=_("Geen of onbekend"),
        help_text=_("Niet verplicht. De wijk moet bij de gekozen gemeente horen."),
    )
    role_in_family = forms.CharField(
        label=_("Uw rol bij het gezin"),
        max_length=120,
        help_text=_("Bijvoorbeeld: gezinscoach, ambulant hulpverlener."),
    )
    legal_basis = forms.ChoiceField(
        label=_("Grondslag"),
        choices=LegalBasis.choices,
        initial=LegalBasis.CONSENT,
        help_text=GROUND_HELP,
    )

    def __init__(self, *args, professional: Professional, **kwargs):
        super().__init__(*args, **kwargs)
        municipalities = Municipality.objects.filter(
            region_id=professional.organisation.region_id
        ).order_by("name")
        self.fields["municipality"].queryset = municipalities
        self.fields["district"].queryset = (
            District.objects.filter(municipality__in=municipalities)
            .select_related("municipality")
            .order_by("municipality__name", "name")
        )
        self.fields["district"].label_from_instance = lambda d: f"{d.name} ({d.municipality.name})"


class MemberForm(DossierForm):
    given_names = forms.CharField(label=_("Voornamen"), max_length=200)
    surname_prefix = forms.CharField(
        label=_("Tussenvoegsel"),
        max_length=20,
        required=False,
        help_text=_("Bijvoorbeeld: van, de."),
    )
    surname = forms.CharField(label=_("Achternaam"), max_length=200)
    birth_date = forms.DateField(label=_("Geboortedatum"), required=False, widget=DateInput())
    bsn = forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=11,
        help_text=_("Niet verplicht. Negen cijfers; wordt gecontroleerd met de elfproef."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Rol in het gezin"), choices=MemberRole.choices, widget=forms.RadioSelect
    )
    has_custody = forms.BooleanField(
        label=_("Heeft gezag over de kinderen"),
        required=False,
        help_text=_("Alleen voor ouders en verzorgers."),
    )

    def clean_bsn(self):
        return clean_bsn_value(self.cleaned_data["bsn"])


class ConsentingMembers(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return obj.full_name


class InvolvementForm(DossierForm):
    professional = ProfessionalChoiceField(
        label=_("Professional"),
        queryset=Professional.objects.none(),
        empty_label=_("Kies een professional"),
    )
    role_in_family = forms.CharField(
        label=_("Rol bij het gezin"),
        max_length=120,
        help_text=_("Bijvoorbeeld: ambulant hulpverlener, schuldhulpverlener."),
    )
    legal_basis = forms.ChoiceField(
        label=_("Grondslag"),
        choices=LegalBasis.choices,
        initial=LegalBasis.CONSENT,
        help_text=GROUND_HELP,
    )
    started_on = forms.DateField(
        label=_("Betrokken sinds"),
        required=False,
        widget=DateInput(),
        help_text=_("Leeg laten voor vandaag."),
    )
    consented_by = ConsentingMembers(
        label=_("Wie gaf toestemming"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Alleen bij de grondslag toestemming. Onder de 12 de ouders met gezag; van 12 tot "
            "16 het kind én de ouders; vanaf 16 de jongere zelf."
        ),
    )

    def __init__(self, *args, household: Household, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["professional"].queryset = casework_professionals(household)
        self.fields["consented_by"].queryset = Person.objects.filter(
            memberships__household=household
        ).order_by("birth_date", "given_names")


class HandoverForm(DossierForm):
    professional = ProfessionalChoiceField(
        label=_("Nieuwe regisseur"),
        queryset=Professional.objects.none(),
        empty_label=_("Kies een professional"),
        help_text=_(
            "In het vrijwillig kader een professional van het lokale team; tijdens een "
            "maatregel de jeugdbeschermer van de gecertificeerde instelling. Alleen wie de "
            "regie mag krijgen staat in de lijst."
        ),
    )
    reason = forms.CharField(
        label=_("Reden van de overdracht"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Staat op de tijdlijn van het gezin. Noem geen BSN."),
    )
    leave = forms.BooleanField(
        label=_("Ik stop zelf bij dit gezin zodra het verzoek is aanvaard"),
        required=False,
        help_text=_(
            "Uw betrokkenheid eindigt pas bij het aanvaarden; tot dan blijft u de regisseur."
        ),
    )

    def __init__(self, *args, household: Household, exclude=None, may_leave=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_leave:  # only the regisseur ends their own involvement this way
            del self.fields["leave"]
        self.fields["professional"].error_messages["invalid_choice"] = _(
            "Deze professional kan de regie nu niet krijgen. In het vrijwillig kader ligt de "
            "regie bij het lokale team; de regie kan alleen naar een gecertificeerde "
            "instelling als de rechter een maatregel heeft opgelegd."
        )
        # The service's own rule: only who may receive regie is offered.
        queryset = handover_services.eligible_leads(household)
        if exclude is not None:
            queryset = queryset.exclude(pk=exclude)
        self.fields["professional"].queryset = queryset


class HandoverAnswerForm(DossierForm):
    answer = forms.CharField(
        label=_("Waarom neemt u de regie niet over?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Nodig als u het verzoek afwijst; de vrager leest het. Noem geen BSN."),
    )


def child_protectors(household: Household):
    return casework_professionals(household).filter(
        role=Role.CHILD_PROTECTOR, organisation__type=OrganisationType.CERTIFIED_INSTITUTION
    )


def local_team_professionals(household: Household):
    return casework_professionals(household).filter(organisation__type__in=LOCAL_TEAM_TYPES)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return obj.full_name


class MeasureForm(DossierForm):
    child = PersonChoiceField(
        label=_("Kind"), queryset=Person.objects.none(), empty_label=_("Kies een kind")
    )
    type = forms.ChoiceField(
        label=_("Soort maatregel"), choices=MeasureType.choices, widget=forms.RadioSelect
    )
    starts_on = forms.DateField(label=_("Ingangsdatum"), widget=DateInput())
    ends_on = forms.DateField(
        label=_("Einddatum"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "Voorlopige OTS hoogstens 3 maanden; OTS en machtiging uithuisplaatsing hoogstens "
            "1 jaar. Leeg bij een gezagsbeëindigende maatregel."
        ),
    )
    court = forms.CharField(label=_("Rechtbank"), max_length=120)
    lead_to = ProfessionalChoiceField(
        label=_("Jeugdbeschermer die de regie krijgt"),
        queryset=Professional.objects.none(),
        required=False,
        empty_label=_("Regie nu niet overdragen"),
        help_text=_("Niet verplicht. De regie gaat dan naar deze jeugdbeschermer (GI)."),
    )
    reason = forms.CharField(
        label=_("Reden van de overdracht"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Niet verplicht; zonder reden noemen we de maatregel."),
    )
    # A machtiging uithuisplaatsing belongs to an OTS (BW 1:265b).
    supervision = forms.ModelChoiceField(
        label=_("Bij ondertoezichtstelling"),
        queryset=CourtMeasure.objects.none(),
        required=False,
        empty_label=_("Geen (alleen bij een machtiging uithuisplaatsing nodig)"),
    )
    # Guardianship after a gezagsbeëindiging: a GI or a natural person (BW 1:275, 1:302).
    guardian_kind = forms.ChoiceField(
        label=_("Voogdij bij (gezagsbeëindiging)"),
        choices=[("", _("Niet van toepassing")), *GuardianKind.choices],
        required=False,
    )
    guardian_organisation = forms.ModelChoiceField(
        label=_("Gecertificeerde instelling die de voogdij uitoefent"),
        queryset=Organisation.objects.filter(type=OrganisationType.CERTIFIED_INSTITUTION),
        required=False,
    )
    guardian_name = forms.CharField(
        label=_("Naam van de voogd (pleegouder, familielid)"), max_length=200, required=False
    )

    def __init__(self, *args, household: Household, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = Person.objects.filter(
            memberships__household=household, memberships__role=MemberRole.CHILD
        ).order_by("birth_date")
        self.fields["lead_to"].queryset = child_protectors(household)
        self.fields["supervision"].queryset = CourtMeasure.objects.filter(
            household=household, type__in=SUPERVISION_TYPES, ended_on__isnull=True
        ).select_related("child")


class MeasureExtendForm(DossierForm):
    ends_on = forms.DateField(
        label=_("Nieuwe einddatum"),
        widget=DateInput(),
        help_text=_("Een verlenging duurt hoogstens 1 jaar na de huidige einddatum."),
    )
    court = forms.CharField(
        label=_("Rechtbank"),
        max_length=120,
        required=False,
        help_text=_("Leeg laten als het dezelfde rechtbank is."),
    )


class InvolvementEndForm(DossierForm):
    """Nothing to fill in: the button confirms. The involvement ends today."""


class MeasureUseForm(DossierForm):
    used_on = forms.DateField(
        label=_("Ten uitvoer gelegd op"),
        widget=DateInput(),
        help_text=_(
            "De dag waarop het kind uit huis is geplaatst. Een machtiging die niet binnen 3 "
            "maanden is gebruikt, vervalt (art. 1:265c lid 3 BW)."
        ),
    )


class MeasureEndForm(DossierForm):
    ended_on = forms.DateField(label=_("Beëindigd op"), widget=DateInput())
    lead_to = ProfessionalChoiceField(
        label=_("Professional van het lokale team die de regie terugkrijgt"),
        queryset=Professional.objects.none(),
        required=False,
        empty_label=_("Kies een professional"),
        help_text=_("Nodig als er daarna geen maatregel meer loopt."),
    )
    reason = forms.CharField(
        label=_("Reden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, household: Household, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_to"].queryset = local_team_professionals(household)
