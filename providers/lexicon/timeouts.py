"""A time limit for dns-lexicon's HTTP requests, which its backends send without one.

A backend calls `requests` with no `timeout`, so a host that takes the connection and never
answers would hold the wizard (and the person) forever. Every `requests.Session.request` that
comes without a limit gets `LIMIT`; one that sets its own keeps it (our GoDaddy plugin does). It
is installed once, when the first backend is built, and changes nothing else about a request.
"""

from __future__ import annotations

import functools
from typing import Any

#: (connect, read) seconds for a backend's request that names no limit of its own.
LIMIT: tuple[float, float] = (10.0, 60.0)

#: Where `requests.Session.request`'s own `timeout` stands among its positional arguments.
_TIMEOUT_POSITION = 8


def limit_backend_requests() -> None:
    """Give every later request without a timeout `LIMIT` (idempotent)."""
    import requests

    original = requests.Session.request
    if getattr(original, "wizard_limited", False):
        return

    @functools.wraps(original)
    def request(self: requests.Session, *args: Any, **kwargs: Any) -> requests.Response:
        if len(args) <= _TIMEOUT_POSITION and kwargs.get("timeout") is None:
            kwargs["timeout"] = LIMIT
        return original(self, *args, **kwargs)

    request.wizard_limited = True  # type: ignore[attr-defined]
    requests.Session.request = request  # type: ignore[method-assign]
