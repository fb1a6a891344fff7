"""Flask extensions, created once at import and bound to each app with ``init_app``."""

from typing import Any

from flask import current_app
from flask_babel import Babel, Domain
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()


class AppTranslationsDomain(Domain):
    """flask-babel caches catalogs on one process-wide object keyed by locale only, so two apps
    with different plugins (tests, or several communities in one process) would share the
    first app's catalog. Keep the cache per app."""

    def get_translations_cache(self, ctx: Any) -> dict[Any, Any]:
        return current_app.extensions.setdefault("forum_translations", {})


babel.domain_instance = AppTranslationsDomain()  # type: ignore[misc]
# Limits apply only where a view asks for one; storage is shared (Redis) on multi-server hosts.
limiter = Limiter(key_func=get_remote_address, default_limits=[])
