"""A serializer built once per class, for validating and representing: DRF copies every
declared field, nested ones too, into each new serializer (about 2 ms of a map save's 15 in
process). Validating and representing keep no state on the serializer."""

import functools

from rest_framework import serializers


@functools.cache
def shared(serializer_class: type[serializers.Serializer]) -> serializers.Serializer:
    return serializer_class()


def validated(serializer_class: type[serializers.Serializer], data) -> dict:
    """What `is_valid` gives as `validated_data`. A refusal raises the ValidationError that
    `is_valid(raise_exception=True)` raises, in DRF's own words (an empty body is "No data
    provided" there), from a new serializer: the rare path."""
    try:
        return shared(serializer_class).run_validation(data)
    except serializers.ValidationError:
        serializer = serializer_class(data=data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data
