"""Scenario steps and hints link guides by ``slug`` or ``slug#anchor``: each must resolve."""

from __future__ import annotations

from collections.abc import Iterable

from sandbox.guidebook import Library as Guides
from sandbox.guidebook.library import references_in
from sandbox.scenarios.schema import Scenario


def guide_references(scenarios: Iterable[Scenario]) -> list[tuple[str, str]]:
    """(``<scenario id>: steps[i].guide`` or ``…hints[j].guide``, reference) of every link."""
    found = []
    for scenario in scenarios:
        for i, step in enumerate(scenario.steps):
            where = f"{scenario.id}: steps[{i}]"
            found += [(f"{where}.guide", step.guide)] if step.guide else []
            found += [
                (f"{where}.hints[{j}].guide", hint.guide)
                for j, hint in enumerate(step.hints)
                if hint.guide
            ]
    return found


def unknown_guide_references(scenarios: Iterable[Scenario], guides: Guides) -> list[str]:
    """``<where>: <problem>`` for each guide link that names no guide or named heading."""
    return references_in(guide_references(scenarios), guides)
