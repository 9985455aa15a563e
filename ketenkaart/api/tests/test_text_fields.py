"""Text in the API is a JSON string. DRF's own CharField turns 123456782 into "123456782", so a
BSN or a kenmerk sent as a number (whose leading zeros the client has already lost) would be
stored as if it had been typed. Every text field of every serializer refuses that."""

import importlib
import pkgutil

import pytest
from rest_framework import serializers

import ketenkaart
from ketenkaart.api.formats import StrictCharField
from ketenkaart.api.tests.conftest import assert_problem, invalid_names
from ketenkaart.households.models import Member


def _serializers() -> list[type[serializers.Serializer]]:
    for module in pkgutil.walk_packages(ketenkaart.__path__, "ketenkaart."):
        if ".tests" not in module.name and ".migrations" not in module.name:
            importlib.import_module(module.name)
    found, todo = [], [serializers.BaseSerializer]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("ketenkaart."):
                found.append(sub)
    return found


def _loose_text_fields(fields: dict, where: str) -> list[str]:
    loose = []
    for name, field in fields.items():
        if isinstance(field, serializers.ListField):
            field = field.child
        if (
            isinstance(field, serializers.CharField)
            and not isinstance(field, StrictCharField)
            and not field.read_only
        ):
            loose.append(f"{where}.{name}")
    return loose


def test_there_are_serializers_to_check():
    assert len(_serializers()) > 50


def test_the_check_sees_a_plain_text_field_in_a_list_too():
    fields = {
        "plain": serializers.CharField(),
        "listed": serializers.ListField(child=serializers.CharField()),
        "shown": serializers.CharField(read_only=True),
        "strict": StrictCharField(),
    }
    assert _loose_text_fields(fields, "s") == ["s.plain", "s.listed"]


def test_every_text_field_a_client_can_send_takes_only_a_string():
    loose = [
        field
        for cls in _serializers()
        for field in _loose_text_fields(
            getattr(cls, "_declared_fields", {}), f"{cls.__module__}.{cls.__name__}"
        )
    ]
    assert not loose


@pytest.mark.parametrize("value", [12, 1.5, True, ["tekst"], {"a": "b"}])
def test_a_strict_text_field_refuses_what_is_not_a_string(value):
    field = StrictCharField()
    with pytest.raises(serializers.ValidationError) as refused:
        field.run_validation(value)
    assert "tekst" in str(refused.value.detail[0])


def test_a_strict_text_field_takes_a_string_as_before():
    assert StrictCharField(max_length=5).run_validation(" 0123 ") == "0123"


def test_a_number_for_a_name_is_refused_on_that_field_and_changes_nothing(api, household, involved):
    before = list(Member.objects.values_list("pk", flat=True))
    response = api(involved).post(
        f"/api/v1/gezinnen/{household.pk}/leden",
        {"voornamen": 7, "achternaam": 8, "rol": "kind"},
    )
    assert_problem(response, 400)
    assert {"voornamen", "achternaam"} <= invalid_names(response)
    assert list(Member.objects.values_list("pk", flat=True)) == before
