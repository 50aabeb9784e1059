"""The click commands, through Flask's test CLI runner."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from sandbox.cli import main
from sandbox.extensions import db
from sandbox.models import Feedback, User, Workspace
from sandbox.workflow import Role


def items_in(code: str) -> int:
    """Feedback rows of one workspace."""
    return db.session.scalar(
        sa.select(sa.func.count(Feedback.id)).join(Workspace).where(Workspace.code == code)
    )


def test_seed_fills_a_named_workspace_with_a_progress_bar(runner):
    result = runner.invoke(args=["seed", "--items", "40", "--seed", "3", "--workspace", "kundi1"])
    assert result.exit_code == 0, result.output
    assert "Seeding 'kundi1'" in result.output
    assert "Seeded 40 items into workspace 'kundi1' (seed 3)" in result.output
    assert "Vipengele 40 vimeingizwa kwenye eneo 'kundi1'" in result.output
    assert items_in("kundi1") == 40


def test_seed_refuses_a_full_workspace_unless_replace(runner):
    runner.invoke(args=["seed", "--items", "10", "--workspace", "kundi2"])
    again = runner.invoke(args=["seed", "--items", "10", "--workspace", "kundi2"])
    assert again.exit_code != 0
    assert "--replace" in again.output
    replaced = runner.invoke(args=["seed", "--items", "12", "--workspace", "kundi2", "--replace"])
    assert replaced.exit_code == 0, replaced.output
    assert items_in("kundi2") == 12


def test_seed_rejects_nonsense_counts(runner):
    result = runner.invoke(args=["seed", "--items", "0"])
    assert result.exit_code == 2
    assert "--items" in result.output


def test_demo_users_prints_every_persona(runner):
    result = runner.invoke(args=["demo-users"])
    assert result.exit_code == 0, result.output
    assert "mafunzo2024" in result.output
    assert "Akaunti za majaribio / Demo logins" in result.output
    assert "Afisa mrejesho / Feedback officer" in result.output
    for username in ("mwezeshaji", "afisa.dodoma", "mkuu.tanesco", "kiongozi.dodoma", "mdau"):
        assert username in result.output
    assert db.session.scalar(sa.select(sa.func.count(User.id))) >= 11


def test_setup_seeds_once_then_reuses(app, runner):
    default_items = app.config["DEMO_ITEMS"]
    app.config["DEMO_ITEMS"] = 30
    try:
        first = runner.invoke(args=["setup"])
        second = runner.invoke(args=["setup"])
    finally:
        app.config["DEMO_ITEMS"] = default_items
    assert first.exit_code == 0, first.output
    assert "Demo world seeded with 30 items" in first.output
    assert "already seeded" in second.output
    assert "Open311 API key (demo workspace): mrejesho-demo-key" in second.output
    assert items_in("demo") == 30


def test_console_script_lists_the_commands():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("run", "seed", "setup", "demo-users", "db"):
        assert command in result.output


def test_trainee_gets_a_login_and_a_workspace_of_their_own(app, runner):
    result = runner.invoke(args=["trainee", "asha", "--items", "25", "--password", "siri-ya-asha"])
    assert result.exit_code == 0, result.output
    assert "Trainee 'asha' (password: siri-ya-asha) in workspace 'asha'" in result.output
    assert "/w/asha/portal/" in result.output and "/w/asha/ussd/phone" in result.output
    assert "Open311 API key: " in result.output
    assert items_in("asha") == 25
    client = app.test_client()
    login = client.post("/login", data={"username": "asha", "password": "siri-ya-asha"})
    assert login.status_code == 302
    runner.invoke(args=["seed", "--items", "3", "--workspace", "jirani"])

    def first_item_of(code: str) -> int:
        query = sa.select(Feedback.id).join(Workspace).where(Workspace.code == code).limit(1)
        return db.session.scalar(query)

    assert client.get(f"/desk/feedback/{first_item_of('asha')}").status_code == 200
    assert client.get(f"/desk/feedback/{first_item_of('jirani')}").status_code == 404


def test_trainee_names_are_unique(runner):
    runner.invoke(args=["trainee", "juma", "--items", "5"])
    again = runner.invoke(args=["trainee", "juma", "--items", "5"])
    assert again.exit_code == 1
    assert "already taken" in again.output


def test_flags_are_shown_and_switched_per_workspace(runner):
    runner.invoke(args=["seed", "--items", "3", "--workspace", "bendera"])
    shown = runner.invoke(args=["flag", "bendera"])
    assert shown.exit_code == 0, shown.output
    assert "auto_escalation" in shown.output and "on " in shown.output
    switched = runner.invoke(args=["flag", "bendera", "auto_escalation", "off"])
    assert "auto_escalation          off" in switched.output
    assert runner.invoke(args=["flag", "bendera", "nonsense", "on"]).exit_code == 2
    assert runner.invoke(args=["flag", "hakuna"]).exit_code == 1


def test_a_flag_switched_from_the_cli_records_its_source_and_note(runner):
    from sandbox.extensions import db
    from sandbox.models import WorkspaceFlag

    runner.invoke(args=["seed", "--items", "3", "--workspace", "sababu"])
    done = runner.invoke(args=["flag", "sababu", "status_sms", "on", "--note", "warsha ya Kibaha"])
    assert "status_sms               on" in done.output, done.output
    row = db.session.scalar(db.select(WorkspaceFlag).where(WorkspaceFlag.flag == "status_sms"))
    assert (row.source, row.note, row.is_enabled) == ("manual", "warsha ya Kibaha", True)
    assert row.set_at is not None


def test_replace_regenerates_a_workspace_from_its_own_seed_and_size(runner):
    runner.invoke(args=["trainee", "zawadi", "--items", "7", "--seed", "5"])

    def descriptions() -> list[str]:
        query = (
            sa.select(Feedback.description)
            .join(Workspace)
            .where(Workspace.code == "zawadi")
            .order_by(Feedback.reference)
        )
        return list(db.session.scalars(query))

    before = descriptions()
    result = runner.invoke(args=["seed", "--workspace", "zawadi", "--replace"])
    assert result.exit_code == 0, result.output
    assert "Seeded 7 items into workspace 'zawadi' (seed 5)" in result.output
    assert descriptions() == before
    told = runner.invoke(args=["seed", "--workspace", "zawadi", "--replace", "--items", "4"])
    assert "Seeded 4 items" in told.output and len(descriptions()) == 4


# --- one password policy for the web and the command line (issue 8, section 2) -------------


@pytest.mark.parametrize(
    ("args", "english"),
    [
        (["Juma Two", "--password", "x"], "lowercase letters"),  # the reproducer
        (["juma2", "--password", "x"], "characters"),
        (["juma.mbili.ndefu", "--password", "Juma.Mbili.Ndefu"], "username"),
        (["juma2", "--password", "mafunzo2024"], "published"),
    ],
)
def test_trainee_follows_the_password_policy(runner, args, english):
    refused = runner.invoke(args=["trainee", *args, "--items", "3"])
    assert refused.exit_code == 1
    assert english in refused.output and " / " in refused.output
    assert (
        db.session.scalar(sa.select(sa.func.count(User.id)).where(User.role == Role.TRAINEE)) == 0
    )


@pytest.mark.parametrize("args", [["demo"], ["juma2", "--workspace", "demo"]])
def test_trainee_never_joins_the_shared_demo_workspace(runner, args):
    refused = runner.invoke(args=["trainee", *args, "--items", "3"])
    assert refused.exit_code == 1
    assert "needs a workspace of their own" in refused.output
    assert "anahitaji eneo lake" in refused.output
    assert db.session.scalar(sa.select(User.id).where(User.role == Role.TRAINEE)) is None


def test_a_random_trainee_password_passes_the_policy(runner):
    done = runner.invoke(args=["trainee", "juma2", "--items", "3"])
    assert done.exit_code == 0, done.output
    password = done.output.split("(password: ")[1].split(")")[0]
    assert len(password) >= 10


def test_a_holiday_is_declared_listed_and_withdrawn_from_the_command_line(runner):
    runner.invoke(args=["trainee", "sikukuu", "--items", "3"])
    declared = runner.invoke(args=["holiday", "declare", "sikukuu", "2026-11-09", "Eid"])
    assert declared.exit_code == 0, declared.output
    assert "2026-11-09 is a holiday in 'sikukuu'" in declared.output
    assert "2026-11-09  Eid" in runner.invoke(args=["holiday", "list", "sikukuu"]).output
    again = runner.invoke(args=["holiday", "declare", "sikukuu", "2026-11-09", "Eid"])
    assert again.exit_code != 0 and "not a working day already" in again.output
    bad = runner.invoke(args=["holiday", "declare", "sikukuu", "9/11/2026", "Eid"])
    assert bad.exit_code != 0 and "2026-03-20" in bad.output
    withdrawn = runner.invoke(args=["holiday", "withdraw", "sikukuu", "2026-11-09"])
    assert withdrawn.exit_code == 0 and "working day again" in withdrawn.output


def test_run_serves_a_hall_without_locking_anyone_out(runner, monkeypatch):
    import waitress

    from sandbox.cli import run_command

    served = {}
    monkeypatch.setattr(waitress, "serve", lambda app, **options: served.update(options))
    result = runner.invoke(run_command, ["--port", "5077"])
    assert result.exit_code == 0, result.output
    assert served["connection_limit"] == 1000 and served["port"] == 5077
    assert served["host"] == "127.0.0.1"
    runner.invoke(run_command, ["--connections", "300"])
    assert served["connection_limit"] == 300


# -- mrejesho run: the options reach the server (no server is started) -------------------


@pytest.fixture
def served(monkeypatch):
    """Record what waitress.serve and gunicorn would have been given, instead of serving."""
    import waitress
    from gunicorn.app.base import BaseApplication

    calls: dict = {}
    monkeypatch.setattr("sandbox.serving.raise_open_files_limit", lambda wanted: wanted)
    monkeypatch.setattr(waitress, "serve", lambda app, **kw: calls.update(waitress=(app, kw)))

    def run(self):  # gunicorn's __init__ has loaded our settings into self.cfg by now
        calls["gunicorn"] = (self.load(), self.cfg)

    monkeypatch.setattr(BaseApplication, "run", run)
    return calls


def run_app(runner, *args, env=None):
    """Invoke `mrejesho run` on the test app."""
    return runner.invoke(cli=main, args=["run", *args], env=env)


def test_run_sizes_waitress_for_a_hall_by_default(app, runner, served):
    result = run_app(runner, "--port", "5123")
    assert result.exit_code == 0, result.output
    given, options = served["waitress"]
    assert given is app
    assert options["port"] == 5123
    assert options["connection_limit"] == 1000
    assert options["threads"] == 8
    assert (options["channel_timeout"], options["cleanup_interval"]) == (60, 10)
    assert options["backlog"] == 1024
    assert options["asyncore_use_poll"] is True  # select() stops at descriptor 1024
    assert "gunicorn" not in served


def test_run_options_and_environment_reach_waitress(runner, served):
    result = run_app(
        runner,
        "--threads",
        "12",
        "--connections",
        "2000",
        "--backlog",
        "2048",
        env={"MREJESHO_CHANNEL_TIMEOUT": "30", "MREJESHO_CLEANUP_INTERVAL": "5"},
    )
    assert result.exit_code == 0, result.output
    options = served["waitress"][1]
    assert (options["threads"], options["connection_limit"], options["backlog"]) == (12, 2000, 2048)
    assert (options["channel_timeout"], options["cleanup_interval"]) == (30, 5)


def test_run_refuses_nonsense_sizes(runner, served):
    result = run_app(runner, "--connections", "0")
    assert result.exit_code == 2
    assert "--connections" in result.output
    assert not served


def test_run_with_workers_serves_gunicorn_threaded_workers(app, runner, served):
    result = run_app(runner, "--workers", "3", "--threads", "6", "--port", "5124")
    assert result.exit_code == 0, result.output
    given, cfg = served["gunicorn"]
    assert given is app
    assert cfg.workers == 3
    assert cfg.worker_class_str == "gthread"
    assert cfg.threads == 6
    assert cfg.worker_connections == 1000
    assert cfg.keepalive == 60
    assert cfg.bind == ["127.0.0.1:5124"]
    assert "waitress" not in served
    assert "each process counts rate limits on its own" in result.output


def test_run_workers_from_the_environment(runner, served):
    result = run_app(runner, env={"MREJESHO_WORKERS": "2", "MREJESHO_CONNECTIONS": "500"})
    assert result.exit_code == 0, result.output
    cfg = served["gunicorn"][1]
    assert (cfg.workers, cfg.worker_connections) == (2, 500)


def test_run_with_workers_on_windows_says_to_use_waitress(runner, served, monkeypatch):
    monkeypatch.setattr("sandbox.serving.sys.platform", "win32")
    result = run_app(runner, "--workers", "2")
    assert result.exit_code == 1
    assert "does not run on Windows" in result.output
    assert "haifanyi kazi kwenye Windows" in result.output
    assert not served
