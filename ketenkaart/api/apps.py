from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ketenkaart.api"
    label = "api"
