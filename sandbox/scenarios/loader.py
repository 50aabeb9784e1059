"""Loading scenario files: one YAML file or a folder, with problems a person can act on.

Every problem names the FILE, the PATH of the field (``steps[2].checks[0].params.status``),
what was EXPECTED (Swahili and English) and what was FOUND. Across a folder: ids are
unique, each file is named after its id, prerequisites exist and form no cycle.
``competencies.yaml`` in the folder lists the competency ids scenarios may use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from sandbox.scenarios.acts import ACT_NAMES
from sandbox.scenarios.checks import CHECKS
from sandbox.scenarios.schema import Competency, Scenario

SCENARIOS_DIR = Path(__file__).resolve().parents[2] / "scenarios"
COMPETENCIES_FILE = "competencies.yaml"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a scenario file: where, what was expected, what was found."""

    file: str
    path: str
    expected: tuple[str, str]
    found: str

    def __str__(self) -> str:
        """``file: path: inatarajiwa … / expected …; imekutwa / found …``."""
        where = f"{self.file}: {self.path}" if self.path else self.file
        sw, en = self.expected
        return f"{where}: inatarajiwa {sw} / expected {en}; imekutwa / found: {self.found}"


class ScenarioError(Exception):
    """Scenario files that cannot be used; ``problems`` says each one."""

    def __init__(self, problems: list[Problem]) -> None:
        """Keep the problems; the message lists them, one a line."""
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Library:
    """Every scenario of a folder by id, and the competencies they use."""

    scenarios: Mapping[str, Scenario]
    competencies: Mapping[str, Competency]

    def in_order(self) -> list[Scenario]:
        """The scenarios with each one after its prerequisites (then by id)."""
        done: list[Scenario] = []
        for scenario_id in sorted(self.scenarios):
            self._visit(scenario_id, done)
        return done

    def _visit(self, scenario_id: str, done: list[Scenario]) -> None:
        """Add one scenario after its prerequisites (the library has no cycle)."""
        scenario = self.scenarios[scenario_id]
        if scenario in done:
            return
        for before in scenario.prerequisites:
            self._visit(before, done)
        done.append(scenario)


def load_competencies(folder: Path = SCENARIOS_DIR) -> dict[str, Competency]:
    """The competencies of ``folder/competencies.yaml`` by id (ScenarioError when broken).

    A folder without its own file uses its parent's (``scenarios/walkthroughs/`` shares the
    competencies of ``scenarios/``)."""
    path = Path(folder) / COMPETENCIES_FILE
    if not path.exists() and (Path(folder).parent / COMPETENCIES_FILE).exists():
        path = Path(folder).parent / COMPETENCIES_FILE
    data = _read_yaml(path)
    try:
        entries = TypeAdapter(list[Competency]).validate_python(data)
    except ValidationError as error:
        raise ScenarioError(_problems(path.name, error)) from None
    ids = [c.id for c in entries]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise ScenarioError([_problem(path.name, "", ("id za kipekee", "unique ids"), repeated)])
    return {c.id: c for c in entries}


def load_file(path: Path, competencies: Mapping[str, Competency] | None = None) -> Scenario:
    """One scenario file, validated (ScenarioError naming file, path, expected and found)."""
    path = Path(path)
    if competencies is None:
        competencies = load_competencies(path.parent)
    data = _read_yaml(path)
    try:
        return Scenario.model_validate(data, context={"competencies": set(competencies)})
    except ValidationError as error:
        raise ScenarioError(_problems(path.name, error)) from None


def load_folder(folder: Path = SCENARIOS_DIR) -> Library:
    """Every scenario of a folder, checked one by one and together (ScenarioError lists all)."""
    folder = Path(folder)
    competencies = load_competencies(folder)
    scenarios: dict[str, Scenario] = {}
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name == COMPETENCIES_FILE:
            continue
        try:
            scenario = load_file(path, competencies)
        except ScenarioError as error:
            problems += error.problems
            continue
        problems += _fits_folder(path, scenario, scenarios)
        scenarios.setdefault(scenario.id, scenario)
    problems += _prerequisite_problems(scenarios)
    if problems:
        raise ScenarioError(problems)
    return Library(MappingProxyType(scenarios), MappingProxyType(competencies))


def lint(folder: Path = SCENARIOS_DIR) -> list[Problem]:
    """Every problem of a folder (or of one file), none when it can be used."""
    folder = Path(folder)
    try:
        if folder.is_file():
            load_file(folder)
        else:
            load_folder(folder)
    except ScenarioError as error:
        return error.problems
    return []


