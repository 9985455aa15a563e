"""Words that stay beside the parent: what the form proposes instead of a blaming phrase.

A hint, never a refusal: the professional decides. Why it matters is in the help text: a parent
who reads "faalt" hears a verdict; one who reads "kan steun gebruiken bij" hears an offer.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# (pattern, what to write instead)
_BLAMING = (
    (r"\bfaalt\b|\bfalen\b|\bfaalde\b", _("kan hierbij steun gebruiken")),
    (r"\bschiet\w* tekort\b|\btekortschiet\w*\b", _("het lukt nu nog niet om …")),
    (r"\bweiger\w*\b", _("wil dit (nog) niet, omdat …")),
    (r"\bslechte (moeder|vader|ouder)\b", _("een ouder die het nu zwaar heeft")),
    (r"\bniet in staat\b|\bonmachtig\b", _("heeft nu hulp nodig om …")),
    (r"\bongeïnteresseerd\b|\bonverschillig\b", _("is nu met andere zorgen bezig")),
    (r"\bschuld\b", _("wat maakte het moeilijk?")),
)

SUGGESTIONS = (
    _("Wat lukt er al, ook als het klein is?"),
    _("Wie helpt er nu mee, en wie zou dat kunnen?"),
    _("Waar bent u trots op als ouder?"),
    _("Wat heeft u nodig om dit vol te houden?"),
)


@dataclass(frozen=True)
class Hint:
    found: str
    instead: str


def hints(words: str) -> list[Hint]:
    """The blaming phrases in `words`, each with a phrasing that stays beside the parent."""
    found = []
    for pattern, instead in _BLAMING:
        match = re.search(pattern, words or "", flags=re.IGNORECASE)
        if match:
            found.append(Hint(match.group(0), str(instead)))
    return found
