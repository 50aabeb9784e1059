"""The shipped guides: ``guides/<lang>/<slug>.md``, one file per guide and language.

A file opens with a short front matter, then a first heading that is the title::

    ---
    order: 10
    audience: trainee          # trainee, facilitator or stakeholder
    competency: transfer       # optional: the competency of scenarios/competencies.yaml
    summary: One line for the index.
    ---
    # Kuhamisha mrejesho

The slug is the file's name and is the same in both languages, so a link names one guide
whatever the reader's language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import yaml

from sandbox.guidebook.render import render

LANGUAGES = ("sw", "en")
AUDIENCES = ("trainee", "facilitator", "stakeholder")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RAW_HTML = re.compile(r"<[A-Za-z!/?][^>\n]*>")
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


class GuideError(ValueError):
    """A guide file that cannot be used; the message names the file and what is wrong."""


@dataclass(frozen=True)
class Guide:
    """One guide in one language, rendered."""

    slug: str
    lang: str
    title: str
    summary: str
    audience: str
    order: int
    competency: str | None
    html: str
    text: str
    anchors: tuple[str, ...]
    explicit_anchors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Library:
    """Every guide by language, then slug."""

    guides: Mapping[str, Mapping[str, Guide]]

    def slugs(self) -> list[str]:
        """Every slug of any language, in reading order."""
        every = {g.slug: g for lang in self.guides.values() for g in lang.values()}
        return sorted(every, key=lambda s: (every[s].order, s))

    def get(self, slug: str, lang: str) -> Guide | None:
        """The guide in ``lang``, else None."""
        return self.guides.get(lang, {}).get(slug)

    def in_language(self, lang: str) -> list[Guide]:
        """The guides of one language in reading order."""
        return sorted(self.guides.get(lang, {}).values(), key=lambda g: (g.order, g.slug))

    def missing(self) -> list[tuple[str, str]]:
        """(slug, language) pairs for a guide that exists in one language only."""
        return [(s, lang) for s in self.slugs() for lang in LANGUAGES if not self.get(s, lang)]

    def problem_with(self, reference: str) -> str | None:
        """Why ``slug`` or ``slug#anchor`` names no guide or named heading in a language."""
        slug, _, anchor = reference.partition("#")
        for lang in LANGUAGES:
            guide = self.get(slug, lang)
            if guide is None:
                return f"hakuna mwongozo '{slug}' ({lang}) / no guide '{slug}' in {lang}"
            if anchor and anchor not in guide.explicit_anchors:
                named = f"'{{#{anchor}}}'"
                return (
                    f"mwongozo '{slug}' ({lang}) hauna kichwa {named} / "
                    f"guide '{slug}' ({lang}) has no heading named {named}"
                )
        return None


def load_library(folder: Path) -> Library:
    """Read and render every ``<lang>/<slug>.md`` of ``folder`` (GuideError when one is bad)."""
    guides: dict[str, dict[str, Guide]] = {}
    for lang in LANGUAGES:
        files = sorted((Path(folder) / lang).glob("*.md"))
        guides[lang] = {g.slug: g for g in (read_guide(path, lang) for path in files)}
    return Library(MappingProxyType({k: MappingProxyType(v) for k, v in guides.items()}))


def read_guide(path: Path, lang: str) -> Guide:
    """One guide file, checked and rendered."""
    return parse_guide(path.stem, lang, path.read_text(encoding="utf-8"), where=str(path))


def parse_guide(slug: str, lang: str, source: str, *, where: str = "") -> Guide:
    """A guide from its slug, language and source text (GuideError naming ``where``)."""
    where = where or f"{lang}/{slug}.md"
    if not SLUG.match(slug):
        raise GuideError(f"{where}: the slug must be lowercase words joined by '-'")
    meta, body = _front_matter(source, where)
    if RAW_HTML.search(_without_code(body)):
        raise GuideError(f"{where}: raw HTML is not allowed in a guide (write Markdown)")
    first, _, rest = body.lstrip("\n").partition("\n")
    if not first.startswith("# "):
        raise GuideError(f"{where}: a guide starts with its title as a '# ' heading")
    rendered = render(rest)
    return Guide(
        slug=slug,
        lang=lang,
        title=first[2:].strip(),
        summary=str(meta.get("summary", "")).strip(),
        audience=meta["audience"],
        order=int(meta.get("order", 100)),
        competency=meta.get("competency"),
        html=rendered.html,
        text=rendered.text,
        anchors=rendered.anchors,
        explicit_anchors=rendered.explicit_anchors,
    )


def _front_matter(source: str, where: str) -> tuple[dict, str]:
    """The front matter as a dict and the body after it."""
    match = FRONT_MATTER.match(source.replace("\r\n", "\n"))
    if not match:
        raise GuideError(f"{where}: a guide starts with a front matter between '---' lines")
    meta = yaml.safe_load(match.group(1)) or {}
    if not isinstance(meta, dict) or meta.get("audience") not in AUDIENCES:
        raise GuideError(f"{where}: front matter needs audience: {' | '.join(AUDIENCES)}")
    return meta, source.replace("\r\n", "\n")[match.end() :]


def _without_code(body: str) -> str:
    """The body with code spans and fences removed (``<slug>`` in code is not HTML)."""
    body = re.sub(r"^```.*?^```", "", body, flags=re.S | re.M)
    return re.sub(r"`[^`\n]*`", "", body)


def references_in(items: Iterable[tuple[str, str]], library: Library) -> list[str]:
    """``where: problem`` for each (where, reference) that names no guide or heading."""
    found = ((where, library.problem_with(ref)) for where, ref in items)
    return [f"{where}: {problem}" for where, problem in found if problem]
