"""Secondary (complementary) suppression: a table that shows a total beside its parts must not
let a suppressed part be found by subtraction. The rule is the one statistical offices (CBS,
Eurostat's SDC handbook) apply to one-dimensional tables, kept simple enough to explain:

    a cell resting on fewer units than the threshold is suppressed (primary); when exactly one
    part of a total is suppressed, the smallest other part that is not zero is suppressed as
    well; when there is no such part, the total itself.

After that at least two parts are hidden, so the total minus the shown parts is the sum of
two unknowns and neither can be read from it. A zero stays shown: it reveals nothing, and
suppressing only zeros would not protect the hidden part.
"""


def primary(count: int, minimum: int) -> bool:
    return 0 < count < minimum


def hidden(total: int, parts: list[int], minimum: int) -> tuple[bool, set[int]]:
    """Whether the total is hidden, and the indices of the hidden parts."""
    total_hidden = primary(total, minimum)
    parts_hidden = {i for i, count in enumerate(parts) if primary(count, minimum)}
    if total_hidden or len(parts_hidden) != 1:
        return total_hidden, parts_hidden
    candidates = [(count, i) for i, count in enumerate(parts) if count and i not in parts_hidden]
    if candidates:
        parts_hidden.add(min(candidates)[1])
    else:
        total_hidden = True
    return total_hidden, parts_hidden
