"""What a login may be: one username rule and one password policy for every way in.

The web forms (account management) and the command line (``mrejesho trainee``) both call
these functions, so a password the web refuses is refused on the command line too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sandbox.workflow.errors import BilingualError

USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,63}")
MIN_PASSWORD = 10
MAX_PASSWORD = 128


class CredentialRefused(BilingualError, ValueError):
    """A username or password that breaks the policy; ``field`` names the form field."""

    def __init__(self, field: str, message_sw: str, message_en: str) -> None:
        """Keep the field and both languages; str() is English."""
        super().__init__(message_sw, message_en)
        self.field = field


def normal_username(raw: str | None) -> str:
    """Usernames are compared and stored trimmed and in lowercase."""
    return (raw or "").strip().lower()


def check_username(username: str) -> None:
    """3 to 64 characters: lowercase letters, digits, dot, dash or underscore."""
    if not USERNAME.fullmatch(username):
        raise CredentialRefused(
            "username",
            "Jina la mtumiaji liwe herufi 3 hadi 64: herufi ndogo, tarakimu, . - au _.",
            "A username has 3 to 64 characters: lowercase letters, digits, . - or _.",
        )


def check_password(password: str | None, *, username: str, published: Iterable[str] = ()) -> None:
    """Long enough, not the username, not a password printed in the docs (the demo one)."""
    password = password or ""
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise CredentialRefused(
            "password",
            f"Nenosiri liwe na herufi {MIN_PASSWORD} hadi {MAX_PASSWORD}.",
            f"A password has {MIN_PASSWORD} to {MAX_PASSWORD} characters.",
        )
    folded = password.strip().casefold()
    if folded == normal_username(username).casefold():
        raise CredentialRefused(
            "password",
            "Nenosiri lisifanane na jina la mtumiaji.",
            "The password must not be the username.",
        )
    if folded in {known.casefold() for known in published}:
        raise CredentialRefused(
            "password",
            "Nenosiri hili limechapishwa kwenye maelezo ya onyesho; chagua jingine.",
            "This password is published in the demo instructions; choose another.",
        )
