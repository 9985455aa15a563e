from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuffersConfig(AppConfig):
    name = "ketenkaart.buffers"
    verbose_name = _("Buffers van ouderschap")
