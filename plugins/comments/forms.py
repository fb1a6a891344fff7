from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from forum.core.api import settings


class ReplyForm(FlaskForm):
    body = TextAreaField(_l("Your reply"), validators=[DataRequired(_l("Write a reply first."))],
                         description=_l("Be kind. Replies are read by trained moderators."))

    def validate_body(self, field: TextAreaField) -> None:
        limit = settings()["comments"]["max_length"]
        Length(max=limit, message=_l("Keep your reply under %(num)d characters.", num=limit))(self, field)
