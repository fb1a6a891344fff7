# ruff: noqa: E501  (phrase lists read best one construct per line)
"""The clinical Suicide Risk Lexicon (Apache-2.0, shipped in ``../lexicon`` with its NOTICE),
read into phrases per screening construct.

Each column of ``lexicon_validated.csv`` is a construct: four header rows, then the phrases
clinicians kept, first as written and then lemmatised ("wish I be dead"); only the written
forms are used. Constructs map to the self-harm rule's constructs; the broad ones (depressed
mood, loneliness, emotional pain, ...) are weak signals that count only several together.
Phrases that everyday text uses in other senses ("cutting", "killing me", "it's over") are
left out here, by name.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

# Lexicon construct -> our construct (see self_harm.CONSTRUCTS).
MAPPED = {
    "Passive suicidal ideation": "passive ideation",
    "Active suicidal ideation & suicidal planning": "active ideation",
    "Direct self-injury": "self-injury",
    "Other suicidal language": "suicidal language",
    "Hopelessness": "hopelessness",
    "Burdensomeness": "burden",
    "Entrapment & desire to escape": "entrapment",
    "Lethal means for suicide": "method",
}
WEAK = {
    "Depressed mood": "low mood",
    "Loneliness & isolation": "loneliness",
    "Emptiness": "emptiness",
    "Shame, self-disgust, & worthlessness": "worthlessness",
    "Emotional pain & psychache": "emotional pain",
    "Existential meaninglessness & purposelessness": "meaninglessness",
    "Anhedonia & uninterested": "anhedonia",
    "Defeat & feeling like a failure": "defeat",
    "Fatigue & tired": "exhaustion",
}
# Kept only as single words for weak signals; for the tiered constructs a single word must be
# one of these to count (most single words are too broad: 'bother', 'escape', 'poison').
SINGLE_WORDS = {"hopeless", "hopelessness", "futureless", "suicidal", "suicidality", "suicide", "kms",
                "overdosing", "nssi", "dermatillomania", "trichotillomania", "self-harm", "self-injury",
                "self-injurious"}
TOO_BROAD = {
    # active ideation / suicidal language used in other senses
    "attempt", "cutting", "drowning", "poison", "killing me", "on the edge", "quick and easy",
    "quick and painless", "easy and painless", "i'll die", "i'll be dead", "will be dead", "make a will",
    "write a will", "crash my car", "wreck my car", "wreck my truck", "slam my car", "suffocation",
    "carbon monoxide", "dying", "fatal", "farewell", "kill me", "i'm dying", "crisis center",
    "crisis hotline", "crisis text line", "safety plan", "safety check", "being saved", "severe depression",
    "body bag", "my demise", "i will be dying", "nothing to lose", "suicidal behavior", "od", "drive my car into",
    "i'm sinking", "my death", "when i die", "if i live or die", "life is shit", "giving up", "escape from reality",
    "oblivion", "rest in peace", "lifeless", "fade out", "fading away", "eternal sleep", "permanent rest",
    "never wake up", "stop living", "hit by a train", "hit by the train", "i don't trust myself",
    # self-injury that is not (hair, skin, nails, accidents, idioms)
    "nail-biting", "skin picking", "skin-picking", "hair-pulling", "pick at my skin", "scratching",
    "scratch my", "scratched my", "scratch at my", "scars", "scarring", "abrasion", "laceration", "carving",
    "stick and poke tattoo", "bit myself", "biting myself", "pull my hair", "hit my head", "bang my head",
    "banging my head", "bash my head", "sticking a needle in my", "burn my hand", "hit myself",
    # hopelessness / entrapment in everyday senses
    "can't see", "won't get it", "it won't work", "it's impossible", "it's over", "no chance",
    "no solution", "dead end", "expect the worse", "i won't accomplish", "don't know what to do",
    "it's too late", "it's useless", "done for", "don't have faith", "can't be helped", "it's all over",
    "a fresh start", "want to leave", "want to start again", "to be free", "to break free", "want to get out",
    "i have no control", "i can't avoid", "i can't evade", "craving release", "want to escape",
    "running out of options", "no relief", "it'll never change",
    # burden in everyday senses
    "difficult for me to ask for help", "i'm annoying", "put that on them", "put that upon them",
    "feel guilty about others caring for me", "i annoy", "i annoy others", "useless", "waste of space",
}


def _columns() -> tuple[list[str], list[list[str]]]:
    source = resources.files("plugins.moderation").joinpath("lexicon", "lexicon_validated.csv")
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[5:]


def _written_forms(index: int, rows: list[list[str]]) -> list[str]:
    phrases = [row[index].strip() for row in rows if index < len(row) and row[index].strip()]
    return phrases[:(len(phrases) + 1) // 2]  # the second half repeats them lemmatised


@lru_cache(maxsize=1)
def lexicon_phrases() -> tuple[dict[str, str], dict[str, str]]:
    """({phrase: tiered construct}, {phrase: weak-signal construct}), lower-case phrases."""
    header, rows = _columns()
    tiered: dict[str, str] = {}
    weak: dict[str, str] = {}
    for index, name in enumerate(header):
        target, table = (MAPPED[name], tiered) if name in MAPPED else (WEAK.get(name), weak)
        if target is None:
            continue
        for phrase in _written_forms(index, rows):
            phrase = phrase.lower().replace("’", "'")
            if phrase in TOO_BROAD or (table is tiered and " " not in phrase and target != "method"
                                       and phrase not in SINGLE_WORDS):
                continue
            table.setdefault(phrase, target)
    return tiered, weak
