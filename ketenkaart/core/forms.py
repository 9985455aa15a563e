"""The login form, with Dutch labels and messages whatever language the browser asks for."""

from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "De gebruikersnaam of het wachtwoord klopt niet. Let op hoofdletters en kleine letters."
        ),
        "inactive": _("Dit account is niet actief. Neem contact op met functioneel beheer."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Gebruikersnaam")
        self.fields["password"].label = _("Wachtwoord")
        for field in self.fields.values():
            field.error_messages["required"] = _("Vul dit veld in.")
        self.fields["username"].widget.attrs["class"] = (
            "utrecht-textbox utrecht-textbox--html-input"
        )
        self.fields["password"].widget.attrs["class"] = (
            "utrecht-textbox utrecht-textbox--html-input"
        )
