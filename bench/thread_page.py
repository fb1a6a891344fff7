"""Topic page with 50 posts vs bare Flask, both under gunicorn (2 sync workers), loopback only.

Reports two forum figures: a visitor without cookies (the page micro-cache may serve it) and a
signed-in member (always rendered: database, plugins, templates).

    python bench/thread_page.py [--rounds 5] [--seconds 5] [--connections 8]

Seeds a SQLite community with one topic and 50 replies of about 500 characters, serves it and
bench/hello_app.py with the same gunicorn settings, then loads both with the same client (wrk
when installed, otherwise a Python keep-alive-free client) in interleaved rounds, and prints
requests/second of each and the ratio. Bounded: rounds x seconds x 2, loopback only.
"""

from __future__ import annotations

import argparse
import http.client
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPLY = ("Thank you for sharing this. I had a similar week and what helped me was a short walk "
         "after lunch, even when I did not feel like it. Small steps count. ") * 3


def seed(folder: Path) -> tuple[Path, int, str]:
    """Create the community; return (config path, topic id, a signed-in member's cookie)."""
    sys.path.insert(0, str(ROOT))
    from forum import create_app
    from forum.core.content import render_markdown
    from forum.core.database import init_db
    from forum.core.extensions import db
    from forum.core.models import Board, Item, User, username_key

    config = folder / "bench.toml"
    config.write_text('[community]\nname = "Bench"\npublic_read = true\n'
                      '[plugins]\nenabled = ["comments", "moderation"]\n', encoding="utf-8")
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
                                board_id=board.id, body=REPLY, body_html=html) for n in range(50))
        db.session.commit()
        return config, topic.id, member_cookie(app, members[1].id)


def member_cookie(app: object, user_id: int) -> str:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    load = load_wrk if shutil.which("wrk") else load_python
    folder = Path(tempfile.mkdtemp(prefix="forum-bench-"))
    config, topic, cookie = seed(folder)
    env = {"PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin", "FORUM_CONFIG": str(config),
           "FORUM_INSTANCE": str(folder / "instance"), "PYTHONPATH": str(ROOT)}
    forum_port, hello_port = free_port(), free_port()
    servers = [serve("forum:create_app()", forum_port, env), serve("bench.hello_app:app", hello_port, env)]
    forum_url, hello_url = f"http://127.0.0.1:{forum_port}/t/{topic}", f"http://127.0.0.1:{hello_port}/"
    try:
        page = http.client.HTTPConnection("127.0.0.1", forum_port)
        page.request("GET", f"/t/{topic}")
        body = page.getresponse().read()
        css = http.client.HTTPConnection("127.0.0.1", forum_port)
        css.request("GET", "/static/forum.css")
        weight = len(body) + len(css.getresponse().read())
        print(f"client: {load.__name__[5:]}, {args.connections} connections, gunicorn 2 sync workers")
        replies = body.count(b'class="reply"')
        print(f"topic page: {replies} replies, {weight / 1024:.1f} KB with CSS")
        # Visitors (no cookie) may be served from the page micro-cache; members never are.
        runs = {"visitor": "", "member": cookie}
        totals: dict[str, list[float]] = {"visitor": [], "member": [], "hello": []}
        for round_number in range(1, args.rounds + 1):
            for name, session_cookie in runs.items():
                totals[name].append(load(forum_url, args.seconds, args.connections, session_cookie))
            totals["hello"].append(load(hello_url, args.seconds, args.connections))
            print(f"round {round_number}: " + "   ".join(
                f"{name} {rates[-1]:7.1f} req/s" for name, rates in totals.items()))
        hello_mean = sum(totals["hello"]) / args.rounds
        print(f"bare flask: {hello_mean:.1f} req/s")
        for name in runs:
            mean = sum(totals[name]) / args.rounds
            print(f"topic page as {name}: {mean:.1f} req/s = {mean / hello_mean:.1%} of bare Flask")
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
