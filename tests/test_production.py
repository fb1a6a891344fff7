"""The README's production command holds up: two slow clients do not stall the server.

A client on a bad mobile line sends its request slowly. A sync gunicorn worker serves one
connection at a time, so two such clients take two workers for as long as they dawdle; with
``gthread`` workers they take two threads and everyone else is still served. Real gunicorn on a
loopback port, a bounded check of a few seconds.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from forum import create_app
from forum.core.database import init_db

GUNICORN = Path(sys.executable).parent / "gunicorn"
CONFIG = """
[community]
name = "Slow line test"
moderation = "post"
public_read = true
crisis_resources = [{{ name = "Lifeline", phone = "0120 000 000" }}]
[database]
url = "sqlite:///{db}"
"""


def free_port() -> int:
    for _ in range(50):
        port = random.randint(20000, 60000)
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port")


@contextmanager
def gunicorn(tmp_path: Path, *options: str) -> Iterator[str]:
    config = tmp_path / "community.toml"
    config.write_text(CONFIG.format(db=tmp_path / "forum.sqlite"))
    env = {**os.environ, "FORUM_INSTANCE": str(tmp_path / "instance")}
    init_db(create_app(str(config), instance_path=env["FORUM_INSTANCE"]))
    port = free_port()
    server = subprocess.Popen(
        [str(GUNICORN), "--bind", f"127.0.0.1:{port}", "--workers", "1", "--timeout", "30",
         *options, f'forum:create_app("{config}")'],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{url}/help", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not start within 30 s")
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=15)


@contextmanager
def slow_clients(url: str, count: int) -> Iterator[None]:
    """Clients that sent half a request line and go quiet (a phone in a tunnel)."""
    host, port = url.removeprefix("http://").split(":")
    clients = []
    for _ in range(count):
        client = socket.create_connection((host, int(port)), timeout=5)
        client.sendall(b"POST /b/general/new HTTP/1.1\r\nHost: forum\r\nContent-Length: 100\r\n"
                       b"Content-Type: application/x-www-form-urlencoded\r\n\r\nti")
        clients.append(client)
    time.sleep(0.5)  # let the server pick them up
    try:
        yield
    finally:
        for client in clients:
            client.close()


def answers_in_time(url: str, seconds: float) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=seconds) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed")
def test_gthread_workers_serve_others_while_two_clients_dawdle(tmp_path):
    with gunicorn(tmp_path, "--worker-class", "gthread", "--threads", "4") as url, slow_clients(url, 2):
        started = time.monotonic()
        assert answers_in_time(f"{url}/", 5)
        assert answers_in_time(f"{url}/help", 5)
        assert time.monotonic() - started < 5


@pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed")
def test_a_sync_worker_is_stalled_by_one_slow_client(tmp_path):
    """The contrast the README warns about: why sync workers need a buffering proxy."""
    with gunicorn(tmp_path, "--worker-class", "sync") as url:
        with slow_clients(url, 1):
            assert not answers_in_time(f"{url}/help", 2)
        assert answers_in_time(f"{url}/help", 10)  # the slow client gone, it answers again
