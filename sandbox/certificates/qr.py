"""The QR code printed on a certificate: the verify address, as inline SVG drawn by segno."""

from __future__ import annotations

import segno


def qr_svg(address: str, title: str) -> str:
    """An inline, scalable SVG QR code of ``address`` (error correction M), named ``title``."""
    code = segno.make(address, error="m", micro=False)
    return code.svg_inline(
        scale=4, border=2, title=title, omitsize=True, svgclass="qr", lineclass=None
    )
