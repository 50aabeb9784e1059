"""Command line: `mrejesho run | setup | seed | demo-users | trainee | cohort | scenario | flag
| holiday | db …` (built on Flask's CLI)."""

from __future__ import annotations

from contextlib import contextmanager

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, routes_command, shell_command, with_appcontext
from flask_migrate import upgrade

from sandbox import cli_cohort_roster  # noqa: F401  (its commands join the cohort group)
from sandbox.cli_cohort import cohort_command
from sandbox.cli_holidays import holiday_command
from sandbox.cli_proposals import proposals_command
from sandbox.cli_resets import reset as _reset_commands  # noqa: F401  (registers on cohort)
from sandbox.cli_scenarios import scenario_command


def _create_app() -> Flask:
    """Factory used by the `mrejesho` console script; an unsafe key is one line, no traceback."""
    from sandbox import InsecureConfiguration, create_app

    try:
        return create_app()
    except InsecureConfiguration as error:
        raise click.ClickException(f"{error.message_sw} / {error.message_en}") from None


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=False)
def main() -> None:
    """Mrejesho Sandbox: a training replica of e-Mrejesho (synthetic data only)."""


main.add_command(shell_command)
main.add_command(routes_command)


def _server_option(name: str, default: int, low: int, high: int, text: str):
    """An integer option of `mrejesho run`, also read from MREJESHO_<NAME>."""
    return click.option(
        f"--{name}",
        type=click.IntRange(low, high),
        default=default,
        show_default=True,
        envvar=f"MREJESHO_{name.upper().replace('-', '_')}",
        show_envvar=True,
        help=text,
    )


@main.command("run")
@click.option("--host", default=None, help="Address to listen on (default: $HOST or 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default: $PORT or 5000).")
@_server_option("workers", 0, 0, 64, "gunicorn processes (POSIX); 0: waitress, one process.")
@_server_option("threads", 8, 1, 256, "Worker threads (per process).")
@_server_option(
    "connections",
    1000,
    1,
    100_000,
    "Open connections at most (per process); a browser keeps several.",
)
@_server_option(
    "channel-timeout", 60, 1, 3600, "Seconds an idle connection stays open (gunicorn: keep-alive)."
)
@_server_option(
    "cleanup-interval", 10, 1, 3600, "Seconds between closing idle connections (waitress)."
)
@_server_option(
    "backlog", 1024, 1, 65_535, "Connections the system queues before they are accepted."
)
@with_appcontext
def run_command(host: str | None, port: int | None, workers: int, **sizes: int) -> None:
    """Serve the app with waitress, or gunicorn with --workers N (HOST=0.0.0.0 serves a LAN).

    Sized for a hall of 150 trainees on one laptop (docs/PERFORMANCE.md, "Serving a
    workshop"): waitress's own limit of 100 open connections locked a third of such a hall
    out (issue 10), so up to 1,000 stay open; threads bound the work done at once.
    """
    from sandbox import serving
    from sandbox.secret_key import InsecureConfiguration, check_given_key

    app = current_app._get_current_object()
    host = host or app.config["HOST"]
    port = port or app.config["PORT"]
    try:  # --host may open a network that the configured HOST did not
        check_given_key(app.config["SECRET_KEY"], production=app.config["PRODUCTION"], host=host)
    except InsecureConfiguration as error:
        raise click.ClickException(f"{error.message_sw} / {error.message_en}") from None
    _check_scenarios()
    hall = serving.Hall(host=host, port=port, **sizes)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    server = f"gunicorn, {workers} processes" if workers else "waitress"
    click.secho(
        f"\nMrejesho Sandbox: http://{shown}:{port}/  ({server}; Ctrl+C kusimamisha / to stop)",
        fg="green",
    )
    if not workers:
        serving.serve_waitress(app, hall)
        return
    if workers > 1 and app.config["RATELIMIT_STORAGE_URI"].startswith("memory://"):
        _say(
            "Tahadhari: kila mchakato unahesabu mipaka ya majaribio peke yake "
            "(RATELIMIT_STORAGE_URI=memory://).",
            "Note: each process counts rate limits on its own (RATELIMIT_STORAGE_URI=memory://).",
        )
    try:
        serving.serve_gunicorn(app, hall, workers)
    except serving.ServerUnavailable as error:
        raise click.ClickException(f"{error.message_sw} / {error.message_en}") from None


def _check_scenarios() -> None:
    """Refuse to serve with a broken scenario file: each problem names file, field, expected."""
    from sandbox.scenarios.loader import SCENARIOS_DIR, ScenarioError, load_folder

    try:
        load_folder(current_app.config.get("SCENARIOS_DIR") or SCENARIOS_DIR)
    except ScenarioError as error:
        raise click.ClickException(
            f"Faili za hali zina matatizo / Scenario files have problems:\n{error}"
        ) from None


