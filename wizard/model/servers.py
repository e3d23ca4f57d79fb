"""DNS server addresses as HOST[:PORT], from flags or comma-separated environment variables."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from wizard.model.errors import UsageError


@dataclass(frozen=True)
class Server:
    host: str
    port: int = 53
    #: Who the server is, for people ("Google", "ns1.example.com"); not part of its identity.
    name: str = field(default="", compare=False)

    def __str__(self) -> str:
        if ":" in self.host:
            return f"[{self.host}]:{self.port}" if self.port != 53 else self.host
        return f"{self.host}:{self.port}" if self.port != 53 else self.host


def parse_server(text: str) -> Server:
    """`1.1.1.1`, `127.0.0.1:5353`, `::1`, `[::1]:5353` or a host name."""
    text = text.strip()
    if not text:
        raise UsageError("An empty DNS server address was given.")
    host, port = text, "53"
    if text.startswith("["):
        host, sep, rest = text[1:].partition("]")
        if not sep:
            raise UsageError(f"{text!r} is missing its closing ']'.")
        if rest:
            if not rest.startswith(":"):
                raise UsageError(f"{text!r} is not HOST[:PORT].")
            port = rest[1:]
    elif text.count(":") == 1:
        host, port = text.split(":")
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError(f"{text!r}: the port must be a number from 1 to 65535.")
    return Server(host, int(port))


def parse_servers(text: str) -> list[Server]:
    """Comma-separated HOST[:PORT] addresses, as typed in a form or set in a variable."""
    return [parse_server(part) for part in text.split(",") if part.strip()]


def servers_from(values: Sequence[str] | None, env_var: str) -> list[Server] | None:
    """Servers from repeated flags, else from `env_var`; None when neither is set."""
    if values:
        return [parse_server(v) for v in values]
    env = os.environ.get(env_var, "").strip()
    if env:
        return parse_servers(env)
    return None
