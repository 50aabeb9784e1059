"""`mrejesho cohort export NAME FILE` and `mrejesho cohort import FILE`."""

from __future__ import annotations

import sqlalchemy as sa

from sandbox.extensions import db
from sandbox.models import Cohort


def test_the_command_line_exports_here_and_imports_there_once(
    runner, cohort, make_trainee, second_installation, on_second, tmp_path
):
    make_trainee("Asha Mushi", phone="0712345678")
    file = tmp_path / "warsha.zip"
    made = runner.invoke(args=["cohort", "export", "warsha ya dodoma", str(file)])
    assert made.exit_code == 0, made.output
    assert "personal data" in made.output and "taarifa binafsi" in made.output
    assert "0712345678" not in made.output and file.stat().st_size > 0
    there = second_installation.test_cli_runner()
    with on_second():
        first = there.invoke(args=["cohort", "import", str(file)])
        second = there.invoke(args=["cohort", "import", str(file)])
        names = db.session.scalars(sa.select(Cohort.name)).all()
    assert first.exit_code == 0, first.output
    assert "Cohort 'Warsha ya Dodoma' imported" in first.output and "trainees 1" in first.output
    assert second.exit_code == 0 and "nothing changed" in second.output
    assert names == ["Warsha ya Dodoma"]


def test_the_command_line_refuses_in_both_languages(runner, cohort, tmp_path):
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    refused = runner.invoke(args=["cohort", "import", str(bad)])
    assert refused.exit_code != 0
    assert "si kumbukumbu ya kundi" in refused.output and "not a whole cohort" in refused.output
    unknown = runner.invoke(args=["cohort", "export", "Hakuna", str(tmp_path / "x.zip")])
    assert unknown.exit_code != 0 and "No cohort 'Hakuna'" in unknown.output
    nobody = runner.invoke(args=["cohort", "import", str(bad), "--facilitator", "nobody"])
    assert nobody.exit_code != 0 and "No facilitator" in nobody.output
