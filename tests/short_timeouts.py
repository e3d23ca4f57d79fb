"""A short timeout on the one request a test stalls; every other request keeps the normal one.

A test that makes a fake host stall one request needs the provider to give up on that request
quickly. Shortening the provider's timeout for the whole apply also cuts short the plan's own
reads, which on a busy machine can take longer than the short timeout: the test then fails on
the wrong request ("Nothing was changed" instead of "may or may not"). These subclasses shorten
the timeout only for the request picked by its method or by its number (from 0, in the order the
provider sends them, which is the order the fakes count `skip` in).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from providers.godaddy import GoDaddyProvider
from providers.route53 import Route53Provider

#: Seconds the picked request may take; the fakes stall it for longer.
SHORT = 0.3


class _Pick:
    """Which request is cut short: every one with `method`, or request number `at`."""

    def __init__(self, *, method: str | None, at: int | None) -> None:
        assert (method is None) != (at is None), "pick a method or a request number"
        self.method = method
        self.at = at
        self.sent = 0

    def __call__(self, method: str) -> bool:
        number, self.sent = self.sent, self.sent + 1
        return method == self.method if self.method is not None else number == self.at


class Route53CutShort(Route53Provider):
    """Route 53 with a `SHORT` read timeout on the picked call (a boto3 method name, such as
    "change_resource_record_sets", or the call's number); a call is one request when
    `max_attempts` is 1."""

    def __init__(
        self,
        settings: Mapping[str, str] | None = None,
        *,
        method: str | None = None,
        at: int | None = None,
    ) -> None:
        super().__init__(settings)
        self._pick = _Pick(method=method, at=at)

    def _call(self, method: str, **kwargs: Any) -> Any:
        if not self._pick(method):
            return super()._call(method, **kwargs)
        normal_client, normal_timeout = self._client, self.read_timeout
        self._client, self.read_timeout = None, SHORT  # a client of its own with the short one
        try:
            return super()._call(method, **kwargs)
        finally:
            self.close()
            self._client, self.read_timeout = normal_client, normal_timeout


class GoDaddyCutShort(GoDaddyProvider):
    """GoDaddy with a `SHORT` timeout on the picked HTTP request (its method, such as "PATCH",
    or its number, retries included)."""

    def __init__(
        self,
        settings: Mapping[str, str] | None = None,
        *,
        method: str | None = None,
        at: int | None = None,
    ) -> None:
        super().__init__(settings)
        self._pick = _Pick(method=method, at=at)

    def session(self) -> Any:
        session = super().session()
        if getattr(session, "cut_short", False):
            return session
        send = session.request

        def request(method: str, url: str, **kw: Any) -> Any:
            if self._pick(method):
                kw["timeout"] = SHORT
            return send(method, url, **kw)

        session.request = request
        session.cut_short = True
        return session
