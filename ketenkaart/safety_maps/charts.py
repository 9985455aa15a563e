"""Geometry for a participant's scale over time as an inline SVG; the page shows the same
numbers in a table beside it."""

from dataclasses import dataclass

WIDTH = 420
HEIGHT = 180
LEFT = 36
RIGHT = 16
TOP = 12
BOTTOM = 28


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    score: int
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    points: list[Point]
    polyline: str
    gridlines: list[tuple[float, int]]  # (y, value)
    x_first: str
    x_last: str
    bottom: float
    left: int
    right: int


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
            Point(round(x, 1), round(y, 1), score.score, score.given_at.strftime("%d-%m-%Y"))
        )
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        points=points,
        polyline=" ".join(f"{p.x},{p.y}" for p in points),
        gridlines=[(round(TOP + (10 - v) / 10 * plot_h, 1), v) for v in (0, 5, 10)],
        x_first=points[0].label if points else "",
        x_last=points[-1].label if points else "",
        bottom=HEIGHT - 8,
        left=LEFT,
        right=WIDTH - RIGHT,
    )
