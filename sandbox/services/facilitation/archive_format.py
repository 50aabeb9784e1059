"""The cohort archive's file: one zip, a manifest and the rows as JSON Lines (format 1).

No database here: this module writes and reads the bytes; ``archive.py`` fills and empties
them. Layout::

    manifest.json             the Manifest below (format, versions, when, the cohort's UUID,
                              rows per table, size and SHA-256 of every other member)
    tables/<table>.jsonl      one JSON object per row, every column by name, ordered by id
    reference/<table>.jsonl   {"id": n, "key": {...}}: each reference row (region, district,
                              institution, category) the rows name, by its natural key
    files/<stored_name>       the bytes of each attachment

Reading trusts nothing in the file (a hostile archive is refused before it costs memory or
touches the disk): only the names above are accepted (no folders, no "..", no absolute
paths; a member is never written to disk under its own name), sizes are counted while
reading, never taken from the zip's headers, a member that inflates more than MAX_RATIO
times is refused (a zip bomb), lines are at most MAX_LINE_BYTES, every member's checksum
and every table's row count must match the manifest. Every refusal is an ``ArchiveRefused``
in Swahili and English.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sandbox.workflow import BilingualError

FORMAT = "mrejesho-cohort-archive"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MiB = 1024 * 1024
MAX_ARCHIVE_BYTES = 64 * MiB  # the upload itself (the web form's limit too)
MAX_TOTAL_BYTES = 512 * MiB  # everything inflated
MAX_MEMBER_BYTES = 256 * MiB
MAX_MEMBERS = 50_000
MAX_RATIO = 200  # JSON Lines of a cohort inflate about 10 times; zeros 1000 times
MAX_LINE_BYTES = 1 * MiB
_NAME = re.compile(
    r"(manifest\.json|(tables|reference)/[a-z][a-z0-9_]{0,62}\.jsonl|files/[A-Za-z0-9_-]{1,64})"
)
_FIXED_TIME = (2000, 1, 1, 0, 0, 0)  # members carry no wall time: same rows, same bytes


class ArchiveRefused(BilingualError, ValueError):
    """A cohort archive that cannot be imported (damaged, another version, hostile…)."""


def damaged(detail: str) -> ArchiveRefused:
    """The refusal of a damaged or tampered archive; ``detail`` names what (not translated)."""
    return ArchiveRefused(
        f"Faili hili si kumbukumbu ya kundi iliyo kamili ({detail}). Hamisha kundi tena.",
        f"This file is not a whole cohort archive ({detail}). Export the cohort again.",
    )


class Member(BaseModel):
    """One member of the zip as the manifest lists it."""

    model_config = ConfigDict(extra="forbid", strict=True)
    size: int = Field(ge=0, le=MAX_MEMBER_BYTES)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class Manifest(BaseModel):
    """What the archive holds: checked before any row is read."""

    model_config = ConfigDict(extra="forbid")
    format: Literal["mrejesho-cohort-archive"]
    format_version: int
    app_version: str = Field(max_length=40)
    exported_at: datetime
    cohort_uuid: str = Field(pattern=r"^[0-9a-f-]{36}$")
    cohort_name: str = Field(max_length=120)
    counts: dict[str, int]
    members: dict[str, Member]

    @property
    def content_digest(self) -> str:
        """A digest of the content alone (not of when it was exported): every member's sum."""
        listed = sorted((name, member.sha256) for name, member in self.members.items())
        return hashlib.sha256(json.dumps(listed).encode()).hexdigest()


@dataclass
class Archive:
    """An archive's content: rows per table, reference keys per table, files by name."""

    manifest: Manifest | None = None
    tables: dict[str, list[dict]] = field(default_factory=dict)
    references: dict[str, list[dict]] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)


def jsonl(rows: list[dict]) -> bytes:
    """Rows as JSON Lines: keys sorted, UTF-8, one row a line."""
    lines = (
        json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":")) for row in rows
    )
    return "".join(line + "\n" for line in lines).encode()


