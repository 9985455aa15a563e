from django.conf import settings


def ketenkaart(request):
    return {"demo_mode": settings.DEMO_MODE}
