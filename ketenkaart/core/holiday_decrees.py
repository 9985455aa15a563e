"""The Royal decrees that equate days with a generally recognised holiday (Algemene termijnenwet
art. 3 lid 3), shipped as data. One decree comes about every three years; a later one is added
here or, until a release ships it, through the setting KETENKAART["EXTRA_NON_WORKING_DAYS"].
"""

import datetime
from dataclasses import dataclass

D = datetime.date


@dataclass(frozen=True)
class Decree:
    title: str
    days: tuple[datetime.date, ...]
    # Where the decree was published (art. 3 lid 3: in the Staatscourant). The exact number of
    # the publication could not be verified from our sources; the official title is the
    # reference until it is (DOMAIN.md marks such facts as to be confirmed). Searched on
    # 2026-12-02 (stored public pages and documentation, by title, by "Staatscourant" and by
    # wetten.overheid.nl/officielebekendmakingen.nl): both titles are confirmed by a third
    # party (sterfgeval.nl, question 70745, 4 October 2025), the numbers were not found. The
    # form to expect is that of the 2017–2019 decree, "Besluit van 24 oktober 2016, nr.
    # 2016001827", wetten.overheid.nl BWBR0038666: a dated Royal decree with its own BWBR id.
    publication: str
    publication_verified: bool = False


DECREES: tuple[Decree, ...] = (
    Decree(
        title=(
            "Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december "
            "2024 en 30 mei 2025 met een algemeen erkende feestdag"
        ),
        days=(D(2023, 4, 28), D(2023, 5, 19), D(2024, 5, 10), D(2024, 12, 27), D(2025, 5, 30)),
        publication="Staatscourant (Koninklijk besluit op grond van art. 3 lid 3 Atw)",
    ),
    Decree(
        title=(
            "Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 "
            "en 26 mei 2028 met een algemeen erkende feestdag"
        ),
        days=(D(2026, 1, 2), D(2026, 5, 15), D(2027, 5, 7), D(2028, 4, 28), D(2028, 5, 26)),
        publication="Staatscourant (Koninklijk besluit op grond van art. 3 lid 3 Atw)",
    ),
)


def decree_days() -> dict[datetime.date, Decree]:
    return {day: decree for decree in DECREES for day in decree.days}
