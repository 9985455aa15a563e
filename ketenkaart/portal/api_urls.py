"""The Mijn gezin API routes, included into /api/v1/ before its catch-all 404."""

from django.urls import path

from ketenkaart.portal import api

urlpatterns = [
    path("mijn-gezin", api.PortalView.as_view(), name="family"),
    path("mijn-gezin/woorden", api.WordsView.as_view(), name="family-words"),
    path("mijn-gezin/score", api.ScoreView.as_view(), name="family-score"),
    path("mijn-gezin/toegangslog", api.AccessLogView.as_view(), name="family-access-log"),
    path("mijn-gezin/download", api.DownloadView.as_view(), name="family-download"),
]
