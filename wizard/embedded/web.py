"""The little internet's web servers, on loopback: one HTTP and one HTTPS listener for every site.

A request is routed the way the internet routes it: its Host name (or TLS server name) is looked
up in the little internet's DNS, and the site at that address answers, with that site's own
certificate. So a tracking host answers only once its CNAME is in place, and with the
certificate of whatever it points at.
"""

from __future__ import annotations

import contextlib
import ssl
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from wizard.embedded.certificates import DemoCA
from wizard.embedded.sites import Site

#: Seconds between serve_forever's checks for a shutdown: stop() waits up to this long.
SHUTDOWN_POLL = 0.05

SiteFor = Callable[[str], Site | None]


class WebServer:
    """`with WebServer(site_for, ca) as web:` listens on `web.http_port` and `web.https_port`."""

    def __init__(
        self, site_for: SiteFor, ca: Callable[[], DemoCA], host: str = "127.0.0.1"
    ) -> None:
        self.site_for = site_for
        self.ca = ca
        self.host = host
        self.requests: list[tuple[str, str]] = []
        self._servers: list[ThreadingHTTPServer] = []
        self._contexts: dict[tuple[str, ...], ssl.SSLContext] = {}
        self._lock = threading.Lock()

    @property
    def http_port(self) -> int:
        return int(self._servers[0].server_address[1])

    @property
    def https_port(self) -> int:
        return int(self._servers[1].server_address[1])

    def _handler(self, scheme: str) -> type[BaseHTTPRequestHandler]:
        web = self

        class Handler(BaseHTTPRequestHandler):
            server_version = "demo-web"

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                host = (self.headers.get("Host") or "").rsplit(":", 1)[0].lower().rstrip(".")
                web.requests.append((scheme, host))
                site = web.site_for(host)
                if site is None:
                    self.send_response(421)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(site.status)
                if site.location:
                    self.send_header("Location", site.location)
                if scheme == "https" and site.hsts:
                    self.send_header("Strict-Transport-Security", site.hsts)
                for key, value in site.headers:
                    self.send_header(key, value)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return

        return Handler

    def _context_for(self, names: tuple[str, ...]) -> ssl.SSLContext:
        with self._lock:
            if names not in self._contexts:
                chain, key = self.ca().issue(names)
                context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                context.load_cert_chain(chain, key)
                self._contexts[names] = context
            return self._contexts[names]

    def _choose(self, sock: ssl.SSLObject | ssl.SSLSocket, name: str | None, _: Any) -> None:
        """The SNI callback: present the certificate of the site the name leads to."""
        site = self.site_for(name.lower()) if name else None
        if site is not None and site.names:
            sock.context = self._context_for(site.names)

    def start(self) -> WebServer:
        plain = ThreadingHTTPServer((self.host, 0), self._handler("http"))
        secure = ThreadingHTTPServer((self.host, 0), self._handler("https"))
        base = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        base.sni_callback = self._choose
        secure.socket = base.wrap_socket(secure.socket, server_side=True)
        self._servers = [plain, secure]
        for server in self._servers:
            # A short poll: stop() (at every demo's end) waits for serve_forever to notice.
            threading.Thread(
                target=server.serve_forever,
                kwargs={"poll_interval": SHUTDOWN_POLL},
                daemon=True,
                name="demo-web",
            ).start()
        return self

    def stop(self) -> None:
        for server in self._servers:
            with contextlib.suppress(OSError):
                server.shutdown()
                server.server_close()
        self._servers = []

    def __enter__(self) -> WebServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
