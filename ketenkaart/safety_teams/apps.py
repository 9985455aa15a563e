from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyTeamsConfig(AppConfig):
    name = "ketenkaart.safety_teams"
    label = "safety_teams"
    verbose_name = _("Veiligheidsteam")
