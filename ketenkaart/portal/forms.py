"""Forms of Mijn gezin: they parse; the services decide. Labels in plain Dutch (B1), "u"."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ketenkaart.households.forms import DateInput, DossierForm
from ketenkaart.portal.models import RequestKind

SCORES = [(str(n), str(n)) for n in range(11)]


def _area(label, help_text="", required=True, rows=4):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class WordsForm(DossierForm):
    text = _area(
        _("Wat wilt u zelf zeggen?"),
        _("Wat er volgens u speelt en wat u wilt. Uw woorden komen bovenaan de kaart."),
    )


class ScaleForm(DossierForm):
    score = forms.TypedChoiceField(
        label=_("Hoe veilig is het nu, volgens u?"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_(
            "0 betekent: zo onveilig dat de kinderen nu niet thuis kunnen blijven. 10 betekent: "
            "veilig genoeg, de hulp kan stoppen."
        ),
    )
    text = _area(_("Waarom kiest u dit getal?"), rows=3)


class MomentForm(DossierForm):
    text = _area(
        _("Wat ging er goed?"), _("Ook iets kleins telt, zoals samen eten zonder ruzie."), rows=3
    )
    occurred_on = forms.DateField(label=_("Wanneer was dat?"), widget=DateInput)


class DiscussedForm(DossierForm):
    text = _area(_("Wilt u er iets bij zeggen? (mag leeg)"), required=False, rows=2)


class ReactionForm(DossierForm):
    map_number = forms.IntegerField(label=_("Over welke versie?"), min_value=1)
    text = _area(_("Uw reactie"), rows=3)


class RequestForm(DossierForm):
    kind = forms.ChoiceField(
        label=_("Wat vraagt u?"),
        choices=[
            (RequestKind.CORRECTION, _("Iets klopt niet: ik wil dat het wordt verbeterd")),
            (RequestKind.DESTRUCTION, _("Ik wil dat ons dossier eerder wordt vernietigd")),
        ],
        widget=forms.RadioSelect,
    )
    text = _area(_("Uw uitleg"), _("Schrijf wat er niet klopt, of waarom u dit vraagt."))


class RedeemForm(DossierForm):
    code = forms.CharField(
        label=_("Uw code"),
        max_length=20,
        help_text=_("De code uit de brief of het sms-bericht van uw regisseur."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )
    username = forms.CharField(
        label=_("Kies een gebruikersnaam"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Kies een wachtwoord"),
        help_text=_("Minstens 12 tekens. Gebruik het nergens anders."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Typ het wachtwoord nog een keer"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("De twee wachtwoorden zijn niet hetzelfde."))
        return data


class InvitationForm(DossierForm):
    member = forms.ChoiceField(label=_("Wie nodigt u uit?"), widget=forms.RadioSelect)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(str(m.pk), label) for m, label in members]
