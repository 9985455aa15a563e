"""Geometry for a participant's scale over time as an inline SVG; the page shows the same
numbers in a table beside it.

Every coordinate leaves here as a string with a decimal point: the templates run under the
Dutch locale, which would write a float as "54,0" and break the SVG.
"""

from dataclasses import dataclass

WIDTH = 420
HEIGHT = 180
LEFT = 36
RIGHT = 16
TOP = 12
BOTTOM = 28


def svg_number(value: float) -> str:
    """A number as SVG reads it: a point for decimals, whatever the active locale."""
    return f"{value:.1f}"


@dataclass(frozen=True)
class Point:
    x: str
    y: str
    score: int
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    points: list[Point]
    polyline: str
    gridlines: list[tuple[str, int]]  # (y, value)
    x_first: str
    x_last: str
    bottom: str
    left: str
    right: str
    label_x: str


def scale_chart(scores) -> Chart:
    """Scores (oldest first, each with given_at and score) placed on a 0–10 scale over time."""
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    times = [s.given_at.timestamp() for s in scores]
    start, end = (min(times), max(times)) if times else (0, 0)
    span = end - start
    points = []
    for index, score in enumerate(scores):
        if span > 0:
            fraction = (times[index] - start) / span
        else:
            fraction = index / max(1, len(scores) - 1) if len(scores) > 1 else 0.5
        x = LEFT + fraction * plot_w
        y = TOP + (10 - score.score) / 10 * plot_h
        points.append(
            Point(svg_number(x), svg_number(y), score.score, score.given_at.strftime("%d-%m-%Y"))
        )
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        points=points,
        polyline=" ".join(f"{p.x},{p.y}" for p in points),
        gridlines=[(svg_number(TOP + (10 - v) / 10 * plot_h), v) for v in (0, 5, 10)],
        x_first=points[0].label if points else "",
        x_last=points[-1].label if points else "",
        bottom=svg_number(HEIGHT - 8),
        left=svg_number(LEFT),
        right=svg_number(WIDTH - RIGHT),
        label_x=svg_number(LEFT - 6),
    )
