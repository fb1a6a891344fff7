"""A real receiver for webhook alerts on loopback (the SMTP server is ``forum.testing.smtp_server``)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


class Webhook:
    """What the webhook receiver got, and the status it answers with."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self.status = 200


@pytest.fixture
def webhook() -> Iterator[tuple[str, Webhook]]:
    received = Webhook()

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            received.calls.append({"type": self.headers["Content-Type"],
                                   "json": json.loads(self.rfile.read(length))})
            self.send_response(received.status)
            self.end_headers()

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/hook", received
    server.shutdown()
    thread.join(timeout=5)