def register(app: Flask) -> None:
    """Attach the app's own commands (next to Flask-Migrate's `db` group)."""
    app.cli.add_command(seed_command)
    app.cli.add_command(setup_command)
    app.cli.add_command(demo_users_command)
    app.cli.add_command(trainee_command)
    app.cli.add_command(flag_command)
    app.cli.add_command(holiday_command)
    app.cli.add_command(scenario_command)
    app.cli.add_command(proposals_command)
    app.cli.add_command(cohort_command)
    app.cli.add_command(sweep_uploads_command)


def _say(swahili: str, english: str) -> None:
    """One message in both languages (Swahili first), as every string a user sees."""
    click.echo(f"{swahili}\n  {english}")


@contextmanager
def _progress_bar(length: int, label: str):
    """A click progress bar fed with running totals."""
    with click.progressbar(length=length, label=label) as bar:
        done = [0]

        def progress(total: int) -> None:
            bar.update(total - done[0])
            done[0] = total

        yield progress


@click.command("seed")
@click.option(
    "--seed", "seed", type=int, default=None, help="Random seed (default: the workspace's own)."
)
@click.option(
    "--items",
    type=click.IntRange(1, 1_000_000),
    default=None,
    help="How many items (default: the workspace's own size).",
)
@click.option("--workspace", "code", default=None, help="Workspace code (default: the demo).")
@click.option("--replace", is_flag=True, help="Delete the workspace's feedback first.")
@with_appcontext
def seed_command(seed: int | None, items: int | None, code: str | None, replace: bool) -> None:
    """Fill a workspace with synthetic Tanzanian feedback."""
    from sandbox.models import WorkspaceKind
    from sandbox.services.workspace import demo
    from sandbox.services.workspace.seeding import (
        WorkspaceNotEmpty,
        clear_workspace_feedback,
        seed_workspace,
    )
    from sandbox.services.workspace.workspaces import find_workspace, get_or_create_workspace

    cfg = current_app.config
    demo.ensure_world(cfg["SEED_DATA_DIR"])
    code = code or cfg["DEMO_WORKSPACE"]
    existing = find_workspace(code)
    if existing is not None and existing.size:  # regenerate from its own seed and size
        seed = existing.seed if seed is None else seed
        items = items or existing.size
    seed = cfg["DEMO_SEED"] if seed is None else seed
    items = items or cfg["DEMO_ITEMS"]
    if code == cfg["DEMO_WORKSPACE"]:
        workspace = demo.demo_workspace(code, seed)
    else:
        workspace = get_or_create_workspace(code, code, WorkspaceKind.TRAINEE, seed=seed)
    if replace:
        clear_workspace_feedback(workspace)
    try:
        with _progress_bar(items, f"Kujaza / Seeding '{code}'") as progress:
            count = seed_workspace(workspace, count=items, seed=seed, progress=progress)
    except WorkspaceNotEmpty as error:
        raise click.ClickException(
            f"{error} Tumia --replace kuutengeneza upya. / Use --replace to regenerate it."
        ) from None
    _say(
        f"Vipengele {count} vimeingizwa kwenye eneo '{code}' (mbegu {seed}).",
        f"Seeded {count} items into workspace '{code}' (seed {seed}).",
    )


@click.command("setup")
@with_appcontext
def setup_command() -> None:
    """Upgrade the database, load the world, seed the demo once, create the demo logins."""
    from sandbox.services.workspace import demo

    cfg = current_app.config
    upgrade()
    options = {"items": cfg["DEMO_ITEMS"], "seed": cfg["DEMO_SEED"]}
    options["seed_data_dir"] = cfg["SEED_DATA_DIR"]
    if demo.is_demo_seeded(cfg["DEMO_WORKSPACE"]):
        workspace, added = demo.ensure_demo(cfg["DEMO_WORKSPACE"], **options)
    else:
        with _progress_bar(cfg["DEMO_ITEMS"], "Kujaza / Seeding the demo world") as progress:
            workspace, added = demo.ensure_demo(cfg["DEMO_WORKSPACE"], progress=progress, **options)
    if added:
        _say(
            f"Mazingira ya onyesho yamejazwa vipengele {added}.",
            f"Demo world seeded with {added} items.",
        )
    else:
        _say(
            "Mazingira ya onyesho yapo tayari; hifadhidata inatumika tena.",
            "Demo world already seeded; reusing the database.",
        )
    _print_demo_users(workspace)
    _print_api_key(workspace)


@click.command("demo-users")
@with_appcontext
def demo_users_command() -> None:
    """Print the demo personas' logins (creating any that are missing)."""
    from sandbox.services.workspace import demo

    cfg = current_app.config
    demo.ensure_world(cfg["SEED_DATA_DIR"])
    _print_demo_users(demo.demo_workspace(cfg["DEMO_WORKSPACE"], cfg["DEMO_SEED"]))


