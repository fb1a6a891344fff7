"""Topic and board pages vs bare Flask, all under gunicorn (2 sync workers), loopback only.

    python bench/thread_page.py [--rounds 3] [--seconds 3] [--connections 8]
                                [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/test]

Seeds a community with a topic of 50 replies of about 500 characters and a board of 10,000
topics, then loads, in interleaved rounds with the same client (wrk when installed, otherwise a
Python client without keep-alive), bare Flask (bench/hello_app.py) and:

- the topic as a visitor with the page cache on, and with it off (rendered every time);
- the topic as a signed-in member (SQLite), and on PostgreSQL when ``--database-url`` (or
  FORUM_TEST_DATABASE_URL) answers (a throw-away schema);
- the board of 10,000 topics as a member;
- the floor: a page of the forum that renders nothing (``bench/floor_app.py``), as a visitor and
  as a member: what every request costs before a page's own work, which no page can beat.

It prints requests/second of each and the ratio to bare Flask, the bytes on the wire of a first
view (page + stylesheet, compressed), the SQL statements per page (for 50 and 200 replies) and
the CPU milliseconds per page in-process (a figure a busy machine disturbs less). Bounded:
rounds x seconds x cases, every server on 127.0.0.1 and stopped at the end.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PG_SCHEMA = "forum_thread_bench"
REPLY = ("Thank you for sharing this. I had a similar week and what helped me was a short walk "
         "after lunch, even when I did not feel like it. Small steps count. ") * 3


def write_config(folder: Path, database_url: str = "", cache_seconds: int = 10) -> Path:
    config = folder / f"bench-{cache_seconds}{'-pg' if database_url else ''}.toml"
    database = f'[database]\nurl = "{database_url}"\n' if database_url else ""
    config.write_text('[community]\nname = "Bench"\npublic_read = true\nmoderation = "post"\n'
                      f'[cache]\nanonymous_seconds = {cache_seconds}\n{database}'
                      '[plugins]\nenabled = ["comments", "moderation"]\n', encoding="utf-8")
    return config


def seed(folder: Path, config: Path | None = None, big_board: int = 0,
         replies: int = 50) -> tuple[Path, int, str]:
    """Create the community; return (config path, topic id, a signed-in member's cookie)."""
    sys.path.insert(0, str(ROOT))
    from forum import create_app
    from forum.core.content import render_markdown
    from forum.core.database import init_db
    from forum.core.extensions import db
    from forum.core.models import Board, Item, User, username_key

    config = config or write_config(folder)
    app = create_app(config, instance_path=str(folder / "instance"), FORUM_SCHEMA_CHECK=False)
    init_db(app)
    with app.app_context():
        members = [User(username=f"member{n}", username_key=username_key(f"member{n}"),
                        password_hash="x") for n in range(10)]
        board = Board(slug="general", title="General")
        db.session.add_all([*members, board])
        db.session.flush()
        topic = Item(type="discussion", author_id=members[0].id, board_id=board.id,
                     title="How do you get through a hard week?", body=REPLY,
                     body_html=render_markdown(REPLY))
        db.session.add(topic)
        db.session.flush()
        html = render_markdown(REPLY)
        db.session.add_all(Item(type="reply", author_id=members[n % 10].id, parent_id=topic.id,
                                board_id=board.id, body=REPLY, body_html=html) for n in range(replies))
        db.session.commit()
        if big_board:
            add_big_board(db, members, big_board)
        return config, topic.id, member_cookie(app, members[1].get_id())


def add_big_board(db: Any, members: list[Any], topics: int) -> None:
    """A board of ``topics`` topics (1 in 50 held), inserted in bulk."""
    from sqlalchemy import insert

    from forum.core.models import Board, Item

    board = Board(slug="big", title="Busy board")
    db.session.add(board)
    db.session.flush()
    start = datetime(2025, 1, 1)
    db.session.execute(insert(Item), [
        {"type": "discussion", "author_id": members[n % len(members)].id, "board_id": board.id,
         "title": f"Topic number {n}", "body": "A topic.", "body_html": "<p>A topic.</p>", "data": {},
         "status": "held" if n % 50 == 0 else "published", "visibility": "community",
         "created_at": start + timedelta(minutes=n), "updated_at": start + timedelta(minutes=n),
         "last_activity_at": start + timedelta(minutes=n)} for n in range(topics)])
    db.session.commit()


def member_cookie(app: object, user_id: str) -> str:
    """A session cookie for a signed-in member, signed as flask-login would sign it."""
    serializer = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
    return f"session={serializer.dumps({'_user_id': str(user_id), '_fresh': True})}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(target: str, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-k", "sync", "-b", f"127.0.0.1:{port}",
         "--log-level", "warning", target], cwd=ROOT, env=env)
    for _ in range(100):
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/")
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"gunicorn did not start for {target}")


