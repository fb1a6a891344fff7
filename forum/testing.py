"""Pytest fixtures for the forum and its plugins (``pytest_plugins = ["forum.testing"]``).

Every test gets a fresh app on a real database: SQLite in a temporary folder, and also
PostgreSQL when ``FORUM_TEST_DATABASE_URL`` is set (each test runs once per backend).
On PostgreSQL each pytest process works in its own schema, so parallel runs don't collide.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
from collections.abc import Callable, Iterator
from email import message_from_bytes, policy
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import Markup
from sqlalchemy import create_engine, select, text
from werkzeug.security import generate_password_hash
from werkzeug.serving import make_server

from . import create_app
from .core.database import init_fresh_db
from .core.extensions import db
from .core.models import Board, Item, User, username_key
from .core.plugins import hookimpl

PASSWORD = "correct horse battery"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
PG_SCHEMA = f"forum_test_{os.getpid()}"


def _backends() -> list[str]:
    return ["sqlite", "postgresql"] if os.environ.get("FORUM_TEST_DATABASE_URL") else ["sqlite"]


@pytest.fixture(scope="session")
def _pg_schema() -> Iterator[str]:
    url = os.environ["FORUM_TEST_DATABASE_URL"]
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{PG_SCHEMA}"'))
    yield url
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{PG_SCHEMA}" CASCADE'))
    engine.dispose()


@pytest.fixture(params=_backends())
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'forum.sqlite'}"
        return
    url = request.getfixturevalue("_pg_schema")
    yield url
    engine = create_engine(url, connect_args={"options": f"-csearch_path={PG_SCHEMA}"})
    with engine.begin() as connection:
        tables = connection.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = :schema"), {"schema": PG_SCHEMA}
        ).scalars().all()
        if tables:
            names = ", ".join(f'"{PG_SCHEMA}"."{name}"' for name in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()


AppFactory = Callable[..., Flask]


@pytest.fixture
def make_app(database_url: str, tmp_path: Path) -> Iterator[AppFactory]:
    """Build an app: ``make_app(plugins=[...], community={...}, <table>={...}, config=path)``."""
    made: list[Flask] = []

    def factory(plugins: list[str] | None = None, config: str | None = None, **tables: Any) -> Flask:
        settings: dict[str, dict[str, Any]] = {"plugins": {"enabled": plugins or []}}
        if config is not None and plugins is None:
            settings.pop("plugins")
        settings["community"] = {"public_read": True, **tables.pop("community", {})}
        if config is None and not {"moderation", "plugins.moderation"} & set(plugins or []):
            # Without a review queue the core refuses "screened" (its default); a test that
            # holds items enables the moderation plugin or a test plugin that reviews.
            settings["community"].setdefault("moderation", "post")
        # Page caching for visitors is tested on its own; elsewhere it would hide changes.
        settings["cache"] = {"anonymous_seconds": 0, **tables.pop("cache", {})}
        flask_config = tables.pop("flask", {})
        settings.update(tables)
        engine_options: dict[str, Any] = {"pool_pre_ping": True}
        if database_url.startswith("postgresql"):
            engine_options["connect_args"] = {"options": f"-csearch_path={PG_SCHEMA}"}
        flask_config = {
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "SECRET_KEY": "test",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SQLALCHEMY_ENGINE_OPTIONS": engine_options,
            **flask_config,
        }
        app = create_app(config, settings=settings, instance_path=str(tmp_path / f"instance{len(made)}"),
                         **flask_config)
        init_fresh_db(app)  # create_all + stamp: the migrations themselves run in test_migrations
        made.append(app)
        return app

    yield factory
    for app in made:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(make_app: AppFactory) -> Flask:
    """The core alone (no plugins), readable without signing in."""
    return make_app()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def add_user(app: Flask, name: str, role: str = "member", password: str = PASSWORD) -> User:
    """Create a member directly in the database (returns a detached User with its id)."""
    with app.app_context():
        # A cheap hash keeps setup fast; the app's own registration uses scrypt.
        user = User(username=name, username_key=username_key(name), role=role,
                    password_hash=generate_password_hash(password, method="pbkdf2:sha256:1000"))
        db.session.add(user)
        db.session.commit()
        db.session.refresh(user)
        db.session.expunge(user)
        return user


def add_board(app: Flask, slug: str = "general", title: str = "General") -> int:
    with app.app_context():
        board = Board(slug=slug, title=title, description="")
        db.session.add(board)
        db.session.commit()
        return board.id


def csrf_token(client: FlaskClient, path: str) -> str:
    """The CSRF token of the first form on ``path`` ("" when CSRF is off)."""
    page = client.get(path).get_data(as_text=True)
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    return found.group(1) if found else ""


def login(client: FlaskClient, name: str, password: str = PASSWORD) -> None:
    data = {"username": name, "password": password, "csrf_token": csrf_token(client, "/login")}
    response = client.post("/login", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)


def member_client(app: Flask, name: str, role: str = "member") -> FlaskClient:
    """A test client signed in as a new member called ``name``."""
    add_user(app, name, role)
    client = app.test_client()
    login(client, name)
    return client


class LiveServer:
    def __init__(self, app: Flask) -> None:
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.shutdown()
        self.thread.join(timeout=5)


@pytest.fixture
def live_server() -> Iterator[Callable[[Flask], LiveServer]]:
    """``with live_server(app) as server: page.goto(server.url)`` serves ``app`` on loopback."""
    servers: list[LiveServer] = []

    def start(app: Flask) -> LiveServer:
        server = LiveServer(app).__enter__()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.__exit__()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium through Playwright; never a downloaded browser.

    Missing Chromium skips the test on a developer machine and fails it in CI (``CI`` set).
    """
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        message = f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def open_menu(page: Any) -> Any:
    """Open the header's menu (a ``<details>``: on a phone its links are folded), as a member
    taps "Menu"; nothing to do on a desktop, where the links show. Returns ``page``."""
    summary = page.locator("header.site details.menu > summary")
    if summary.is_visible() and page.locator("header.site details.menu[open]").count() == 0:
        summary.click()
    return page


