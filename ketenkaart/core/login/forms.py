"""The second step of logging in: a code from the authenticator app, or a recovery code."""

from django import forms
from django.utils.translation import gettext_lazy as _

TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"class": TEXTBOX, "autocomplete": "one-time-code", "inputmode": "text"}
        ),
    )

    def __init__(self, *args, check, help_text="", **kwargs):
        """`check(code)` answers whether the code is right; the form only parses."""
        super().__init__(*args, **kwargs)
        self._check = check
        self.fields["code"].error_messages["required"] = _("Vul de code in.")
        self.fields["code"].help_text = help_text
        self.device = None

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        self.device = self._check(code)
        if self.device is None:
            raise forms.ValidationError(
                _("Deze code klopt niet of is verlopen. Probeer de code die nu in uw app staat.")
            )
        return code


class ReplaceForm(forms.Form):
    """Before a new authenticator app: the password and a current code (ASVS 2.5.x)."""

    password = forms.CharField(
        label=_("Uw wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"class": TEXTBOX, "autocomplete": "current-password"}),
        error_messages={"required": _("Vul uw wachtwoord in.")},
    )
    code = forms.CharField(
        label=_("Code uit uw app of een herstelcode"),
        max_length=16,
        help_text=_("Hebt u uw telefoon niet meer? Gebruik dan een van uw herstelcodes."),
        widget=forms.TextInput(attrs={"class": TEXTBOX, "autocomplete": "one-time-code"}),
        error_messages={"required": _("Vul de code in.")},
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split())


class ResetForm(forms.Form):
    """The privacy officer's reset of someone else's second factor."""

    username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        widget=forms.TextInput(attrs={"class": TEXTBOX, "autocomplete": "off"}),
        error_messages={"required": _("Vul de gebruikersnaam in.")},
    )
    identity_checked = forms.BooleanField(
        label=_(
            "Ik heb vastgesteld dat de eigenaar van dit account zelf om het herstel vraagt "
            "(in persoon met legitimatie, of teruggebeld op een bekend nummer)."
        ),
        required=False,
    )