def load_wrk(url: str, seconds: int, connections: int, cookie: str = "") -> float:
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    out = subprocess.run(["wrk", "-t", "1", "-c", str(connections), "-d", f"{seconds}s", *headers, url],
                         capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in out:
        raise SystemExit(f"errors while loading {url}:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def load_python(url: str, seconds: int, connections: int, cookie: str = "") -> float:
    host, port, path = re.match(r"http://([^:]+):(\d+)(.*)", url).groups()
    done = [0] * connections
    deadline = time.perf_counter() + seconds

    def worker(index: int) -> None:
        while time.perf_counter() < deadline:
            connection = http.client.HTTPConnection(host, int(port), timeout=10)
            connection.request("GET", path or "/", headers={"Cookie": cookie} if cookie else {})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"{url} answered {response.status}")
            done[index] += 1
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.perf_counter() - start)


def statements_per_page(folder: Path) -> dict[str, int]:
    """SQL statements of a member's topic page (50 and 200 replies) and board page, in-process."""
    from sqlalchemy import event

    from forum import create_app
    from forum.core.extensions import db

    counts = {}
    for replies in (50, 200):
        sub = folder / f"count-{replies}"
        sub.mkdir()
        config, topic, cookie = seed(sub, write_config(sub, cache_seconds=0), big_board=100,
                                     replies=replies)
        app = create_app(config, instance_path=str(sub / "instance"))
        client = app.test_client()
        client.set_cookie("session", cookie.split("=", 1)[1])
        seen: list[str] = []
        with app.app_context():
            event.listen(db.engine, "before_cursor_execute", lambda *args, seen=seen: seen.append(args[2]))
        for path, name in ((f"/t/{topic}", f"topic, {replies} replies"), ("/b/big", "board")):
            client.get(path)  # warm: fragments cached
            seen.clear()
            client.get(path)
            counts[f"{name}"] = len(seen)
    return counts


def cpu_per_page(config: Path, folder: Path, paths: dict[str, tuple[str, str]]) -> dict[str, float]:
    """CPU ms per request in-process (test client), for each (path, cookie)."""
    sys.path.insert(0, str(ROOT))
    from bench.floor_app import create_floor_app
    from bench.hello_app import app as hello

    app = create_floor_app(config, instance_path=str(folder / "instance"))
    result = {}
    for name, (path, cookie) in {"bare flask": ("/", ""), **paths}.items():
        client = (hello if name == "bare flask" else app).test_client()
        if cookie:
            client.set_cookie("session", cookie.split("=", 1)[1])
        for _ in range(20):
            client.get(path)
        started = time.process_time()
        for _ in range(200):
            client.get(path)
        result[name] = (time.process_time() - started) / 200 * 1000
    return result


def wire_bytes(port: int, path: str) -> tuple[int, int]:
    """(uncompressed, compressed) bytes of a first view: the page and its stylesheet."""
    def get(url: str, encoding: str) -> bytes:
        connection = http.client.HTTPConnection("127.0.0.1", port)
        connection.request("GET", url, headers={"Accept-Encoding": encoding} if encoding else {})
        return connection.getresponse().read()

    page = get(path, "")
    css = re.search(rb'href="(/static/forum\.css[^"]*)"', page).group(1).decode()
    return (len(page) + len(get(css, "")), len(get(path, "br, gzip")) + len(get(css, "br, gzip")))


