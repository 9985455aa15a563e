"""Synthetic identifiers for demo and test data."""

from stdnum.nl import bsn as bsn_number


def synthetic_bsn(seed: int) -> str:
    """A BSN that passes the eleven-test, unique per seed below 9 million; made from a counter,
    so it is nobody's on purpose. Each seed owns eleven bases, and one of them always has a
    check digit."""
    for step in range(11):
        base = f"{(seed * 11 + step) % 10**8:08d}"
        for last in range(10):
            if bsn_number.is_valid(base + str(last)):
                return base + str(last)
    raise AssertionError("unreachable: one of eleven bases has a check digit")
