"""Nothing outside the gate filters by user: a queryset outside `ketenkaart/access/` that
filters on the acting user or professional is a visibility rule beside the gate, and fails
here. The allow-list below names each exception and why it is not a visibility rule."""

import ast
import pathlib

from ketenkaart.access import gate

PACKAGE = pathlib.Path(gate.__file__).resolve().parents[1]

# The names the acting user or professional goes by in views, selectors and services.
ACTING = {
    "user",
    "request.user",
    "self.request.user",
    "professional",
    "by",
    "by.user",
    "actor",
    "viewer",
    "me",
}
QUERY_CALLS = {"filter", "exclude", "get", "get_or_create", "update_or_create", "Q"}

# (module, lookup): why it stays.
ALLOWED = {
    # Your own inbox and your own login devices: the rows are the user's own, not a family's.
    ("notifications/selectors.py", "recipient_id"): "one's own inbox",
    ("safety_teams/views.py", "recipient"): "marking one's own message read",
    ("core/login/second_factor.py", "user"): "replacing one's own or (privacy officer) a "
    "user's second factor: the account's own devices",
    # Commands and the demo loader look an account up by name; there is no acting user.
    ("api/management/commands/token.py", "username"): "command: the account named",
    ("reports/management/commands/import_zorgmeldingen.py", "username"): "command",
    ("demo/loader.py", "user"): "the demo loader builds the demo accounts",
    # The professional *to be* involved or invited, after the write grant of `by`: a
    # uniqueness rule of the domain, not who may see what.
    ("households/services.py", "professional"): "already involved?",
    ("exemptions/services.py", "professional"): "already invited?",
}


def _dotted(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def _acting(value) -> bool:
    name = _dotted(value)
    return name is not None and (name in ACTING or name.removesuffix("_id") in ACTING)


def user_filters():
    """(module, lookup, line) of every query outside the gate on the acting user."""
    for path in sorted(PACKAGE.glob("*/**/*.py")):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "access" or {"tests", "migrations"} & set(relative.parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in QUERY_CALLS:
                continue
            for keyword in node.keywords:
                if keyword.arg is not None and _acting(keyword.value):
                    yield str(relative), keyword.arg.split("__")[-1], node.lineno


def test_nothing_outside_the_gate_filters_by_user():
    found = [
        f"{module}:{line} {lookup}"
        for module, lookup, line in user_filters()
        if (module, lookup) not in ALLOWED
    ]
    assert found == []


def test_the_allow_list_has_no_stale_entries():
    used = {(module, lookup) for module, lookup, _line in user_filters()}
    assert set(ALLOWED) <= used


def test_the_scan_finds_a_side_filter():
    # The scan itself: a hand-written visibility filter is found.
    tree = ast.parse("Household.objects.filter(involvements__professional=professional)")
    call = next(node for node in ast.walk(tree) if isinstance(node, ast.Call))
    assert _acting(call.keywords[0].value)
