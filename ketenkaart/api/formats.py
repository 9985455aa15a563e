"""The API's conventions for text, moments and amounts, used by every app's API.

- Text is a JSON string. A number, `true` or a list is refused, not turned into text: a BSN or
  a kenmerk sent as a number has already lost its leading zeros on the client's side.

- A moment (`format: date-time`) is ISO 8601 with its offset, in Europe/Amsterdam (the time the
  professionals and families live in): `2026-12-02T09:15:00+01:00`, `+02:00` in summer. Never a
  `Z`, never UTC in one answer and local time in the next.
- An amount of money is a string in euros with exactly two decimals and a point: `"15375.00"`
  (a JSON number would lose cents in some clients). A rate (a percentage) follows the same form.
"""

import datetime
import decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer as BaseJSONRenderer
from rest_framework.utils.encoders import JSONEncoder as BaseJSONEncoder

CENT = decimal.Decimal("0.01")
AMOUNT_PATTERN = r"^-?\d+\.\d{2}$"
# Europe/Amsterdam is UTC+01:00 in winter and +02:00 in summer.
TIMESTAMP_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?\+0[12]:00$"


def timestamp(value: datetime.datetime | None) -> str | None:
    """A moment as the API writes it: ISO 8601 in Europe/Amsterdam, with its offset."""
    if value is None:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return timezone.localtime(value).isoformat()


def money(value) -> str | None:
    """An amount as the API writes it: euros, two decimals, as a string."""
    if value is None or value == "":
        return None
    if isinstance(value, float):
        value = repr(value)  # the float's shortest form, so 2.675 rounds to 2.68
    return str(decimal.Decimal(value).quantize(CENT, rounding=decimal.ROUND_HALF_UP))


@extend_schema_field({"type": "string", "format": "decimal", "pattern": AMOUNT_PATTERN})
class AmountField(serializers.DecimalField):
    """An amount in and out: a string (or number) in, always `"123.45"` out."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return money(value)


class JSONEncoder(BaseJSONEncoder):
    # Moments and amounts that reach the renderer unformatted still follow the convention.

    def default(self, obj):
        if isinstance(obj, datetime.datetime):
            return timestamp(obj)
        if isinstance(obj, decimal.Decimal):
            return money(obj)
        return super().default(obj)


class JSONRenderer(BaseJSONRenderer):
    encoder_class = JSONEncoder


class StrictCharField(serializers.CharField):
    """Text, and only a JSON string: DRF's CharField reads 123456782 as "123456782"."""

    default_error_messages = {"invalid": _("Vul hier tekst in.")}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)
