"""The analyser both backends share: terms, query parsing and highlighting (no app needed)."""

from __future__ import annotations

import random
from datetime import datetime

import pytest

from forum.builtins.search.backend import SearchDoc
from forum.builtins.search.postgres import tsquery_literal, tsvector_literal
from forum.builtins.search.text import (
    QueryTooLong,
    highlight,
    normalize,
    parse_query,
    snippet,
    terms,
    tokens,
)


def test_japanese_runs_become_bigrams_and_latin_text_words():
    assert terms("今日は気分") == ["今日", "日は", "は気", "気分", "分"]
    assert terms("Walking, WALKS; walked!") == ["walk", "walk", "walk"]
    assert terms("CBTの本") == ["cbt", "の本", "本"]  # scripts split without spaces


@pytest.mark.parametrize("text", ["今日は気分が少し良い", "CBTの本 walk 散歩", "ｶﾞｯｺｳ " + "y" * 70, "", "分"])
def test_index_terms_are_the_highlighters_tokens(text):
    # The index build takes a fast path; the highlighter must mark exactly what it indexed.
    assert terms(text) == [token.term for token in tokens(normalize(text))]


def test_width_and_case_are_folded():
    assert normalize("ＡＢＣ ｶﾞｯｺｳ") == "abc ガッコウ"
    assert terms("ＣＢＴ") == terms("cbt")


def test_search_reads_the_core_normalisation_so_nothing_hides_a_word():
    # Screening and search share one normalisation: an invisible character, an accent or a
    # look-alike letter makes no other term, and the highlight marks the member's own letters.
    assert terms("self\u200bcare café") == terms("selfcare cafe")
    assert terms("\u0441are") == terms("care")  # Cyrillic 'с'
    query = parse_query("cafe", 100)
    assert str(highlight("Our Café\u200b today", query)) == "Our <mark>Café\u200b</mark> today"


def test_queries_are_plain_terms_with_and_semantics():
    query = parse_query('"気分" AND (walk: OR', 100)
    assert query.terms == ("気分", "and", "walk", "or") and query.prefixes == ()
    assert parse_query("鬱", 100).prefixes == ("鬱",)
    assert parse_query("!?()", 100).is_empty
    with pytest.raises(QueryTooLong):
        parse_query("x" * 101, 100)


def test_random_input_never_breaks_the_parser_or_highlighter():
    rng = random.Random(3)
    alphabet = "aZ9 _-:()\"'*?~^\\&<>気分ｶﾞ\u3099\u0301\x00\n\t　。、"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        query = parse_query(text, 100)
        assert "<" not in highlight(text, query).replace("<mark>", "").replace("</mark>", "")


def test_highlight_escapes_first_and_maps_folded_text_back():
    assert highlight("<b>ｶﾞｯｺｳ</b> & co", parse_query("ガッ", 100)) == \
        "&lt;b&gt;<mark>ｶﾞｯ</mark>ｺｳ&lt;/b&gt; &amp; co"
    assert highlight("ＷＡＬＫＩＮＧ home", parse_query("walk", 100)) == "<mark>ＷＡＬＫＩＮＧ</mark> home"
    twice = highlight("気分が良い、気分", parse_query("気分", 100))
    assert twice == "<mark>気分</mark>が良い、<mark>気分</mark>"


def test_snippet_is_a_window_around_the_first_match():
    text = "word " * 100 + "target here " + "tail " * 100
    shown = snippet(text, parse_query("target", 100), width=60)
    assert shown.startswith("… ") and shown.endswith(" …") and "<mark>target</mark> here" in shown
    assert len(shown.striptags()) < 80
    assert snippet("short text", parse_query("none", 100)) == "short text"


def test_postgresql_literals_quote_lexemes_and_weight_titles():
    doc = SearchDoc(1, "discussion", 1, "community", "published", datetime(2024, 1, 1),
                    title="Sleep", text="Sleep well, it's 気分")
    assert tsvector_literal(doc) == "'sleep':1A,2 'well':3 'it':4 's':5 '気分':6 '分':7"
    assert tsquery_literal(parse_query("sleep 鬱", 100)) == "'sleep' & '鬱':*"
