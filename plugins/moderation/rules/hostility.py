"""Insults and derogatory language aimed at others, in English and Japanese: hold.

Two lists. ``DIRECTED`` phrases are aimed at someone by their form ('you are an idiot',
'shut up', '死ね', '消えろ') and always fire. ``NAMES`` are insulting words on their own
('loser', 'バカ'); they fire unless the clause before them speaks of the writer ('I feel
like an idiot', '私ってバカだな'), which is self-talk a peer-support community must allow.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from flask_babel import gettext as _

from .base import Rule, about_oneself, unless_benign
from .text import WordPattern, compile_phrases, skeleton

_YOU_ARE = "{you re,youre,you are,u r,ur,r u,are you,your a,your an,ur a,ur an}"  # 'your' for 'you're'
_SO = ("{,a ,an ,such a ,such an ,so ,really ,a total ,a complete ,an absolute ,a fucking ,just a ,"
       "the biggest }")
_INSULT_ADJECTIVES = ("{stupid,pathetic,worthless,useless,disgusting,ugly,dumb,retarded,brainless,"
                      "a joke,a waste of space,a piece of shit,trash,garbage,scum,fake,attention seeking}")
_INSULT_NOUNS = ("{idiot,moron,loser,imbecile,retard,freak,failure,joke,dumbass,jerk,creep,bitch,"
                 "bastard,asshole,cunt,twat,prick,wanker,attention seeker,clown}")

DIRECTED_EN = [
    f"{_YOU_ARE} {_SO}{_INSULT_ADJECTIVES}",
    f"{_YOU_ARE} {_SO}{_INSULT_NOUNS}",
    "{you,u,ya} {,stupid ,dumb ,pathetic ,fat ,ugly ,worthless ,useless ,fucking }" + _INSULT_NOUNS,
    "shut up", "shut the fuck up", "stfu",
    "{nobody,no one,noone} {cares,gives a shit,gives a damn} about you",
    "{nobody,no one,noone} {likes,loves,wants} you",
    "{everyone,everybody} hates you",
    "go {away,to hell,die,kill yourself}", "{kill,hang} yourself", "kys", "drop dead",
    "you should {die,just die,kill yourself,disappear}",
    "{fuck,screw} {you,off}", "get lost",
    "{the world,everyone,we} would be better {off ,}without you",
    "you deserve to {suffer,die}",
]

NAMES_EN = ["idiot", "idiots", "moron", "morons", "loser", "losers", "imbecile", "retard", "retards",
            "dumbass", "jackass", "scumbag", "bitch", "bastard", "asshole", "cunt", "twat", "prick",
            "wanker"]

DIRECTED_JA = [
    "死ね", "氏ね", "タヒね", "シネ", "消えろ", "失せろ", "黙れ", "消えて{くれ,ほしい,欲しい}", "いなくなれ",
    "お前なんか", "おまえなんか", "てめえ", "てめー", "テメエ", "テメー",
    "{お前,おまえ,あんた}{は,って,みたいな,}{バカ,馬鹿,ばか,アホ,あほ,クズ,ゴミ,カス}",
    "キモい", "きもい", "キモすぎ", "きもすぎ", "きしょい", "キショい",
    "うざい", "ウザい", "うぜえ", "うぜー", "ウゼー", "ウザすぎ", "うざすぎ",
    "役立たず", "誰も{お前,おまえ,あなた,あんた}{を,のこと}",
]

NAMES_JA = ["バカ", "馬鹿", "ばか", "アホ", "あほ", "クズ", "カス", "ブス", "デブ"]

BENIGN = [
    "死ね{る,ない,なかった,ば,たら,ます}",  # 'could die', 'if I died': not commands (self-harm rule's job)
    "シネマ",  # cinema
    "ばかり", "ばかし", "バカンス",  # 'only', 'vacation'
    "カス{タ,テ,ト}",  # custom, castella, ...
    "shut up shop",
]

FIRST_PERSON = ["i", "i m", "im", "me", "my", "myself", "i ve", "i feel", "i am",
                "私", "わたし", "僕", "ぼく", "俺", "自分", "あたし"]
SECOND_PERSON = ["you", "u", "ur", "your", "ya", "お前", "おまえ", "あなた", "あんた", "てめえ", "君", "きみ"]


class _Patterns(NamedTuple):
    directed: WordPattern
    names: WordPattern
    benign: WordPattern
    first_person: WordPattern
    second_person: WordPattern


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    """Compiled once per process: the phrase lists are fixed."""
    return _Patterns(compile_phrases(DIRECTED_EN + DIRECTED_JA), compile_phrases(NAMES_EN + NAMES_JA),
                     compile_phrases(BENIGN), compile_phrases(FIRST_PERSON), compile_phrases(SECOND_PERSON))


class HostilityRule(Rule):
    name = "hostility"
    severity = 3

    def __init__(self, settings: dict) -> None:
        super().__init__(settings)
        self.patterns = _patterns()

    def find(self, text: str) -> list[str]:
        form = skeleton(text)
        patterns = self.patterns
        found = [m.group() for m in unless_benign(patterns.directed, patterns.benign, form)]
        return found + [
            m.group() for m in unless_benign(patterns.names, patterns.benign, form)
            if not about_oneself(form, m.start(), patterns.first_person, patterns.second_person)
        ]

    def reason(self, found: str) -> str:
        return _("Hostile or insulting language: %(words)s", words=found)

    def member_message(self) -> str:
        return _("This is a kind community, and some words in your post could hurt someone. "
                 "A moderator will read it.")
