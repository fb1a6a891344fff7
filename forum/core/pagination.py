"""Keyset-free, simple offset pagination that validates the page number (bad input -> 404)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import abort, request
from sqlalchemy import Select, func, select

from .extensions import db


@dataclass
class Page:
    items: list[Any]
    number: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def page_number() -> int:
    raw = request.args.get("page", "1")
    # isdigit() is true for '²' and '٣' too; only ASCII digits make a page number.
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 6 or int(raw) < 1 or int(raw) > 100_000:
        abort(404)
    return int(raw)


def paginate(query: Select[Any], per_page: int = 20) -> Page:
    """Run ``query`` for the requested ``?page=``; a page past the end is a 404."""
    number = page_number()
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    items = list(db.session.scalars(query.limit(per_page).offset((number - 1) * per_page)))
    page = Page(items, number, per_page, total)
    if number > page.pages:
        abort(404)
    return page
