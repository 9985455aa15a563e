from django.urls import path

from ketenkaart.audit import views

app_name = "audit"

urlpatterns = [
    path("toegangslog", views.region_log, name="region_log"),
    path("toegangslog.csv", views.region_log_csv, name="region_log_csv"),
]
