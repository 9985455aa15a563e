"""What waits for the privacy officer's review, by a partial index (issue 17)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0002_emergency_review_outcome_and_deadline"),
        ("households", "0007_handover_offer_leaves_on_acceptance"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="emergencyaccess",
            index=models.Index(
                condition=models.Q(("reviewed_at__isnull", True)),
                fields=["granted_at", "id"],
                name="emergency_to_review",
            ),
        ),
    ]
