from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionnairesConfig(AppConfig):
    name = "ketenkaart.questionnaires"
    verbose_name = _("Vragenlijsten")
