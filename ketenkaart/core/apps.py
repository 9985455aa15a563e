from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ketenkaart.core"
    label = "core"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from ketenkaart.core.login import audit
        from ketenkaart.core.login.middleware import session_started

        audit.connect()
        user_logged_in.connect(session_started, dispatch_uid="kk_session_started")
