"""The embedded search backend: a Whoosh index in a folder of the instance.

Documents arrive already analysed (``text.terms``), so the index stores plain
space-separated terms and its schema names only built-in Whoosh classes. Whoosh allows one
writer at a time across processes (a file lock): ``writer()`` retries with backoff and
raises ``IndexBusy`` instead of letting ``LockError`` reach a request.
"""

from __future__ import annotations

import heapq
import logging
import threading
import time
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.columns import NumericColumn
from whoosh.fields import COLUMN, ID, KEYWORD, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.filetables import FileFormatError
from whoosh.matching import AndNotMatcher, Matcher
from whoosh.query import And, AndNot, Or, Prefix, Query, Term
from whoosh.scoring import TF_IDF
from whoosh.searching import Searcher
from whoosh.writing import CLEAR
from whoosh.writing import IndexWriter as WhooshIndexWriter

from .backend import REBUILD_WORKERS, Scope, SearchBackend, SearchDoc, SearchResults, acquire_with_backoff
from .text import SearchQuery, terms

log = logging.getLogger(__name__)


class _RebuildCodec(W3Codec):
    """Whoosh's codec without per-posting field lengths, which only BM25 reads (ranking here is
    TF-IDF): looking each one up from disk took a quarter of a rebuild.

    It pickles as a plain ``W3Codec``, so an index never depends on this class: segments read
    back with Whoosh's own codec, and a sub-process started by pickling simply writes lengths.
    """

    length_stats = False

    def __reduce__(self) -> tuple[type[W3Codec], tuple[int, int, int]]:
        return W3Codec, (self._blocklimit, self._compression, self._inlinelimit)


# A rebuild writes every document once: sub-processes analyse and sort postings in parallel,
# each writes its own segment (no merge), with room to sort 100,000 posts in memory (at 256 MB
# each spilled sorted runs to disk and merged them: twice as slow).
REBUILD = {"procs": REBUILD_WORKERS, "limitmb": 1024, "multisegment": True,
           "codec": _RebuildCodec()}
PRIVATE_MARK = "~"  # "~term": a private item's term, never a plain one (terms are letters and digits)


def make_schema() -> Schema:
    """Only what a search reads: ``id`` (stored), ``created`` (a column to sort by, not indexed:
    no query ranges over it, and a 64-bit NUMERIC wrote 16 tiered terms per post), ``terms``
    and ``author`` (to find one's own private items and leave muted members out). Types are
    not indexed: the SQL re-check drops any that no plugin lists."""
    return Schema(id=ID(stored=True, unique=True), created=COLUMN(NumericColumn("q")),
                  terms=KEYWORD(scorable=True), author=ID)


def _fields(doc: SearchDoc) -> dict[str, object]:
    """The title's terms count twice (``text`` holds the title too): a match there ranks higher.

    A private item's terms are marked, so community queries never meet them; only its
    author's query asks for marked terms *and* its author. (Prefixing each term with the
    author instead made one term per member and word: 97% of a 100,000-post index, each
    written as a posting list of its own.)
    """
    found = terms(doc.title) + terms(doc.text)
    if doc.visibility != "community":
        found = [PRIVATE_MARK + term for term in found]
    return {
        "id": str(doc.item_id),
        "created": int(doc.created_at.replace(tzinfo=UTC).timestamp() * 1_000_000),
        "terms": " ".join(found),
        "author": str(doc.author_id),
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


def matching(query: SearchQuery, private: bool = False) -> list[Query]:
    """Every term (AND), of community items or, ``private``, of private ones."""
    mark = PRIVATE_MARK if private else ""
    return [*(Term("terms", mark + term) for term in query.terms),
            *(Prefix("terms", mark + prefix) for prefix in query.prefixes)]


class _AndNotMatcher(AndNotMatcher):
    """Whoosh's, with its first step mended: that moved the excluded list on only when both
    lists stood on the same document, so a segment's first match got through whenever an
    excluded document came before it (``Not`` inside ``And`` is right but walks every
    document: 150 ms for a common word on 100,000 posts)."""

    def _find_first(self) -> None:
        if self.a.is_active() and self.b.is_active():
            self._find_next()


class _AndNot(AndNot):
    def matcher(self, searcher: Searcher, context: Any = None) -> Matcher:
        return _AndNotMatcher(self.a.matcher(searcher, context),
                              self.b.matcher(searcher, searcher.boolean_context()))


def visible_queries(query: SearchQuery, scope: Scope) -> list[Query]:
    """Community items (muted members' left out), and the viewer's own private items.

    Two queries, not one OR: the private one is tiny, and a union would cost a step per match
    of the large one. The SQL re-check applies ``visible_to`` again to every result.
    """
    if query.is_empty or not scope.types:
        return []
    community: Query = And(matching(query))
    if scope.hidden_authors:
        community = _AndNot(community, Or([Term("author", str(i)) for i in sorted(scope.hidden_authors)]))
    queries = [community]
    if scope.viewer_id is not None:
        queries.append(And([*matching(query, private=True), Term("author", str(scope.viewer_id))]))
    return queries


Ranked = list[tuple[tuple[float, int], int]]  # ((sort key, tie-break), docnum), best first


def _best(searcher: Searcher, query: Query, limit: int) -> tuple[Ranked, int]:
    # One pass scores and counts every match (block skipping would need a second pass to count).
    results = searcher.search(query, limit=limit, optimize=False)
    return [((score, -docnum), docnum) for docnum, score in results.items()], len(results)


def _newest(searcher: Searcher, query: Query, limit: int) -> tuple[Ranked, int]:
    """Every match's date from memory, not through Whoosh's sorting collector, which reads
    each one from the column file (70 ms for a common word on 100,000 posts, against 15)."""
    ranked: Ranked = []
    total = 0
    for leaf, offset in searcher.leaf_searchers():
        if leaf.reader().segment() is None:  # an index with no documents yet
            continue
        created = _created(leaf)
        found = list(query.docs(leaf))
        total += len(found)
        newest = heapq.nlargest(limit, found, key=created.__getitem__)
        ranked += [((created[docnum], docnum + offset), docnum + offset) for docnum in newest]
    return heapq.nlargest(limit, ranked), total


_CREATED: dict[str, array[int]] = {}  # segment id -> every document's date; segments never change
_CREATED_SEGMENTS = 64


def _created(leaf: Searcher) -> array[int]:
    segment = leaf.reader().segment().segment_id()
    if segment not in _CREATED:
        while len(_CREATED) >= _CREATED_SEGMENTS:  # merged-away segments: drop the oldest
            _CREATED.pop(next(iter(_CREATED)))
        _CREATED[segment] = array("q", leaf.reader().column_reader("created"))
    return _CREATED[segment]


def _warn_if_outdated(ix: whoosh_index.Index) -> whoosh_index.Index:
    """An index written by an older version still answers, but without the fields it lacks
    (its author's own private items, muted members left out of counts): say how to fix it."""
    missing = sorted(set(make_schema().names()) - set(ix.schema.names()))
    if missing:
        log.warning("The search index in %s has no %s field (an older version built it). "
                    "Fix: run `forum reindex`.", ix.storage.folder, ", ".join(missing))
    return ix


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
                return _warn_if_outdated(storage.open_index())
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
