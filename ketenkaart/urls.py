from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ketenkaart.core import views as core_views
from ketenkaart.core.forms import LoginForm

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("start", core_views.start, name="start"),
    path("beheer/", admin.site.urls),
    path("api/v1/", include("ketenkaart.api.urls")),
    path(
        "inloggen",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("uitloggen", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("ketenkaart.households.urls")),
    path("", include("ketenkaart.exemptions.urls")),
    path("", include("ketenkaart.safety_maps.urls")),
    path("", include("ketenkaart.reports.urls")),
    path("", include("ketenkaart.safety_teams.urls")),
    path("", include("ketenkaart.buffers.urls")),
    path("", include("ketenkaart.community.urls")),
]
