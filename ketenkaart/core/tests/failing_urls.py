"""The project's URLs plus one view that fails, to see the 500 page as a user would."""

from django.urls import path

from ketenkaart.urls import handler500
from ketenkaart.urls import urlpatterns as project_urlpatterns


def failing(request):
    raise RuntimeError("kapot")


urlpatterns = [path("kapot", failing), *project_urlpatterns]
__all__ = ["handler500", "urlpatterns"]
