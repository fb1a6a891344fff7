"""The application factory: config -> plugins -> extensions -> blueprints."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from flask import Flask, g
from flask_babel import get_translations
from jinja2 import ChoiceLoader, FileSystemLoader
from markupsafe import Markup

from . import account, auth, views
from .auth import registration_mode, sign_out_refused_members, viewer
from .config import (
    CORE_SCHEMA,
    apply_environment,
    check_crisis_resources,
    read_config_file,
    validate,
)
from .content import safe_html
from .database import enable_sqlite_foreign_keys, engine_options, redis_options
from .delivery import init_delivery
from .errors import init_errors
from .extensions import babel, csrf, db, limiter, login_manager
from .forms import compose_fields
from .idempotency import init_idempotency
from .plugins import (
    ForumState,
    check_moderation_mode,
    collect_content_types,
    collect_policies,
    load_plugins,
    new_manager,
    plugin_dir,
    plugin_owning_table,
)
from .publishing import audit_action_name, current_nudge, item_url
from .schema import check_at_start_up
from .security import bound_url_ids, init_security
from .templating import byline, field_text, item_body, item_footer, local_time, profile_url
from .types import NavItem, Section
from .usage import init_usage

CORE_DIR = Path(__file__).parent


def create_app(config_path: str | os.PathLike[str] | None = None, *, builtins: Sequence[str] = (),
               **overrides: Any) -> Flask:
    """Build a forum app for one community.

    ``builtins`` names the always-on plugins (``forum.create_app`` passes the engine's own
    features); the core itself names none.

    ``config_path`` (or ``FORUM_CONFIG``) names the community TOML file. ``overrides`` set
    Flask config keys (``TESTING=True``) or, as ``settings={"table": {...}}``, config values.
    Raises ``ConfigError`` with a message naming the file, the key and the fix.
    """
    config_path = config_path or os.environ.get("FORUM_CONFIG") or None
    raw, source = read_config_file(config_path)
    for table, values in overrides.pop("settings", {}).items():
        raw.setdefault(table, {}).update(values)

    instance_path = overrides.pop("instance_path", None) or os.environ.get("FORUM_INSTANCE")
    app = Flask("forum", instance_path=str(Path(instance_path).resolve()) if instance_path else None,
                template_folder=str(CORE_DIR / "templates"), static_folder=str(CORE_DIR / "static"))
    app.config["FORUM_CONFIG_DIR"] = str(Path(config_path).resolve().parent) if config_path else "."

    manager = new_manager()
    config_dir = Path(app.config["FORUM_CONFIG_DIR"])
    enabled = validate({"plugins": raw.get("plugins", {})}, {"plugins": CORE_SCHEMA["plugins"]},
                       source, config_dir)["plugins"]["enabled"]
    plugins = load_plugins(manager, enabled, source, builtins)
    schema = dict(CORE_SCHEMA)
    for declared in manager.hook.forum_settings_schema():
        for table, section in declared.items():
            schema[table] = _merge_section(schema.get(table), section)
    settings = validate(raw, schema, source, config_dir, owner_of=plugin_owning_table)
    check_crisis_resources(settings, source)
    apply_environment(settings, Path(app.instance_path))

    state = ForumState(settings=settings, source=source, manager=manager, plugins=plugins)
    app.extensions["forum"] = state
    _configure_flask(app, settings, overrides)
    _add_plugin_folders(app, state)
    _init_extensions(app, settings)
    bound_url_ids(app)
    app.register_blueprint(auth.bp)
    app.register_blueprint(views.bp)
    app.register_blueprint(account.bp)
    collect_content_types(state)
    collect_policies(state)
    with app.app_context():  # so plugins may use forum.core.api (register_plugin, content_types)
        manager.hook.forum_configure(app=app, settings=settings)
    check_moderation_mode(state)
    _add_template_context(app, state)
    init_security(app)
    init_delivery(app)
    init_usage(app)
    init_errors(app)
    init_idempotency(app)
    if app.config.get("FORUM_SCHEMA_CHECK", not app.testing):  # tests build their own schema
        check_at_start_up(app)
    return app


def _merge_section(known: Section | None, added: Section) -> Section:
    """A plugin may add keys to a table the core owns (e.g. ``[community] timezone``)."""
    if known is None:
        return added
    return Section({**added.settings, **known.settings}, known.any_key or added.any_key)


def _configure_flask(app: Flask, settings: dict[str, dict[str, Any]], overrides: dict[str, Any]) -> None:
    app.config.update(
        SECRET_KEY=settings["community"]["secret_key"],
        SQLALCHEMY_DATABASE_URI=settings["database"]["url"],
        SQLALCHEMY_ENGINE_OPTIONS=engine_options(settings["database"]["url"],
                                                 settings["database"]["timeout_seconds"]),
        BABEL_DEFAULT_LOCALE=settings["community"]["language"],
        RATELIMIT_STORAGE_URI=settings["limits"]["storage_uri"],
        RATELIMIT_HEADERS_ENABLED=False,
        # Redis for the limits unreachable: count in each process meanwhile, never a 500.
        RATELIMIT_STORAGE_OPTIONS=redis_options(settings["database"]["timeout_seconds"])
        if settings["limits"]["storage_uri"].startswith(("redis", "rediss")) else {},
        RATELIMIT_IN_MEMORY_FALLBACK_ENABLED=True,
        RATELIMIT_SWALLOW_ERRORS=True,
        WTF_CSRF_TIME_LIMIT=None,  # a long post written on a slow phone must not expire
    )
    app.config.update(overrides)


def _add_plugin_folders(app: Flask, state: ForumState) -> None:
    """Each package plugin's templates/ and translations/ join the app's, by convention."""
    template_dirs: list[str] = []
    translation_dirs = [str(CORE_DIR / "translations")]
    for module in state.plugins.values():
        folder = plugin_dir(module)
        if folder is None:
            continue
        if (folder / "templates").is_dir():
            template_dirs.append(str(folder / "templates"))
        if (folder / "translations").is_dir():
            translation_dirs.append(str(folder / "translations"))
    app.jinja_loader = ChoiceLoader([app.jinja_loader, *(FileSystemLoader(d) for d in template_dirs)])
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(translation_dirs)


def _init_extensions(app: Flask, settings: dict[str, dict[str, Any]]) -> None:
    enable_sqlite_foreign_keys()
    db.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None  # type: ignore[assignment]
    babel.init_app(app, locale_selector=lambda: settings["community"]["language"])
    _install_cached_gettext(app)


def _install_cached_gettext(app: Flask) -> None:
    """Templates call ``_()`` dozens of times a page; flask-babel looks the catalog up on each
    call (~80 µs). A community has one language, so load its catalog once per app."""
    cached: list[Any] = []

    def translations() -> Any:
        if not cached:
            cached.append(get_translations())
        return cached[0]

    # Jinja's "newstyle" wrappers escape and apply %(name)s values themselves.
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        lambda text: translations().ugettext(text),
        lambda singular, plural, n: translations().ungettext(singular, plural, n),
        newstyle=True,
    )


def _add_template_context(app: Flask, state: ForumState) -> None:
    app.jinja_env.globals.update(item_url=item_url, safe_html=safe_html, item_byline=byline,
                                 profile_url=profile_url, registration_mode=registration_mode,
                                 item_body=item_body, compose_fields=compose_fields,
                                 screening_nudge=current_nudge, viewer_sections=views.viewer_sections,
                                 field_text=field_text, header_items=lambda: _header_items(state),
                                 audit_action_name=audit_action_name)
    app.jinja_env.filters["local_time"] = local_time  # every date a person reads
    app.before_request(sign_out_refused_members)
    app.jinja_env.add_extension("jinja2.ext.do")

    @app.context_processor
    def forum_context() -> dict[str, Any]:
        return {"community": state.settings["community"], "nav_items": _nav_items(state),
                "item_footer": item_footer}



def _header_items(state: ForumState) -> Markup:
    """The plugins' header pieces (``forum_header_items``), called by base.html once a page."""
    found = [html for answer in state.hook.forum_header_items(user=viewer()) for html in answer or ()]
    return Markup("").join(found)


def _nav_items(state: ForumState) -> list[NavItem]:
    """Once per request: every ``render_template`` runs the context processor (a page that
    renders a fragment per item would otherwise ask every plugin for its links each time)."""
    if "forum_nav_items" not in g:
        found = [nav for answer in state.hook.forum_nav_items(user=viewer()) for nav in answer or ()]
        g.forum_nav_items = sorted(found, key=lambda nav: nav.order)
    return g.forum_nav_items


