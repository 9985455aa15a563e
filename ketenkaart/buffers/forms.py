"""Forms of the buffers pages: they parse and offer choices; the services decide."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ketenkaart.buffers.models import Area, Footing, View
from ketenkaart.buffers.phrasing import SUGGESTIONS
from ketenkaart.households.forms import DateInput, DossierForm
from ketenkaart.safety_maps.content import NETWORK_CLOSENESS, NETWORK_KINDS


def _parent_choices(parents):
    return [(str(p.pk), p.full_name) for p in parents]


class ObservationForm(DossierForm):
    parent_id = forms.TypedChoiceField(label=_("Ouder"), coerce=str)
    view = forms.ChoiceField(
        label=_("Wiens kijk is dit?"),
        choices=View.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "De kijk van de ouder en die van de professional staan naast elkaar en worden nooit "
            "samengevoegd. Schrijf de woorden van de ouder zo letterlijk als u kunt."
        ),
    )
    area = forms.ChoiceField(
        label=_("Buffer of taak"),
        choices=[
            (_("De vier buffers"), [(a.value, a.label) for a in Area][:4]),
            (_("De ouderlijke werkvloer"), [(a.value, a.label) for a in Area][4:]),
        ],
        help_text=_(
            "Naar Alice van der Pas, Handboek Methodische Ouderbegeleiding: vier buffers "
            "beschermen de ouderlijke werkvloer, waar ouders hun kind grootbrengen."
        ),
    )
    footing = forms.ChoiceField(
        label=_("Hoe draagt het nu?"),
        choices=Footing.choices,
        widget=forms.RadioSelect,
        help_text=_("Geen score: dit woord wordt nooit opgeteld of gemiddeld."),
    )
    words = forms.CharField(
        label=_("In woorden"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=format_lazy(
            "{} " + " ".join("{}" for _s in SUGGESTIONS),
            _(
                "Woorden die naast de ouder blijven, helpen de ouder om mee te doen; een oordeel "
                "doet dichtklappen. Bijvoorbeeld:"
            ),
            *SUGGESTIONS,
        ),
    )
    observed_on = forms.DateField(label=_("Moment"), widget=DateInput)

    def __init__(self, *args, parents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent_id"].choices = _parent_choices(parents)


class GoodMomentForm(DossierForm):
    what = forms.CharField(
        label=_("Wat ging er goed?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Ook iets kleins telt: huiswerk zonder ruzie, op tijd op school."),
    )
    in_parents_words = forms.BooleanField(
        label=_("Dit zijn de woorden van de ouder zelf"), required=False
    )
    parent_id = forms.TypedChoiceField(label=_("Ouder"), coerce=str, required=False)
    noticed_by = forms.CharField(
        label=_("Wie zag het?"),
        max_length=200,
        help_text=_("Bijvoorbeeld: moeder zelf, de leerkracht, de wijkcoach."),
    )
    occurred_on = forms.DateField(label=_("Wanneer"), widget=DateInput)

    def __init__(self, *args, parents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent_id"].choices = [("", _("Het hele gezin")), *_parent_choices(parents)]

    def clean_parent_id(self):
        return self.cleaned_data["parent_id"] or None


class NetworkPersonForm(DossierForm):
    name = forms.CharField(label=_("Naam"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Wie is dit voor het gezin?"), choices=list(NETWORK_KINDS.items())
    )
    relation = forms.CharField(
        label=_("Relatie"), max_length=200, required=False, help_text=_("Bijvoorbeeld oma.")
    )
    helps_with = forms.CharField(label=_("Helpt met"), max_length=2000, required=False)
    closeness = forms.ChoiceField(
        label=_("Hoe dichtbij?"),
        choices=list(NETWORK_CLOSENESS.items()),
        widget=forms.RadioSelect,
        help_text=_("Zoals het gezin het ervaart."),
    )


class RemoveForm(forms.Form):
    base_number = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
