"""core.labels translates a choice's labels once, as text, in the active language."""

from django.utils import translation

from ketenkaart.core.labels import labels
from ketenkaart.reports.models import ReportSource


def test_the_labels_are_the_translated_texts_of_every_value():
    with translation.override("nl"):
        found = labels(ReportSource)
        assert found[ReportSource.POLICE] == "Politie (zorgmelding)"
        assert set(found) == set(ReportSource.values)
        assert all(type(label) is str for label in found.values())  # not a lazy proxy
