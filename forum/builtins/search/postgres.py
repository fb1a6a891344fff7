"""The PostgreSQL search backend, for hosts with several app servers (no shared disk index).

Documents live in ``search_documents`` beside the items, with a GIN-indexed ``tsvector``.
The lexemes come from the same analyser as the Whoosh backend (``text``: lower-cased
and stemmed Latin words, CJK character bigrams), written as a tsvector literal, so no
PostgreSQL text-search parser or locale touches Japanese text and both backends find the
same items. Title positions carry weight A, so ``ts_rank`` ranks title matches higher.
Writers take one transaction-level advisory lock, so concurrent drains apply in order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

from sqlalchemy import text

from forum.core.api import db

from .backend import REBUILD_WORKERS, Scope, SearchBackend, SearchDoc, SearchResults, acquire_with_backoff
from .text import SearchQuery, terms

LOCK_KEY = 0x5EA4C4  # pg_advisory_xact_lock key owned by the search writer
MAX_POSITION = 16383  # PostgreSQL's limits for tsvector positions
MAX_POSITIONS_PER_LEXEME = 256
BATCH = 1000  # documents per statement

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS search_documents (
        item_id integer PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
        type varchar(40) NOT NULL,
        author_id integer NOT NULL,
        visibility varchar(16) NOT NULL,
        status varchar(16) NOT NULL,
        created_at timestamp NOT NULL,
        terms tsvector NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS ix_search_documents_terms ON search_documents USING gin (terms)",
    # No index on created_at: every search counts all its matches, so the GIN index must lead;
    # given one, the planner may walk all documents by date to find the newest ten.
)

UPSERT = text("""
    INSERT INTO search_documents (item_id, type, author_id, visibility, status, created_at, terms)
    VALUES (:item_id, :type, :author_id, :visibility, :status, :created_at, CAST(:terms AS tsvector))
    ON CONFLICT (item_id) DO UPDATE SET type = EXCLUDED.type, author_id = EXCLUDED.author_id,
        visibility = EXCLUDED.visibility, status = EXCLUDED.status,
        created_at = EXCLUDED.created_at, terms = EXCLUDED.terms
