"""Web servers on loopback for readiness tests: HTTP, or HTTPS with per-name certificates."""

from __future__ import annotations

import ssl
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import trustme


@dataclass
class WebServer:
    """Answers GET / with `status` and the headers configured for the request's Host.

    `certs` maps a server name (SNI) to the certificate it presents; `default_cert` is used
    for any other name. Without certificates it speaks plain HTTP.
    """

    headers_by_host: dict[str, dict[str, str]] = field(default_factory=dict)
    status: int = 200
    certs: dict[str, trustme.LeafCert] = field(default_factory=dict)
    default_cert: trustme.LeafCert | None = None
    requests: list[str] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.server_address[1])

    def _context(self, cert: trustme.LeafCert) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        cert.configure_cert(context)
        return context

    def start(self) -> WebServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                host = (self.headers.get("Host") or "").split(":")[0].lower()
                owner.requests.append(host)
                self.send_response(owner.status)
                for key, value in owner.headers_by_host.get(host, {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if self.default_cert is not None or self.certs:
            base = self._context(self.default_cert or next(iter(self.certs.values())))
            by_name = {name: self._context(cert) for name, cert in self.certs.items()}

            def choose(sock: ssl.SSLObject | ssl.SSLSocket, name: str | None, _: Any) -> None:
                if name in by_name:
                    sock.context = by_name[name]

            base.sni_callback = choose
            server.socket = base.wrap_socket(server.socket, server_side=True)
        self._server = server
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> WebServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
