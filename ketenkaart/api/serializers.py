"""Fields every app's API shares: Dutch values for stored choices, blank as null, text, date,
references, with Dutch error messages. Shape only; the services decide."""

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ketenkaart.api.formats import StrictCharField
from ketenkaart.organisations.models import Professional

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# Error messages: plain or lazily translated text, as the fields take them.
Messages = dict[str, "str | StrPromise"]

DATE_MESSAGES: Messages = {
    "invalid": _("Gebruik een datum als JJJJ-MM-DD."),
    "datetime": _("Gebruik een datum als JJJJ-MM-DD, zonder tijd."),
}


UUID_MESSAGES: Messages = {"invalid": _("Dit is geen geldige identificatie (UUID).")}


class MappedChoiceField(serializers.ChoiceField):
    # A choice whose API value (Dutch) differs from the value stored.

    def __init__(self, mapping: dict, **kwargs):
        self.to_api = {str(key): value for key, value in mapping.items()}
        self.from_api = {value: key for key, value in mapping.items()}
        kwargs.setdefault(
            "error_messages",
            {
                "invalid_choice": _("Kies een van: %(values)s.")
                % {"values": ", ".join(mapping.values())}
            },
        )
        super().__init__(choices=list(self.from_api), **kwargs)

    def to_representation(self, value):
        return self.to_api.get(str(value), value)

    def to_internal_value(self, data):
        return self.from_api[super().to_internal_value(data)]


class BlankAsNullCharField(serializers.CharField):
    # An empty stored text (an unknown BSN) is `null` in the API.

    def __init__(self, **kwargs):
        super().__init__(allow_null=True, read_only=True, **kwargs)

    def to_representation(self, value):
        return value or None


@extend_schema_field({"type": "string", "format": "email", "nullable": True})
class BlankAsNullEmailField(BlankAsNullCharField):
    # A professional without an e-mail address has `null`, not "" (which is no e-mail).
    pass


def text(*, error_messages=None, **kwargs) -> serializers.CharField:
    return StrictCharField(error_messages=error_messages or {}, **kwargs)


def date(**kwargs) -> serializers.DateField:
    return serializers.DateField(error_messages=DATE_MESSAGES, **kwargs)


def reference(
    queryset, missing: "str | StrPromise", **kwargs
) -> serializers.PrimaryKeyRelatedField:
    """A UUID that must name an existing row of `queryset`."""
    return serializers.PrimaryKeyRelatedField(
        queryset=queryset,
        pk_field=serializers.UUIDField(error_messages=UUID_MESSAGES),
        error_messages={"does_not_exist": missing, "incorrect_type": UUID_MESSAGES["invalid"]},
        **kwargs,
    )


def professionals():
    return Professional.objects.select_related("user", "organisation")
