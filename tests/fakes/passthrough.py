"""What a fake DNS host passes on to BIND after an accepted write, so a test can read DNS.

The Cloudflare and GoDaddy fakes each say how one of their records is served (owner, type, TTL,
rdata; a proxied Cloudflare record answers with an edge address); the sets that changed are
then replaced in BIND in one signed update.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import dns.rdata

from tests.fakes.bind import RRSets

#: One record as the host serves it: (owner with its trailing dot, type, TTL, rdata).
Served = tuple[str, str, int, dns.rdata.Rdata]


def pass_on(
    bind: Any,
    zone: str,
    before: Iterable[dict[str, Any]],
    after: Iterable[dict[str, Any]],
    served: Callable[[dict[str, Any]], Iterable[Served]],
) -> None:
    """Replace in `bind` (a BindServer, or None for no DNS) every set this write changed."""
    if bind is None:
        return

    def sets(records: Iterable[dict[str, Any]]) -> RRSets:
        out: RRSets = {}
        for record in records:
            for owner, rtype, ttl, rdata in served(record):
                out.setdefault((owner, rtype), []).append((ttl, rdata))
        return out

    bind.sync_sets(zone, sets(before), sets(after))
