from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "ketenkaart.retention"
    verbose_name = _("Bewaartermijnen en vernietiging")
