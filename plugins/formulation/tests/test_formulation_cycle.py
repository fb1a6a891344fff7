"""Text fitting for the cycle drawing: by display width, so Japanese wraps without spaces."""

from plugins.formulation.cycle import LAYOUT, PADDING, columns, fit, layout, wrap

LABELS = {key: key.title() for key, *_ in LAYOUT}


def test_wide_characters_count_twice():
    assert columns("abc") == 3
    assert columns("不安") == 4
    assert columns("ＡＢ") == 4  # full-width Latin
    assert columns("ｱｲ") == 2  # half-width katakana is narrow


def test_english_wraps_at_spaces_and_keeps_words_whole():
    lines = wrap("I will go blank and everyone will see how nervous I am", 24)
    assert lines == ["I will go blank and", "everyone will see how", "nervous I am"]
    assert all(columns(line) <= 24 for line in lines)


def test_japanese_wraps_by_width_without_spaces():
    text = "みんなの前で話すと声が震えて変に思われるに違いない"
    lines = wrap(text, 24)
    assert "".join(lines) == text
    assert [columns(line) for line in lines[:-1]] == [24] * (len(lines) - 1)


def test_closing_punctuation_and_small_kana_never_start_a_line():
    lines = wrap("ああああああああああああ。いいいいいいいいいいいっと", 24)
    assert lines[0].endswith("。")  # hangs one character past the edge
    assert not any(line[0] in "。、っ」" for line in lines)
    assert wrap("あ" * 11 + "「大丈夫」", 24) == ["あ" * 11, "「大丈夫」"]


def test_a_word_longer_than_a_line_is_split():
    assert wrap("Supercalifragilistic", 8) == ["Supercal", "ifragili", "stic"]


def test_text_too_long_for_the_box_is_shortened_with_an_ellipsis():
    lines, shortened = fit("とても長い文章です。" * 20, 24, 3)
    assert shortened and len(lines) == 3 and lines[-1].endswith("…")
    assert columns(lines[-1]) <= 24
    assert fit("Short", 24, 3) == (["Short"], False)


def test_layout_fits_every_box():
    drawing = layout({key: "長い文章" * 40 for key in LABELS}, LABELS)
    assert drawing.shortened
    for box in drawing.boxes:
        room = (box.height - drawing.text_top) // drawing.line_height + 1
        assert 0 < len(box.lines) <= room
        assert all(columns(line) * 7 <= box.width - 2 * PADDING for line in box.lines)
