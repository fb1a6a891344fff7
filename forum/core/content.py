"""The one place that turns member text into safe HTML: Markdown subset -> HTML -> bleach."""

from __future__ import annotations

import unicodedata

import bleach
from bleach.linkifier import Linker
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = frozenset({"p", "br", "em", "strong", "ul", "ol", "li", "a", "blockquote", "code"})
ALLOWED_ATTRIBUTES = {"a": ["href", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener ugc"

# "zero" preset: nothing on; we enable only the constructs members need. Raw HTML stays off,
# images stay off (tracking pixels, upsetting pictures).
_markdown = MarkdownIt("zero", {"breaks": True, "html": False}).enable(
    ["emphasis", "list", "link", "blockquote", "newline", "backticks", "escape", "autolink"]
)


def _set_rel(attrs: dict, new: bool = False) -> dict:
    attrs[(None, "rel")] = LINK_REL
    return attrs


_linker = Linker(callbacks=[_set_rel], parse_email=False)


def normalize_text(text: str) -> str:
    """NFC, unified newlines, no control characters; what we store as the member's source."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc").strip()


def render_markdown(text: str) -> str:
    """Member Markdown -> sanitised HTML string (store it; never re-render per request)."""
    html = _markdown.render(normalize_text(text))
    clean = bleach.clean(
        html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, protocols=ALLOWED_PROTOCOLS, strip=True
    )
    return _linker.linkify(clean)


def safe_html(stored_html: str) -> Markup:
    """Mark HTML produced by ``render_markdown`` as safe for templates."""
    return Markup(stored_html)
