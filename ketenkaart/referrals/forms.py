"""The referral form: it parses; the service decides."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ketenkaart.households.forms import DateInput, DossierForm
from ketenkaart.referrals.models import CareKind, Referrer


class ReferralForm(DossierForm):
    care_kind = forms.ChoiceField(label=_("Soort zorg"), choices=CareKind.choices)
    referred_by = forms.ChoiceField(
        label=_("Verwezen door"), choices=Referrer.choices, widget=forms.RadioSelect
    )
    referred_on = forms.DateField(label=_("Datum verwijzing"), widget=DateInput)
