"""The ``forum`` command: init, demo, run, plugins, create-user, and plugins' own commands."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import click
from flask import Flask

from . import create_app
from .core.config import ConfigError
from .core.database import init_db
from .core.extensions import db
from .core.models import ROLES, Board, User, username_key
from .core.plugins import implemented_hooks
from .core.publishing import audit

REPO_DIR = Path(__file__).resolve().parent.parent
DEMO_CONFIG = REPO_DIR / "examples" / "u2plus.toml"
DEMO_PASSWORD = "demo-password"
DEMO_USERS = {"hikari": "host", "sora_mod": "moderator", "aoi": "member", "ren": "member",
              "mika": "member"}


class AppContext:
    """Builds the app once, from --config / FORUM_CONFIG / ./forum.toml."""

    def __init__(self, config: str | None) -> None:
        self.config = config
        self._app: Flask | None = None

    @property
    def app(self) -> Flask:
        if self._app is None:
            self._app = build_app(self.config)
        return self._app


def default_config() -> str | None:
    found = os.environ.get("FORUM_CONFIG") or ("forum.toml" if Path("forum.toml").exists() else None)
    return found


def build_app(config: str | None, **overrides: Any) -> Flask:
    try:
        return create_app(config, **overrides)
    except ConfigError as error:
        raise click.ClickException(f"configuration error: {error}") from None


@click.group(help="Run and manage a peer-support forum community.")
@click.option("--config", type=click.Path(dir_okay=False), default=default_config,
              help="Community TOML file (default: FORUM_CONFIG or ./forum.toml).")
@click.pass_context
def cli(ctx: click.Context, config: str | None) -> None:
    if ctx.obj is None:  # tests and embedding code may pass their own AppContext
        ctx.obj = AppContext(config)


@cli.command()
@click.pass_obj
def init(ctx: AppContext) -> None:
    """Create the database tables for the core and every enabled plugin."""
    init_db(ctx.app)
    click.echo(f"Database ready: {ctx.app.config['SQLALCHEMY_DATABASE_URI']}")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True)
@click.pass_obj
def run(ctx: AppContext, host: str, port: int) -> None:
    """Serve the community (development server; use gunicorn in production)."""
    init_db(ctx.app)
    ctx.app.run(host=host, port=port)


@cli.command()
@click.argument("folders", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False))
def translations(folders: tuple[str, ...]) -> None:
    """Extract, update and compile the en/ja catalogs of plugin FOLDERS (no config needed)."""
    from .translations import sync

    for folder in folders:
        missing = sync(Path(folder))
        click.echo(f"{folder}: " + (f"{len(missing)} Japanese entries to fill, e.g. {missing[0]!r}"
                                     if missing else "every Japanese entry is filled"))


@cli.command()
@click.pass_obj
def plugins(ctx: AppContext) -> None:
    """List the enabled plugins and the hooks each implements."""
    state = ctx.app.extensions["forum"]
    for name, module in state.plugins.items():
        hooks = implemented_hooks(state.manager, module)
        click.echo(f"{name}  ({module.__name__})")
        for hook_name in hooks:
            click.echo(f"    {hook_name}")


@cli.command("create-user")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default="member", show_default=True)
@click.password_option(help="Prompted for when not given.")
@click.pass_obj
def create_user(ctx: AppContext, name: str, role: str, password: str) -> None:
    """Create a member, moderator or host account."""
    from .core.auth import password_problem, validate_username

    with ctx.app.app_context():
        init_db(ctx.app)
        error = validate_username(name) or password_problem(password, name)
        if error:
            raise click.ClickException(error)
        user = _add_user(name, role, password)
        audit(None, "create_user", user, role=role)
        db.session.commit()
    click.echo(f"Created {role} {name!r}.")


def _add_user(name: str, role: str, password: str) -> User:
    user = User(username=name, username_key=username_key(name), role=role)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


@cli.command()
@click.option("--port", default=5000, show_default=True)
@click.option("--serve/--no-serve", default=True, help="Start the server after seeding.")
@click.option("--config", "demo_config", type=click.Path(dir_okay=False), default=str(DEMO_CONFIG),
              show_default=True, help="Example community to start.")
def demo(port: int, serve: bool, demo_config: str) -> None:
    """Create a fresh demo community with sample members and content, and serve it."""
    instance = REPO_DIR / "instance" / "demo"
    shutil.rmtree(instance, ignore_errors=True)
    os.environ.pop("DATABASE_URL", None)  # the demo always uses the embedded default
    # The demo is served on http://127.0.0.1: cookies marked Secure would never come back.
    app = build_app(demo_config, instance_path=str(instance), settings={"security": {"https": False}})
    init_db(app)
    with app.app_context():
        seed_demo(app)
    url = f"http://127.0.0.1:{port}/"
    click.echo(f"Demo community '{app.extensions['forum'].settings['community']['name']}' ready.")
    click.echo(f"Open {url}  and sign in as any of:")
    for name, role in DEMO_USERS.items():
        click.echo(f"    {name:<10} {role:<10} password: {DEMO_PASSWORD}")
    if serve:
        app.run(host="127.0.0.1", port=port)


def seed_demo(app: Flask) -> dict[str, User]:
    state = app.extensions["forum"]
    users = {name: _add_user(name, role, DEMO_PASSWORD) for name, role in DEMO_USERS.items()}
    language = state.settings["community"]["language"]
    for position, (slug, title, description) in enumerate(DEMO_BOARDS[language]):
        db.session.add(Board(slug=slug, title=title, description=description, position=position))
    db.session.commit()
    state.hook.forum_demo_content(users=users, settings=state.settings)
    return users


DEMO_BOARDS = {
    "en": [("welcome", "Welcome", "Introduce yourself and say hello."),
           ("recovery", "Recovery stories", "What has helped you, step by step.")],
    "ja": [("welcome", "はじめまして", "自己紹介やあいさつをどうぞ。"),
           ("recovery", "回復の体験談", "役に立ったことを、一歩ずつ。")],
}
def main() -> None:
    """Entry point: plugin commands are added once the community config is known."""
    config = _config_from_argv(sys.argv[1:]) or default_config()
    # Plugin commands come from a community file; without one, the built-in commands still show.
    if config is not None and not _wants_demo(sys.argv[1:]):
        try:
            app = create_app(config)
        except ConfigError as error:
            click.echo(f"Error: configuration error: {error}", err=True)
            sys.exit(2)
        app.extensions["forum"].hook.forum_cli(cli=cli)
    cli()


def _config_from_argv(args: list[str]) -> str | None:
    for index, arg in enumerate(args):
        if arg == "--config" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--config="):
            return arg.split("=", 1)[1]
    return None


def _wants_demo(args: list[str]) -> bool:
    """Is the subcommand ``demo``? (It brings its own config.)"""
    words = iter(args)
    for word in words:
        if word == "--config":
            next(words, None)
        elif not word.startswith("-"):
            return word == "demo"
    return False