def postgres_url(given: str) -> str:
    """The database to bench members on PostgreSQL with, or "" when none answers."""
    url = given or os.environ.get("FORUM_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    try:
        from sqlalchemy import create_engine, text

        engine = create_engine(url, connect_args={"connect_timeout": 2})
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{PG_SCHEMA}" CASCADE'))
            connection.execute(text(f'CREATE SCHEMA "{PG_SCHEMA}"'))
        engine.dispose()
    except Exception as error:
        print(f"PostgreSQL not reachable ({type(error).__name__}): member-on-PostgreSQL skipped")
        return ""
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{PG_SCHEMA}"


def drop_schema(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url.split("?")[0])
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{PG_SCHEMA}" CASCADE'))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--database-url", default="", help="PostgreSQL for the member-on-PostgreSQL case")
    args = parser.parse_args()
    load = load_wrk if shutil.which("wrk") else load_python
    folder = Path(tempfile.mkdtemp(prefix="forum-bench-"))
    servers: list[subprocess.Popen[bytes]] = []
    pg = postgres_url(args.database_url)
    try:
        cached_config, topic, cookie = seed(folder, big_board=10_000)
        uncached_config = write_config(folder, cache_seconds=0)
        env = {"PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
               "FORUM_INSTANCE": str(folder / "instance"), "PYTHONPATH": str(ROOT)}
        ports = {name: free_port() for name in ("cached", "uncached", "hello", "pg")}
        servers.append(serve("forum:create_app()", ports["cached"],
                             {**env, "FORUM_CONFIG": str(cached_config)}))
        servers.append(serve("bench.floor_app:create_floor_app()", ports["uncached"],
                             {**env, "FORUM_CONFIG": str(uncached_config)}))
        servers.append(serve("bench.hello_app:app", ports["hello"], env))
        url = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
        cases = {"visitor, cache on": (f"{url['cached']}/t/{topic}", ""),
                 "visitor, cache off": (f"{url['uncached']}/t/{topic}", ""),
                 "member": (f"{url['uncached']}/t/{topic}", cookie),
                 "member, board of 10,000": (f"{url['uncached']}/b/big", cookie),
                 "floor, visitor": (f"{url['uncached']}/bench/floor", ""),
                 "floor, member": (f"{url['uncached']}/bench/floor", cookie)}
        if pg:
            pg_folder = folder / "pg"
            pg_folder.mkdir()
            pg_config, pg_topic, pg_cookie = seed(pg_folder, write_config(pg_folder, pg, cache_seconds=0))
            servers.append(serve("forum:create_app()", ports["pg"], {
                **env, "FORUM_CONFIG": str(pg_config), "FORUM_INSTANCE": str(pg_folder / "instance")}))
            cases["member, PostgreSQL"] = (f"{url['pg']}/t/{pg_topic}", pg_cookie)
        plain, compressed = wire_bytes(ports["uncached"], f"/t/{topic}")
        print(f"client: {load.__name__[5:]}, {args.connections} connections, gunicorn 2 sync workers")
        print(f"first view of the topic (50 replies, page + CSS): {plain / 1024:.1f} KB, "
              f"{compressed / 1024:.1f} KB compressed on the wire")
        for target, session_cookie in cases.values():  # warm every worker: templates, caches
            load(target, 2, args.connections, session_cookie)
        totals: dict[str, list[float]] = {name: [] for name in (*cases, "bare flask")}
        for round_number in range(1, args.rounds + 1):
            for name, (target, session_cookie) in cases.items():
                totals[name].append(load(target, args.seconds, args.connections, session_cookie))
            totals["bare flask"].append(load(f"{url['hello']}/", args.seconds, args.connections))
            print(f"round {round_number}: " + "  ".join(
                f"{name} {rates[-1]:.0f}" for name, rates in totals.items()) + " req/s")
        hello_mean = sum(totals["bare flask"]) / args.rounds
        print(f"bare flask: {hello_mean:.1f} req/s")
        for name in cases:
            mean = sum(totals[name]) / args.rounds
            print(f"{name:<26} {mean:8.1f} req/s = {mean / hello_mean:6.1%} of bare Flask")
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=30)  # gunicorn's graceful stop; slow on a busy machine
            except subprocess.TimeoutExpired:
                server.kill()
    for name, count in statements_per_page(folder).items():
        print(f"SQL statements per member page, {name}: {count}")
    cpu = cpu_per_page(uncached_config, folder, {
        "visitor topic, cache off": (f"/t/{topic}", ""), "member topic": (f"/t/{topic}", cookie),
        "member board of 10,000": ("/b/big", cookie), "floor, member": ("/bench/floor", cookie)})
    for name, ms in cpu.items():
        print(f"in-process CPU per request, {name}: {ms:.2f} ms ({cpu['bare flask'] / ms:.0%} of bare Flask)")
    if pg:
        drop_schema(pg)
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
