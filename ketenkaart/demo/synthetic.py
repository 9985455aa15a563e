"""Helpers shared by the demo and the volume generator: plausible Dutch names, phones, BSNs.

Everything here is synthetic. Names come from Faker nl_NL, BSNs from a counter.
"""

from faker import Faker
from stdnum.nl import bsn as bsn_number

# Seeds below this are the demo's; the volume generator never goes lower.
VOLUME_MIN_BSN_SEED = 1_000_000
# synthetic_bsn is unique for seeds below this.
MAX_BSN_SEED = 9_000_000

# Lower-case words that may open a Dutch surname (tussenvoegsels).
SURNAME_PREFIXES = frozenset(
    {"van", "de", "der", "den", "het", "'t", "te", "ter", "ten", "in", "op", "uit", "'s", "d'"}
)


def split_surname(name: str) -> tuple[str, str] | None:
    """("van der", "Meer") for "van der Meer"; None for names that do not fit the pattern.

    Faker's nl_NL list also holds medieval nobility ("Aelftrud van Wessex"); those are skipped.
    """
    if "," in name:
        return None
    words = name.split()
    *prefix, surname = words
    if not surname[:1].isupper() or any(word not in SURNAME_PREFIXES for word in prefix):
        return None
    return " ".join(prefix), surname


def household_name(prefix: str, surname: str) -> str:
    """The name a family is known by in the chain: "Gezin Van der Meer"."""
    if prefix:
        return f"Gezin {prefix[:1].upper()}{prefix[1:]} {surname}"
    return f"Gezin {surname}"


def surname(fake: Faker) -> tuple[str, str]:
    """A (prefix, surname) pair that reads as a Dutch family name."""
    while True:
        split = split_surname(fake.last_name())
        if split is not None:
            return split


def mobile_phone(fake: Faker) -> str:
    return fake.numerify("06-########")


def synthetic_bsn(seed: int) -> str:
    """A BSN that passes the eleven-test, unique per seed below 9 million; made from a counter,
    so it is nobody's on purpose. Each seed owns eleven bases, and one of them always has a
    check digit. Fast enough for the volume generator's millions."""
    for step in range(11):
        base = f"{(seed * 11 + step) % 10**8:08d}"
        # With a last digit of 0, stdnum's checksum is the check digit the base needs.
        check = bsn_number.checksum(base + "0")
        if check < 10 and bsn_number.is_valid(base + str(check)):
            return base + str(check)
    raise AssertionError("unreachable: one of eleven bases has a check digit")


def seed_of_bsn(bsn: str) -> int:
    """The seed whose synthetic BSN is the highest at or below `bsn` (the inverse of synthetic_bsn)."""
    return int(bsn) // 110
