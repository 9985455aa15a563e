"""Handover notices move to the shared inbox (notifications): each row becomes a message with
the same recipient, time and read state, linking to the melding."""

from django.db import migrations

TITLE = "Veilig Thuis heeft het gezin %(family)s aan u overgedragen"


def notices_to_inbox(apps, schema_editor):
    HandoverNotice = apps.get_model("reports", "HandoverNotice")
    Notification = apps.get_model("notifications", "Notification")
    Notification.objects.bulk_create(
        Notification(
            recipient_id=notice.recipient_id,
            kind="handover",
            title=(
                TITLE % {"family": notice.report.household.name}
                if notice.report.household_id
                else "Veilig Thuis heeft een melding aan u overgedragen"
            )[:200],
            link=f"/meldingen/{notice.report_id}",
            created_at=notice.created_at,
            read_at=notice.read_at,
        )
        for notice in HandoverNotice.objects.select_related("report__household")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("notifications", "0001_inbox"),
    ]

    operations = [migrations.RunPython(notices_to_inbox, migrations.RunPython.noop)]
