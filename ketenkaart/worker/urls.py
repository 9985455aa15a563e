from django.urls import path

from ketenkaart.worker import views

app_name = "worker"

urlpatterns = [
    path("geplande-taken", views.status, name="status"),
    path("metrics", views.prometheus, name="metrics"),
]
