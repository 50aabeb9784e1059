"""Loading ``seed_data/proposals.yaml``, with problems a person can act on.

Problems read like the scenario linter's (``scenarios/loader.Problem``): the file, the path
of the field (``[1].title.en``), what was expected in Swahili and English and what was
found. Across the file: keys unique, each walkthrough a file of the walkthroughs folder.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from sandbox.proposals.schema import ProposalEntry
from sandbox.scenarios.loader import Problem, ScenarioError, _problem, _problems, _read_yaml

ROOT = Path(__file__).resolve().parents[2]
PROPOSALS_FILE = ROOT / "seed_data" / "proposals.yaml"
WALKTHROUGHS_DIR = ROOT / "scenarios" / "walkthroughs"


class ProposalDataError(ScenarioError):
    """The proposals file has problems (``problems``, each in both languages)."""


def load_proposals(
    path: Path = PROPOSALS_FILE, walkthroughs: Path = WALKTHROUGHS_DIR
) -> list[ProposalEntry]:
    """Every entry of the file, validated (ProposalDataError lists every problem)."""
    path = Path(path)
    try:
        data = _read_yaml(path)
    except ScenarioError as error:
        raise ProposalDataError(error.problems) from None
    try:
        entries = TypeAdapter(list[ProposalEntry]).validate_python(data or [])
    except ValidationError as error:
        raise ProposalDataError(_problems(path.name, error)) from None
    problems = _repeated_keys(path.name, entries) + _missing_walkthroughs(
        path.name, entries, Path(walkthroughs)
    )
    if problems:
        raise ProposalDataError(problems)
    return entries


def _repeated_keys(file: str, entries: list[ProposalEntry]) -> list[Problem]:
    """A problem for each key used more than once."""
    keys = [e.key for e in entries]
    return [
        _problem(file, f"[{n}].key", ("ufunguo wa kipekee", "a unique key"), e.key)
        for n, e in enumerate(entries)
        if keys.count(e.key) > 1 and keys.index(e.key) != n
    ]


def _missing_walkthroughs(file: str, entries: list[ProposalEntry], folder: Path) -> list[Problem]:
    """A problem for each walkthrough without its file in the walkthroughs folder."""
    expected = (
        f"jina la faili la {folder.name}/ (bila .yaml)",
        f"the name of a file of {folder.name}/ (without .yaml)",
    )
    return [
        _problem(file, f"[{n}].walkthrough", expected, e.walkthrough)
        for n, e in enumerate(entries)
        if e.walkthrough and not (folder / f"{e.walkthrough}.yaml").is_file()
    ]
