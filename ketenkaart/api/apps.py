from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ketenkaart.api"
    label = "api"

    def ready(self):
        # Registers the bearer scheme with drf-spectacular.
        from ketenkaart.api import schema  # noqa: F401
