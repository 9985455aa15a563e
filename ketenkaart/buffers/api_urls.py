"""The buffers API routes, included into /api/v1/ before its catch-all 404."""

from django.urls import path

from ketenkaart.buffers import api

BASE = "gezinnen/<uuid:gezin>"
urlpatterns = [
    path(f"{BASE}/buffers", api.BuffersView.as_view(), name="buffers"),
    path(f"{BASE}/goede-momenten", api.MomentsView.as_view(), name="good-moments"),
    path(f"{BASE}/netwerk", api.NetworkView.as_view(), name="network"),
]
