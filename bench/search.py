"""Search at scale: seed posts in mixed English and Japanese, build the index, time queries.

    python bench/search.py [--size 100000] [--backend whoosh|postgresql]
                           [--database-url URL] [--runs 50]

Seeds ``--size`` published posts (one in ten private, a few held) into a fresh SQLite file
(or the given PostgreSQL database, in a throw-away schema), rebuilds the index with the
same code as ``forum reindex`` and prints the build time. Then, for each query (an English
word, a Japanese bigram, two terms, a rare term) and each order, it prints p50/p95 of the
whole search as the /search page runs it (index query for one viewer, SQL re-check with
``visible_to``, snippets), and of the full page through the app.
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from markupsafe import escape
from sqlalchemy import create_engine, insert, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from forum import create_app  # noqa: E402
from forum.builtins.search import present  # noqa: E402
from forum.builtins.search.index import find, reindex  # noqa: E402
from forum.builtins.search.text import parse_query  # noqa: E402
from forum.core.database import init_db  # noqa: E402
from forum.core.extensions import db  # noqa: E402
from forum.core.models import Item, User  # noqa: E402

SCHEMA = "forum_search_bench"
MEMBERS = 500
RARE_WORD = "zeppelin"  # in about 1 post in 10,000
QUERIES = {
    "EN word": "sleep",
    "JA bigram": "気分",
    "multi-term": "walk 気分",
    "rare term": RARE_WORD,
    "very common": "today",  # in about half of the posts: the slowest kind of query
}

def word_list(text: str) -> list[str]:
    return text.split()


# Zipf-ranked vocabularies (frequent words, everyday content words, a long tail of made-up
# words), so that a content word is in a few percent of the posts, as in real ones.
EN_FREQUENT = word_list(
    "i the and to a it was my of in that is for me but so with on today just at not have "
    "this be feel like had really all about what day when felt"
)
EN_CONTENT = word_list(
    "sleep walk work friend friends family mother father doctor talk talked anxious sad happy "
    "calm better worse small step steps thank thanks share shared help helped hard easy coffee "
    "tea breakfast lunch dinner bus train park river rain sun cold warm music book read reading "
    "write journal thought thoughts worry worried breathing exercise therapy session group kind "
    "kindness support hope hopeful alone lonely together enjoyed achieved cooked cleaned garden "
    "plant cat dog phone message called waited tired morning night week yesterday"
)
JA_FREQUENT = word_list("今日 少し 自分 本当 気持ち 時間 仕事 昨日 朝 夜")
JA_CONTENT = word_list(
    "気分 良い 悪い 眠れ 散歩 友達 家族 母 父 医者 話し 不安 悲しい 嬉しい 落ち着い 疲れ "
    "頑張っ 一歩 ありがとう 共有 助け 試し 難しい 簡単 コーヒー お茶 朝ごはん 昼ごはん "
    "晩ごはん 電車 公園 川 雨 晴れ 寒い 暖かい 音楽 本 読ん 書い 日記 考え 心配 呼吸 運動 "
    "カウンセリング グループ 優しさ 支え 希望 一人 一緒 楽しかっ 料理 掃除 庭 猫 犬 電話 "
    "満員電車 息苦しい 憂鬱 元気"
)
JA_PARTICLES = ("は", "が", "を", "に", "で", "と", "も", "の", "、", "。", "けど", "から")
SYLLABLES = word_list("ka lo mi ne ra to sa vi pe du ko ri ma te no su be gi ha yu")
KANJI = "山田村森林空海花草石岩風雲雪星光色音声言語文字紙筆机椅窓門道駅店市町島港橋坂谷原野"
KATAKANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモラリルレロ"


def made_up_words(rng: random.Random, count: int, make: Callable[[random.Random], str]) -> list[str]:
    words: dict[str, None] = {}
    while len(words) < count:
        words[make(rng)] = None
    return list(words)


def vocabulary(rng: random.Random, frequent: list[str], content: list[str],
               make: Callable[[random.Random], str]) -> list[str]:
    """Frequent words first; real content words spread over ranks 80 to about 1,500."""
    tail = [word for word in made_up_words(rng, 4000, make) if word not in content]
    ranked = frequent + tail
    for index, word in enumerate(content):
        ranked.insert(80 + index * 1400 // len(content), word)
    return ranked


def english_word(rng: random.Random) -> str:
    return "".join(rng.choices(SYLLABLES, k=rng.randint(2, 4)))


def japanese_word(rng: random.Random) -> str:
    if rng.random() < 0.7:
        return "".join(rng.choices(KANJI, k=2))
    return "".join(rng.choices(KATAKANA, k=rng.randint(3, 5)))


def zipf_cumulative(count: int) -> list[float]:
    """Cumulative Zipf weights, computed once (``random.choices`` would redo it per call)."""
    return list(itertools.accumulate(1 / (rank + 1) for rank in range(count)))


class TextMaker:
    """Deterministic member-like text: Zipf-distributed words, half English, half Japanese."""

    def __init__(self, seed: int = 7) -> None:
        self.random = random.Random(seed)
        self.en_words = vocabulary(self.random, EN_FREQUENT, EN_CONTENT, english_word)
        self.ja_words = vocabulary(self.random, JA_FREQUENT, JA_CONTENT, japanese_word)
        self.en_weights = zipf_cumulative(len(self.en_words))
        self.ja_weights = zipf_cumulative(len(self.ja_words))

    def english(self) -> str:
        words = self.random.choices(self.en_words, cum_weights=self.en_weights, k=self.random.randint(15, 70))
        return " ".join(words).capitalize() + "."

    def japanese(self) -> str:
        count = self.random.randint(8, 35)
        words = self.random.choices(self.ja_words, cum_weights=self.ja_weights, k=count)
        particles = self.random.choices(JA_PARTICLES, k=count)
        return "".join(w + p for w, p in zip(words, particles, strict=True)) + "。"

    def post(self) -> tuple[str, str]:
        body = self.english() if self.random.random() < 0.5 else self.japanese()
        if self.random.random() < 0.3:  # members mix languages
            body += " " + (self.japanese() if body.isascii() else self.english())
        if self.random.random() < 0.0001:
            body += f" {RARE_WORD}"
        title = (self.english() if body.isascii() else self.japanese())[:60]
        return title, body


def item_rows(size: int, member_ids: list[int]) -> Iterator[dict[str, Any]]:
    maker = TextMaker()
    start = datetime(2024, 1, 1)
    for n in range(size):
        title, body = maker.post()
        roll = maker.random.random()
        yield {"type": "discussion", "author_id": member_ids[n % len(member_ids)], "title": title,
               "body": body, "body_html": f"<p>{escape(body)}</p>", "data": {},
               "status": "held" if roll < 0.03 else "published",
               "visibility": "private" if 0.03 <= roll < 0.13 else "community",
               "created_at": start + timedelta(minutes=5 * n)}


def seed(size: int) -> int:
    members = [User(username=f"member{n}", username_key=f"member{n}", password_hash="!")
               for n in range(MEMBERS)]
    db.session.add_all(members)
    db.session.flush()
    ids = [member.id for member in members]
    batch: list[dict[str, Any]] = []
    for row in item_rows(size, ids):
        batch.append({**row, "updated_at": row["created_at"], "last_activity_at": row["created_at"],
                      "published_at": row["created_at"]})
        if len(batch) == 5000:
            db.session.execute(insert(Item), batch)
            batch.clear()
    if batch:
        db.session.execute(insert(Item), batch)
    db.session.commit()
    return ids[0]


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def timed(action: Callable[[], Any], runs: int) -> tuple[float, float]:
    for _ in range(3):
        action()  # warm caches, as a running server has them
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return percentiles(samples)


def fresh_schema(database_url: str) -> dict[str, Any]:
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{SCHEMA}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{SCHEMA}"'))
    engine.dispose()
    return {"connect_args": {"options": f"-csearch_path={SCHEMA}"}}


def run(args: argparse.Namespace, folder: Path) -> None:
    url = args.database_url or f"sqlite:///{folder / 'bench.sqlite'}"
    options = fresh_schema(url) if url.startswith("postgresql") else {}
    settings = {"search": {"backend": args.backend}, "community": {"public_read": True},
                "cache": {"anonymous_seconds": 0}}  # time the search, not the visitors' page cache
    app = create_app(None, settings=settings,
                     instance_path=str(folder / "instance"), SQLALCHEMY_DATABASE_URI=url,
                     SQLALCHEMY_ENGINE_OPTIONS=options, SECRET_KEY="bench", FORUM_SCHEMA_CHECK=False)
    init_db(app)
    with app.app_context():
        started = time.perf_counter()
        viewer_id = seed(args.size)
        print(f"seeded {args.size} posts ({url.split(':')[0]}) in {time.perf_counter() - started:.1f}s")
        started = time.perf_counter()
        count = reindex()
        print(f"index build ({args.backend}): {count} documents in {time.perf_counter() - started:.1f}s")
    print(f"{'query':<12} {'order':<7} {'hits':>6}  search p50/p95 ms   page p50/p95 ms")
    client = app.test_client()
    for label, words in QUERIES.items():
        for sort in ("best", "newest"):
            with app.test_request_context():
                viewer = db.session.get(User, viewer_id)
                query = parse_query(words, 100)

                def search(query: Any = query, viewer: User = viewer, sort: str = sort) -> Any:
                    found = find(query, viewer, 1, sort)
                    return [present(item, query) for item in found.items], found.total

                hits = search()[1]
                p50, p95 = timed(search, args.runs)
            params = {"q": words, "sort": sort}
            page50, page95 = timed(lambda p=params: client.get("/search", query_string=p), args.runs)
            print(f"{label:<12} {sort:<7} {hits:>6}  {p50:7.1f} /{p95:6.1f}     {page50:7.1f} /{page95:6.1f}")
    if options:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        fresh_schema(url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="posts to seed (default 100000)")
    parser.add_argument("--backend", choices=("whoosh", "postgresql"), default="whoosh")
    parser.add_argument("--database-url", default="", help="default: a temporary SQLite file")
    parser.add_argument("--runs", type=int, default=50, help="timed runs per query and order")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="forum-search-bench-") as folder:
        run(args, Path(folder))


if __name__ == "__main__":
    main()
