"""Forms of the administration pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

MODE_CHOICES = [
    SelectChoice("", _l("The community's mode")),
    SelectChoice("pre", _l("Pre-moderated: a moderator reads every post first")),
    SelectChoice("screened", _l("Screened: rules hold risky posts, the rest publish")),
    SelectChoice("post", _l("Post-moderated: everything publishes, reports are reviewed")),
]
STARTER_CHOICES = [SelectChoice("members", _l("Every member")),
                   SelectChoice("moderators", _l("Moderators and hosts only"))]
ROLE_CHOICES = [SelectChoice("member", _l("Member")), SelectChoice("moderator", _l("Moderator")),
                SelectChoice("host", _l("Host"))]
SANCTION_CHOICES = [
    SelectChoice("warn", _l("Warn: the member sees the reason once")),
    SelectChoice("silence", _l("Silence: can read, but not post or react")),
    SelectChoice("suspend", _l("Suspend: cannot sign in")),
]
DURATION_CHOICES = [SelectChoice("1", _l("1 day")), SelectChoice("3", _l("3 days")),
                    SelectChoice("7", _l("7 days")), SelectChoice("30", _l("30 days")),
                    SelectChoice("0", _l("Until lifted"))]


class BoardForm(FlaskForm):
    title = StringField(_l("Name"), validators=[DataRequired(_l("Give the board a name.")),
                                                Length(max=120)])
    slug = StringField(_l("Address"), validators=[Optional(), Length(max=60)],
                       description=_l("Shown as /b/address. Lower-case letters, digits and '-'; "
                                      "left empty, it is made from the name."))
    description = TextAreaField(_l("Description"), validators=[Length(max=2000)])
    moderation = SelectField(_l("Moderation"), choices=MODE_CHOICES, default="")
    topic_starters = RadioField(_l("Who may start topics"), choices=STARTER_CHOICES,
                                default="members")


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=ROLE_CHOICES)


class SanctionForm(FlaskForm):
    kind = RadioField(_l("What to do"), choices=SANCTION_CHOICES, default="warn",
                      validators=[DataRequired(_l("Choose what to do."))])
    days = SelectField(_l("For how long (silence, suspension)"), choices=DURATION_CHOICES,
                       default="3")
    reason = TextAreaField(_l("Reason (the member is shown it)"),
                           validators=[DataRequired(_l("Give a reason: the member is shown it.")),
                                       Length(max=2000)])


class LiftForm(FlaskForm):
    reason = StringField(_l("Note (optional)"), validators=[Length(max=500)])


class InviteForm(FlaskForm):
    label = StringField(_l("Who the code is for"),
                        validators=[DataRequired(_l("Name the group this code is for (e.g. "
                                                    "'Clinic A, spring group').")),
                                    Length(max=120)],
                        description=_l("Only hosts see this, e.g. 'Clinic A, spring group'."))
    max_uses = IntegerField(_l("How many people may use it"),
                            validators=[Optional(), NumberRange(min=1, max=100000)],
                            description=_l("Empty: no limit."))
    days = IntegerField(_l("Valid for days"), validators=[Optional(), NumberRange(min=1, max=3650)],
                        description=_l("Empty: no expiry."))
