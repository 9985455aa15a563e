"""Django's password validators with the Dutch messages its catalogue lacks for Django 5.2."""

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return _("Dit wachtwoord is te kort: gebruik ten minste %(count)d tekens.") % {
            "count": self.min_length
        }

    def get_help_text(self) -> str:
        return _("Uw wachtwoord moet ten minste %(count)d tekens bevatten.") % {
            "count": self.min_length
        }
