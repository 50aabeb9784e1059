"""The key that signs session cookies: given, or generated once per installation.

Rules (issue 8, section 2):

- a key given in ``SECRET_KEY`` is used as it is, except that the development key that was
  published in this repository is refused in production and on any non-loopback address;
- production (``MREJESHO_ENV=production``) needs a key of at least ``MIN_PRODUCTION_KEY``
  characters: several processes or hosts must share one key, so none is generated there;
- otherwise a random key is generated on first run and kept in ``instance/secret_key``
  (mode 0600, never printed; ``instance/`` is git-ignored), so a laptop serving a workshop
  LAN signs with a key nobody else knows.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path

from sandbox.workflow.errors import BilingualError

DEV_SECRET_KEY = "dev-only-not-secret-mrejesho-sandbox"  # published: refused where it matters
MIN_PRODUCTION_KEY = 32
KEY_FILE = "secret_key"
HOW_TO_SET = "export SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))')"


class InsecureConfiguration(BilingualError, RuntimeError):
    """A key that would let anyone sign a session cookie; one line in each language."""


def is_loopback(host: str | None) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    host = (host or "").strip().strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_given_key(key: str, *, production: bool, host: str | None) -> None:
    """Refuse a short key in production and the published key in production or on a LAN."""
    if production and len(key) < MIN_PRODUCTION_KEY:
        raise InsecureConfiguration(
            f"MREJESHO_ENV=production inahitaji SECRET_KEY ya herufi {MIN_PRODUCTION_KEY} "
            f"au zaidi: {HOW_TO_SET}",
            f"MREJESHO_ENV=production needs a SECRET_KEY of at least {MIN_PRODUCTION_KEY} "
            f"characters: {HOW_TO_SET}",
        )
    if key == DEV_SECRET_KEY and (production or not is_loopback(host)):
        raise InsecureConfiguration(
            f"Ufunguo wa majaribio unajulikana na wote; usitumike kwenye mtandao: {HOW_TO_SET}",
            f"The development key is public; it cannot serve a network: {HOW_TO_SET}",
        )


def installation_key(instance_dir: Path) -> str:
    """The key kept under the instance folder, created (mode 0600) on first use."""
    path = Path(instance_dir) / KEY_FILE
    if not path.exists():
        _create_key_file(path)
    if os.name == "posix" and path.stat().st_mode & 0o077:
        path.chmod(0o600)
    return path.read_text(encoding="ascii").strip()


def _create_key_file(path: Path) -> None:
    """Write a fresh key to a private temporary file and link it into place atomically.

    Two processes starting at once both write a temporary file; only one link succeeds,
    and both then read the same complete key.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(32) + "\n")
        os.link(temporary, path)
    except FileExistsError:
        pass
    finally:
        temporary.unlink(missing_ok=True)


def settle_secret_key(
    given: str | None, *, instance_dir: Path, production: bool, host: str | None
) -> str:
    """The key this app signs with: the given one if acceptable, else the installation's."""
    given = (given or "").strip()
    if given or production:
        check_given_key(given, production=production, host=host)
        return given
    return installation_key(instance_dir)
