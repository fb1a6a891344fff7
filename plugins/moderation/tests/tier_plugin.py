"""A screening rule for the tests that sets risk tiers as the rewritten self-harm rules will.

"I feel like a burden to everyone" is the check-in tier (FLAG: published, queued for a
check-in); "I have a plan for tonight" is the urgent tier (HOLD). Enable it with
``plugins=["moderation", TIERS]``.
"""

from __future__ import annotations

from forum.core.api import Action, ScreenContext, Verdict, hookimpl

CHECK_IN_TEXT = "I feel like a burden to everyone"
URGENT_TEXT = "I have a plan for tonight"


@hookimpl
def forum_screen(text: str, context: ScreenContext) -> list[Verdict]:
    if URGENT_TEXT.casefold() in text.casefold():
        return [Verdict("tiers", Action.HOLD, "Possible suicide plan", severity=5, urgent=True, crisis=True,
                        tier="urgent", constructs=("plan", "time"))]
    if CHECK_IN_TEXT.casefold() in text.casefold():
        return [Verdict("tiers", Action.FLAG, "Perceived burdensomeness", severity=3, crisis=True,
                        tier="check_in", constructs=("burden",))]
    return []
