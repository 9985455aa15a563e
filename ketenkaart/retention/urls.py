from django.urls import path

from ketenkaart.retention import views

app_name = "retention"
urlpatterns = [
    path("vernietiging", views.due_list, name="due"),
    path("vernietiging/<uuid:household_id>/bevestiging", views.confirm, name="confirm"),
]
