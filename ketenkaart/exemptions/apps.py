from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExemptionsConfig(AppConfig):
    name = "ketenkaart.exemptions"
    label = "exemptions"
    verbose_name = _("Ventieltafel")
