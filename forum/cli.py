"""The ``forum`` command: a lazy command group, like Flask's.

``forum --help`` works with any community file, even a broken one (the problem is shown under the
commands). Plugin commands are loaded only when a community file is known and a plugin command
(or the command list) is asked for. A command that needs the community says so when none is given.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import click
from flask import Flask
from sqlalchemy.exc import SQLAlchemyError

from . import create_app
from .core import schema
from .core.backup import BackupError
from .core.backup import backup as backup_database
from .core.backup import restore as restore_database
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
NEEDS_CONFIG = ("needs a community file: pass --config FILE, set FORUM_CONFIG, or run it in a folder "
                "with forum.toml (`forum demo` needs none)")


# Built-in commands that work on a community (the others: demo, translations).
NEEDS_COMMUNITY = frozenset({"init", "db", "backup", "restore", "run", "plugins", "create-user"})


class ConfigProblem(click.ClickException):
    """A broken community file or database URL: one line on stderr, exit status 2."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(f"configuration error: {message}")


class AppContext:
    """The community app, built on first use from --config / FORUM_CONFIG / ./forum.toml."""

    def __init__(self, config: str | None, command: str = "this command") -> None:
        self.config = config
        self.command = command
        self._app: Flask | None = None
        self._checked = False

    @classmethod
    def of(cls, app: Flask) -> AppContext:
        """A context around an app already built (tests, embedding code)."""
        context = cls(None)
        context._app = app
        return context

    @property
    def knows_community(self) -> bool:
        return self.config is not None or self._app is not None

    @property
    def unchecked_app(self) -> Flask:
        """The app without the start-up schema check (for `forum db ...` and command lookup)."""
        if self._app is None:
            if self.config is None:
                raise click.UsageError(f"`forum {self.command}` {NEEDS_CONFIG}.")
            self._app = build_app(self.config, FORUM_SCHEMA_CHECK=False)
        return self._app

    @property
    def app(self) -> Flask:
        """The app, refusing a database that is behind the code (as the server would)."""
        app = self.unchecked_app
        if not self._checked and not app.testing:
            guard_database(lambda: schema.check_current(app))
            self._checked = True
        return app


def default_config() -> str | None:
    return os.environ.get("FORUM_CONFIG") or ("forum.toml" if Path("forum.toml").exists() else None)


def build_app(config: str | None, **overrides: Any) -> Flask:
    return guard_database(lambda: create_app(config, **overrides))


def guard_database(action: Any) -> Any:
    """Config and database problems become one line (never a traceback)."""
    try:
        return action()
    except ConfigError as error:
        raise ConfigProblem(str(error)) from None
    except SQLAlchemyError as error:
        first = str(error.orig if getattr(error, "orig", None) else error).strip().splitlines()[0]
        raise ConfigProblem(f"cannot use the database ({first}). Fix: check [database] url and that "
                            "the server is running.") from None


class ForumGroup(click.Group):
    """Built-in commands always; plugin commands from the community's plugins, looked up lazily."""

    def _plugin_commands(self, ctx: click.Context) -> dict[str, click.Command]:
        found = ctx.meta.get("forum.plugin_commands")
        if found is None:
            found = ctx.meta["forum.plugin_commands"] = {}
            config = ctx.params.get("config") or default_config()
            if config is not None or (ctx.obj is not None and ctx.obj.knows_community):
                collector = click.Group()
                if ctx.obj is None:
                    ctx.obj = AppContext(config)
                elif getattr(ctx.obj, "config", None) is None:
                    ctx.obj.config = config
                ctx.obj.unchecked_app.extensions["forum"].hook.forum_cli(cli=collector)
                found.update(collector.commands)
        return found

    def list_commands(self, ctx: click.Context) -> list[str]:
        names = set(super().list_commands(ctx))
        try:
            names |= set(self._plugin_commands(ctx))
        except click.ClickException as problem:
            ctx.meta["forum.load_problem"] = problem.format_message()
        except Exception as error:  # a broken plugin must not hide the help
            ctx.meta["forum.load_problem"] = f"{type(error).__name__}: {error}"
        return sorted(names)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        command = super().get_command(ctx, name)
        if command is not None or ctx.resilient_parsing:
            return command
        known = ctx.obj is not None and ctx.obj.knows_community
        if not known and (ctx.params.get("config") or default_config()) is None:
            raise click.UsageError(f"No such command {name!r}. Plugin commands (such as `forum screen` of "
                                   f"the moderation plugin) come from a community file: pass --config FILE "
                                   f"or set FORUM_CONFIG.")
        command = self._plugin_commands(ctx).get(name)
        if command is None:
            enabled = ", ".join(ctx.obj.unchecked_app.extensions["forum"].plugins) or "none"
            raise click.UsageError(f"No such command {name!r} in this community (plugins: {enabled}). Fix: "
                                   "enable the plugin that provides it in [plugins] enabled.")
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_commands(ctx, formatter)
        problem = ctx.meta.get("forum.load_problem")
        if problem:
            with formatter.section("Plugin commands not shown"):
                formatter.write_text(problem)