def _fits_folder(path: Path, scenario: Scenario, seen: Mapping[str, Scenario]) -> list[Problem]:
    """The file is named after its id, and no other file has that id."""
    problems = []
    if path.stem != scenario.id:
        expected = (f"jina la faili '{scenario.id}.yaml'", f"the file named '{scenario.id}.yaml'")
        problems.append(_problem(path.name, "id", expected, path.name))
    if scenario.id in seen:
        expected = ("id ya kipekee", "an id no other scenario has")
        problems.append(_problem(path.name, "id", expected, scenario.id))
    return problems


def _prerequisite_problems(scenarios: Mapping[str, Scenario]) -> list[Problem]:
    """Prerequisites that do not exist, and cycles among them."""
    problems = []
    for scenario in scenarios.values():
        for n, before in enumerate(scenario.prerequisites):
            if before not in scenarios:
                expected = ("id ya hali iliyopo", "the id of an existing scenario")
                problems.append(
                    _problem(f"{scenario.id}.yaml", f"prerequisites[{n}]", expected, before)
                )
    cycle = _cycle(
        {s.id: [p for p in s.prerequisites if p in scenarios] for s in scenarios.values()}
    )
    if cycle:
        expected = ("masharti yasiyojirudia", "prerequisites without a cycle")
        problems.append(_problem(f"{cycle[0]}.yaml", "prerequisites", expected, " -> ".join(cycle)))
    return problems


def _cycle(graph: Mapping[str, Iterable[str]]) -> list[str] | None:
    """One cycle of ``graph`` (node -> the nodes it needs) as a list of ids, or None
    (the standard library's ``graphlib`` finds it)."""
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as error:
        return list(error.args[1])
    return None


def _read_yaml(path: Path) -> Any:
    """The YAML document of a file (ScenarioError for a missing file or broken YAML)."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        expected = ("faili linalosomeka", "a readable file")
        raise ScenarioError([_problem(path.name, "", expected, error.strerror or "?")]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        found = f"{getattr(error, 'problem', None) or error}"
        expected = ("YAML sahihi", "valid YAML")
        raise ScenarioError([_problem(path.name, where, expected, found)]) from None


def _problem(file: str, path: str, expected: tuple[str, str], found: object) -> Problem:
    """One problem, with what was found shown briefly."""
    shown = repr(found) if not isinstance(found, str) else found
    return Problem(file, path, expected, shown if len(shown) <= 120 else shown[:117] + "...")


def _problems(file: str, error: ValidationError) -> list[Problem]:
    """Pydantic's errors as problems naming the field's path; of the errors a union gives
    for one field (one per member type), the first says it."""
    problems: dict[str, Problem] = {}
    for e in error.errors():
        path = field_path(e["loc"])
        problems.setdefault(path, _problem(file, path, _expected(e), _found(e)))
    return list(problems.values())


def field_path(loc: tuple) -> str:
    """``steps[2].checks[0].params.status`` from pydantic's loc (union tags left out)."""
    parts: list[str] = []
    for n, part in enumerate(loc):
        before = loc[n - 2] if n >= 2 else None
        is_tag = isinstance(loc[n - 1], int) if n else False
        if is_tag and before in ("checks",) and part in CHECKS:
            continue
        if is_tag and before in ("solution", "actions") and part in ACT_NAMES:
            continue
        if isinstance(part, str) and _is_union_member(part):
            continue
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(f".{part}" if parts else str(part))
    return "".join(parts)


def _is_union_member(part: str) -> bool:
    """A loc entry naming a member type of a union (``str-enum[Status]``, ``int``)."""
    return not part.isidentifier() or part in _TYPE_NAMES


_TYPE_NAMES = frozenset({"int", "str", "bool", "float", "list", "dict", "none"})


def _expected(error: Mapping[str, Any]) -> tuple[str, str]:
    """What the field expected, in both languages."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "missing":
        return ("sehemu hii (inahitajika)", "this field (it is required)")
    if kind == "extra_forbidden":
        return ("hakuna sehemu yenye jina hili", "no field of that name")
    if kind == "union_tag_invalid":
        tags = ctx.get("expected_tags", "")
        return (f"aina mojawapo: {tags}", f"one of the types: {tags}")
    if kind == "union_tag_not_found":
        name = ctx.get("discriminator", "type")
        return (f"sehemu {name}", f"a {name} field")
    message = error["msg"].removeprefix("Value error, ")
    return (f"thamani sahihi ({message})", message)


def _found(error: Mapping[str, Any]) -> object:
    """What the file had there (a dash when the field was missing)."""
    if error["type"] == "missing":
        return "—"
    if error["type"] == "union_tag_invalid":
        return (error.get("ctx") or {}).get("tag", "?")
    value = error.get("input")
    if isinstance(value, dict):
        return "{" + ", ".join(sorted(map(str, value))) + "}"
    return value
