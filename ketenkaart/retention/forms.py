"""The form of a legal hold: it parses; the service decides who may and what fits."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ketenkaart.households.forms import DossierForm
from ketenkaart.retention.models import HoldReason


class HoldForm(DossierForm):
    reason = forms.ChoiceField(label=_("Reden"), choices=HoldReason.choices)
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Welke procedure loopt er, bij wie, en tot wanneer ongeveer."),
    )
