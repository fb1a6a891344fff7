"""The embedded search backend: a Whoosh index in a folder of the instance.

Documents arrive already analysed (``text.terms``), so the index stores plain
space-separated terms and its schema names only built-in Whoosh classes. Whoosh allows one
writer at a time across processes (a file lock): ``writer()`` retries with backoff and
raises ``IndexBusy`` instead of letting ``LockError`` reach a request.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.columns import NumericColumn
from whoosh.fields import COLUMN, ID, KEYWORD, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.filetables import FileFormatError
from whoosh.query import And, AndNot, Or, Prefix, Query, Term
from whoosh.scoring import TF_IDF
from whoosh.searching import Searcher
from whoosh.writing import CLEAR
from whoosh.writing import IndexWriter as WhooshIndexWriter

from .backend import Scope, SearchBackend, SearchDoc, SearchResults, acquire_with_backoff
from .text import SearchQuery, terms

# A rebuild writes every document once: sub-processes analyse and sort postings in parallel,
# each writes its own segment (no merge), with room to sort in memory.
REBUILD = {"procs": max(1, min(4, os.cpu_count() or 1)), "limitmb": 256, "multisegment": True}
PRIVATE_MARK = ":"  # "42:term": never a plain term, since terms are letters and digits only


def make_schema() -> Schema:
    """Only what a search reads: ``id`` (stored), ``created`` (a column to sort by, not indexed:
    no query ranges over it, and a 64-bit NUMERIC wrote 16 tiered terms per post) and
    ``terms``. Visibility and type live in the terms and in the SQL re-check."""
    return Schema(id=ID(stored=True, unique=True), created=COLUMN(NumericColumn("q")),
                  terms=KEYWORD(scorable=True))


def private_term(author_id: int, term: str) -> str:
    return f"{author_id}{PRIVATE_MARK}{term}"


def _fields(doc: SearchDoc) -> dict[str, object]:
    """A private item's terms carry its author, so only its author's queries can match them.

    The title's terms count twice (``text`` holds the title too): a match there ranks higher.
    """
    found = terms(doc.title) + terms(doc.text)
    if doc.visibility != "community":
        found = [private_term(doc.author_id, term) for term in found]
    return {
        "id": str(doc.item_id),
        "created": int(doc.created_at.replace(tzinfo=UTC).timestamp() * 1_000_000),
        "terms": " ".join(found),
    }


class _Writer:
    def __init__(self, writer: WhooshIndexWriter, fresh: bool) -> None:
        self._writer = writer
        self._fresh = fresh  # rebuilding: no old copy to replace, so skip the lookup

    def index(self, doc: SearchDoc) -> None:
        if self._fresh:
            self._writer.add_document(**_fields(doc))
        else:
            self._writer.update_document(**_fields(doc))

    def delete(self, item_id: int) -> None:
        self._writer.delete_by_term("id", str(item_id))


def matching(query: SearchQuery, owner: int | None = None) -> Query:
    """Every term (AND): community items' terms, or, given ``owner``, that member's private ones."""
    def word(term: str) -> str:
        return term if owner is None else private_term(owner, term)

    return And([*(Term("terms", word(term)) for term in query.terms),
                *(Prefix("terms", word(prefix)) for prefix in query.prefixes)])


def visible_queries(query: SearchQuery, scope: Scope) -> list[Query]:
    """Community items, and the viewer's own private ones: visibility is in the terms themselves.

    Two queries, not one OR: the private one is tiny, and a union would cost a step per match
    of the large one. Content types need no filter: only listed types are indexed, and the
    SQL re-check drops any that a plugin no longer lists.
    """
    if query.is_empty or not scope.types:
        return []
    community = matching(query)
    if scope.hidden_authors:  # muted or blocked members: left out of the results and the count
        community = AndNot(community, Or([Term("author", str(i)) for i in sorted(scope.hidden_authors)]))
    queries = [community]
    if scope.viewer_id is not None:
        queries.append(matching(query, owner=scope.viewer_id))
    return queries


Ranked = list[tuple[tuple[float, int], int]]  # ((sort key, tie-break), docnum), best first


def _best(searcher: Searcher, query: Query, limit: int) -> tuple[Ranked, int]:
    # One pass scores and counts every match (block skipping would need a second pass to count).
    results = searcher.search(query, limit=limit, optimize=False)
    return [((score, -docnum), docnum) for docnum, score in results.items()], len(results)


def _newest(searcher: Searcher, query: Query, limit: int) -> tuple[Ranked, int]:
    results = searcher.search(query, limit=limit, sortedby="created", reverse=True)
    created = searcher.reader().column_reader("created")
    return [((created[docnum], docnum), docnum) for docnum, _key in results.items()], len(results)


class WhooshBackend(SearchBackend):
    name = "whoosh"

    def __init__(self, path: Path) -> None:
        self.path = path
        self._ix: whoosh_index.Index | None = None
        self._opening = threading.Lock()
        self._local = threading.local()  # one open searcher per thread, refreshed per query

    def _index(self) -> whoosh_index.Index:
        if self._ix is None:
            with self._opening:
                if self._ix is None:
                    self._ix = self._open_or_create()
        return self._ix

    def _open_or_create(self) -> whoosh_index.Index:
        self.path.mkdir(parents=True, exist_ok=True)
        storage = FileStorage(str(self.path))
        # Several workers may start at once: only one may create the index.
        creating = storage.lock("CREATELOCK")
        creating.acquire(blocking=True)
        try:
            if whoosh_index.exists(storage):
                return storage.open_index()
            return storage.create_index(make_schema())
        finally:
            creating.release()

    @contextmanager
    def writer(self, wait: float, replace_all: bool = False) -> Iterator[_Writer]:
        ix = self._index()
        opened: list[WhooshIndexWriter] = []

        def try_open() -> bool:
            try:
                # Separate segment files, not one compound file: a reader maps them in place
                # instead of copying the term and posting data into memory on every open.
                opened.append(ix.writer(timeout=0.0, compound=False, **(REBUILD if replace_all else {})))
            except whoosh_index.LockError:
                return False
            return True

        acquire_with_backoff(try_open, wait)
        writer = opened[0]
        try:
            yield _Writer(writer, fresh=replace_all)
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=CLEAR if replace_all else None)

    def search(self, query: SearchQuery, scope: Scope, page: int, per_page: int,
               sort: str) -> SearchResults:
        searcher = self._searcher()
        ranked: Ranked = []
        total = 0
        for visible in visible_queries(query, scope):
            found, count = (_best if sort == "best" else _newest)(searcher, visible, page * per_page)
            ranked += found
            total += count
        ranked.sort(reverse=True)
        shown = ranked[(page - 1) * per_page: page * per_page]
        return SearchResults([int(searcher.stored_fields(docnum)["id"]) for _, docnum in shown], total)

    def indexed_ids(self) -> set[int]:
        with self._open_searcher() as searcher:  # stored fields of live documents only
            return {int(fields["id"]) for fields in searcher.reader().all_stored_fields()}

    def _searcher(self) -> Searcher:
        """This thread's searcher, reopened after any commit (checking for one is cheap).

        TF-IDF, as ``ts_rank`` on PostgreSQL, without BM25's per-match length lookup: on
        100,000 posts that lookup alone costs more than the 50 ms a search may take.

        Not ``Searcher.refresh()``: it reuses segment readers and can miss new deletions.
        """
        current: Searcher | None = getattr(self._local, "searcher", None)
        if current is not None and current.up_to_date():
            return current
        if current is not None:
            current.close()
        self._local.searcher = self._open_searcher()
        return self._local.searcher

    def _open_searcher(self, attempts: int = 4) -> Searcher:
        """A searcher on the newest generation. Now and then a segment file reads as empty while
        another process's commit is still writing it (``FileFormatError``): a moment later it
        is complete, so try again a few times before giving up."""
        for attempt in range(attempts - 1):
            try:
                return self._index().searcher(weighting=TF_IDF())
            except (FileFormatError, OSError):
                time.sleep(0.02 * 2 ** attempt)
        return self._index().searcher(weighting=TF_IDF())  # the last try's error is the answer
