"""Sending and reading inbox messages. Callers send inside their own transaction; the e-mail
goes out only after it commits, so a rolled-back workflow sends nothing."""

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenkaart.audit import services as audit
from ketenkaart.core.sessions import forget_unread
from ketenkaart.notifications.models import Notification
from ketenkaart.organisations.models import Professional


def _email(notification: Notification) -> None:
    address = notification.recipient.user.email
    if not address:
        return
    # No names, no family, no content in an e-mail: only that a message waits in Ketenkaart.
    send_mail(
        subject=_("Nieuw bericht in Ketenkaart: %(kind)s")
        % {"kind": notification.get_kind_display()},
        message=_("Er staat een nieuw bericht voor u klaar in Ketenkaart. Log in om het te lezen."),
        from_email=None,
        recipient_list=[address],
        fail_silently=True,
    )


def notify(
    *, recipient: Professional, kind: str, title: str, body: str = "", link: str = ""
) -> Notification:
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        title=title[:200],
        body=body,
        link=link,
        created_at=timezone.now(),
        emailed=bool(recipient.user.email),
    )
    forget_unread(recipient.pk)
    transaction.on_commit(lambda: _email(notification))
    return notification


@transaction.atomic
def notification_read(*, by: Professional, notification: Notification) -> Notification:
    if notification.recipient_id != by.pk:
        raise Notification.DoesNotExist
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        forget_unread(by.pk)
        audit.record(
            user=by.user,
            action="notification.read",
            object_type="notification",
            object_id=notification.pk,
        )
    return notification
