"""Countdown precision: when a cached answer's countdown reaches zero, the watcher asks again
then, not at its next poll. Run on a fake clock, so the landing time is exact, not timed."""

from __future__ import annotations

import asyncio

import dns.message
import dns.query
import pytest

from tests.fakes.clock import ManualClock
from wizard.embedded import AuthoritativeServer, CachingResolver, ServerThread, ZoneStore
from wizard.model.records import Record
from wizard.model.servers import Server
from wizard.watch import Expectation, ServerSpec, Sweep, Watcher
from wizard.watch.model import PairResult
from wizard.watch.schedule import EXPIRY_MARGIN, EXPIRY_RETRY, Schedule

ZONE = "count.test"


def pending(record: Record, server: str, at: float, eta: float) -> PairResult:
    spec = ServerSpec(server, Server("127.0.0.1", 53), "resolver")
    return PairResult(Expectation(record), spec, "pending", "cached", eta=eta, at=at)


def test_the_schedule_wakes_at_the_soonest_expiry_not_the_next_poll() -> None:
    record = Record("TXT", f"a.{ZONE}", "x")
    results = (pending(record, "slow", 10.0, 40.0), pending(record, "soon", 10.2, 2.0))
    sweep = Sweep(1, 10.0, results, finished=10.4)
    # A TTL of 2 on a whole-second clock can end 1 s after it was read: at 11.2, before
    # the next poll (every 2 s in the first minute).
    assert Schedule().delay(5.0, sweep) == pytest.approx(11.2 - 10.4 + EXPIRY_MARGIN)
    # Past the first minute the poll is 30 s; the expiry still wins.
    assert Schedule().delay(90.0, sweep) == pytest.approx(11.2 - 10.4 + EXPIRY_MARGIN)
    # A resolver that already says 0 is asked again shortly, not in a busy loop.
    due = Sweep(2, 20.0, (pending(record, "zero", 20.0, 0.0),), finished=20.1)
    assert Schedule().delay(90.0, due) == EXPIRY_RETRY


def test_a_negative_answer_turns_green_within_a_second_of_its_expiry() -> None:
    """A resolver asked too early remembers NXDOMAIN for 100 s; long past the first minute's
    polling, the watcher's tick lands within a second of the countdown reaching zero."""
    clock = ManualClock(1000.0)
    store = ZoneStore(clock)
    store.add_zone(ZONE, ttl=300, negative_ttl=100)
    record = Record("TXT", f"v.{ZONE}", "token", 300)
    auth = AuthoritativeServer(store)
    resolver = CachingResolver(store)
    with ServerThread(auth, resolver):
        early = dns.query.udp(
            dns.message.make_query(record.name, "TXT"), "127.0.0.1", port=resolver.port, timeout=2
        )
        expires = clock.now + 100
        assert early.authority[0].ttl == 100
        store.add(record)
        clock.now += 0.37  # the watch starts a moment later, between whole seconds
        slept: list[float] = []

        async def sleep(seconds: float) -> None:
            slept.append(seconds)
            clock.now += seconds
            await asyncio.sleep(0)

        watcher = Watcher(
            [Expectation(record)],
            [ServerSpec("ns1", Server("127.0.0.1", auth.port), "authoritative", ZONE)],
            [ServerSpec("resolver", Server("127.0.0.1", resolver.port), "resolver")],
            clock=clock,
            sleep=sleep,
        )
        final = asyncio.run(watcher.watch())
    assert final.outcome == "good"
    assert expires <= final.started < expires + 1.0
    assert max(slept) >= 30.0  # it was past the first minute, polling slowly
