from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "ketenkaart.community"
    verbose_name = _("Wijkgids en consulten")
