"""Who may be served what: the rules decided before a port is opened, so they can be read and
tested without a server.

Real mode holds credentials and writes to a live DNS host, so it is served on loopback only.
Every address needs a random token in the URL: on loopback too, since another user of the same
machine can reach loopback.
"""

from __future__ import annotations

import ipaddress
import secrets
from dataclasses import dataclass

from wizard.model.errors import UsageError

#: Browser tabs served at once; each one is a whole wizard process.
DEFAULT_MAX_SESSIONS = 8
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


@dataclass(frozen=True)
class Serving:
    """What `serve` will offer, and the secret a browser must show to get it."""

    host: str
    demo: bool
    token: str
    max_sessions: int

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost; every other address is reachable by others."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def decide(host: str, real: bool, max_sessions: int = DEFAULT_MAX_SESSIONS) -> Serving:
    """The serving for these flags; UsageError when they ask for something unsafe."""
    if max_sessions < 1:
        raise UsageError(f"--max-sessions must be at least 1 (got {max_sessions}).")
    if real and not is_loopback(host):
        raise UsageError(
            f"Real mode is served on loopback only (127.0.0.1 or ::1), not on {host}: it holds "
            "your DNS host's credentials and writes to your zone. Serve the demo on that "
            "address instead (drop --real), or serve real mode on 127.0.0.1."
        )
    return Serving(
        host=host, demo=not real, token=secrets.token_urlsafe(18), max_sessions=max_sessions
    )


def token_matches(serving: Serving, given: str) -> bool:
    """Constant-time comparison, so the token cannot be guessed a character at a time."""
    return secrets.compare_digest(serving.token.encode(), given.encode())
