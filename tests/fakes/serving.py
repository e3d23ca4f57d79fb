"""A local HTTP server on 127.0.0.1, started once the same way for every fake that needs one.

Each fake (the Cloudflare and GoDaddy APIs, the Route 53 proxy, the web server) declares its
`_server` field and its handler, and calls `_serve(handler)` from its own `start()`; stopping,
the port and the `with` block are shared here.
"""

from __future__ import annotations

import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self


class LocalServer:
    """Mixin for a fake served by a ThreadingHTTPServer on an OS-chosen loopback port."""

    _server: ThreadingHTTPServer | None

    def start(self) -> Self:
        raise NotImplementedError

    def _serve(
        self,
        handler: type[BaseHTTPRequestHandler],
        *,
        tls: ssl.SSLContext | None = None,
    ) -> ThreadingHTTPServer:
        """Listen on 127.0.0.1 and answer in a daemon thread; with `tls`, speak HTTPS."""
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        if tls is not None:
            server.socket = tls.wrap_socket(server.socket, server_side=True)
        self._server = server
        threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return server

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.server_address[1])

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