def _print_api_key(workspace) -> None:
    """The demo workspace's Open311 API key (the app channel), see docs/OPEN311.md."""
    from sandbox.services.channels.api_keys import ensure_api_key

    click.echo(
        f"\nUfunguo wa Open311 / Open311 API key (demo workspace): {ensure_api_key(workspace)}"
    )


def _print_demo_users(workspace) -> None:
    """A table of demo logins with their role and where they work."""
    from sandbox.seeding.personas import DEMO_PASSWORD
    from sandbox.services.people.users import ensure_demo_users

    click.echo(
        f"\nAkaunti za majaribio / Demo logins (nenosiri / password for all: {DEMO_PASSWORD})"
    )
    for persona, user in ensure_demo_users(workspace):
        where = user.institution.name_en if user.institution else ""
        if not where and user.region:
            where = f"{user.region.name} region"
        role = f"{persona.role.label_sw} / {persona.role.label_en}"
        click.echo(f"  {persona.username:<18} {role:<42} {where}".rstrip())


@click.command("trainee")
@click.argument("username")
@click.option("--workspace", "code", default=None, help="Workspace code (default: the username).")
@click.option("--institution", default="DODOMA_CC", show_default=True, help="Institution code.")
@click.option("--items", type=click.IntRange(1, 100_000), default=200, show_default=True)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--password", default=None, help="Default: a random one, printed once.")
@with_appcontext
def trainee_command(username, code, institution, items, seed, password) -> None:
    """Create a trainee login with a workspace of their own, and print how to reach it."""
    from flask import url_for

    from sandbox.services.channels.api_keys import ensure_api_key
    from sandbox.services.people.trainees import TraineeRefused, create_trainee
    from sandbox.services.workspace import demo

    demo.ensure_world(current_app.config["SEED_DATA_DIR"])
    try:
        new = create_trainee(
            username,
            workspace_code=code,
            institution_code=institution,
            items=items,
            seed=seed,
            password=password,
            shared_workspaces=(current_app.config["DEMO_WORKSPACE"],),
        )
    except TraineeRefused as error:
        raise click.ClickException(f"{error.message_sw} / {error.message_en}") from None
    ws = new.workspace.code
    name, password = new.user.username, new.password
    _say(
        f"Mwanafunzi '{name}' (nenosiri: {password}) katika eneo '{ws}'",
        f"Trainee '{name}' (password: {password}) in workspace '{ws}'",
    )
    click.echo(f"  vipengele vipya / items added now: {new.items_added}")
    with current_app.test_request_context():
        for endpoint in ("portal_ws.index", "ussd_ws.phone", "ussd_ws.callback", "sms_ws.inbound"):
            click.echo(f"  {url_for(endpoint, ws_code=ws)}")
    click.echo(f"  Ufunguo wa Open311 / Open311 API key: {ensure_api_key(new.workspace)}")


@click.command("flag")
@click.argument("workspace_code")
@click.argument("name", required=False)
@click.argument("state", required=False, type=click.Choice(["on", "off"]))
@click.option("--note", default="", help="Why it is switched (shown in the 'why?' panel).")
@with_appcontext
def flag_command(workspace_code: str, name: str | None, state: str | None, note: str) -> None:
    """Show a workspace's behaviour flags, or switch one (`flag demo auto_escalation off`)."""
    from sandbox.services.workspace.flags import FlagSource, flags_of, set_flag
    from sandbox.services.workspace.workspaces import find_workspace
    from sandbox.workflow.behaviour import Toggle

    workspace = find_workspace(workspace_code)
    if workspace is None:
        raise click.ClickException(
            f"Hakuna eneo la kazi '{workspace_code}'. / No workspace '{workspace_code}'."
        )
    if name is not None:
        if name not in {f.value for f in Toggle} or state is None:
            choices = ", ".join(f.value for f in Toggle)
            raise click.UsageError(
                f"Taja bendera ({choices}) na on/off. / Give a flag and on or off."
            )
        set_flag(workspace, Toggle(name), state == "on", source=FlagSource.MANUAL, note=note)
    for flag, enabled in flags_of(workspace).items():
        click.echo(
            f"  {flag.value:<24} {'on ' if enabled else 'off'}  {flag.label_sw} / {flag.label_en}"
        )


@click.command("sweep-uploads")
@click.option(
    "--older-than-minutes",
    type=click.IntRange(min=0),
    default=60,
    show_default=True,
    help="Only remove unowned files at least this old (a submission may be in flight).",
)
@with_appcontext
def sweep_uploads_command(older_than_minutes: int) -> None:
    """Finish uploads a crash left half-done and remove files no item owns."""
    from datetime import timedelta

    from sandbox.services.feedback.upload_sweep import sweep_uploads

    done = sweep_uploads(timedelta(minutes=older_than_minutes))
    _say(
        f"Faili {done.placed} zimewekwa mahali pake; faili {done.removed} zisizo na mwenyewe "
        "zimefutwa.",
        f"{done.placed} files moved into place; {done.removed} unowned files removed.",
    )
