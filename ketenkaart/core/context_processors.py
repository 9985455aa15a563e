import functools
from types import MappingProxyType

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse

from ketenkaart.core.navigation import menu


def _asset(value: str) -> str:
    """A URL or absolute path as given; anything else is a static file."""
    if not value or value.startswith(("https://", "http://", "/")):
        return value
    return static(value)


def look() -> MappingProxyType:
    """The installation's theme, logo and footer links (settings.KETENKAART_LOOK), the same on
    every page: made once per process and script prefix (issue 17)."""
    return _look(get_script_prefix())


@functools.cache
def _look(script_prefix: str) -> MappingProxyType:
    config = settings.KETENKAART_LOOK
    return MappingProxyType(
        {
            "theme_stylesheet": _asset(config["THEME_STYLESHEET"]),
            "theme_class": config["THEME_CLASS"],
            "logo": _asset(config["LOGO"]),
            "organisation_name": config["ORGANISATION_NAME"],
            "accessibility_url": config["ACCESSIBILITY_URL"]
            or reverse("about", args=["toegankelijkheid"]),
            "privacy_url": config["PRIVACY_URL"] or reverse("about", args=["privacy"]),
            "help_url": config["HELP_URL"] or reverse("about", args=["help"]),
        }
    )


@receiver(setting_changed)
def _look_changed(*, setting: str, **kwargs) -> None:
    if setting in {"KETENKAART_LOOK", "ROOT_URLCONF", "STATIC_URL", "STORAGES"}:
        _look.cache_clear()


def ketenkaart(request):
    return {
        "demo_mode": settings.DEMO_MODE,
        "look": look(),
        "menu": menu(request) if request.user.is_authenticated else [],
    }
