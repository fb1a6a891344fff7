"""The topic form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

TITLE_MAX = 150
BODY_MAX = 10_000


class TopicForm(FlaskForm):
    title = StringField(
        _l("Title"),
        validators=[DataRequired(_l("Give your topic a title.")),
                    Length(max=TITLE_MAX, message=_l("Keep the title under %(num)d characters.",
                                                     num=TITLE_MAX))],
    )
    body = TextAreaField(
        _l("Message"),
        validators=[DataRequired(_l("Write a message.")),
                    Length(max=BODY_MAX, message=_l("Keep your post under %(num)d characters.",
                                                    num=BODY_MAX))],
        description=_l("You can use *emphasis*, lists, > quotes and links."),
    )
