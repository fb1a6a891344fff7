"""The optional questions a participant may answer about themselves (the paper's Table 1 rows)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Question:
    field: str  # the ResearchProfile column and the export column
    label: LazyString
    choices: tuple[tuple[str, LazyString], ...]  # (stored value, label); "" means not said


YES_NO = (("yes", _l("Yes")), ("no", _l("No")))
PROFILE_QUESTIONS: tuple[Question, ...] = (
    Question(
        "gender",
        _l("Gender"),
        (("female", _l("Female")), ("male", _l("Male")), ("another", _l("Another gender"))),
    ),
    Question(
        "age_group",
        _l("Age group"),
        (
            ("under_20", _l("Under 20")),
            ("20s", _l("20-29")),
            ("30s", _l("30-39")),
            ("40s", _l("40-49")),
            ("50s", _l("50-59")),
            ("60_plus", _l("60 or over")),
        ),
    ),
    Question("medication", _l("Have you taken medication for mental health problems?"), YES_NO),
    Question(
        "psychotherapy",
        _l("Have you received psychotherapy or counselling for mental health problems?"),
        YES_NO,
    ),
)
NOT_SAID = _l("Not said")
