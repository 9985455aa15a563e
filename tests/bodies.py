"""Walking a request body (JSON, or a form's fields) to spoil one value at a time."""

import copy


def leaves(value, kind: type | tuple = object, path: tuple = ()):
    """The path of every leaf (neither dict nor list) that is a `kind`."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from leaves(inner, kind, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from leaves(inner, kind, (*path, index))
    elif isinstance(value, kind):
        yield path


def replaced(value, path: tuple, new):
    """A copy of `value` with the leaf at `path` replaced; `new` may be a function of the old."""
    changed = copy.deepcopy(value)
    target = changed
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new(target[path[-1]]) if callable(new) else new
    return changed
