"""What every local fake of a DNS host's API shares, so each host's module holds only that host.

A fake is a `FakeAPI` (served on 127.0.0.1 by LocalServer, its requests kept in
`requests_seen`, a `quirk` to store something other than it was sent, a lock for its state);
a fake of a JSON API is a `JSONAPI`, which reads each request whole, records it as a `Seen`
and sends back the `(status, payload)` its `answer` gives. What differs between hosts (the
answers, the error shapes, the Content-Type) stays in the host's module.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar, Generic, Self, TypeVar, cast
from urllib.parse import parse_qs, unquote, urlsplit

from tests.fakes.serving import LocalServer

SeenT = TypeVar("SeenT")


@dataclass(frozen=True)
class Seen:
    """One request as a fake received it, for a test to check against the host's reference."""

    method: str
    path: str
    query: dict[str, list[str]]
    body: Any


@dataclass(frozen=True)
class Request:
    """One request, read whole: what a JSON fake answers from."""

    method: str
    #: The request target as sent (path and query string, still percent-encoded).
    target: str
    path: str
    query: dict[str, list[str]]
    headers: Message
    raw: bytes
    #: The body parsed from JSON (None when empty), or its text when it is not JSON.
    body: Any
    is_json: bool

    @property
    def auth(self) -> str:
        return self.headers.get("Authorization", "")


class QuietHandler(BaseHTTPRequestHandler):
    """A handler that logs nothing and speaks HTTP/1.1, each answer leaving in one write."""

    protocol_version = "HTTP/1.1"
    #: Headers and body leave in one write: two small writes wait on delayed ACKs (40 ms each).
    wbufsize = 1 << 16

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        return

    def read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def send(self, status: int, data: bytes, content_type: str | None) -> None:
        """An answer; with no body, no Content-Type (as for a 204)."""
        self.send_response(status)
        if content_type is not None and data:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@dataclass
class FakeAPI(LocalServer, Generic[SeenT]):
    """A fake host's API on a loopback port; `requests_seen` keeps every request it got."""

    #: What the API's base URL ends in, after the port.
    base_path: ClassVar[str] = ""
    #: The handler class; each fake serves a subclass whose `api` is the fake.
    handler_class: ClassVar[type[BaseHTTPRequestHandler]]

    quirk: str | None = field(default=None, kw_only=True)
    requests_seen: list[SeenT] = field(default_factory=list, kw_only=True)
    _server: ThreadingHTTPServer | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.base_path}"

    def start(self) -> Self:
        self._serve(type("Handler", (self.handler_class,), {"api": self}))
        return self


class _JSONHandler(QuietHandler):
    api: ClassVar[JSONAPI[Any]]

    def _serve(self) -> None:
        api = self.api
        request = self._read()
        api.requests_seen.append(api.seen(request))
        try:
            status, payload = api.answer(request)
        except Exception as exc:  # a broken fixture answers 500 rather than hanging up
            status, payload = api.crashed(exc)
        self.send(status, api.encoded(payload), api.content_type)

    def _read(self) -> Request:
        split = urlsplit(self.path)
        raw = self.read_body()
        try:
            body, is_json = (json.loads(raw) if raw else None), True
        except ValueError:
            body, is_json = raw.decode(errors="replace"), False
        return Request(
            method=self.command,
            target=self.path,
            path=unquote(split.path) if self.api.unquote_path else split.path,
            query=parse_qs(split.query, keep_blank_values=self.api.keep_blank_values),
            headers=self.headers,
            raw=raw,
            body=body,
            is_json=is_json,
        )

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve  # noqa: N815


@dataclass
class JSONAPI(FakeAPI[SeenT]):
    """A fake JSON API: every request is recorded by `seen` and answered by `answer`."""

    handler_class = _JSONHandler
    content_type: ClassVar[str] = "application/json"
    #: Whether `?a=` reads as `{"a": [""]}` (True) or is dropped, as the host's server does.
    keep_blank_values: ClassVar[bool] = False
    #: Whether the path is percent-decoded before it is recorded and routed.
    unquote_path: ClassVar[bool] = False
    #: Whether a None payload is sent as the JSON `null` rather than as no body.
    sends_null: ClassVar[bool] = False

    def seen(self, request: Request) -> SeenT:
        """What `requests_seen` keeps of a request (a fake with a wider `Seen` says more)."""
        seen = Seen(request.method, request.path, request.query, request.body)
        return cast(SeenT, seen)

    def answer(self, request: Request) -> tuple[int, Any]:
        """The status and JSON payload (None: no body) the host answers `request` with."""
        raise NotImplementedError

    def crashed(self, exc: Exception) -> tuple[int, Any]:
        """The answer when the fake itself fails: a 500 rather than a dropped connection."""
        return 500, {"message": type(exc).__name__}

    def encoded(self, payload: Any) -> bytes:
        if payload is None and not self.sends_null:
            return b""
        return json.dumps(payload).encode()
