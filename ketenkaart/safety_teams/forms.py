"""Forms of the veiligheidsteam pages. They parse input and offer choices; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ketenkaart.households.forms import DateInput, DossierForm
from ketenkaart.organisations.models import Expertise, Organisation, Professional
from ketenkaart.safety_teams.models import ActionState, BoardCheckOutcome


class ProfessionalChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Professional) -> str:
        return f"{obj.display_name}, {obj.organisation.name}"


class ProfessionalMultipleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Professional) -> str:
        return f"{obj.display_name}, {obj.organisation.name}"


class TimeInput(forms.TimeInput):
    """The browser's own time picker; it works without JavaScript and sends HH:MM."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"class": "utrecht-textbox utrecht-textbox--html-input", **(attrs or {})},
            format="%H:%M",
        )


class MeetingForm(DossierForm):
    day = forms.DateField(label=_("Datum"), widget=DateInput())
    time = forms.TimeField(label=_("Begintijd"), widget=TimeInput())
    duration = forms.IntegerField(
        label=_("Duur in minuten"),
        initial=90,
        min_value=15,
        max_value=8 * 60,
        widget=forms.NumberInput(
            attrs={"class": "utrecht-textbox utrecht-textbox--html-input", "inputmode": "numeric"}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time"].error_messages["invalid"] = _("Gebruik een tijd als 09:30.")
        self.fields["duration"].error_messages["invalid"] = _("Vul een aantal minuten in.")
        self.fields["duration"].error_messages["min_value"] = _("Minstens 15 minuten.")
        self.fields["duration"].error_messages["max_value"] = _("Hoogstens 8 uur (480 minuten).")


class MemberAddForm(DossierForm):
    professional = ProfessionalChoice(
        label=_("Nieuw lid"), queryset=Professional.objects.none(), empty_label=_("Kies wie")
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["professional"].queryset = candidates


class OrganisationAddForm(DossierForm):
    organisation = forms.ModelChoiceField(
        label=_("Nieuwe organisatie"),
        queryset=Organisation.objects.none(),
        empty_label=_("Kies een organisatie"),
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = candidates


class RemoveForm(forms.Form):
    """Which member or organisation to remove: the service checks it belongs to the team."""

    professional = forms.UUIDField(required=False)
    organisation = forms.UUIDField(required=False)


class AgendaItemForm(DossierForm):
    household = forms.ChoiceField(label=_("Gezin"))
    question = forms.CharField(
        label=_("Vraag aan het team"),
        help_text=_("Wat wilt u van het team weten? De kaart zelf hoeft u niet over te typen."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )
    tags = forms.MultipleChoiceField(
        label=_("Expertise die deze casus vraagt"),
        choices=Expertise.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(
            attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}
        ),
        help_text=_("Gebruikt bij de matching van een regisseur."),
    )

    def __init__(self, *args, households=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].choices = [("", _("Kies een gezin"))] + [
            (str(h.pk), h.name) for h in households
        ]


class OutcomeForm(DossierForm):
    advice = forms.CharField(
        label=_("Advies van het team"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    decision = forms.CharField(
        label=_("Besluit"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )
    agreed_by = ProfessionalMultipleChoice(
        label=_("Akkoord met het besluit"),
        queryset=Professional.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(
            attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}
        ),
    )

    def __init__(self, *args, participants=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreed_by"].queryset = participants


class ActionForm(DossierForm):
    description = forms.CharField(
        label=_("Actie"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    owner = ProfessionalChoice(
        label=_("Eigenaar"), queryset=Professional.objects.none(), empty_label=_("Kies wie")
    )
    due_on = forms.DateField(label=_("Uiterlijk op"), widget=DateInput())

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


class ActionCloseForm(forms.Form):
    state = forms.ChoiceField(choices=[(ActionState.DONE, ""), (ActionState.CANCELLED, "")])


class AssignForm(DossierForm):
    professional = forms.UUIDField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Waarom deze professional"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class BoardCheckOutcomeForm(DossierForm):
    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[
            (BoardCheckOutcome.CHECK_SUFFICED, BoardCheckOutcome.CHECK_SUFFICED.label),
            (BoardCheckOutcome.FULL_INVESTIGATION, BoardCheckOutcome.FULL_INVESTIGATION.label),
        ],
        widget=forms.RadioSelect,
    )
