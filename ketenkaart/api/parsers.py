"""JSON input that answers 4xx for anything a client can send: a body too large (413), nesting
too deep, a key given twice, invalid JSON or text (400), each in Dutch."""

import json

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.parsers import JSONParser

# Defaults; settings.API_MAX_BODY_BYTES and settings.API_MAX_JSON_DEPTH override them.
MAX_BODY_BYTES = 1_000_000
MAX_JSON_DEPTH = 32


def max_body_bytes() -> int:
    return int(getattr(settings, "API_MAX_BODY_BYTES", MAX_BODY_BYTES))


def max_json_depth() -> int:
    return int(getattr(settings, "API_MAX_JSON_DEPTH", MAX_JSON_DEPTH))


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = gettext_lazy("De invoer is te groot.")
    default_code = "too_large"


class InvalidJSON(exceptions.ParseError):
    """A parse error with a Dutch detail of its own (the handler keeps it)."""


class _DuplicateKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _pairs(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def too_deep(body: bytes, limit: int) -> bool:
    """True when arrays and objects nest deeper than `limit`, counted before parsing (so Python's
    recursion limit is never reached). Brackets inside strings do not count."""
    depth = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > limit:
                return True
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return False


class StrictJSONParser(JSONParser):
    """DRF's JSON parser with a size limit, a depth limit and no duplicate keys."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = max_body_bytes()
        body = stream.read(limit + 1) if stream is not None else b""
        if len(body) > limit:
            raise PayloadTooLarge(
                _("De invoer is groter dan %(n)s bytes.") % {"n": f"{limit:,}".replace(",", ".")}
            )
        if not body.strip():
            # An empty body is "no fields"; the serializer names what is missing.
            return {}
        depth = max_json_depth()
        if too_deep(body, depth):
            raise InvalidJSON(_("De invoer is dieper genest dan %(n)s niveaus.") % {"n": depth})
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidJSON(_("De invoer is geen geldige UTF-8-tekst.")) from None
        try:
            data = json.loads(text, object_pairs_hook=_pairs)
        except _DuplicateKey as duplicate:
            raise exceptions.ValidationError(
                {duplicate.key: [_("Dit veld staat meer dan eens in de invoer.")]}
            ) from None
        except (ValueError, RecursionError):
            raise InvalidJSON(_("De invoer is geen geldige JSON.")) from None
        if _has_surrogate(data):
            raise InvalidJSON(
                _("De invoer bevat een ongeldig teken (een losse surrogaat, \\ud800-\\udfff).")
            )
        return data


def _has_surrogate(data) -> bool:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if any("\ud800" <= char <= "\udfff" for char in item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False
