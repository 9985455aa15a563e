"""Forms of the M3 pages. They parse input and offer choices; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ketenkaart.households.forms import (
    DateInput,
    DossierForm,
    ProfessionalChoiceField,
    clean_bsn_value,
)
from ketenkaart.organisations.models import (
    CASEWORK_ROLES,
    LOCAL_TEAM_TYPES,
    District,
    Municipality,
    Professional,
)
from ketenkaart.reports.inputs import PersonInput, ReporterInput
from ketenkaart.reports.models import InvestigationReason, Outcome, PersonRole

YES_NO = [("ja", _("Ja")), ("nee", _("Nee"))]


class ReportForm(DossierForm):
    reporter_name = forms.CharField(label=_("Uw naam"), max_length=200)
    reporter_organisation = forms.CharField(label=_("Organisatie"), max_length=200, required=False)
    reporter_phone = forms.CharField(
        label=_("Telefoonnummer"),
        max_length=40,
        help_text=_("Veilig Thuis belt u hierop terug. Een melding kan niet anoniem."),
    )
    reporter_email = forms.CharField(label=_("E-mail"), max_length=200, required=False)
    summary = forms.CharField(
        label=_("Wat meldt u?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Beschrijf wat u zag en hoorde, met data. Feiten, geen oordelen."),
    )
    acute = forms.BooleanField(
        label=_("Acuut: iemand is nu of de komende dagen in direct gevaar"), required=False
    )
    # Only Veilig Thuis promises anonymity; the reporter can ask for it (DOMAIN.md).
    anonymity_requested = forms.BooleanField(
        label=_("Ik vraag Veilig Thuis om anonimiteit naar het gezin"),
        required=False,
        help_text=_(
            "Veilig Thuis beslist of het u anonimiteit toezegt; dan doet Veilig Thuis zelf "
            "onderzoek en komt uw naam nergens buiten Veilig Thuis."
        ),
    )
    child_given_names = forms.CharField(label=_("Voornamen van het kind"), max_length=200)
    child_surname = forms.CharField(label=_("Achternaam van het kind"), max_length=200)
    child_birth_date = forms.DateField(
        label=_("Geboortedatum van het kind"), required=False, widget=DateInput()
    )
    child_bsn = forms.CharField(
        label=_("BSN van het kind"),
        required=False,
        max_length=11,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    parent_given_names = forms.CharField(
        label=_("Voornamen van een ouder"),
        max_length=200,
        required=False,
        help_text=_(
            "Een ouder noemen hoeft niet. Doet u het wel, vul dan de voornamen én de achternaam in."
        ),
    )
    parent_surname = forms.CharField(
        label=_("Achternaam van die ouder"),
        max_length=200,
        required=False,
        help_text=_("Nodig als u de voornamen van een ouder hebt ingevuld."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Required together, not optional one by one: the form says so in words instead of
        # "(niet verplicht)" (forms/field.html reads `together`).
        for name in ("parent_given_names", "parent_surname"):
            self.fields[name].together = True

    def clean_child_bsn(self):
        return clean_bsn_value(self.cleaned_data["child_bsn"])

    def clean(self):
        data = super().clean()
        given, surname = data.get("parent_given_names", ""), data.get("parent_surname", "")
        if given and not surname:
            self.add_error("parent_surname", _("Vul ook de achternaam van de ouder in."))
        if surname and not given:
            self.add_error("parent_given_names", _("Vul ook de voornamen van de ouder in."))
        return data

    def reporter(self) -> ReporterInput:
        d = self.cleaned_data
        return ReporterInput(
            name=d["reporter_name"],
            phone=d["reporter_phone"],
            organisation=d["reporter_organisation"],
            email=d["reporter_email"],
        )

    def persons(self) -> list[PersonInput]:
        d = self.cleaned_data
        persons = [
            PersonInput(
                role=PersonRole.CHILD,
                given_names=d["child_given_names"],
                surname=d["child_surname"],
                birth_date=d["child_birth_date"],
                bsn=d["child_bsn"],
            )
        ]
        if d["parent_given_names"] and d["parent_surname"]:
            persons.append(
                PersonInput(
                    role=PersonRole.PARENT,
                    given_names=d["parent_given_names"],
                    surname=d["parent_surname"],
                )
            )
        return persons


class AdviceForm(DossierForm):
    question = forms.CharField(
        label=_("Uw vraag aan Veilig Thuis"), widget=forms.Textarea(attrs={"rows": 6})
    )
    anonymous = forms.BooleanField(
        label=_("Anoniem vragen"),
        required=False,
        help_text=_("Uw naam en telefoonnummer worden dan niet bij het advies bewaard."),
    )


class AdviceAnswerForm(DossierForm):
    answer = forms.CharField(label=_("Advies"), widget=forms.Textarea(attrs={"rows": 6}))


class TrailStartForm(DossierForm):
    subject = forms.CharField(
        label=_("Over wie gaat het?"),
        max_length=200,
        help_text=_("Zoals u het kind in uw eigen dossier noemt, bijvoorbeeld: leerling groep 5."),
    )


class TrailStepsForm(DossierForm):
    signals = forms.CharField(
        label=_("Stap 1: de signalen"), widget=forms.Textarea(attrs={"rows": 4})
    )
    colleague_consulted = forms.CharField(
        label=_("Stap 2: collegiale consultatie (en zo nodig Veilig Thuis)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    conversation = forms.CharField(
        label=_("Stap 3: gesprek met de betrokkenen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    weighing = forms.CharField(
        label=_("Stap 4: weging"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class TrailAnswerForm(DossierForm):
    answer = forms.ChoiceField(label=_("Antwoord"), choices=YES_NO, widget=forms.RadioSelect)
    reasons = forms.CharField(
        label=_("Redenen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarom dit antwoord? Dit komt in het logboek van uw traject."),
    )
    monitoring_agreements = forms.CharField(
        label=_("Afspraken over monitoring"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Alleen bij ja op vraag 5: wie houdt zicht op de veiligheid, en hoe."),
    )


def region_professionals(region_id):
    return (
        Professional.objects.filter(role__in=CASEWORK_ROLES, organisation__region_id=region_id)
        .select_related("user", "organisation")
        .order_by("user__last_name", "user__first_name")
    )


class AssessmentForm(DossierForm):
    acute_unsafety = forms.BooleanField(label=_("A: acute onveiligheid"), required=False)
    structural_unsafety = forms.BooleanField(
        label=_("B: structurele ernstige onveiligheid"), required=False
    )
    multi_problem = forms.BooleanField(
        label=_("C: schadelijke multiprobleemsituatie"), required=False
    )
    outcome = forms.ChoiceField(
        label=_("Besluit"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    reasoning = forms.CharField(label=_("Onderbouwing"), widget=forms.Textarea(attrs={"rows": 4}))
    handed_to = ProfessionalChoiceField(
        label=_("Overdragen aan"),
        queryset=Professional.objects.none(),
        required=False,
        empty_label=_("Niet overdragen"),
        help_text=_("Bij overdracht: de ontvanger wordt betrokken bij het gezin en ingelicht."),
    )
    safety_conditions = forms.CharField(
        label=_("Veiligheidsvoorwaarden"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Bij voorwaarden en vervolg. Eén per regel; ze komen op de veiligheidskaart."),
    )
    monitoring = forms.CharField(
        label=_("Monitoring"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Hoe Veilig Thuis zicht houdt op de veiligheid."),
    )
    monitor_until = forms.DateField(label=_("Monitoren tot"), required=False, widget=DateInput())
    investigation_reasons = forms.MultipleChoiceField(
        label=_("Waarom onderzoek?"),
        choices=InvestigationReason.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, region_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handed_to"].queryset = region_professionals(region_id)

    def service_arguments(self) -> dict:
        d = dict(self.cleaned_data)
        d["safety_conditions"] = [
            line.strip() for line in d["safety_conditions"].splitlines() if line.strip()
        ]
        return d


class FeedbackForm(DossierForm):
    follow_up_started = forms.ChoiceField(
        label=_("Is er een vervolgtraject gestart?"), choices=YES_NO, widget=forms.RadioSelect
    )
    taken_over_by = forms.CharField(label=_("Wie heeft het overgenomen?"), required=False)
    reporter_has_role = forms.BooleanField(
        label=_("De melder heeft een rol bij de veiligheid van het kind"), required=False
    )
    conditions_and_monitoring = forms.CharField(
        label=_("Veiligheidsvoorwaarden en afspraken over monitoring"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    message = forms.CharField(
        label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class InvestigationForm(DossierForm):
    conclusion = forms.CharField(label=_("Conclusie"), widget=forms.Textarea(attrs={"rows": 4}))
    follow_up = forms.CharField(label=_("Vervolg"), widget=forms.Textarea(attrs={"rows": 3}))
    handed_to = ProfessionalChoiceField(
        label=_("Overdragen aan"),
        queryset=Professional.objects.none(),
        required=False,
        empty_label=_("Niet overdragen"),
    )

    def __init__(self, *args, region_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handed_to"].queryset = region_professionals(region_id)


class JointVisitForm(DossierForm):
    partner = ProfessionalChoiceField(
        label=_("Wijkcoach"), queryset=Professional.objects.none(), empty_label=_("Kies")
    )
    planned_for = forms.DateTimeField(
        label=_("Wanneer"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
    )
    reason = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarom samen op pad: bijvoorbeeld, het gezin staat niet open voor hulp."),
    )

    def __init__(self, *args, region_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = region_professionals(region_id).filter(
            organisation__type__in=LOCAL_TEAM_TYPES
        )
        self.fields["planned_for"].widget.attrs.setdefault(
            "class", "utrecht-textbox utrecht-textbox--html-input"
        )


class JointVisitRecordForm(DossierForm):
    took_place = forms.ChoiceField(
        label=_("Is het bezoek doorgegaan?"), choices=YES_NO, widget=forms.RadioSelect
    )
    how_it_went = forms.CharField(
        label=_("Hoe ging het?"), widget=forms.Textarea(attrs={"rows": 4})
    )
    family_open_to_help = forms.ChoiceField(
        label=_("Staat het gezin nu open voor hulp?"),
        choices=[("", _("Weet ik nog niet")), *YES_NO],
        required=False,
        widget=forms.RadioSelect,
    )


class AdviceConvertForm(ReportForm):
    """Veilig Thuis turns an advies into a melding: the reporter must now be identified."""

    anonymity_promised = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reporter_name"].label = _("Naam van de melder")
        self.fields["reporter_phone"].help_text = _(
            "Een melding kan niet anoniem: vraag de melder om naam en telefoonnummer."
        )
        self.fields["summary"].label = _("Wat wordt er gemeld?")
        self.fields["anonymity_promised"].label = _(
            "Veilig Thuis zegt de melder anonimiteit naar het gezin toe"
        )


class AnonymityForm(DossierForm):
    confirm = forms.BooleanField(
        label=_("Ik zeg de melder namens Veilig Thuis anonimiteit naar het gezin toe"),
        help_text=_(
            "Veilig Thuis onderzoekt dan zelf. De naam en het telefoonnummer van de melder "
            "komen nergens buiten Veilig Thuis, ook niet in een export."
        ),
    )


class AnonymityWithdrawForm(DossierForm):
    reason = forms.CharField(
        label=_("Waarom trekt Veilig Thuis de toezegging in?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "De reden komt bij de melding en in de toegangslog. Vertel de melder zelf dat de "
            "toezegging vervalt voordat iemand buiten Veilig Thuis de naam ziet."
        ),
    )


class AcuteForm(DossierForm):
    reason = forms.CharField(
        label=_("Waarom is deze melding acuut?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Acuut betekent: de veiligheidsbeoordeling moet nu, vandaag. De termijn van 5 "
            "werkdagen vervalt."
        ),
    )


class TrailStopForm(DossierForm):
    step = forms.TypedChoiceField(
        label=_("Bij welke stap stopt u?"),
        choices=[
            (1, _("Stap 1: signalen in kaart brengen")),
            (2, _("Stap 2: collegiale consultatie")),
            (3, _("Stap 3: gesprek met de betrokkenen")),
            (4, _("Stap 4: wegen van het geweld")),
            (5, _("Stap 5: beslissen")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Waarom stopt u?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Bijvoorbeeld: het vermoeden is weggenomen in het gesprek met de ouders."),
    )


class ReportHouseholdForm(DossierForm):
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
    )
    none_of_these = forms.BooleanField(
        label=_("Geen van de gevonden gezinnen is dit gezin"),
        required=False,
        help_text=_("Alleen nodig als de zoekactie hierboven gezinnen vond."),
    )

    def __init__(self, *args, region_id, matches_found: bool, **kwargs):
        super().__init__(*args, **kwargs)
        municipalities = Municipality.objects.filter(region_id=region_id).order_by("name")
        self.fields["municipality"].queryset = municipalities
        self.fields["district"].queryset = (
            District.objects.filter(municipality__in=municipalities)
            .select_related("municipality")
            .order_by("municipality__name", "name")
        )
        self.fields["district"].label_from_instance = lambda d: f"{d.name} ({d.municipality.name})"
        self.matches_found = matches_found
        if not matches_found:
            del self.fields["none_of_these"]

    def clean(self):
        data = super().clean()
        if self.matches_found and not data.get("none_of_these"):
            self.add_error(
                "none_of_these",
                _(
                    "Kijk eerst of een van de gevonden gezinnen dit gezin is; zo niet, vink dit aan."
                ),
            )
        return data
