"""A broken scenario file fails with a message naming the file, the path of the field, what
was expected and what was found; a folder is checked across its files too."""

from __future__ import annotations

import pytest

from sandbox.scenarios.acts import ACT_NAMES
from sandbox.scenarios.checks import CHECKS
from sandbox.scenarios.loader import (
    SCENARIOS_DIR,
    Problem,
    ScenarioError,
    lint,
    load_file,
    load_folder,
)


def _problems(folder, minimal) -> list[Problem]:
    return lint(folder(minimal) / "mfano.yaml")


def test_the_minimal_scenario_loads(folder, minimal):
    scenario = load_file(folder(minimal) / "mfano.yaml")
    assert scenario.id == "mfano"
    assert scenario.steps[0].checks[0].params_of().status.value == "acknowledged"


def test_the_shipped_folder_loads():
    library = load_folder(SCENARIOS_DIR)
    assert len(library.scenarios) >= 5
    assert len(library.competencies) >= 8
    order = [s.id for s in library.in_order()]
    for scenario in library.scenarios.values():
        for before in scenario.prerequisites:
            assert order.index(before) < order.index(scenario.id)
    assert any(s.written_in == "sw" for s in library.scenarios.values())
    checks = {c.type for s in library.scenarios.values() for st in s.steps for c in st.checks}
    assert len(checks) >= 12


def test_a_wrong_param_value(folder, minimal):
    minimal["steps"][0]["checks"][0]["params"]["status"] = "finished"
    (problem,) = _problems(folder, minimal)
    assert problem.file == "mfano.yaml"
    assert problem.path == "steps[0].checks[0].params.status"
    assert "acknowledged" in problem.expected[1]
    assert problem.found == "finished"
    assert str(problem).startswith("mfano.yaml: steps[0].checks[0].params.status: inatarajiwa")


def test_an_unknown_param(folder, minimal):
    minimal["steps"][0]["checks"][0]["params"]["colour"] = "red"
    (problem,) = _problems(folder, minimal)
    assert problem.path == "steps[0].checks[0].params.colour"
    assert problem.expected == ("hakuna sehemu yenye jina hili", "no field of that name")
    assert problem.found == "red"


def test_an_unknown_check_type(folder, minimal):
    minimal["steps"][0]["checks"][0]["type"] = "item_is_nice"
    (problem,) = _problems(folder, minimal)
    assert problem.path == "steps[0].checks[0]"
    assert "item_status" in problem.expected[1] and "one of the types" in problem.expected[1]
    assert problem.found == "item_is_nice"


def test_a_missing_translation(folder, minimal):
    del minimal["title"]["en"]
    minimal["debrief"]["sw"] = "   "
    problems = _problems(folder, minimal)
    assert [(p.path, p.found) for p in problems] == [("title.en", "—"), ("debrief.sw", "   ")]
    assert problems[0].expected[1] == "this field (it is required)"


def test_an_unknown_act(folder, minimal):
    minimal["solution"][0] = {"do": "shout", "item": "A"}
    (problem,) = _problems(folder, minimal)
    assert problem.path == "solution[0]"
    assert "acknowledge" in problem.expected[1]
    assert problem.found == "shout"


def test_a_wrong_act_field(folder, minimal):
    minimal["solution"][0] = {"do": "transfer", "item": "A", "to": "TANESCO"}
    (problem,) = _problems(folder, minimal)
    assert problem.path == "solution[0].reason"


def test_an_item_key_not_in_the_setup(folder, minimal):
    minimal["steps"][0]["checks"][0]["params"]["item"] = "B"
    (problem,) = _problems(folder, minimal)
    assert problem.path == ""
    assert "steps[thibitisha].checks[0]: item 'B' is not in setup.items" in problem.expected[1]


def test_an_unknown_history_step(folder, minimal):
    minimal["setup"]["items"][0]["history"] = "ack dance"
    (problem,) = _problems(folder, minimal)
    assert problem.path == "setup.items[0].history"
    assert "unknown history steps ['dance']" in problem.expected[1]


def test_an_unknown_competency(folder, minimal):
    minimal["competencies"] = ["juggling"]
    (problem,) = _problems(folder, minimal)
    assert problem.path == "competencies"
    assert "juggling" in problem.expected[1]


def test_a_pitfall_pointing_at_no_check(folder, minimal):
    minimal["pitfalls"][0]["expect"]["check"] = 3
    (problem,) = _problems(folder, minimal)
    assert "step has no check 3" in problem.expected[1]


def test_broken_yaml_names_the_line(folder, tmp_path, minimal):
    path = folder(minimal) / "mfano.yaml"
    path.write_text("id: mfano\nsteps: [\n  - oops", encoding="utf-8")
    (problem,) = lint(path)
    assert problem.file == "mfano.yaml"
    assert problem.path.startswith("line ")
    assert problem.expected == ("YAML sahihi", "valid YAML")


def test_across_a_folder(folder, minimal):
    other = dict(minimal, id="nyingine", prerequisites=["mfano", "haipo"])
    cycle = dict(minimal, prerequisites=["nyingine"])
    where = folder(cycle, other, dict(minimal, id="jina-jingine"), names=None)
    (where / "copy.yaml").write_text((where / "mfano.yaml").read_text())
    with pytest.raises(ScenarioError) as raised:
        load_folder(where)
    said = [(p.file, p.path, p.found) for p in raised.value.problems]
    assert ("copy.yaml", "id", "copy.yaml") in said  # named after another id
    assert ("mfano.yaml", "id", "mfano") in said  # the same id twice
    assert ("nyingine.yaml", "prerequisites[1]", "haipo") in said
    cycles = [p for p in raised.value.problems if p.path == "prerequisites" and "->" in p.found]
    assert len(cycles) == 1


def test_the_authoring_guide_lists_every_check_type_and_act():
    guide = (SCENARIOS_DIR.parent / "docs" / "SCENARIOS.md").read_text(encoding="utf-8")
    assert [name for name in CHECKS if f"`{name}`" not in guide] == []
    assert [act for act in ACT_NAMES if f"`{act}" not in guide] == []
