from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ketenkaart.core import views as core_views
from ketenkaart.core.login import reset_views
from ketenkaart.core.login import views as login_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("start", core_views.start, name="start"),
    path("over/<slug:page>", core_views.about, name="about"),
    path("beheer/", admin.site.urls),
    path("api/v1/", include("ketenkaart.api.urls")),
    path("inloggen", login_views.LoginView.as_view(), name="login"),
    path("inloggen/tweede-stap", login_views.second_factor, name="second_factor"),
    path("inloggen/instellen", login_views.second_factor_setup, name="second_factor_setup"),
    path(
        "account/authenticator-vervangen",
        reset_views.second_factor_replace,
        name="second_factor_replace",
    ),
    path("tweede-stap-herstellen", reset_views.second_factor_reset, name="second_factor_reset"),
    path("inloggen/oidc/", include("mozilla_django_oidc.urls")),
    path("uitloggen", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("ketenkaart.households.urls")),
    path("", include("ketenkaart.exemptions.urls")),
    path("", include("ketenkaart.safety_maps.urls")),
    path("", include("ketenkaart.reports.urls")),
    path("", include("ketenkaart.safety_teams.urls")),
    path("", include("ketenkaart.buffers.urls")),
    path("", include("ketenkaart.community.urls")),
    path("", include("ketenkaart.audit.urls")),
    path("", include("ketenkaart.portal.urls")),
    path("", include("ketenkaart.access.urls")),
    path("", include("ketenkaart.retention.urls")),
    path("", include("ketenkaart.referrals.urls")),
    path("", include("ketenkaart.monitor.urls")),
    path("", include("ketenkaart.questionnaires.urls")),
    path("", include("ketenkaart.worker.urls")),
]

handler500 = "ketenkaart.core.views.server_error"