def write_archive(archive: Archive, **facts) -> bytes:
    """The zip of ``archive``; ``facts`` are the manifest's fields other than counts/members."""
    members = {f"tables/{name}.jsonl": jsonl(rows) for name, rows in archive.tables.items()}
    members |= {f"reference/{name}.jsonl": jsonl(r) for name, r in archive.references.items()}
    members |= {f"files/{name}": data for name, data in archive.files.items()}
    manifest = Manifest(
        format=FORMAT,
        format_version=FORMAT_VERSION,
        counts={name: len(rows) for name, rows in archive.tables.items()},
        members={
            name: Member(size=len(data), sha256=hashlib.sha256(data).hexdigest())
            for name, data in members.items()
        },
        **facts,
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        head = (MANIFEST, manifest.model_dump_json(indent=1).encode())
        for name, data in [head, *sorted(members.items())]:
            zipped.writestr(zipfile.ZipInfo(name, _FIXED_TIME), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def read_archive(data: bytes) -> Archive:
    """The content of an archive's bytes, every check passed; else ArchiveRefused."""
    if len(data) > MAX_ARCHIVE_BYTES:
        raise too_big()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zipped:
            members = _read_members(zipped)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as error:
        raise damaged(type(error).__name__) from None
    manifest = _manifest(members.pop(MANIFEST, None))
    _check_members(manifest, members)
    return _content(manifest, members)


def too_big() -> ArchiveRefused:
    """The refusal of an archive over the upload limit."""
    limit = MAX_ARCHIVE_BYTES // MiB
    return ArchiveRefused(
        f"Faili ni kubwa mno: kikomo ni MB {limit}.",
        f"The file is too large: the limit is {limit} MB.",
    )


def _read_members(zipped: zipfile.ZipFile) -> dict[str, bytes]:
    """Every member's bytes, by name, read within the limits whatever the headers say."""
    infos = zipped.infolist()
    if len(infos) > MAX_MEMBERS:
        raise damaged("too many members")
    members: dict[str, bytes] = {}
    budget = MAX_TOTAL_BYTES
    for info in infos:
        if not _NAME.fullmatch(info.filename) or info.filename in members:
            raise damaged(f"unexpected member {info.filename[:80]!r}")
        if info.flag_bits & 0x1:
            raise damaged("encrypted member")
        data = _read_bounded(zipped, info, min(budget, MAX_MEMBER_BYTES))
        budget -= len(data)
        members[info.filename] = data
    return members


def _read_bounded(zipped: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """One member, refused as soon as it passes ``limit`` or inflates like a bomb."""
    chunks, read = [], 0
    with zipped.open(info) as stream:
        while chunk := stream.read(MiB):
            read += len(chunk)
            ratio_limit = max(MiB, MAX_RATIO * max(info.compress_size, 1))
            if read > limit or read > ratio_limit:
                raise damaged("a member inflates beyond the limits")
            chunks.append(chunk)
    return b"".join(chunks)


def _manifest(data: bytes | None) -> Manifest:
    """The manifest, of this format and version, with the right types; else refused."""
    if data is None:
        raise damaged("no manifest")
    try:
        raw = json.loads(data)
    except ValueError:
        raise damaged("manifest is not JSON") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise damaged("not a cohort archive")
    if raw.get("format_version") != FORMAT_VERSION:
        version = str(raw.get("format_version"))[:20]
        raise ArchiveRefused(
            f"Kumbukumbu hii ni ya toleo {version} la muundo; mfumo huu unasoma toleo "
            f"{FORMAT_VERSION} tu.",
            f"This archive is of format version {version}; this installation reads version "
            f"{FORMAT_VERSION} only.",
        )
    try:
        return Manifest.model_validate(raw)
    except ValidationError as error:
        where = ".".join(str(part) for part in error.errors()[0]["loc"])
        raise damaged(f"manifest field {where[:80]}") from None


def _check_members(manifest: Manifest, members: dict[str, bytes]) -> None:
    """Exactly the listed members, each of its listed size and checksum."""
    if set(members) != set(manifest.members):
        raise damaged("members differ from the manifest")
    for name, data in members.items():
        listed = manifest.members[name]
        if len(data) != listed.size or hashlib.sha256(data).hexdigest() != listed.sha256:
            raise damaged(f"checksum of {name}")


def _content(manifest: Manifest, members: dict[str, bytes]) -> Archive:
    """The parsed members; each table's row count must be the manifest's."""
    archive = Archive(manifest=manifest)
    for name, data in members.items():
        folder, _, rest = name.partition("/")
        if folder == "files":
            archive.files[rest] = data
            continue
        rows = _rows(name, data)
        target = archive.tables if folder == "tables" else archive.references
        target[rest.removesuffix(".jsonl")] = rows
    if {name: len(rows) for name, rows in archive.tables.items()} != manifest.counts:
        raise damaged("row counts differ from the manifest")
    return archive


def _rows(name: str, data: bytes) -> list[dict]:
    """The JSON objects of a JSON Lines member, each line within MAX_LINE_BYTES."""
    rows = []
    for number, line in enumerate(data.splitlines(), 1):
        if len(line) > MAX_LINE_BYTES:
            raise damaged(f"{name} line {number} is too long")
        try:
            row = json.loads(line)
        except (ValueError, RecursionError):  # RecursionError: nesting deeper than Python's
            raise damaged(f"{name} line {number} is not JSON") from None
        if not isinstance(row, dict):
            raise damaged(f"{name} line {number} is not an object")
        rows.append(row)
    return rows
