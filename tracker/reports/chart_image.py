"""The standing chart as a PNG image, for papers (Word and PDF carry no SVG): one stacked bar
per row (a pillar, a sector), in the colours of the pages, drawn with Pillow."""

from __future__ import annotations

import io

from tracker.domain.standing import Standing
from tracker.domain.tally import Tally
from tracker.papers.fonts import font_path
from tracker.reports.charts import stacked

#: The colours of the standing badges (static/tracker.css).
COLOURS = {
    Standing.DONE_ON_TIME: "#198754",
    Standing.DONE_LATE: "#6c757d",
    Standing.IN_PROGRESS: "#0d6efd",
    Standing.OVERDUE: "#dc3545",
    Standing.NO_DEADLINE: "#adb5bd",
}
WIDTH, LABEL, BAR, GAP, SCALE = 1600, 560, 36, 18, 2


def standing_bars(rows: list[tuple[str, Tally]], legend: dict[Standing, str]) -> bytes:
    """Each row's items split by standing, as shares of the row (a full bar is 100 %)."""
    # Imported here, its only use: Pillow takes ~8 ms to load, which every process importing
    # the pages (each web worker, delivery) would pay at start for a paper few ask for.
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(font_path("Regular"), 22)
    height = 40 + len(rows) * (BAR + GAP) + 70
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    span = WIDTH - LABEL - 40
    for index, (name, tally) in enumerate(rows):
        top = 30 + index * (BAR + GAP)
        shown = name if len(name) <= 42 else name[:41] + "…"
        draw.text((LABEL - 16, top + BAR / 2), shown, fill="black", font=font, anchor="rm")
        counts = {standing.value: tally.count(standing) for standing in Standing}
        for segment in stacked(counts, [s.value for s in Standing], span):
            left = LABEL + segment.x
            box = (left, top, left + segment.width, top + BAR)
            draw.rectangle(box, fill=COLOURS[Standing(segment.key)])
            if segment.width > 40:
                middle = (left + segment.width / 2, top + BAR / 2)
                draw.text(middle, str(segment.count), fill="white", font=font, anchor="mm")
    _legend(draw, font, legend, height - 50)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _legend(draw, font, legend: dict[Standing, str], top: int) -> None:
    x = 40
    for standing, label in legend.items():
        draw.rectangle((x, top, x + 24, top + 24), fill=COLOURS[standing])
        draw.text((x + 32, top + 12), label, fill="black", font=font, anchor="lm")
        x += 48 + int(draw.textlength(label, font=font))
