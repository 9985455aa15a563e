"""The map's API routes, included into /api/v1/ before its catch-all 404."""

from django.urls import path

from ketenkaart.safety_maps import api

BASE = "gezinnen/<uuid:gezin>/veiligheidskaart"
urlpatterns = [
    path(BASE, api.SafetyMapView.as_view(), name="safety-map"),
    path(f"{BASE}/versies", api.VersionListView.as_view(), name="safety-map-versions"),
    path(f"{BASE}/versies/verschil", api.VersionDiffView.as_view(), name="safety-map-diff"),
    path(
        f"{BASE}/versies/<int:versie>", api.VersionDetailView.as_view(), name="safety-map-version"
    ),
]
