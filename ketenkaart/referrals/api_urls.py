"""The referrals API route, included into /api/v1/ before its catch-all 404."""

from django.urls import path

from ketenkaart.referrals import api

urlpatterns = [
    path("gezinnen/<uuid:gezin>/verwijzingen", api.ReferralsView.as_view(), name="referrals"),
]
