"""A pending answer's countdown does not go back up: Unbound reports the zone's shared SOA TTL
for "does not exist", and other lookups in the zone refresh it (seen against a real Unbound in
bench/sweep.py), while the name's own cached answer still expires when it first said."""

from __future__ import annotations

from wizard.model.records import Record
from wizard.model.servers import Server
from wizard.watch import Expectation, PairResult, ServerSpec
from wizard.watch.countdown import GRACE, Countdowns

EXPECTED = Expectation(Record("TXT", "early.example.test", "token", 300))
UNBOUND = ServerSpec("unbound", Server("127.0.0.1", 5300), "resolver")
OTHER = ServerSpec("other", Server("127.0.0.1", 5301), "resolver")


def pending(at: float, ttl: float, server: ServerSpec = UNBOUND) -> PairResult:
    return PairResult(EXPECTED, server, "pending", "still remembers", eta=ttl, at=at)


def test_a_countdown_that_jumps_back_up_keeps_its_first_expiry() -> None:
    countdowns = Countdowns()
    assert countdowns.hold([pending(100.0, 12)])[0].eta == 12  # expires at 112
    assert countdowns.hold([pending(108.0, 4)])[0].eta == 4
    # Another name's lookup refreshed the zone's SOA: Unbound now says 12 again.
    assert countdowns.hold([pending(110.0, 12)])[0].eta == 2.0
    assert countdowns.hold([pending(112.5, 12)])[0].eta == 0.0  # its zero-TTL second


def test_past_the_grace_a_later_expiry_is_believed() -> None:
    """A resolver that really cached the answer again: its new countdown is the one shown."""
    countdowns = Countdowns()
    countdowns.hold([pending(100.0, 12)])
    countdowns.hold([pending(108.0, 4)])
    assert countdowns.hold([pending(110.0, 12)])[0].eta == 2.0
    later = 112.0 + GRACE + 0.1
    assert countdowns.hold([pending(later, 12)])[0].eta == 12
    assert countdowns.hold([pending(later + 1, 11)])[0].eta == 11


def test_a_countdown_that_only_goes_down_is_shown_as_reported() -> None:
    """BIND and the demo's resolver: the TTL only falls, whatever the watcher's clock says."""
    countdowns = Countdowns()
    readings = [(100.0, 40), (130.0, 39), (160.0, 39), (190.0, 38)]
    assert [countdowns.hold([pending(at, ttl)])[0].eta for at, ttl in readings] == [40, 39, 39, 38]


def test_each_pair_has_its_own_countdown_and_an_answer_that_lands_forgets_it() -> None:
    countdowns = Countdowns()
    countdowns.hold([pending(100.0, 12), pending(100.0, 30, OTHER)])
    held = countdowns.hold([pending(101.0, 20), pending(101.0, 29, OTHER)])
    assert [r.eta for r in held] == [11.0, 29]
    live = PairResult(EXPECTED, UNBOUND, "match", "serves it", at=113.0)
    assert countdowns.hold([live]) == (live,)
    # Pending again later (a rollback watched afterwards, say): a fresh countdown.
    assert countdowns.hold([pending(200.0, 12)])[0].eta == 12
