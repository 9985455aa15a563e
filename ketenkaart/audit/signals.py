"""`loaddata` of the audit tables: rows arrive intact (their keyed hash covers times to the
millisecond, which Django's serialisers keep) or are refused with a clear message."""

from typing import Any

from django.core.exceptions import ValidationError

from ketenkaart.audit.keyed import event_mac
from ketenkaart.audit.models import AccessEvent


def check_loaded_row(
    sender: type[object], instance: AccessEvent, raw: bool = False, **kwargs: Any
) -> None:

    if raw and sender is AccessEvent and instance.mac != event_mac(instance):
        raise ValidationError(
            f"Toegangsregel {instance.pk} wijkt af van haar sleutel: de toegangslog laat zich "
            "alleen ongewijzigd en met dezelfde KETENKAART_AUDIT_KEY terugzetten "
            "(zie docs/operations.md, back-up en herstel)."
        )
