"""A cached answer's countdown, as first learned: it does not go back up.

Unbound answers "does not exist" with the zone's SOA from its shared record cache, and other
lookups in the zone refresh that SOA: the TTL it reports for one name can jump back up to the
zone's full negative TTL while that name's own cached answer still expires when it first said.
So once a pair's reported TTL goes up, the expiry learned before stands until a little past it
(a resolver that counts whole seconds serves an answer through its zero-TTL second); only then
is a later one believed, as a resolver that really cached the answer again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from wizard.watch.model import Expectation, PairResult, ServerSpec

#: How long past a remembered expiry it still stands: Unbound holds an answer through the
#: second its TTL reads 0, and a sweep may land at the end of it.
GRACE = 1.5


class Countdowns:
    """For each pending (expectation, server) pair of one watch: its expiry, its last reported
    TTL, and whether the TTL has gone back up since (then the expiry is held)."""

    def __init__(self) -> None:
        self._known: dict[tuple[Expectation, ServerSpec], tuple[float, float, bool]] = {}

    def hold(self, results: Sequence[PairResult]) -> tuple[PairResult, ...]:
        """`results`, each pending countdown that went back up held to the expiry learned
        before it did, while that still stands."""
        return tuple(self._held(result) for result in results)

    def _held(self, result: PairResult) -> PairResult:
        key = (result.expectation, result.server)
        if result.status != "pending" or result.eta is None:
            self._known.pop(key, None)
            return result
        known = self._known.get(key)
        if known is not None:
            expiry, last_ttl, held = known
            held = held or result.eta > last_ttl
            if held and result.at <= expiry + GRACE:
                self._known[key] = (expiry, result.eta, True)
                return replace(result, eta=max(0.0, expiry - result.at))
        self._known[key] = (result.at + result.eta, result.eta, False)
        return result
