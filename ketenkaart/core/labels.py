"""A choice's labels translated once per page (issue 17).

A list of fifty rows that writes `get_FOO_display` or a lazy label per row translates the same
words fifty times; `labels(Choices)` translates each label once, in the language of the
request, and a row looks its value up."""

from django.db.models import Choices


def labels(choices: type[Choices]) -> dict[str, str]:
    """{value: translated label} of `choices`, as text (not lazy)."""
    return {value: str(label) for value, label in choices.choices}
