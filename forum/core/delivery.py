"""Fewer bytes and round trips: compressed HTML and CSS, validators for pages, cacheable static files.

- Compression is WSGI middleware around the whole app, so it sees the final response (after
  every ``after_request``, the session cookie included): brotli when the client takes it and
  the package is installed, else gzip. The compressed copy of a body is kept in a small
  byte-bounded LRU keyed by the body's hash, so the same page or stylesheet (a visitor's
  cached page, forum.css) is compressed once per worker, not once per request.
- Pages get an ETag (a hash of the uncompressed body, weak so that it holds for every
  encoding) and answer ``304 Not Modified`` to a matching ``If-None-Match``.
- ``url_for('static', ...)`` adds ``?v=<hash of the file>``; such URLs are cached for a year
  (``immutable``): a new stylesheet has a new URL, so no reader keeps an old one.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

from flask import Flask, Response, request

from .stores import MemoryStore

try:  # optional: a well-kept binding of Google's brotli; gzip otherwise
    import brotli
except ImportError:  # pragma: no cover - depends on the installation
    brotli = None

COMPRESSIBLE = ("text/html", "text/css", "application/json", "image/svg+xml", "text/plain")
MIN_SIZE = 512  # smaller bodies gain less than the header costs
YEAR = 365 * 24 * 3600
GZIP_LEVEL = 6
BROTLI_QUALITY = 5  # close to gzip -9 in size at gzip -6 speed

StartResponse = Callable[..., Any]


def _encode(body: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return brotli.compress(body, quality=BROTLI_QUALITY)
    return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)


def choose_encoding(accept: str) -> str | None:
    accepted = {part.split(";")[0].strip().lower() for part in accept.split(",")
                if not part.strip().endswith(";q=0")}
    if brotli is not None and "br" in accepted:
        return "br"
    return "gzip" if "gzip" in accepted else None


class Compressor:
    """WSGI middleware: compress eligible responses, remembering recent results."""

    def __init__(self, app: Callable[..., Iterable[bytes]], max_bytes: int = 8 * 1024 * 1024) -> None:
        self.app = app
        self.recent = MemoryStore(max_bytes)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        encoding = choose_encoding(environ.get("HTTP_ACCEPT_ENCODING", ""))
        if encoding is None or environ.get("REQUEST_METHOD") == "HEAD":
            return self.app(environ, start_response)
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            captured.update(status=status, headers=headers, exc_info=exc_info)
            return lambda data: None  # legacy write(): Flask never uses it

        result = self.app(environ, capture)
        headers: list[tuple[str, str]] = captured["headers"]
        if not self._eligible(captured["status"], headers):  # streams and files pass untouched
            start_response(captured["status"], headers, captured["exc_info"])
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        if len(body) >= MIN_SIZE:
            body = self._compressed(body, encoding)
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            headers += [("Content-Encoding", encoding), ("Content-Length", str(len(body)))]
            _add_vary(headers)
        start_response(captured["status"], headers, captured["exc_info"])
        return [body]

    @staticmethod
    def _eligible(status: str, headers: list[tuple[str, str]]) -> bool:
        found = {k.lower(): v for k, v in headers}
        return (status.startswith("200") and "content-encoding" not in found
                and found.get("content-type", "").split(";")[0].strip() in COMPRESSIBLE)

    def _compressed(self, body: bytes, encoding: str) -> bytes:
        key = f"{encoding}:{hashlib.blake2b(body, digest_size=16).hexdigest()}"
        found = self.recent.get(key)
        if found is None:
            found = _encode(body, encoding)
            self.recent.set(key, found)
        return found


def _add_vary(headers: list[tuple[str, str]]) -> None:
    for index, (name, value) in enumerate(headers):
        if name.lower() == "vary":
            if "accept-encoding" not in value.lower():
                headers[index] = (name, f"{value}, Accept-Encoding")
            return
    headers.append(("Vary", "Accept-Encoding"))


@cache
def file_version(path: str, mtime_ns: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def init_delivery(app: Flask) -> None:
    static = Path(app.static_folder or "")

    @app.url_defaults
    def version_static_urls(endpoint: str, values: dict[str, Any]) -> None:
        if endpoint == "static" and "v" not in values and "filename" in values:
            path = static / values["filename"]
            try:
                values["v"] = file_version(str(path), path.stat().st_mtime_ns)
            except OSError:
                return

    @app.after_request
    def validators_and_lifetimes(response: Response) -> Response:
        if request.endpoint == "static":
            if request.args.get("v"):
                response.cache_control.public = True
                response.cache_control.max_age = YEAR
                response.cache_control.immutable = True
            return response
        if (request.method == "GET" and response.status_code == 200 and response.mimetype == "text/html"
                and not response.direct_passthrough):
            response.set_etag(hashlib.blake2b(response.get_data(), digest_size=16).hexdigest(), weak=True)
            response.make_conditional(request)
        return response

    app.wsgi_app = Compressor(app.wsgi_app)  # type: ignore[method-assign]
