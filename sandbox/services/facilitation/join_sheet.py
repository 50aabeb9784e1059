"""What a projector and a printed join sheet show: the join code, the address, a QR code.

Decision: the QR code holds the join address with the code filled in (``/join?code=…``),
so a phone that scans it opens the join form with the code already typed. It is drawn by
segno as inline SVG (no network, no image file), dark on light, with a quiet zone.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno
from markupsafe import Markup

from sandbox.models import Cohort
from sandbox.services.training.codes import grouped

QR_SCALE = 8


@dataclass(frozen=True)
class JoinSheet:
    """A cohort's invitation: name, grouped code, the address typed, the address scanned."""

    cohort_name: str
    code: str
    join_address: str
    scan_address: str
    qr_svg: Markup


def join_sheet(cohort: Cohort, join_address: str) -> JoinSheet:
    """The invitation for ``cohort`` at ``join_address`` (this server's /join, as browsed)."""
    code = grouped(cohort.join_code)
    scan = f"{join_address}?code={code}"
    return JoinSheet(cohort.name, code, join_address, scan, qr_svg(scan))


def qr_svg(text: str) -> Markup:
    """``text`` as a QR code in inline SVG (segno's own output: no user text inside)."""
    svg = segno.make(text, error="m").svg_inline(
        scale=QR_SCALE, svgclass="qr", lineclass=None, omitsize=True
    )
    return Markup(svg)  # segno draws paths only: the text is encoded, never embedded
