"""Hypothesis: whatever a scenario file holds, the loader answers with a scenario or a
``ScenarioError`` naming its problems, never another exception (a facilitator's typo must
read as a message, not a traceback)."""

from __future__ import annotations

import random
from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st

from sandbox.scenarios.loader import SCENARIOS_DIR, ScenarioError, load_competencies, load_file
from tests.fuzzing import fuzz, fuzz_settings

SHIPPED = sorted(p for p in SCENARIOS_DIR.glob("*.yaml") if p.name != "competencies.yaml")
COMPETENCIES = load_competencies(SCENARIOS_DIR)
SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["own", "complaint", "acknowledged", "status", "A", "sw", "en", ""]),
)
JUNK = st.recursive(
    SCALAR,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _load(tmp_path: Path, text: str):
    """Load ``text`` as a scenario file; True when it loaded, False on a ScenarioError."""
    path = tmp_path / "mfano.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_file(path, COMPETENCIES)
    except ScenarioError as error:
        assert error.problems and all(
            problem.file and all(problem.expected) for problem in error.problems
        )
        return False
    return True


def _paths(node, prefix=()):
    """Every path into a parsed YAML tree."""
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


def _replace(tree, path, value):
    """``tree`` with the node at ``path`` replaced by ``value`` (the root: value itself)."""
    if not path:
        return value
    parent = tree
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return tree


@fuzz
@fuzz_settings(60)
@given(text=st.text(max_size=400))
def test_any_text_is_a_scenario_or_a_named_problem(tmp_path, text):
    _load(tmp_path, text)


@fuzz
@fuzz_settings(60)
@given(tree=JUNK)
def test_any_yaml_tree_is_a_scenario_or_a_named_problem(tmp_path, tree):
    _load(tmp_path, yaml.safe_dump(tree, allow_unicode=True))


@fuzz
@fuzz_settings(80)
@given(which=st.sampled_from(SHIPPED), seed=st.integers(0, 2**32), value=JUNK)
def test_a_shipped_scenario_with_one_field_broken_is_a_named_problem_or_still_loads(
    tmp_path, which, seed, value
):
    tree = yaml.safe_load(which.read_text(encoding="utf-8"))
    path = random.Random(seed).choice(list(_paths(tree)))
    _load(tmp_path, yaml.safe_dump(_replace(tree, path, value), allow_unicode=True))


def test_the_shipped_files_load_so_the_mutations_start_from_good_ones(tmp_path):
    assert SHIPPED and all(_load(tmp_path, p.read_text(encoding="utf-8")) for p in SHIPPED)
