from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_save
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "ketenkaart.audit"
    label = "audit"
    verbose_name = _("Toegangslog")

    def ready(self) -> None:
        from ketenkaart.audit import grants, signals

        post_migrate.connect(
            grants.grant_runtime_role, sender=self, dispatch_uid="audit_runtime_role"
        )
        pre_save.connect(signals.check_loaded_row, dispatch_uid="audit_loaddata")
