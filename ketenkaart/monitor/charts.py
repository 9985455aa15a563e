"""Server-rendered SVG line charts: geometry only, as strings formatted here so that no
locale ever puts a decimal comma into an SVG attribute. The data table beside each chart
carries the same numbers for whoever does not see the picture."""

import math
from dataclasses import dataclass

from ketenkaart.monitor.selectors import IndicatorData

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 60, 16, 16, 48
# Distinguishable without colour too: each series has its own dash pattern and marker.
PALETTE = ("#01689b", "#ca005d", "#39870c", "#e17000", "#42145f", "#007bc7", "#8fcae7")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 4")


def fmt(value: float) -> str:
    """A coordinate as SVG wants it: a point as decimal separator, whatever the locale."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def tick_text(value: float) -> str:
    if value == int(value):
        return str(int(value))
    return f"{value:.1f}"


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    colour: str
    dash: str
    paths: list[str]  # one "x,y x,y" per unbroken run (a suppressed point breaks the line)
    dots: list[tuple[str, str, str]]  # x, y, the value as text (for the <title>)


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    plot_right: str
    plot_bottom: str
    y_ticks: list[tuple[str, str]]  # y, label
    x_ticks: list[tuple[str, str]]  # x, label
    lines: list[Line]
    norm_y: str | None
    norm_label: str
    max_label: str


def chart(data: IndicatorData) -> Chart:
    values = [p.value for s in data.series for p in s.points if p.value is not None]
    norm = data.indicator.norm
    top = max(values + ([norm] if norm is not None else []) + [0.0])
    if data.indicator.unit == "procent":
        top = 100.0
    top = _nice_max(top)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    count = max(1, len(data.starts))

    def x(index: int) -> float:
        return LEFT + (plot_w * (index + 0.5) / count)

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / top)

    lines = []
    for number, series in enumerate(data.series):
        paths, run, dots = [], [], []
        for index, point in enumerate(series.points):
            if point.value is None:
                if run:
                    paths.append(" ".join(run))
                run = []
                continue
            run.append(f"{fmt(x(index))},{fmt(y(point.value))}")
            dots.append((fmt(x(index)), fmt(y(point.value)), tick_text(point.value)))
        if run:
            paths.append(" ".join(run))
        lines.append(
            Line(
                series.key,
                series.label or str(data.indicator.title),
                PALETTE[number % len(PALETTE)],
                DASHES[number % len(DASHES)],
                paths,
                dots,
            )
        )
    every = max(1, math.ceil(count / 8))
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        plot_right=fmt(WIDTH - RIGHT),
        plot_bottom=fmt(TOP + plot_h),
        y_ticks=[(fmt(y(top * i / 4)), tick_text(top * i / 4)) for i in range(5)],
        x_ticks=[(fmt(x(i)), label) for i, label in enumerate(data.labels) if i % every == 0],
        lines=lines,
        norm_y=fmt(y(norm)) if norm is not None else None,
        norm_label=(tick_text(norm) + ("%" if data.indicator.unit == "procent" else ""))
        if norm is not None
        else "",
        max_label=tick_text(top),
    )
