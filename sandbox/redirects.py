"""Where the app may send a browser back to: only a path on this same site.

Browsers forgive a lot in a Location header: they drop tabs and newlines, read ``\\`` as
``/``, and treat ``//host`` (or ``///host``) as another site. So a target is followed only
when it is a plain relative path: one leading ``/`` not followed by ``/`` or ``\\``, and
nothing but URL-safe printable characters (no whitespace, no control character, no
backslash). Everything else falls back to a page of ours.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

MAX_TARGET = 2000
_SAFE_PATH = re.compile(r"/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@/%?#]*")


def is_local_path(target: str | None) -> bool:
    """True for a same-site relative path a browser cannot read as another site."""
    if not target or len(target) > MAX_TARGET or not _SAFE_PATH.fullmatch(target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def local_path(target: str | None, fallback: str) -> str:
    """``target`` when it is a safe local path, else ``fallback``."""
    return target if is_local_path(target) else fallback
