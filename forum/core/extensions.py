"""Flask extensions, created once at import and bound to each app with ``init_app``."""

from flask_babel import Babel
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
# Limits apply only where a view asks for one; storage is shared (Redis) on multi-server hosts.
limiter = Limiter(key_func=get_remote_address, default_limits=[])
