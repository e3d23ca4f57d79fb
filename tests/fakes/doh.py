"""DNS over HTTPS on loopback (RFC 8484) in front of BIND, and a port that never answers.

An office that blocks DNS to public resolvers lets their DoH through: `DohServer` is that
resolver's HTTPS face (plain HTTP here, which dnspython speaks for http:// URLs) and
`BlackHole` its port 53 as seen from the office, where questions vanish without a reply.
"""

from __future__ import annotations

import base64
import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import dns.exception
import dns.message
import dns.query
import dns.rdatatype

MEDIA_TYPE = "application/dns-message"
PATH = "/dns-query"


@dataclass
class DohServer:
    """RFC 8484 GET (`?dns=` base64url) and POST (`application/dns-message`) on 127.0.0.1,
    each question forwarded to `upstream` (HOST, PORT) over UDP, as a resolver's DoH does."""

    upstream: tuple[str, int]
    #: The questions answered so far, as (method, name, type): what a test checks was asked.
    asked: list[tuple[str, str, str]] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None, "start() first"
        return f"http://127.0.0.1:{self._server.server_address[1]}{PATH}"

    def start(self) -> DohServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the http.server interface
                parts = urlsplit(self.path)
                values = parse_qs(parts.query).get("dns", [])
                if parts.path != PATH or len(values) != 1:
                    self.send_error(400, "expected ?dns=")
                    return
                encoded = values[0]
                wire = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
                self._answer("GET", wire)

            def do_POST(self) -> None:  # noqa: N802 - the http.server interface
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                if self.path != PATH or self.headers.get("Content-Type") != MEDIA_TYPE:
                    self.send_error(415, f"expected {MEDIA_TYPE} at {PATH}")
                    return
                self._answer("POST", body)

            def _answer(self, method: str, wire: bytes) -> None:
                try:
                    query = dns.message.from_wire(wire)
                    host, port = owner.upstream
                    response = dns.query.udp(query, host, port=port, timeout=5)
                except dns.exception.DNSException as exc:
                    self.send_error(502, f"upstream: {exc}")
                    return
                question = query.question[0]
                owner.asked.append(
                    (method, question.name.to_text(), dns.rdatatype.to_text(question.rdtype))
                )
                body = response.to_wire()
                self.send_response(200)
                self.send_header("Content-Type", MEDIA_TYPE)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        # A short poll: stop() waits for serve_forever to notice (0.5 s by default).
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


class BlackHole:
    """A UDP port on 127.0.0.1 that takes every question and never answers (TCP: nobody
    listens), like port 53 of a public resolver behind an office firewall."""

    def __init__(self) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._socket.bind(("127.0.0.1", 0))
        self.port = int(self._socket.getsockname()[1])

    @property
    def server(self) -> str:
        """HOST:PORT, the form our --resolver flag takes."""
        return f"127.0.0.1:{self.port}"

    def close(self) -> None:
        self._socket.close()
