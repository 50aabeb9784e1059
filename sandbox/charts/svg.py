"""Bar and column charts as SVG a projector can show at the back of a hall.

Decisions: one series per chart, so colour carries no meaning on its own; the bars are
Okabe-Ito blue (#0072B2, safe for every common colour-vision deficiency) on white, each bar
labelled with its value in dark text, and the type is large (32 units on a 1200-unit-wide
drawing, 2.7 % of the width: on a picture projected 3 m wide, type about 8 cm high). The
page gives the drawing the whole width and puts its table under it (beside it on a screen
wider than 1500 px).
Presentation attributes only (no ``style``), so the strict CSP allows the drawing inline.
The SVG is an ``img`` for assistive technology, named by its ``<title>``; the figures are
in the table printed beside it. Every text is escaped here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

WIDTH = 1200
FONT = 32
BAR = "#0072B2"
INK = "#1a1a1a"
GRID = "#767676"
ROW = 60  # height of one horizontal bar's row
LABEL_SHARE = 0.42  # of the width, for the labels of horizontal bars
VALUE_ROOM = 230  # right of the longest bar, for its value ("100% (n=150)")


@dataclass(frozen=True)
class Bar:
    """One bar: what it is, how much, and how the amount is written beside it."""

    label: str
    value: float
    shown: str


def _svg(chart_id: str, title: str, height: int, body: list[str]) -> str:
    """The outer element: scalable, named by its title, for screen readers an image."""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{chart_id}-title" class="chart" '
        f'font-family="sans-serif" font-size="{FONT}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>'
    )
    return head + "".join(body) + "</svg>"


def _text(x: float, y: float, text: str, anchor: str = "start", size: int = FONT) -> str:
    """One escaped text element."""
    return (
        f'<text x="{x:.0f}" y="{y:.0f}" text-anchor={quoteattr(anchor)} '
        f'font-size="{size}" fill="{INK}">{escape(text)}</text>'
    )


def _clip(label: str, limit: int) -> str:
    """A label cut to ``limit`` characters with an ellipsis (the table has it whole)."""
    return label if len(label) <= limit else label[: limit - 1] + "…"


def horizontal_bars(chart_id: str, title: str, bars: Sequence[Bar], top: float) -> str:
    """Labelled horizontal bars, longest = ``top``; an empty list draws a "no data" frame."""
    height = max(len(bars), 1) * ROW + 20
    left = WIDTH * LABEL_SHARE
    span = WIDTH - left - VALUE_ROOM
    body = []
    for index, bar in enumerate(bars):
        y = 10 + index * ROW
        length = span * (bar.value / top) if top > 0 else 0
        body.append(_text(left - 12, y + 41, _clip(bar.label, 28), "end"))
        body.append(
            f'<rect x="{left:.0f}" y="{y + 8}" width="{max(length, 0):.0f}" '
            f'height="{ROW - 16}" fill="{BAR}"/>'
        )
        body.append(_text(left + length + 10, y + 41, bar.shown))
    body.append(f'<line x1="{left:.0f}" y1="4" x2="{left:.0f}" y2="{height - 4}" stroke="{GRID}"/>')
    return _svg(chart_id, title, height, body)


def columns(chart_id: str, title: str, bars: Sequence[Bar], every: int = 1) -> str:
    """Columns left to right (a time series); every ``every``-th label is written below."""
    height, base, top_pad = 520, 440, 50
    count = max(len(bars), 1)
    slot = (WIDTH - 40) / count
    peak = max((b.value for b in bars), default=0) or 1
    body = [f'<line x1="20" y1="{base}" x2="{WIDTH - 20}" y2="{base}" stroke="{GRID}"/>']
    for index, bar in enumerate(bars):
        x = 20 + index * slot
        tall = (base - top_pad) * bar.value / peak
        width = max(slot * 0.7, 2)
        body.append(
            f'<rect x="{x + slot * 0.15:.1f}" y="{base - tall:.1f}" width="{width:.1f}" '
            f'height="{tall:.1f}" fill="{BAR}"/>'
        )
        if bar.value:
            body.append(_text(x + slot / 2, base - tall - 10, bar.shown, "middle"))
        if index % every == 0:
            body.append(_text(x + slot / 2, base + 40, _clip(bar.label, 12), "middle", FONT - 4))
    return _svg(chart_id, title, height, body)
