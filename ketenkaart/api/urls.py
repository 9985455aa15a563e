"""/api/v1/: Dutch plural resources, no trailing slashes; anything else answers 404."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularJSONAPIView

from ketenkaart.api import directory
from ketenkaart.api.problems import not_found_json

app_name = "api"

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("", include("ketenkaart.households.api.urls")),
    path("", include("ketenkaart.safety_maps.api_urls")),
    path("", include("ketenkaart.exemptions.api_urls")),
    path("", include("ketenkaart.safety_teams.api_urls")),
    path("ik", directory.MeView.as_view(), name="me"),
    path("professionals", directory.ProfessionalListView.as_view(), name="professionals"),
    path("gemeenten", directory.MunicipalityListView.as_view(), name="municipalities"),
    path("wijken", directory.DistrictListView.as_view(), name="districts"),
    path("", include("ketenkaart.reports.api_urls")),
    path("", include("ketenkaart.buffers.api_urls")),
    path("", include("ketenkaart.community.api_urls")),
    path("", include("ketenkaart.portal.api_urls")),
    path("", include("ketenkaart.access.api_urls")),
    path("", include("ketenkaart.retention.api_urls")),
    path("", include("ketenkaart.referrals.api_urls")),
    path("", include("ketenkaart.monitor.api_urls")),
    # Last: every other path under /api/v1/, a trailing slash included, is a 404 problem.
    re_path(r"^.*$", not_found_json),
]
