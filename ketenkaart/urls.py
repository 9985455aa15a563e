from django.contrib import admin
from django.urls import include, path

from ketenkaart.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("beheer/", admin.site.urls),
    path("api/v1/", include("ketenkaart.api.urls")),
    path("", include("ketenkaart.households.urls")),
]
