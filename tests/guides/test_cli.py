"""`mrejesho scenario lint` checks the guide links of steps and hints too."""

from __future__ import annotations

import shutil

import yaml

from sandbox.scenarios.loader import SCENARIOS_DIR


def one_scenario_linking(tmp_path, reference):
    """A folder with one shipped scenario whose first step links ``reference``."""
    shutil.copy(SCENARIOS_DIR / "competencies.yaml", tmp_path)
    source = SCENARIOS_DIR / "pongezi-kama-pongezi.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["prerequisites"] = []
    data["steps"][0]["guide"] = reference
    (tmp_path / source.name).write_text(yaml.safe_dump(data, allow_unicode=True))
    return tmp_path


def test_lint_passes_a_scenario_linking_a_guide_heading(runner, tmp_path):
    folder = one_scenario_linking(tmp_path, "classification#types")
    result = runner.invoke(args=["scenario", "lint", str(folder)])
    assert result.exit_code == 0, result.output


def test_lint_fails_naming_the_step_and_the_missing_guide(runner, tmp_path):
    folder = one_scenario_linking(tmp_path, "classification#hakuna")
    result = runner.invoke(args=["scenario", "lint", str(folder)])
    assert result.exit_code == 1
    assert "pongezi-kama-pongezi: steps[0].guide:" in result.output
    assert "has no heading named '{#hakuna}'" in result.output
    one_file = runner.invoke(args=["scenario", "lint", str(folder / "pongezi-kama-pongezi.yaml")])
    assert one_file.exit_code == 1
