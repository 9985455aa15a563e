"""Geometry for the two SVG pictures; each page shows the same data as a list or a table.

The ecomap puts the family in the middle and everyone around it on three rings, nearer the
closer they stand. The film puts each view's moments in columns and the areas in rows, with one
mark per observation; marks are words' shapes, never numbers, and nothing is summed.
"""

import math
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

ECOMAP_SIZE = 460
# Wider than high: names beside the outer ring need room.
ECOMAP_WIDTH = 760
RINGS = {"close": 90, "middle": 150, "far": 205, "": 205}


@dataclass(frozen=True)
class Node:
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str
    person: object


@dataclass(frozen=True)
class Ecomap:
    size: int
    width: int
    centre_x: float
    centre: float
    nodes: list[Node]
    rings: list[int]


def ecomap(people) -> Ecomap:
    centre = ECOMAP_SIZE / 2
    count = max(1, len(people))
    nodes = []
    for index, person in enumerate(people):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        radius = RINGS.get(person.closeness, RINGS[""])
        x = ECOMAP_WIDTH / 2 + radius * math.cos(angle)
        y = centre + radius * math.sin(angle)
        anchor = (
            "middle" if abs(math.cos(angle)) < 0.3 else ("start" if x > ECOMAP_WIDTH / 2 else "end")
        )
        offset = 14 if anchor != "end" else -14
        nodes.append(
            Node(
                x=round(x, 1),
                y=round(y, 1),
                label_x=round(x + (offset if anchor != "middle" else 0), 1),
                label_y=round(y + (4 if anchor != "middle" else (22 if y > centre else -14)), 1),
                anchor=anchor,
                person=person,
            )
        )
    return Ecomap(
        size=ECOMAP_SIZE,
        width=ECOMAP_WIDTH,
        centre_x=ECOMAP_WIDTH / 2,
        centre=centre,
        nodes=nodes,
        rings=sorted({RINGS["close"], RINGS["middle"], RINGS["far"]}),
    )


FILM_LEFT = 200
FILM_ROW = 22
FILM_COL = 64
FILM_TOP = 30


SHORT = {
    "solidary_community": _("Solidaire samenleving"),
    "network": _("Netwerk en taakverdeling"),
    "meta_position": _("Metapositie"),
    "good_parent_experiences": _("Goede-ouderervaringen"),
}


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    footing: str
    label: str


@dataclass(frozen=True)
class Film:
    width: int
    height: int
    columns: list[tuple[float, str]]  # (x, date label)
    rows: list[tuple[float, str]]  # (y, area label) per area
    marks: list[Mark]


def film(view_film) -> Film:
    """One view's film: a column per moment, a row per area, a mark where words were given."""
    rows = view_film.rows()
    columns = [
        (FILM_LEFT + FILM_COL * index + FILM_COL / 2, day.strftime("%d-%m-%y"))
        for index, day in enumerate(view_film.days)
    ]
    ys = [FILM_TOP + FILM_ROW * index + FILM_ROW / 2 for index in range(len(rows))]
    marks = [
        Mark(columns[col][0], ys[row], obs.footing, obs.get_footing_display())
        for row, (_value, _label, cells) in enumerate(rows)
        for col, obs in enumerate(cells)
        if obs is not None
    ]
    return Film(
        width=FILM_LEFT + 12 + FILM_COL * max(1, len(columns)),
        height=FILM_TOP + FILM_ROW * len(rows) + 8,
        columns=columns,
        rows=[(y, SHORT.get(value, label)) for y, (value, label, _c) in zip(ys, rows, strict=True)],
        marks=marks,
    )
