from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ketenkaart.core"
    label = "core"
