"""Pages under the household: UUIDs only in the URL."""

from django.urls import path

from ketenkaart.referrals import views

app_name = "referrals"
urlpatterns = [
    path("gezinnen/<uuid:household_id>/verwijzingen", views.referrals_page, name="list"),
]
