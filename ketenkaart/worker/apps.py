from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "ketenkaart.worker"
    label = "worker"

    def ready(self) -> None:
        from ketenkaart.worker import metrics

        metrics.register()