""")

ORDER_BY = {
    "best": "ts_rank(terms, CAST(:query AS tsquery)) DESC, created_at DESC, item_id DESC",
    "newest": "created_at DESC, item_id DESC",
}


def _quote(lexeme: str) -> str:
    if "'" in lexeme or "\\" in lexeme:
        lexeme = lexeme.replace("\\", "\\\\").replace("'", "''")
    return f"'{lexeme}'"


# Every position's text, written once: a rebuild writes some fifteen million of them.
_PLAIN = tuple(str(position) for position in range(MAX_POSITION + 1))
_TITLE = tuple(f"{position}A" for position in range(MAX_POSITION + 1))


def tsvector_literal(doc: SearchDoc) -> str:
    """``'term':1A,7 'other':2`` from the title (weight A) and the text (default weight D)."""
    title = terms(doc.title)
    in_title = len(title)
    positions: dict[str, list[str]] = {}
    for position, term in enumerate(title + terms(doc.text), start=1):
        table = _TITLE if position <= in_title else _PLAIN
        where = table[position] if position < MAX_POSITION else table[MAX_POSITION]
        found = positions.get(term)
        if found is None:
            positions[term] = [where]
        elif len(found) < MAX_POSITIONS_PER_LEXEME:
            found.append(where)
    return " ".join([f"{_quote(term)}:{','.join(found)}" for term, found in positions.items()])


def tsquery_literal(query: SearchQuery) -> str:
    """Every term must match (AND); a single CJK character matches as a prefix."""
    parts = [_quote(term) for term in query.terms]
    parts += [f"{_quote(prefix)}:*" for prefix in query.prefixes]
    return " & ".join(parts)


def _row(doc: SearchDoc) -> dict[str, Any]:
    return {"item_id": doc.item_id, "type": doc.type, "author_id": doc.author_id,
            "visibility": doc.visibility, "status": doc.status, "created_at": doc.created_at,
            "terms": tsvector_literal(doc)}


class _Writer:
    """Collects changes (the last one per item wins) and applies them in batches."""

    def __init__(self) -> None:
        self.changes: dict[int, SearchDoc | None] = {}

    def index(self, doc: SearchDoc) -> None:
        self._change(doc.item_id, doc)

    def delete(self, item_id: int) -> None:
        self._change(item_id, None)

    def _change(self, item_id: int, doc: SearchDoc | None) -> None:
        self.changes[item_id] = doc
        if len(self.changes) >= BATCH:  # a rebuild streams, it does not hold every document
            self.apply()

    def finish(self) -> None:
        self.apply()

    def close(self) -> None:
        """Nothing to release."""

    def apply(self) -> None:
        deleted = [item_id for item_id, doc in self.changes.items() if doc is None]
        rows = [_row(doc) for doc in self.changes.values() if doc is not None]
        if deleted:
            db.session.execute(text("DELETE FROM search_documents WHERE item_id = ANY(:ids)"),
                               {"ids": deleted})
        if rows:
            db.session.execute(UPSERT, rows)
        self.changes.clear()


REBUILT = "search_documents_rebuilt"
COPY_COLUMNS = "item_id, type, author_id, visibility, status, created_at, terms"
SWAP_IN = (
    # Items deleted while the rebuild read: their rows would fail the foreign key.
    f"DELETE FROM {REBUILT} r WHERE NOT EXISTS (SELECT 1 FROM items WHERE items.id = r.item_id)",
    f"ALTER TABLE {REBUILT} ADD CONSTRAINT {REBUILT}_pkey PRIMARY KEY (item_id)",
    f"""ALTER TABLE {REBUILT} ADD CONSTRAINT {REBUILT}_item_id_fkey FOREIGN KEY (item_id)
        REFERENCES items (id) ON DELETE CASCADE""",
    f"CREATE INDEX ix_{REBUILT}_terms ON {REBUILT} USING gin (terms)",
    "DROP TABLE search_documents",
    f"ALTER TABLE {REBUILT} RENAME TO search_documents",
    f"ALTER TABLE search_documents RENAME CONSTRAINT {REBUILT}_pkey TO search_documents_pkey",
    f"""ALTER TABLE search_documents RENAME CONSTRAINT {REBUILT}_item_id_fkey
        TO search_documents_item_id_fkey""",
    f"ALTER INDEX ix_{REBUILT}_terms RENAME TO ix_search_documents_terms",
)


def _copy_rows(docs: list[SearchDoc]) -> list[tuple[Any, ...]]:
    return [(doc.item_id, doc.type, doc.author_id, doc.visibility, doc.status, doc.created_at,
             tsvector_literal(doc)) for doc in docs]


class _Rebuild:
    """A whole new table, loaded with COPY, indexed once at the end and swapped in by the same
    transaction: building a GIN index in one pass is many times faster than keeping it up
    to date row by row, and searches read the old table until the commit.

    The analysis, which costs more than the database's share, runs in worker processes
    batch by batch while this one reads items and copies rows, in order.
    """

    IN_FLIGHT = 4  # batches analysed ahead: bounded memory

    def __init__(self) -> None:
        db.session.execute(text(f"DROP TABLE IF EXISTS {REBUILT}"))
        db.session.execute(text(f"CREATE TABLE {REBUILT} (LIKE search_documents INCLUDING DEFAULTS)"))
        self.pool = ProcessPoolExecutor(REBUILD_WORKERS) if REBUILD_WORKERS > 1 else None
        self.docs: list[SearchDoc] = []
        self.analysed: deque[Future[list[tuple[Any, ...]]]] = deque()

    def index(self, doc: SearchDoc) -> None:
        self.docs.append(doc)
        if len(self.docs) >= BATCH:
            self._analyse()

    def delete(self, item_id: int) -> None:
        """Nothing to delete from a table that starts empty."""

    def _analyse(self) -> None:
        docs, self.docs = self.docs, []
        if self.pool is None:
            self._copy(_copy_rows(docs))
            return
        self.analysed.append(self.pool.submit(_copy_rows, docs))
        while len(self.analysed) > self.IN_FLIGHT:
            self._copy(self.analysed.popleft().result())

    def _copy(self, rows: list[tuple[Any, ...]]) -> None:
        cursor = db.session.connection().connection.cursor()
        with cursor.copy(f"COPY {REBUILT} ({COPY_COLUMNS}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def finish(self) -> None:
        """Copy what is left, index the new table and swap it in."""
        while self.analysed:
            self._copy(self.analysed.popleft().result())
        self._copy(_copy_rows(self.docs))  # the last part-batch here: a small rebuild starts no process
        db.session.execute(text("SET LOCAL maintenance_work_mem = '256MB'"))
        for statement in SWAP_IN:
            db.session.execute(text(statement))
        db.session.execute(text("ANALYZE search_documents"))  # fresh statistics for the planner

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


class PostgreSQLBackend(SearchBackend):
    name = "postgresql"

    def __init__(self) -> None:
        self._schema_ready = False

    def ensure_schema(self) -> None:
        """Create the table and its indexes once per process (idempotent, race-free)."""
        if self._schema_ready:
            return
        with db.engine.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
            for statement in SCHEMA:
                connection.execute(text(statement))
        self._schema_ready = True

    @contextmanager
    def writer(self, wait: float, replace_all: bool = False) -> Iterator[_Writer | _Rebuild]:
        self.ensure_schema()
        session = db.session
        lock = text("SELECT pg_try_advisory_xact_lock(:key)")
        acquire_with_backoff(lambda: bool(session.scalar(lock, {"key": LOCK_KEY})), wait)
        writer = _Rebuild() if replace_all else _Writer()
        try:
            yield writer
            writer.finish()
        except BaseException:
            session.rollback()
            raise
        finally:
            writer.close()
        session.commit()

    def indexed_ids(self) -> set[int]:
        self.ensure_schema()
        return set(db.session.scalars(text("SELECT item_id FROM search_documents")))

    def search(self, query: SearchQuery, scope: Scope, page: int, per_page: int,
               sort: str) -> SearchResults:
        if query.is_empty or not scope.types:
            return SearchResults([], 0)
        self.ensure_schema()
        statement = text(f"""
            SELECT item_id, count(*) OVER () AS total FROM search_documents
            WHERE terms @@ CAST(:query AS tsquery) AND status = 'published'
              AND (visibility = 'community' OR (visibility = 'private' AND author_id = :viewer))
              AND type = ANY(:types) AND NOT (author_id = ANY(:hidden))
            ORDER BY {ORDER_BY[sort]} LIMIT :limit OFFSET :offset""")
        rows = db.session.execute(statement, {
            "query": tsquery_literal(query), "viewer": scope.viewer_id, "types": list(scope.types),
            "hidden": sorted(scope.hidden_authors),
            "limit": per_page, "offset": (page - 1) * per_page,
        }).all()
        return SearchResults([row.item_id for row in rows], rows[0].total if rows else 0)
