"""core.links gives the text reverse() gives, under any script prefix."""

import uuid

import pytest
from django.urls import get_script_prefix, reverse, set_script_prefix

from ketenkaart.core.links import link

PATTERNS = [
    ("households:detail", "household_id"),
    ("reports:detail", "report_id"),
    ("exemptions:detail", "request_id"),
]


@pytest.fixture
def prefix():
    before = get_script_prefix()
    yield set_script_prefix
    set_script_prefix(before)


@pytest.mark.parametrize(("name", "kwarg"), PATTERNS)
def test_a_link_is_the_reversed_url(name, kwarg, prefix):
    for script_prefix in ("/", "/ketenkaart/", "/"):
        prefix(script_prefix)
        for pk in (uuid.uuid4(), uuid.UUID(int=0), uuid.UUID(int=2**128 - 1)):
            assert link(name, kwarg, pk) == reverse(name, kwargs={kwarg: pk})