def browser_sign_in(page: Any, base_url: str, name: str, password: str = PASSWORD) -> None:
    """Sign in through the real form, as a member would, and wait for the signed-in page."""
    page.goto(f"{base_url}/login")
    page.get_by_label("Pseudonym").fill(name)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.locator("header.site form[action$='/logout']").wait_for(state="attached")


DEMO_MEMBERS = ("aoi", "ren", "mika")


def add_demo_content(app: Flask, names: tuple[str, ...] = DEMO_MEMBERS) -> None:
    """Create members ``names`` and run every plugin's ``forum_demo_content`` as ``forum demo`` does."""
    for name in names:
        add_user(app, name)
    with app.test_request_context():
        users = {user.username: user for user in db.session.scalars(select(User))}
        state = app.extensions["forum"]
        state.hook.forum_demo_content(users=users, settings=state.settings)


class UsageEvents(list):
    """``(member, function)`` pairs reported through ``forum_usage_event`` (sign-in days left out)."""

    @hookimpl
    def forum_usage_event(self, user: User, function: str) -> None:
        if function != "sign_in":
            self.append((user.username, function))


def record_usage_events(app: Flask) -> UsageEvents:
    """Collect the usage events ``app`` reports from now on."""
    events = UsageEvents()
    app.extensions["forum"].manager.register(events)
    return events


# The fake content type "note" (pages under /notes/): enable it next to a plugin that answers,
# screens or lists member entries, instead of a real content plugin.
NOTE_PLUGIN = "forum.testing_plugins.note"


class FooterMarks:
    """Writes ``<p data-footer-of="<id>">`` under every item, as reactions or comments would."""

    @hookimpl
    def forum_item_footers(self, items: list[Item], viewer: User | None) -> dict[int, Markup]:
        return {item.id: Markup('<p data-footer-of="{}"></p>').format(item.id) for item in items}


def mark_item_footers(app: Flask) -> None:
    """Let a content plugin's tests check that its pages show the item footer, with no other plugin."""
    app.extensions["forum"].manager.register(FooterMarks())


# --- a real SMTP server on loopback (e-mail sent by background jobs) ---------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """aiosmtpd handler: keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.recipients: list[list[str]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted"


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, Mailbox]]:
    from aiosmtpd.controller import Controller  # the test extra

    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, mailbox
    controller.stop()
