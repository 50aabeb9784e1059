"""Command line: `mrejesho run | setup | seed | demo-users | db …` (built on Flask's CLI)."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, routes_command, shell_command, with_appcontext
from flask_migrate import upgrade

from sandbox.extensions import db


def _create_app() -> Flask:
    """Factory used by the `mrejesho` console script."""
    from sandbox import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=False)
def main() -> None:
    """Mrejesho Sandbox: a training replica of e-Mrejesho (synthetic data only)."""


main.add_command(shell_command)
main.add_command(routes_command)


@main.command("run")
@click.option("--host", default=None, help="Address to listen on (default: $HOST or 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default: $PORT or 5000).")
@click.option("--threads", type=int, default=8, show_default=True, help="Worker threads.")
@with_appcontext
def run_command(host: str | None, port: int | None, threads: int) -> None:
    """Serve the app with waitress (HOST=0.0.0.0 serves a workshop LAN)."""
    from waitress import serve

    app = current_app._get_current_object()
    host = host or app.config["HOST"]
    port = port or app.config["PORT"]
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    click.secho(f"Mrejesho Sandbox: http://{shown}:{port}/  (Ctrl+C to stop)", fg="green")
    serve(app, host=host, port=port, threads=threads, ident="mrejesho-sandbox")


def register(app: Flask) -> None:
    """Attach the app's own commands (next to Flask-Migrate's `db` group)."""
    app.cli.add_command(seed_command)
    app.cli.add_command(setup_command)
    app.cli.add_command(demo_users_command)


def _ensure_world() -> None:
    """Load the reference world from seed_data/ if it is not there yet."""
    from sandbox.seeding.data import load_seed_data
    from sandbox.services.world import load_world

    if load_world(load_seed_data(current_app.config["SEED_DATA_DIR"])):
        click.echo("Reference world loaded (regions, institutions, categories).")


def _demo_workspace():
    """The demo workspace, created when missing."""
    from sandbox.models import WorkspaceKind
    from sandbox.services.workspaces import get_or_create_workspace

    cfg = current_app.config
    return get_or_create_workspace(
        cfg["DEMO_WORKSPACE"], "Demo: e-Mrejesho", WorkspaceKind.DEMO, seed=cfg["DEMO_SEED"]
    )


def _seed(workspace, items: int, seed: int) -> int:
    """Generate items into a workspace with a progress bar."""
    from sandbox.services.seeding import seed_workspace

    with click.progressbar(length=items, label=f"Seeding {workspace.code}") as bar:
        done = [0]

        def progress(n: int) -> None:
            bar.update(n - done[0])
            done[0] = n

        return seed_workspace(workspace, count=items, seed=seed, progress=progress)


@click.command("seed")
@click.option("--seed", "seed", type=int, default=None, help="Random seed (same seed, same items).")
@click.option("--items", type=click.IntRange(1, 1_000_000), default=None, help="How many items.")
@click.option("--workspace", "code", default=None, help="Workspace code (default: the demo).")
@click.option("--replace", is_flag=True, help="Delete the workspace's feedback first.")
@with_appcontext
def seed_command(seed: int | None, items: int | None, code: str | None, replace: bool) -> None:
    """Fill a workspace with synthetic Tanzanian feedback."""
    from sandbox.models import WorkspaceKind
    from sandbox.services.seeding import WorkspaceNotEmpty, clear_workspace_feedback
    from sandbox.services.workspaces import get_or_create_workspace

    cfg = current_app.config
    _ensure_world()
    seed = cfg["DEMO_SEED"] if seed is None else seed
    items = items or cfg["DEMO_ITEMS"]
    if code in (None, cfg["DEMO_WORKSPACE"]):
        workspace = _demo_workspace()
    else:
        workspace = get_or_create_workspace(code, code, WorkspaceKind.TRAINEE, seed=seed)
    if replace:
        clear_workspace_feedback(workspace)
    try:
        count = _seed(workspace, items, seed)
    except WorkspaceNotEmpty as error:
        raise click.ClickException(f"{error} Use --replace to regenerate it.") from None
    click.echo(f"Seeded {count} items into workspace '{workspace.code}' (seed {seed}).")


@click.command("setup")
@with_appcontext
def setup_command() -> None:
    """Upgrade the database, load the world, seed the demo when empty, create demo logins."""
    from sandbox.services.queries import counts_by

    upgrade()
    _ensure_world()
    workspace = _demo_workspace()
    from sandbox.models import Feedback

    if not counts_by(workspace, Feedback.status):
        cfg = current_app.config
        count = _seed(workspace, cfg["DEMO_ITEMS"], cfg["DEMO_SEED"])
        click.echo(f"Demo world seeded with {count} items.")
    else:
        click.echo("Demo world already seeded; reusing the database.")
    _print_demo_users(workspace)


@click.command("demo-users")
@with_appcontext
def demo_users_command() -> None:
    """Print the demo personas' logins (creating any that are missing)."""
    _ensure_world()
    _print_demo_users(_demo_workspace())


def _print_demo_users(workspace) -> None:
    """A table of demo logins with their role and institution."""
    from sandbox.seeding.personas import DEMO_PASSWORD
    from sandbox.services.users import ensure_demo_users

    pairs = ensure_demo_users(workspace)
    click.echo(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
    for persona, user in pairs:
        where = user.institution.name_en if user.institution else ""
        if not where and user.region:
            where = f"{user.region.name} region"
        click.echo(f"  {persona.username:<18} {persona.role.label_en:<20} {where}")
    db.session.remove()
