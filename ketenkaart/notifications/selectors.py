"""The inbox of one professional: nobody reads another's messages."""

from django.db.models import QuerySet

from ketenkaart.notifications.models import Notification
from ketenkaart.organisations.models import Professional


def inbox(professional: Professional) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=professional).order_by("-created_at", "pk")


def unread_count(professional: Professional) -> int:
    return Notification.objects.filter(recipient=professional, read_at__isnull=True).count()