@click.group(cls=ForumGroup, help="Run and manage a peer-support forum community.")
@click.option("--config", type=click.Path(dir_okay=False), default=None, is_eager=True,
              help="Community TOML file (default: FORUM_CONFIG or ./forum.toml).")
@click.pass_context
def cli(ctx: click.Context, config: str | None) -> None:
    if ctx.obj is None:  # tests and embedding code may pass their own AppContext
        ctx.obj = AppContext(config or default_config())
    elif getattr(ctx.obj, "config", None) is None:
        ctx.obj.config = config or default_config()
    ctx.obj.command = ctx.invoked_subcommand or "this command"
    if not ctx.obj.knows_community and ctx.invoked_subcommand in NEEDS_COMMUNITY:  # before any prompt
        raise click.UsageError(f"`forum {ctx.invoked_subcommand}` {NEEDS_CONFIG}.")


@cli.command()
@click.pass_obj
def init(ctx: AppContext) -> None:
    """Create or upgrade the database (an alias of `forum db upgrade`)."""
    _upgrade(ctx)


@cli.group("db")
def db_group() -> None:
    """Schema migrations: upgrade, current, revision."""


@db_group.command("upgrade")
@click.pass_obj
def db_upgrade(ctx: AppContext) -> None:
    """Bring the core's and every enabled plugin's tables to the newest revision."""
    _upgrade(ctx)


def _upgrade(ctx: AppContext) -> None:
    app = ctx.unchecked_app
    done = guard_database(lambda: init_db(app))
    click.echo(f"Database ready: {app.config['SQLALCHEMY_DATABASE_URI']}")
    for name, revision in done:
        click.echo(f"    {name:<16} {revision}")


@db_group.command("current")
@click.pass_obj
def db_current(ctx: AppContext) -> None:
    """Show each component's revision in the database and in the code."""
    app = ctx.unchecked_app
    behind = False
    for name, current, heads in guard_database(lambda: schema.status(app)):
        state = "up to date" if current == heads else f"behind, newest {'+'.join(heads)}"
        behind = behind or current != heads
        click.echo(f"{name:<16} {'+'.join(current) or 'empty':<20} {state}")
    if behind:
        click.echo("Run `forum db upgrade` to upgrade.")


@db_group.command("revision")
@click.option("--plugin", "component", default="core", show_default=True,
              help="whose history: core, or an enabled plugin's name")
@click.option("-m", "--message", required=True, help="what the change is, in a few words")
@click.option("--empty", is_flag=True, help="write an empty revision (for a data migration)")
@click.pass_obj
def db_revision(ctx: AppContext, component: str, message: str, empty: bool) -> None:
    """Write the next revision of one history, compared with an upgraded database."""
    app = ctx.unchecked_app
    script = guard_database(lambda: schema.new_revision(app, component, message, autogenerate=not empty))
    click.echo(f"Wrote {script.path}: check it, then run `forum db upgrade`.")


@cli.command()
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def backup(ctx: AppContext, target: Path) -> None:
    """Write a consistent copy of the database to TARGET (safe while the forum runs)."""
    try:
        click.echo(backup_database(ctx.app, target))
    except BackupError as error:
        raise click.ClickException(str(error)) from None


@cli.command()
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.confirmation_option(prompt="Replace the whole database with the backup?")
@click.pass_obj
def restore(ctx: AppContext, source: Path) -> None:
    """Replace the database with a backup from `forum backup`, then upgrade and reindex."""
    try:
        click.echo(guard_database(lambda: restore_database(ctx.unchecked_app, source)))
    except BackupError as error:
        raise click.ClickException(str(error)) from None


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True)
@click.pass_obj
def run(ctx: AppContext, host: str, port: int) -> None:
    """Serve the community (development server; use gunicorn in production)."""
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
    state = ctx.unchecked_app.extensions["forum"]  # no database needed
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
@click.option("--instance", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the demo's database, index and keys (default: a new temporary folder, so "
                   "two demos never share files). Must be empty or absent.")
def demo(port: int, serve: bool, demo_config: str, instance: Path | None) -> None:
    """Create a fresh demo community with sample members and content, and serve it."""
    if instance is None:
        instance = Path(tempfile.mkdtemp(prefix="forum-demo-"))
    elif instance.exists() and any(instance.iterdir()):
        raise click.UsageError(f"--instance {instance} is not empty; pass a new or empty folder (the demo "
                               "never reuses another community's files).")
    os.environ.pop("DATABASE_URL", None)  # the demo always uses the embedded default
    # The demo is served on http://127.0.0.1: cookies marked Secure would never come back.
    app = build_app(demo_config, instance_path=str(instance), settings={"security": {"https": False}},
                    FORUM_SCHEMA_CHECK=False)
    guard_database(lambda: init_db(app))
    with app.app_context():
        seed_demo(app)
    url = f"http://127.0.0.1:{port}/"
    name = app.extensions["forum"].settings["community"]["name"]
    click.echo(f"Demo community '{name}' ready in {instance}.")
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
    """Entry point (``forum``)."""
    cli(prog_name="forum")
