"""`mrejesho scenario lint` and `mrejesho scenario try`: exit codes and what they print."""

from __future__ import annotations

import shutil

import pytest

from sandbox.cli import run_command
from sandbox.scenarios.loader import SCENARIOS_DIR

SHIPPED = "kuthibitisha-kwa-wakati"


def test_lint_passes_on_the_shipped_scenarios(runner):
    result = runner.invoke(args=["scenario", "lint"])
    assert result.exit_code == 0, result.output
    assert "All scenarios are valid" in result.output


def test_lint_fails_with_the_file_and_the_path(runner, tmp_path):
    shutil.copy(SCENARIOS_DIR / "competencies.yaml", tmp_path)
    text = (SCENARIOS_DIR / f"{SHIPPED}.yaml").read_text(encoding="utf-8")
    broken = text.replace("status: in_progress", "status: finished")
    assert broken != text
    (tmp_path / f"{SHIPPED}.yaml").write_text(broken, encoding="utf-8")
    result = runner.invoke(args=["scenario", "lint", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{SHIPPED}.yaml: steps[1].checks[1].params.status" in result.output
    assert "found: finished" in result.output


def test_try_prints_the_score_of_the_solution_and_each_pitfall(runner):
    result = runner.invoke(args=["scenario", "try", SHIPPED])
    assert result.exit_code == 0, result.output
    assert "Suluhisho / Solution  —  100%, imekamilika / completed" in result.output
    assert result.output.count("Kosa / Pitfall:") == 2
    assert "acknowledged by" in result.output
    assert "OK: the solution scores 100 %" in result.output


def test_try_a_setup_that_does_not_fit_says_why_without_a_traceback(runner, tmp_path):
    shutil.copy(SCENARIOS_DIR / "competencies.yaml", tmp_path)
    text = (SCENARIOS_DIR / f"{SHIPPED}.yaml").read_text(encoding="utf-8")
    broken = text.replace("received_working_days_ago: 2", "history: ack assign start")
    assert broken != text
    (tmp_path / f"{SHIPPED}.yaml").write_text(broken, encoding="utf-8")
    result = runner.invoke(args=["scenario", "try", SHIPPED, "--path", str(tmp_path)])
    assert result.exit_code == 1
    assert "Item A: its history does not fit before now" in result.output
    assert "Traceback" not in result.output


def test_try_an_unknown_scenario_says_so(runner):
    result = runner.invoke(args=["scenario", "try", "no-such-scenario"])
    assert result.exit_code == 1
    assert "No scenario 'no-such-scenario'" in result.output


def test_the_server_does_not_start_with_a_broken_scenario(app, runner, tmp_path, monkeypatch):
    shutil.copy(SCENARIOS_DIR / "competencies.yaml", tmp_path)
    (tmp_path / "mbovu.yaml").write_text("id: mbovu\nversion: one\n", encoding="utf-8")
    monkeypatch.setitem(app.config, "SCENARIOS_DIR", str(tmp_path))
    monkeypatch.setattr("waitress.serve", lambda *a, **k: pytest.fail("served"))
    result = runner.invoke(run_command, ["--host", "127.0.0.1"])
    assert result.exit_code == 1
    assert "mbovu.yaml: version" in result.output
    assert "Scenario files have problems" in result.output
