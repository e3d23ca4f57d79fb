"""How the web checks reach servers: ports, curl-style address overrides, trusted CAs.

`resolve` works like curl's `--resolve HOST:PORT:ADDR` and `cacert` like `--cacert`, so the
checks run against loopback servers in tests and in the demo without touching the internet.
"""

from __future__ import annotations

import http.client
import socket
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field

from wizard.model.names import normalize_name


@dataclass(frozen=True)
class Reach:
    """How to reach web servers: ports, curl-style address overrides, trusted CAs, timeout."""

    resolve: Mapping[tuple[str, int], str] = field(default_factory=dict)
    http_port: int = 80
    https_port: int = 443
    cacert: str | None = None
    timeout: float = 5.0

    def connect(self, host: str, port: int, tls: ssl.SSLContext | None) -> socket.socket:
        address = self.resolve.get((host, port), host)
        sock = socket.create_connection((address, port), timeout=self.timeout)
        if tls is None:
            return sock
        try:
            return tls.wrap_socket(sock, server_hostname=host)
        except BaseException:
            sock.close()
            raise

    def tls_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(cafile=self.cacert)
        context.check_hostname = False  # checked by us, to say which name is missing
        return context


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]


def parse_resolve(entries: list[str]) -> dict[tuple[str, int], str]:
    """curl's HOST:PORT:ADDR entries; raises ValueError naming the bad one."""
    mapping: dict[tuple[str, int], str] = {}
    for entry in entries:
        host, _, rest = entry.partition(":")
        port, _, address = rest.partition(":")
        if not host or not port.isdigit() or not address:
            raise ValueError(f"{entry!r} is not HOST:PORT:ADDRESS (like curl's --resolve).")
        mapping[(normalize_name(host), int(port))] = address.strip("[]")
    return mapping


def get(host: str, port: int, reach: Reach, tls: ssl.SSLContext | None) -> Response:
    sock = reach.connect(host, port, tls)
    connection = http.client.HTTPConnection(host, port, timeout=reach.timeout)
    connection.sock = sock
    try:
        connection.request("GET", "/", headers={"User-Agent": "tracking-wizard readiness check"})
        response = connection.getresponse()
        response.read(65536)
        return Response(response.status, {k.lower(): v for k, v in response.getheaders()})
    finally:
        connection.close()


def why(exc: BaseException) -> str:
    if isinstance(exc, ssl.SSLCertVerificationError):
        return exc.verify_message or str(exc)
    if isinstance(exc, socket.timeout | TimeoutError):
        return "no answer in time"
    if isinstance(exc, ConnectionRefusedError):
        return "the connection was refused"
    if isinstance(exc, socket.gaierror):
        return "the name does not resolve"
    return str(exc) or type(exc).__name__
