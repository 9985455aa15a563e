from django.conf import settings

from ketenkaart.core.navigation import menu


def ketenkaart(request):
    return {
        "demo_mode": settings.DEMO_MODE,
        "menu": menu(request) if request.user.is_authenticated else [],
    }
