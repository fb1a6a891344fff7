"""Self-harm and suicide risk, in English and Japanese: hold, urgent, crisis path.

Matching runs on the text's ``skeleton`` (leetspeak, spacing, punctuation and repeated
letters undone). English phrases match on word boundaries; Japanese ones, written without
spaces, as substrings. Everyday figures of speech ('this joke killed me', 'dying to see the
film', 'the battery died', 'killing it at work') contain none of these phrases; the few that
do ('Suicide Squad', 'killing myself laughing', 'わたしにたいして') are listed as benign.
"""

from __future__ import annotations

from functools import lru_cache

from flask_babel import gettext as _

from .base import Rule, unless_benign
from .text import WordPattern, compile_phrases, skeleton

RISK_EN = [
    "{kill,killing,killed,kills} my{, }self",
    "{unalive,unaliving} {myself,my self,me}",
    "{end,ending,ended} {my life,my own life,it all,things for good}",
    "{take,taking} my {own ,}life",
    "{want,wanna,wanted,wanting} to die", "wanna die",
    "i wish i {was,were} dead", "i wish i {could,would} die", "i d rather be dead",
    "better off dead",
    "{everyone,everybody,they,people,the world} {would be,d be,is,are} better off without me",
    "suicide", "suicidal", "suicidally",
    "self {harm,harming,harmed,injury,injuring}",
    "{cut,cutting,burn,burning,hurt,hurting,harm,harming,hang,hanging} my{, }self",
    "{slit,slitting,cut,cutting} my wrist{,s}",
    "{overdose,overdosed,overdosing}",
    "no reason to {live,go on,keep going,be alive}",
    "nothing {,left }to live for",
    "{not,isn t,is not} worth living",
    "{don t,do not,dont} want to {live,be alive,exist,wake up} {,any more,anymore}",
]

BENIGN_EN = [
    "suicide squad",
    "{kill,killing,killed} my{, }self {laughing,with laughter}",
]

RISK_JA = [
    "死にた{い,く,かった,すぎ}", "しにたい", "シニタイ", "タヒにたい", "氏にたい",
    "死のう", "死んでしまいたい", "死んだ{方,ほう}が{いい,まし,マシ,楽}", "死ねたら", "死ぬしかない",
    "死ぬつもり",
    "消えたい", "消えてしまいたい", "消えてなくなりたい", "きえたい", "いなくなりたい",
    "自殺", "自死", "自傷", "リスカ", "リストカット", "アムカ", "手首を切",
    "首を吊", "首を括", "首吊り", "首つり", "飛び降りたい", "飛び降りよう", "飛び降りる",
    "生きていたくない", "生きたくない", "生きてい{る,く}意味{が,}{ない,無い}",
    "生きてる意味{が,}{ない,無い}", "生きる意味{が,}{ない,無い}",
    "楽になりたい", "命を絶", "オーバードーズ", "od{した,する,しよう,しちゃ}",
]

BENIGN_JA = [
    "しにたいし{て,た}", "しにたいする",  # ...わたしにたいして: 'towards me'
    "死にたくない",  # 'I don't want to die': a negation, not a wish
]


@lru_cache(maxsize=1)
def _patterns() -> tuple[WordPattern, WordPattern]:
    """Compiled once per process: the phrase lists are fixed."""
    return (compile_phrases(RISK_EN + RISK_JA),
            compile_phrases(BENIGN_EN + BENIGN_JA))


class SelfHarmRule(Rule):
    name = "self_harm"
    severity = 5
    urgent = True
    crisis = True

    def __init__(self, settings: dict) -> None:
        super().__init__(settings)
        self.risk, self.benign = _patterns()

    def find(self, text: str) -> list[str]:
        return [m.group() for m in unless_benign(self.risk, self.benign, skeleton(text))]

    def reason(self, found: str) -> str:
        return _("Possible self-harm or suicide risk: %(words)s", words=found)

    def member_message(self) -> str:
        return _("Thank you for telling us how you feel. You don't have to go through this alone: a "
                 "moderator will read what you wrote soon, and the people below can listen right now.")
