"""Geometry of the server-rendered SVG charts: plain numbers for the templates to draw.

No JavaScript and no CDN: government networks are often closed, and the charts must print.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Sparkline:
    width: int
    height: int
    points: str  #: "x,y x,y …" for a <polyline>
    last: tuple[float, float]  #: where the latest value is drawn
    target_y: float | None  #: the target value's line, when inside the frame


def sparkline(
    values: Sequence[tuple[date, Decimal]],
    target: Decimal | None,
    width: int = 120,
    height: int = 28,
    pad: float = 3.0,
) -> Sparkline | None:
    """A small line of measured values over time, with the target as a reference line."""
    if not values:
        return None
    days = [day.toordinal() for day, _ in values]
    numbers = [float(value) for _, value in values]
    low = min(numbers + ([float(target)] if target is not None else []))
    high = max(numbers + ([float(target)] if target is not None else []))
    span_x = (max(days) - min(days)) or 1
    span_y = (high - low) or 1.0

    def x(day: int) -> float:
        return round(pad + (day - min(days)) / span_x * (width - 2 * pad), 1)

    def y(value: float) -> float:
        return round(height - pad - (value - low) / span_y * (height - 2 * pad), 1)

    if len(values) == 1:
        points = f"{pad},{y(numbers[0])} {width - pad},{y(numbers[0])}"
        last = (width - pad, y(numbers[0]))
    else:
        points = " ".join(f"{x(d)},{y(v)}" for d, v in zip(days, numbers, strict=True))
        last = (x(days[-1]), y(numbers[-1]))
    target_y = y(float(target)) if target is not None else None
    return Sparkline(width, height, points, last, target_y)


@dataclass(frozen=True)
class Segment:
    key: str
    x: float
    width: float
    count: int


def stacked(counts: dict[str, int], order: Sequence[str], width: float) -> list[Segment]:
    """One horizontal bar split by share: segments laid left to right in `order`."""
    total = sum(counts.get(key, 0) for key in order)
    segments, x = [], 0.0
    for key in order:
        count = counts.get(key, 0)
        if not count:
            continue
        part = width * count / total
        segments.append(Segment(key, round(x, 2), round(part, 2), count))
        x += part
    return segments


def bar_length(value: float, maximum: float, width: float) -> float:
    return round(width * value / maximum, 2) if maximum > 0 else 0.0


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    points: list[tuple[float, float, int, date]]  #: x, y, value, day
    y_max: int
    gridlines: list[tuple[float, int]]  #: y, value
    left: float  #: where the plot starts: room for the longest label of the axis
    right: float  #: where it ends


def line_chart(
    series: Sequence[tuple[date, int]], width: int = 640, height: int = 200
) -> LineChart:
    """Counts over time (e.g. overdue items at each month end), with a few gridlines."""
    peak = max((value for _, value in series), default=0)
    y_max = _nice_ceiling(peak)
    # The axis's labels end 6 px before the plot, about 7 px a digit or separator: "400.000"
    # for a country's items would not fit in the 44 px that two or three digits need.
    left = max(44.0, 6.0 + 7.0 * len(f"{y_max:,}"))
    right = width - 20.0  # half a month's label after the last point, centred on it
    top, bottom = 12.0, 28.0
    step = (right - left) / max(len(series) - 1, 1)

    def y(value: float) -> float:
        return round(top + (1 - value / y_max) * (height - top - bottom), 1)

    points = [
        (round(left + i * step, 1), y(value), value, day) for i, (day, value) in enumerate(series)
    ]
    grid = [(y(y_max * k / 4), round(y_max * k / 4)) for k in range(5)]
    return LineChart(width, height, points, y_max, grid, left, right)


def _nice_ceiling(value: int) -> int:
    """A round upper bound for an axis: 4 → 5, 37 → 40, 1234 → 1500."""
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(value)) - 1)
    for factor in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= factor * magnitude:
            return int(factor * magnitude)
    return 10 * magnitude
