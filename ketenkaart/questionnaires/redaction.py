"""Open answers are free text from professionals and parents; before policy sees them, what
could name a person is blanked out at submission: BSNs, names of families known in the
respondent's district (a parent) or region (a professional), phone numbers, e-mail addresses
and dates. The BSN, name and date tests are the ventieltafel's (exemptions.services), the same
ones the leerwerkgemeenschap uses; phone and e-mail are added here."""

import re

from ketenkaart.exemptions.services import NOT_NAMES, NUMBER_RUN, WORD, contains_bsn, dates_in
from ketenkaart.households.models import Household, Member

BLANK = "[…]"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Dutch numbers: 06-12345678, 010 123 4567, +31 6 1234 5678, 0031..., with spaces or dashes.
PHONE = re.compile(r"(?<![\w+])(?:\+31|0031|0)[\s-]?(?:\(0\)[\s-]?)?\d(?:[\s-]?\d){7,9}(?!\d)")
DATE = re.compile(
    r"(?<!\d)(?:\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}\s+[^\W\d_]+\.?\s+\d{4})(?!\d)",
    re.UNICODE,
)


def known_names(*, district_id=None, region_id=None) -> set[str]:
    """Words that would name a family of the district (or of every district of the region):
    household names, members' given names and surnames. Two queries."""
    where = (
        {"district_id": district_id}
        if district_id
        else {"district__municipality__region_id": region_id}
    )
    words: set[str] = set()
    for name in Household.objects.filter(**where).values_list("name", flat=True):
        words |= {w.casefold() for w in WORD.findall(name)}
    members = Member.objects.filter(**{f"household__{k}": v for k, v in where.items()})
    for given, surname in members.values_list("person__given_names", "person__surname"):
        words |= {w.casefold() for w in WORD.findall(f"{given} {surname}")}
    return words - NOT_NAMES


def redact(text: str, names: set[str]) -> str:
    text = EMAIL.sub(BLANK, text)
    if contains_bsn(text):
        text = NUMBER_RUN.sub(BLANK, text)
    if dates_in(text):
        text = DATE.sub(BLANK, text)
    text = PHONE.sub(BLANK, text)
    return WORD.sub(lambda m: BLANK if m.group().casefold() in names else m.group(), text)
