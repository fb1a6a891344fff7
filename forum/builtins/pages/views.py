"""The psychoeducation pages: a list and one page."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, render_template

from forum.core.api import render_markdown, settings

bp = Blueprint("pages", __name__)

_rendered: dict[Path, tuple[float, str, str]] = {}


def _content_dir() -> Path | None:
    folder = settings()["community"]["content_dir"]
    return Path(current_app.config["FORUM_CONFIG_DIR"], folder) if folder else None


def load_page(path: Path) -> tuple[str, str]:
    """(title, html) of a page; rendered once per file change, not per request."""
    mtime = path.stat().st_mtime
    cached = _rendered.get(path)
    if cached is None or cached[0] != mtime:
        text = path.read_text(encoding="utf-8")
        first = text.lstrip().splitlines()[0] if text.strip() else path.stem
        title = first.lstrip("# ").strip() if first.startswith("#") else path.stem
        body = text.split("\n", 1)[1] if first.startswith("#") and "\n" in text else text
        cached = (mtime, title, render_markdown(body))
        _rendered[path] = cached
    return cached[1], cached[2]


def list_pages() -> list[tuple[str, str]]:
    folder = _content_dir()
    if folder is None or not folder.is_dir():
        return []
    return [(path.stem, load_page(path)[0]) for path in sorted(folder.glob("*.md"))]


@bp.route("/learn")
def index() -> str:
    return render_template("pages/index.html", pages=list_pages())


@bp.route("/learn/<slug>")
def page(slug: str) -> str:
    folder = _content_dir()
    if folder is None or len(slug) > 100 or not slug.replace("-", "").replace("_", "").isalnum():
        abort(404)
    path = folder / f"{slug}.md"
    if not path.is_file():
        abort(404)
    title, html = load_page(path)
    return render_template("pages/page.html", title=title, html=html)
