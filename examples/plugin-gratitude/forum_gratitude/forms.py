"""The entry form: three things that went well, why, and who may see them."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, Length, Optional

THING_MAX = 200
FIELDS = ("first", "second", "third")
VISIBILITIES = [SelectChoice("private", _l("Only me (private)")),
                SelectChoice("community", _l("Share with the community"))]


def thing(label: str, required: bool) -> StringField:
    return StringField(label, validators=[
        DataRequired(_l("Write at least one good thing.")) if required else Optional(),
        Length(max=THING_MAX, message=_l("Keep it under %(num)d characters.", num=THING_MAX))])


class GratitudeForm(FlaskForm):
    first = thing(_l("First good thing"), required=True)
    second = thing(_l("Second good thing"), required=False)
    third = thing(_l("Third good thing"), required=False)
    why = TextAreaField(_l("Why did they go well? (optional)"),
                        validators=[Optional(), Length(max=1000)])
    visibility = RadioField(
        _l("Who can see this entry?"), choices=VISIBILITIES, default="private",
        validators=[AnyOf([choice.value for choice in VISIBILITIES],
                          message=_l("Choose who can see this entry."))],
        validate_choice=False)

    def texts(self) -> dict[str, str]:
        """Every member-written field, for screening (stored in the item's data, ``why`` as body)."""
        texts = {name: (self[name].data or "").strip() for name in FIELDS}
        texts["body"] = (self.why.data or "").strip()
        return texts
