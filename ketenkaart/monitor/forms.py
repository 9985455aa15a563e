"""The dashboard's filter: an area of the user's region and a kind of period. It parses only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ketenkaart.households.forms import DateInput, DossierForm

PERIOD_CHOICES = [("maand", _("Maand")), ("week", _("Week")), ("kwartaal", _("Kwartaal"))]
NAMES = {"week": "week", "maand": "month", "kwartaal": "quarter"}


class FilterForm(DossierForm):
    gemeente = forms.ChoiceField(label=_("Gebied"), required=False)
    per = forms.ChoiceField(label=_("Per"), choices=PERIOD_CHOICES, required=False)
    van = forms.DateField(label=_("Vanaf"), required=False, widget=DateInput)
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput)

    def __init__(self, *args, region=None, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].choices = [("", region.name if region else _("De regio"))] + [
            (str(m.pk), m.name) for m in municipalities
        ]

    def clean(self):
        data = super().clean()
        first, last = data.get("van"), data.get("tot")
        if first and last and first > last:
            self.add_error("tot", _("Deze datum ligt vóór de begindatum."))
        if first and last and (last - first).days > 366 * 5:
            self.add_error("van", _("Kies hoogstens vijf jaar."))
        return data

    @property
    def period(self) -> str:
        return NAMES.get(self.cleaned_data.get("per") or "maand", "month")
