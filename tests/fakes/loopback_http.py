"""An HTTP server on 127.0.0.1 served from a daemon thread: started and stopped the one way."""

from __future__ import annotations

import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def serve(
    handler: type[BaseHTTPRequestHandler], tls: ssl.SSLContext | None = None
) -> ThreadingHTTPServer:
    """A server on a free port of 127.0.0.1 answering with `handler` from a daemon thread, over
    TLS with `tls`."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def shut(server: ThreadingHTTPServer | None) -> None:
    """Stop serving and close the port (nothing to do when it never started)."""
    if server is not None:
        server.shutdown()
        server.server_close()
