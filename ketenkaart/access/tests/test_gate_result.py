"""The gate answers with a typed result and leaves model instances alone: no page reads a
verdict the gate pinned on a household, a melding or an action."""

import ast
import dataclasses
import pathlib

import pytest
from django.test import RequestFactory

from ketenkaart.access import gate
from ketenkaart.access.result import Access

PACKAGE = pathlib.Path(gate.__file__).resolve().parents[1]


def request_as(professional):
    request = RequestFactory().get("/")
    request.user = professional.user
    return request


def test_the_gate_answers_with_the_household_and_the_grant(household, involved, colleague):
    access = gate.access_household(request_as(involved), household.pk)
    assert type(access) is Access
    assert (access.obj, access.grant, access.can_write) == (household, gate.Grant.INVOLVEMENT, True)
    assert not hasattr(access.obj, "access_grant")
    with pytest.raises(dataclasses.FrozenInstanceError):
        access.grant = gate.Grant.EMERGENCY


def test_a_reading_grant_answers_read_only(household, involved, outsider):
    from ketenkaart.access.emergency import emergency_open

    emergency_open(
        by=outsider,
        household=household,
        reason="Politie belt: kind alleen thuis aangetroffen.",
        hours=1,
    )
    access = gate.access_household(request_as(outsider), household.pk)
    assert (access.grant, access.can_write, access.is_emergency) == (
        gate.Grant.EMERGENCY,
        False,
        True,
    )


def _sources():
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(), filename=str(path))


def test_no_code_sets_gate_state_on_an_instance():
    found = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            targets = []
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, ast.AnnAssign | ast.AugAssign):
                targets = [node.target]
            elif (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", "") == "setattr"
                and len(node.args) > 1
                and getattr(node.args[1], "value", None) == "access_grant"
            ):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
            for target in targets:
                if isinstance(target, ast.Attribute) and target.attr == "access_grant":
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert found == []


def test_no_code_or_template_reads_gate_state_from_an_instance():
    readers = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*"))
        if path.suffix in (".py", ".html", ".txt")
        and path.name != pathlib.Path(__file__).name
        and "access_grant" in path.read_text()
    ]
    assert readers == []
