import re

import pytest

from forum.core.content import ALLOWED_TAGS, render_markdown


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("*soft* and **strong**", "<p><em>soft</em> and <strong>strong</strong></p>"),
        ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
        ("> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>"),
        ("line one\nline two", "<p>line one<br>\nline two</p>"),
        ("今日は**気分**が良い", "<p>今日は<strong>気分</strong>が良い</p>"),
    ],
)
def test_markdown_subset(source, expected):
    assert render_markdown(source).strip() == expected


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="https://x" onclick="alert(1)">x</a>',
        "<iframe src=//evil></iframe>",
        "# heading <style>body{}</style>",
        "![pixel](https://tracker.example/p.png)",
    ],
)
def test_dangerous_markup_never_survives(attack):
    html = render_markdown(attack)
    tags = {name.lower() for name in re.findall(r"<\s*/?\s*([a-zA-Z0-9]+)", html)}
    assert tags <= ALLOWED_TAGS
    attributes = re.findall(r"<[a-z]+\s+([^>]*)>", html)
    for attribute_text in attributes:
        assert re.fullmatch(r'(href="https?://[^"]*"\s*|rel="nofollow noopener ugc"\s*)*',
                            attribute_text), attribute_text


def test_links_get_safe_rel_whether_written_or_bare():
    written = render_markdown("[help](https://example.org/help)")
    bare = render_markdown("see https://example.org/x")
    for html in (written, bare):
        assert 'rel="nofollow noopener ugc"' in html and 'href="https://example.org/' in html


def test_control_characters_are_dropped():
    assert render_markdown("a\x00b\x1bc").strip() == "<p>abc</p>"
