"""The countdown against a real Unbound. Unbound answers "does not exist" with the zone's SOA
from its shared cache, so a lookup of another name in the zone sends the TTL it reports for the
first name back up; the countdown the watcher shows must not follow it, and the tick must land
within a second of Unbound letting the cached answer go."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator

import dns.asyncquery
import dns.message
import pytest

from tests.fakes.bind import BindServer, zone_file
from tests.fakes.unbound import UnboundServer
from tests.test_propagation import auth, update
from wizard.model.records import Record
from wizard.model.servers import Server
from wizard.watch import Expectation, ServerSpec, Sweep, Watcher
from wizard.watch.countdown import GRACE

pytestmark = pytest.mark.needs("unbound")

ZONE = "example.test"
NEGATIVE_TTL = 6


@pytest.fixture
def worlds(
    start_bind: Callable[[dict[str, str]], BindServer],
) -> Iterator[tuple[BindServer, UnboundServer]]:
    bind = start_bind({ZONE: zone_file(ZONE, "", negative_ttl=NEGATIVE_TTL)})
    unbound = UnboundServer(ZONE, bind.port).start()
    yield bind, unbound
    unbound.stop()


async def ask(unbound: UnboundServer, name: str) -> None:
    query = dns.message.make_query(name, "TXT")
    await dns.asyncquery.udp(query, "127.0.0.1", port=unbound.port, timeout=5)


async def test_a_neighbour_lookup_does_not_send_the_countdown_back_up(
    worlds: tuple[BindServer, UnboundServer],
) -> None:
    bind, unbound = worlds
    record = Record("TXT", f"early.{ZONE}", "token", 300)
    await ask(unbound, record.name)  # asked too early: "does not exist" for 6 s
    asked = time.time()
    await update(bind, ZONE, add=[f"early 300 TXT {record.value}"])
    resolver = ServerSpec("unbound", Server("127.0.0.1", unbound.port), "resolver")
    watcher = Watcher([Expectation(record)], [auth(bind)], [resolver], guard_negative_cache=False)
    countdowns: list[tuple[float, float]] = []

    def on_sweep(sweep: Sweep) -> None:
        result = sweep.results[1]
        if result.status == "pending" and result.eta is not None:
            countdowns.append((time.time(), result.eta))

    async def neighbour() -> None:
        await asyncio.sleep(3.0)
        await ask(unbound, f"other.{ZONE}")  # refreshes the zone's SOA in Unbound's cache

    looked, final = await asyncio.gather(neighbour(), watcher.watch(on_sweep, ceiling=30))
    ticked = time.time()
    assert final.outcome == "good"
    first = countdowns[0][0] + countdowns[0][1]
    shown = [(round(at - asked, 2), eta) for at, eta in countdowns]
    # While the first expiry stands, no countdown shown is longer than the time left to it.
    held = [(at, eta) for at, eta in countdowns if at <= first + GRACE]
    assert all(eta <= max(0.0, first - at) + 0.5 for at, eta in held), shown
    # Unbound serves the answer through the second its TTL reads 0.
    released = int(asked) + NEGATIVE_TTL + 1
    assert ticked - released <= 1.0, (shown, round(released - asked, 2), round(ticked - asked, 2))
