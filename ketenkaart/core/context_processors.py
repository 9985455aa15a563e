from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

from ketenkaart.core.navigation import menu


def _asset(value: str) -> str:
    """A URL or absolute path as given; anything else is a static file."""
    if not value or value.startswith(("https://", "http://", "/")):
        return value
    return static(value)


def look() -> dict:
    """The installation's theme, logo and footer links (settings.KETENKAART_LOOK)."""
    config = settings.KETENKAART_LOOK
    return {
        "theme_stylesheet": _asset(config["THEME_STYLESHEET"]),
        "theme_class": config["THEME_CLASS"],
        "logo": _asset(config["LOGO"]),
        "organisation_name": config["ORGANISATION_NAME"],
        "accessibility_url": config["ACCESSIBILITY_URL"]
        or reverse("about", args=["toegankelijkheid"]),
        "privacy_url": config["PRIVACY_URL"] or reverse("about", args=["privacy"]),
        "help_url": config["HELP_URL"] or reverse("about", args=["help"]),
    }


def ketenkaart(request):
    return {
        "demo_mode": settings.DEMO_MODE,
        "look": look(),
        "menu": menu(request) if request.user.is_authenticated else [],
    }
