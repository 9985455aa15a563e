from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyMapsConfig(AppConfig):
    name = "ketenkaart.safety_maps"
    label = "safety_maps"
    verbose_name = _("Veiligheidskaart")
