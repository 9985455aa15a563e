"""/api/v1/: Dutch plural resources, no trailing slashes; anything else answers 404."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularJSONAPIView

from ketenkaart.api import directory, views
from ketenkaart.api.problems import not_found_json

app_name = "api"

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("gezinnen", views.HouseholdListView.as_view(), name="households"),
    path("gezinnen/<uuid:gezin>", views.HouseholdDetailView.as_view(), name="household"),
    path("gezinnen/<uuid:gezin>/leden", views.MemberListView.as_view(), name="members"),
    path(
        "gezinnen/<uuid:gezin>/betrokkenen",
        views.InvolvementListView.as_view(),
        name="involvements",
    ),
    path("gezinnen/<uuid:gezin>/regie", views.LeadView.as_view(), name="lead"),
    path("gezinnen/<uuid:gezin>/maatregelen", views.MeasureListView.as_view(), name="measures"),
    path(
        "gezinnen/<uuid:gezin>/maatregelen/<uuid:maatregel>",
        views.MeasureDetailView.as_view(),
        name="measure",
    ),
    path(
        "gezinnen/<uuid:gezin>/maatregelen/<uuid:maatregel>/verlenging",
        views.MeasureExtensionView.as_view(),
        name="measure-extension",
    ),
    path(
        "gezinnen/<uuid:gezin>/maatregelen/<uuid:maatregel>/beeindiging",
        views.MeasureEndView.as_view(),
        name="measure-end",
    ),
    path("gezinnen/<uuid:gezin>/toegangslog", views.AccessLogView.as_view(), name="access-log"),
    path("", include("ketenkaart.safety_maps.api_urls")),
    path("", include("ketenkaart.exemptions.api_urls")),
    path("", include("ketenkaart.safety_teams.api_urls")),
    path("ik", directory.MeView.as_view(), name="me"),
    path("professionals", directory.ProfessionalListView.as_view(), name="professionals"),
    path("gemeenten", directory.MunicipalityListView.as_view(), name="municipalities"),
    path("wijken", directory.DistrictListView.as_view(), name="districts"),
    path("personen/zoeken", views.PersonSearchView.as_view(), name="person-search"),
    path("", include("ketenkaart.reports.api_urls")),
    path("", include("ketenkaart.buffers.api_urls")),
    path("", include("ketenkaart.community.api_urls")),
    path("", include("ketenkaart.referrals.api_urls")),
    path("", include("ketenkaart.monitor.api_urls")),
    # Last: every other path under /api/v1/, a trailing slash included, is a 404 problem.
    re_path(r"^.*$", not_found_json),
]
