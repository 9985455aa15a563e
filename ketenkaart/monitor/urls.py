from django.urls import path

from ketenkaart.monitor import views

app_name = "monitor"
urlpatterns = [
    path("monitor", views.dashboard, name="dashboard"),
    path("monitor/export/veilig-thuis", views.veilig_thuis_csv, name="export_vt"),
    path("monitor/export/<slug:code>", views.indicator_csv, name="export"),
]
