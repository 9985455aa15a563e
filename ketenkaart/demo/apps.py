from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "ketenkaart.demo"
    label = "demo"
