"""Sweep benchmark: how parallel a sweep really is, and how fast a new record is noticed.

    python bench/sweep.py

Runs on loopback with the embedded DNS server (every answer delayed, as a far server would be):

1. 10 records x 8 servers (4 authoritative, 4 asked as resolvers), each answer delayed 100 ms:
   steady sweep time / slowest single query (target <= 1.3), and the speed-up over asking the
   same 80 pairs one after another (target >= 50x).
2. Detection latency: from a record being written on the authoritative servers to the watcher
   reporting it live everywhere (target <= one poll interval, 2 s in the first minute).
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time

from wizard.embedded.authoritative import AuthoritativeServer
from wizard.embedded.zonestore import ZoneStore

from wizard.propagation import (
    Expectation,
    ServerSpec,
    Sweep,
    Watcher,
    ask,
    poll_interval,
)
from wizard.records import Record
from wizard.servers import Server

ZONE = "bench.test"
DELAY = 0.100
RECORDS = 10
SERVERS = 8


async def start_servers(store: ZoneStore, delay: float) -> list[AuthoritativeServer]:
    servers = [AuthoritativeServer(store, answer_delay=delay) for _ in range(SERVERS)]
    for server in servers:
        await server.start()
    return servers


def specs(servers: list[AuthoritativeServer]) -> tuple[list[ServerSpec], list[ServerSpec]]:
    half = len(servers) // 2
    auth = [
        ServerSpec(f"auth{i}", Server("127.0.0.1", s.port), "authoritative", ZONE)
        for i, s in enumerate(servers[:half])
    ]
    res = [
        ServerSpec(f"res{i}", Server("127.0.0.1", s.port), "resolver")
        for i, s in enumerate(servers[half:])
    ]
    return auth, res


async def parallelism() -> None:
    store = ZoneStore()
    store.add_zone(ZONE)
    records = [Record("TXT", f"r{i}.{ZONE}", f"token-{i}", 300) for i in range(RECORDS)]
    for record in records:
        store.add(record)
    servers = await start_servers(store, DELAY)
    try:
        auth, res = specs(servers)
        expectations = [Expectation(r) for r in records]
        watcher = Watcher(expectations, auth, res, query_timeout=10.0)
        t0 = time.perf_counter()
        first = await watcher.sweep()
        first_time = time.perf_counter() - t0
        assert first.all_good, first.summary()
        steady: list[float] = []
        for _ in range(5):
            t0 = time.perf_counter()
            sweep = await watcher.sweep()
            steady.append(time.perf_counter() - t0)
            assert sweep.all_good and len(sweep.results) == RECORDS * SERVERS
        singles: list[float] = []
        for expectation in expectations:
            for spec in (*auth, *res):
                t0 = time.perf_counter()
                answer = await ask(
                    spec.server,
                    expectation.record.name,
                    "TXT",
                    recursion=spec.recursion,
                    timeout=10.0,
                )
                singles.append(time.perf_counter() - t0)
                assert answer.exists
        sweep_time = statistics.median(steady)
        slowest = max(singles)
        sequential = sum(singles)
        ratio = sweep_time / slowest
        speedup = sequential / sweep_time
        pairs = RECORDS * SERVERS
        print(
            f"{RECORDS} records x {SERVERS} servers = {pairs} pairs, answers delayed {DELAY:.3f} s"
        )
        print(
            f"  first sweep (authoritative first, then resolvers): {first_time:.3f} s "
            f"(two rounds by design: no early negative caching)"
        )
        print(f"  steady sweep (median of 5):    {sweep_time:.3f} s")
        print(f"  slowest single query:          {slowest:.3f} s")
        print(f"  sequential, one after another: {sequential:.3f} s")
        print(f"  sweep / slowest query: {ratio:.2f}  (target <= 1.3)  {ok(ratio <= 1.3)}")
        print(f"  speed-up over sequential: {speedup:.0f}x  (target >= 50x)  {ok(speedup >= 50)}")
    finally:
        for server in servers:
            await server.stop()


async def detect_once(
    store: ZoneStore, auth: list[ServerSpec], res: list[ServerSpec], record: Record, wait: float
) -> float:
    """Seconds from writing `record` (after `wait` s of polling) to the watcher reporting it."""
    watcher = Watcher([Expectation(record)], auth, res, query_timeout=10.0)
    polling = asyncio.Event()
    reported: list[float] = []

    def on_sweep(sweep: Sweep) -> None:
        if sweep.all_good and not reported:
            reported.append(time.perf_counter())
        polling.set()

    task = asyncio.create_task(watcher.watch(on_sweep))
    await polling.wait()  # the watcher is polling; write at a random point in its cycle
    await asyncio.sleep(wait)
    store.add(record)
    written = time.perf_counter()
    final = await asyncio.wait_for(task, timeout=30)
    assert final.outcome == "good" and reported
    return reported[0] - written


async def detection(trials: int = 8) -> None:
    store = ZoneStore()
    store.add_zone(ZONE)
    servers = await start_servers(store, DELAY)
    rng = random.Random(7)
    interval = poll_interval(0)
    try:
        auth, res = specs(servers)
        latencies = [
            await detect_once(
                store,
                auth,
                res,
                Record("CNAME", f"links{trial}.{ZONE}", "t.vendor.test", 300),
                rng.uniform(0.0, interval),
            )
            for trial in range(trials)
        ]
    finally:
        for server in servers:
            await server.stop()
    worst = max(latencies)
    print(
        f"detection latency over {trials} writes at random points of the {interval:.0f} s "
        f"cycle, answers delayed {DELAY:.3f} s:"
    )
    print(f"  each: {', '.join(f'{x:.2f}' for x in latencies)} s")
    mean = statistics.mean(latencies)
    print(f"  mean {mean:.2f} s, worst {worst:.2f} s")
    print(f"  mean <= one poll interval ({interval:.0f} s): {ok(mean <= interval)}")
    print(f"  worst <= one poll interval ({interval:.0f} s): {ok(worst <= interval)}")


def ok(flag: bool) -> str:
    return "OK" if flag else "MISSED"


async def main() -> None:
    await parallelism()
    await detection()


if __name__ == "__main__":
    asyncio.run(main())
