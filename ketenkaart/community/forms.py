"""Forms of the guide and consult pages: parse and offer choices; services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ketenkaart.community.models import OfferAnswer, OfferKind, Subject
from ketenkaart.households.forms import DateInput, DossierForm
from ketenkaart.organisations.models import Professional


class GuideSearchForm(DossierForm):
    q = forms.CharField(label=_("Zoek op naam, rol of organisatie"), required=False, max_length=100)
    onderwerp = forms.ChoiceField(
        label=_("Onderwerp"), required=False, choices=[("", _("Alle")), *Subject.choices]
    )


class GuideEntryForm(DossierForm):
    subject = forms.ChoiceField(label=_("Onderwerp"), choices=Subject.choices)
    contact_name = forms.CharField(label=_("Naam contactpersoon"), max_length=200)
    role = forms.CharField(
        label=_("Rol"), max_length=200, help_text=_("Bijvoorbeeld: intern begeleider.")
    )
    phone = forms.CharField(label=_("Telefoon (werk)"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail (werk)"), required=False)
    where_and_when = forms.CharField(
        label=_("Waar en wanneer te vinden"),
        max_length=300,
        required=False,
        help_text=_("Bijvoorbeeld: dinsdag in de leraarskamer."),
    )


class ConsultForm(DossierForm):
    district = forms.TypedChoiceField(label=_("Wijk"), coerce=str)
    question = forms.CharField(
        label=_("Uw vraag"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text=_(
            "Beschrijf wat u ziet en wat u niet lekker zit, zonder naam, BSN of adres. Het "
            "gezin blijft onbekend; de contactpersoon van het wijkteam denkt met u mee."
        ),
    )

    def __init__(self, *args, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [
            (str(d.pk), f"{d.name} ({d.municipality.name})") for d in districts
        ]


class ReplyForm(DossierForm):
    text = forms.CharField(
        label=_("Bericht"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class ConvertForm(DossierForm):
    subject = forms.CharField(
        label=_("Over wie gaat het?"),
        max_length=200,
        help_text=_(
            "Zoals u het kind in uw eigen meldcode-traject noemt. Pas nu wordt er iemand "
            "genoemd; het traject is alleen voor u zichtbaar."
        ),
    )


class HelpOfferForm(DossierForm):
    kind = forms.ChoiceField(
        label=_("Soort hulp"), choices=OfferKind.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=_("Wat biedt u aan?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Concreet en vanuit het gezin: bijvoorbeeld 'een pedagogisch medewerker gaat mee "
            "naar het consultatiebureau'."
        ),
    )


class HelpOfferAnswerForm(DossierForm):
    regisseur_answer = forms.ChoiceField(
        label=_("Uw antwoord als regisseur"), choices=OfferAnswer.choices, widget=forms.RadioSelect
    )
    family_answer = forms.ChoiceField(
        label=_("Het antwoord van het gezin"), choices=OfferAnswer.choices, widget=forms.RadioSelect
    )
    family_words = forms.CharField(
        label=_("Wat het gezin erover zei (in hun eigen woorden)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


CASE_SLOTS = 3


class LearningSessionForm(DossierForm):
    """A monthly meeting: theory, attendance, notes and up to three pseudonymised cases."""

    held_on = forms.DateField(label=_("Datum van de bijeenkomst"), widget=DateInput())
    theory = forms.CharField(
        label=_("Theoriedeel"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: de buffers van ouderschap (Van der Pas)."),
    )
    attendees = forms.ModelMultipleChoiceField(
        label=_("Aanwezig"),
        queryset=Professional.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Aantekeningen"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = members
        self.fields["attendees"].label_from_instance = lambda p: (
            f"{p.display_name} ({p.organisation.name})"
        )
        for n in range(1, CASE_SLOTS + 1):
            self.fields[f"case_{n}_pseudonym"] = forms.CharField(
                label=_("Casus %(n)s: schuilnaam") % {"n": n},
                max_length=60,
                required=False,
                help_text=_("Geen naam, geen BSN: bijvoorbeeld 'moeder van een tweeling'."),
            )
            self.fields[f"case_{n}_discussion"] = forms.CharField(
                label=_("Casus %(n)s: wat we bespraken (houding en handelen)") % {"n": n},
                max_length=4000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields[f"case_{n}_organised"] = forms.CharField(
                label=_("Casus %(n)s: wat er rond de casus georganiseerd is") % {"n": n},
                max_length=4000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.dress_fields()  # the case fields too

    def cases(self):
        from ketenkaart.community.learning import CaseInput

        found = []
        for n in range(1, CASE_SLOTS + 1):
            pseudonym = self.cleaned_data.get(f"case_{n}_pseudonym", "")
            discussion = self.cleaned_data.get(f"case_{n}_discussion", "")
            organised = self.cleaned_data.get(f"case_{n}_organised", "")
            if pseudonym or discussion or organised:
                found.append(CaseInput(pseudonym, discussion, organised))
        return found


class SignalForm(DossierForm):
    child_given_names = forms.CharField(label=_("Voornaam van het kind"), max_length=200)
    child_surname = forms.CharField(label=_("Achternaam van het kind"), max_length=200)
    child_birth_date = forms.DateField(
        label=_("Geboortedatum van het kind"), required=False, widget=DateInput()
    )
    parent_name = forms.CharField(label=_("Naam van een ouder"), max_length=200, required=False)
    consent = forms.BooleanField(
        label=_("De ouders (of de jongere van 16 of ouder) weten dat ik dit met het wijkteam deel"),
        help_text=_(
            "Delen met het wijkteam gaat met toestemming. Zonder toestemming kunt u alleen bij "
            "Veilig Thuis melden, via de meldcode."
        ),
    )
