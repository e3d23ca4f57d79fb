"""Sweep benchmark: how parallel a sweep really is, and how fast a new record is noticed.

    python bench/sweep.py [--backend embedded|bind]

Runs on loopback, every answer delayed as a far server's would be. The servers are the embedded
DNS server (`wizard.embedded`, with its `answer_delay`), or, with `--backend bind` or when the
embedded server is not there, the BIND test fixture behind 8 small delaying UDP relays.

1. 10 records x 8 servers (4 authoritative, 4 asked as resolvers), each answer delayed 100 ms:
   steady sweep time / slowest single query (target <= 1.3), and the speed-up over asking the
   same 80 pairs one after another (target >= 50x).
2. Detection latency: from a record being written on the authoritative servers to the watcher
   reporting it live everywhere (target <= one poll interval, 2 s in the first minute).
3. Countdown precision (`--countdown`): a resolver asked too early remembers "does not exist"
   for a 12 s negative TTL; from the moment that answer expires to the watcher's tick showing
   the record live (target <= 1 s, mean and worst over 8 trials), on the demo's embedded
   caching resolver and on BIND forwarding as a caching resolver (and Unbound, when its
   `unbound` binary is installed).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Protocol, cast

import dns.asyncquery
import dns.exception
import dns.message
import dns.rcode
import dns.tsigkeyring
import dns.update

from wizard.app.presentation import summary
from wizard.model.records import Record
from wizard.model.servers import Server
from wizard.watch import Expectation, ServerSpec, Sweep, Watcher, ask, poll_interval

ZONE = "bench.test"
DELAY = 0.100
RECORDS = 10
SERVERS = 8


class Backend(Protocol):
    ports: list[int]

    async def start(self) -> None: ...
    async def add(self, record: Record) -> None: ...
    async def stop(self) -> None: ...


class EmbeddedBackend:
    """E's in-memory zone and authoritative servers, each with `answer_delay`."""

    def __init__(self) -> None:
        zonestore = importlib.import_module("wizard.embedded.zonestore")
        self._authoritative = importlib.import_module("wizard.embedded.authoritative")
        self.store: Any = zonestore.ZoneStore()
        self.store.add_zone(ZONE)
        self.servers: list[Any] = []
        self.ports: list[int] = []

    async def start(self) -> None:
        for _ in range(SERVERS):
            server = self._authoritative.AuthoritativeServer(self.store, answer_delay=DELAY)
            await server.start()
            self.servers.append(server)
        self.ports = [s.port for s in self.servers]

    async def add(self, record: Record) -> None:
        self.store.add(record)

    async def stop(self) -> None:
        for server in self.servers:
            await server.stop()


class _Relay(asyncio.DatagramProtocol):
    """Forwards each UDP query to BIND and answers `delay` seconds after the question came."""

    def __init__(self, upstream_port: int, delay: float) -> None:
        self.upstream_port = upstream_port
        self.delay = delay
        self.transport: asyncio.DatagramTransport | None = None
        self.tasks: set[asyncio.Task[None]] = set()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.DatagramTransport, transport)

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        task = asyncio.ensure_future(self._relay(data, addr))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _relay(self, data: bytes, addr: tuple[str, int]) -> None:
        loop = asyncio.get_running_loop()
        due = loop.time() + self.delay  # answer `delay` after the question arrived
        query = dns.message.from_wire(data)
        reply = await dns.asyncquery.udp(query, "127.0.0.1", port=self.upstream_port, timeout=5)
        await asyncio.sleep(max(0.0, due - loop.time()))
        if self.transport is not None:
            self.transport.sendto(reply.to_wire(), addr)


class BindBackend:
    """The BIND test fixture serving the bench zone, behind delaying relays."""

    def __init__(self) -> None:
        self._bind_module = importlib.import_module("tests.fakes.bind")
        zone = self._bind_module.zone_file(ZONE, "")
        self.bind: Any = self._bind_module.BindServer(zones={ZONE: zone})
        self.relays: asyncio.subprocess.Process
        self.ports: list[int] = []

    async def start(self) -> None:
        """BIND, then the relays in a process of their own: the servers are elsewhere, not
        competing with the watcher for its event loop or the GIL."""
        await asyncio.to_thread(self.bind.start)
        self.relays = await asyncio.create_subprocess_exec(
            sys.executable,
            __file__,
            "--relay",
            str(self.bind.port),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        assert self.relays.stdout is not None
        line = await asyncio.wait_for(self.relays.stdout.readline(), timeout=10)
        self.ports = [int(p) for p in line.split()]

    async def add(self, record: Record) -> None:
        keyring = dns.tsigkeyring.from_text(
            {self.bind.key_name: (self.bind.key_algorithm, self.bind.key_secret)}
        )
        update = dns.update.UpdateMessage(
            ZONE, keyring=keyring, keyalgorithm=self.bind.key_algorithm
        )
        value = f'"{record.value}"' if record.type == "TXT" else record.value + "."
        update.add(record.name + ".", record.ttl or 300, record.type, value)
        response = await dns.asyncquery.tcp(update, "127.0.0.1", port=self.bind.port, timeout=5)
        assert response.rcode() == dns.rcode.NOERROR

    async def stop(self) -> None:
        assert self.relays.stdin is not None
        self.relays.stdin.close()  # the relay process ends when its stdin closes
        await asyncio.wait_for(self.relays.wait(), timeout=10)
        await asyncio.to_thread(self.bind.stop)


async def run_relays(upstream_port: int) -> None:
    """The relay process: SERVERS delaying relays to BIND; prints their ports, runs until
    stdin closes."""
    loop = asyncio.get_running_loop()
    ports: list[int] = []
    for _ in range(SERVERS):
        transport, _protocol = await loop.create_datagram_endpoint(
            lambda: _Relay(upstream_port, DELAY), local_addr=("127.0.0.1", 0)
        )
        ports.append(transport.get_extra_info("sockname")[1])
    print(" ".join(map(str, ports)), flush=True)
    await asyncio.to_thread(sys.stdin.read)


def specs(ports: list[int]) -> tuple[list[ServerSpec], list[ServerSpec]]:
    half = len(ports) // 2
    auth = [
        ServerSpec(f"auth{i}", Server("127.0.0.1", p), "authoritative", ZONE)
        for i, p in enumerate(ports[:half])
    ]
    res = [
        ServerSpec(f"res{i}", Server("127.0.0.1", p), "resolver")
        for i, p in enumerate(ports[half:])
    ]
    return auth, res


async def parallelism(backend: Backend) -> None:
    records = [Record("TXT", f"r{i}.{ZONE}", f"token-{i}", 300) for i in range(RECORDS)]
    for record in records:
        await backend.add(record)
    auth, res = specs(backend.ports)
    expectations = [Expectation(r) for r in records]
    watcher = Watcher(expectations, auth, res, query_timeout=10.0)
    t0 = time.perf_counter()
    first = await watcher.sweep()
    first_time = time.perf_counter() - t0
    assert first.all_good, summary(first)
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
                spec.server, expectation.record.name, "TXT", recursion=spec.recursion, timeout=10
            )
            singles.append(time.perf_counter() - t0)
            assert answer.exists
    sweep_time = statistics.median(steady)
    slowest = max(singles)
    sequential = sum(singles)
    ratio = sweep_time / slowest
    speedup = sequential / sweep_time
    pairs = RECORDS * SERVERS
    print(f"{RECORDS} records x {SERVERS} servers = {pairs} pairs, answers delayed {DELAY:.3f} s")
    print(
        f"  first sweep: {first_time:.3f} s (authoritative first, then resolvers: two rounds "
        "by design, no early negative caching)"
    )
    print(f"  steady sweep (median of 5):    {sweep_time:.3f} s")
    print(f"  slowest single query:          {slowest:.3f} s")
    print(f"  sequential, one after another: {sequential:.3f} s")
    print(f"  sweep / slowest query: {ratio:.2f}  (target <= 1.3)  {ok(ratio <= 1.3)}")
    print(f"  speed-up over sequential: {speedup:.0f}x  (target >= 50x)  {ok(speedup >= 50)}")


async def detect_once(
    backend: Backend, auth: list[ServerSpec], res: list[ServerSpec], record: Record, wait: float
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
    await backend.add(record)
    written = time.perf_counter()
    final = await asyncio.wait_for(task, timeout=30)
    assert final.outcome == "good" and reported
    return reported[0] - written


async def detection(backend: Backend, trials: int = 8) -> None:
    rng = random.Random(7)
    interval = poll_interval(0)
    auth, res = specs(backend.ports)
    latencies = [
        await detect_once(
            backend,
            auth,
            res,
            Record("CNAME", f"links{trial}.{ZONE}", "t.vendor.test", 300),
            rng.uniform(0.0, interval),
        )
        for trial in range(trials)
    ]
    worst = max(latencies)
    mean = statistics.mean(latencies)
    print(
        f"detection latency over {trials} writes at random points of the {interval:.0f} s "
        f"poll cycle, answers delayed {DELAY:.3f} s:"
    )
    print(f"  each: {', '.join(f'{x:.2f}' for x in latencies)} s")
    print(f"  mean {mean:.2f} s, worst {worst:.2f} s")
    print(f"  mean <= one poll interval ({interval:.0f} s): {ok(mean <= interval)}")
    print(f"  worst <= one poll interval ({interval:.0f} s): {ok(worst <= interval)}")


# -- countdown precision ----------------------------------------------------------------------

NEGATIVE_TTL = 12
TRIALS = 8


class Countdown(Protocol):
    """A caching resolver that was asked too early, and the authoritative servers behind it."""

    label: str
    auth: list[ServerSpec]
    resolver: ServerSpec

    async def start(self) -> None: ...
    async def plant(self, record: Record) -> float:
        """Ask the resolver too early, then write `record`; returns when the cached
        "does not exist" expires, on `clock`'s time."""
        ...

    def clock(self) -> float: ...
    async def stop(self) -> None: ...


class DemoCountdown:
    """The demo itself: its DNS host writes, its "Cloudflare" resolver was asked too early."""

    label = "demo (embedded caching resolver)"

    def __init__(self) -> None:
        import contextlib

        from wizard.demo import demo_environment
        from wizard.demo.pace import Pace

        pace = Pace("bench", 0.0, 0.0, 0.0, NEGATIVE_TTL, 300, 0.03)
        self._stack = contextlib.ExitStack()
        self._tmp = Path(self._stack.enter_context(tempfile.TemporaryDirectory()))
        self._context = demo_environment(self._tmp / "journal.jsonl", pace=pace)

    async def start(self) -> None:
        env = self._stack.enter_context(self._context)
        assert env.authoritative and env.resolvers
        self.provider = env.provider_factory("demo", {})
        self.store: Any = cast(Any, self.provider).store
        self.auth = [ServerSpec(s.name or "", s, "authoritative") for s in env.authoritative]
        early = next(s for s in env.resolvers if s.name == "Cloudflare")
        self.resolver = ServerSpec("Cloudflare", early, "resolver")

    def clock(self) -> float:
        return float(self.store.clock())

    async def plant(self, record: Record) -> float:
        from wizard.model.changes import create

        asked = self.clock()  # the demo host asks the resolver just before it writes
        await asyncio.to_thread(self.provider.apply, "acme-demo.test", [create(record)])
        return asked + NEGATIVE_TTL

    async def stop(self) -> None:
        self._stack.close()


class BindCountdown:
    """BIND serving the zone, and a second BIND forwarding to it as a caching resolver.
    BIND counts TTLs on the wall clock's whole seconds, so the expiry is one of those."""

    label = "BIND forwarding (caching resolver)"

    def __init__(self) -> None:
        bind = importlib.import_module("tests.fakes.bind")
        zone = bind.zone_file(ZONE, "", negative_ttl=NEGATIVE_TTL)
        self.backend = BindBackend()
        self.backend.bind = bind.BindServer(zones={ZONE: zone})

    async def start(self) -> None:
        await asyncio.to_thread(self.backend.bind.start)
        self.caching: Any = self.backend.bind.forwarding_to(self.backend.bind, ZONE)
        await asyncio.to_thread(self.caching.start)
        bind = self.backend.bind
        self.auth = [ServerSpec("bind", Server("127.0.0.1", bind.port), "authoritative", ZONE)]
        self.resolver = ServerSpec("caching", Server("127.0.0.1", self.caching.port), "resolver")

    def clock(self) -> float:
        return time.time()

    async def plant(self, record: Record) -> float:
        query = dns.message.make_query(record.name, record.type)
        await dns.asyncquery.udp(query, "127.0.0.1", port=self.caching.port, timeout=5)
        asked = self.clock()
        await self.backend.add(record)
        return float(int(asked) + NEGATIVE_TTL)

    async def stop(self) -> None:
        await asyncio.to_thread(self.caching.stop)
        await asyncio.to_thread(self.backend.bind.stop)


class UnboundCountdown(BindCountdown):
    """BIND serving the zone, and Unbound in front of it as the caching resolver (a stub zone):
    the real caching resolver the countdown was first measured on. Unbound counts TTLs in the
    wall clock's whole seconds too, and serves an answer through the second its TTL reads 0,
    so its "does not exist" expires a second later than BIND's."""

    label = "Unbound (caching resolver)"

    async def plant(self, record: Record) -> float:
        return await super().plant(record) + 1.0

    async def start(self) -> None:
        await asyncio.to_thread(self.backend.bind.start)
        bind = self.backend.bind
        unbound = importlib.import_module("tests.fakes.unbound")
        self.unbound: Any = unbound.UnboundServer(ZONE, bind.port)
        await asyncio.to_thread(self.unbound.start)
        self.caching = Server("127.0.0.1", self.unbound.port)
        self.auth = [ServerSpec("bind", Server("127.0.0.1", bind.port), "authoritative", ZONE)]
        self.resolver = ServerSpec("unbound", self.caching, "resolver")

    async def stop(self) -> None:
        await asyncio.to_thread(self.unbound.stop)
        await asyncio.to_thread(self.backend.bind.stop)


async def countdown_trial(world: Countdown, trial: int, offset: float, gap: float) -> float:
    """Seconds from the cached "does not exist" expiring to the watcher's tick showing it live.
    The watch starts `gap` seconds after the early look, so its polls fall anywhere around
    the expiry, as they would for a person."""
    await asyncio.sleep(offset)
    record = Record("TXT", f"early{trial}-{time.monotonic_ns()}.{ZONE}", f"token-{trial}", 300)
    if isinstance(world, DemoCountdown):
        record = Record("TXT", f"early{trial}-{time.monotonic_ns()}.acme-demo.test", "t", 300)
    expires = await world.plant(record)
    await asyncio.sleep(gap)
    watcher = Watcher([Expectation(record)], world.auth, [world.resolver], query_timeout=5.0)
    ticked: list[float] = []

    def on_sweep(sweep: Sweep) -> None:
        if sweep.all_good and not ticked:
            ticked.append(world.clock())

    final = await asyncio.wait_for(watcher.watch(on_sweep), timeout=NEGATIVE_TTL + 30)
    assert final.outcome == "good" and ticked
    return ticked[0] - expires


async def countdown(world: Countdown) -> tuple[float, float]:
    await world.start()
    try:
        rng = random.Random(14)
        offsets = [rng.uniform(0.0, 1.0) + trial * 0.37 for trial in range(TRIALS)]
        gaps = [rng.uniform(0.0, 2.0) for _ in range(TRIALS)]
        late = await asyncio.gather(
            *(countdown_trial(world, t, offsets[t], gaps[t]) for t in range(TRIALS))
        )
    finally:
        await world.stop()
    mean, worst = statistics.mean(late), max(late)
    print(f"{world.label}: {TRIALS} trials, negative TTL {NEGATIVE_TTL} s")
    print(f"  tick after expiry, each: {', '.join(f'{x:.2f}' for x in late)} s")
    print(f"  mean {mean:.2f} s, worst {worst:.2f} s  (target <= 1 s)  {ok(worst <= 1.0)}")
    return mean, worst


async def countdowns() -> None:
    await countdown(DemoCountdown())
    await countdown(BindCountdown())
    if importlib.import_module("tests.fakes.unbound").unbound_binary():
        await countdown(UnboundCountdown())
    else:
        print("Unbound: not installed (Debian's `unbound`), so not measured")


def ok(flag: bool) -> str:
    return "OK" if flag else "MISSED"


def make_backend(name: str | None) -> Backend:
    if name in (None, "embedded"):
        try:
            return EmbeddedBackend()
        except ImportError:
            if name == "embedded":
                raise
            print("(wizard.embedded is not there: using BIND behind delaying relays)")
    return BindBackend()


async def main(name: str | None, only_countdown: bool = False) -> None:
    if only_countdown:
        await countdowns()
        return
    backend = make_backend(name)
    print(f"backend: {type(backend).__name__}")
    await backend.start()
    try:
        await parallelism(backend)
        await detection(backend)
    finally:
        await backend.stop()
    await countdowns()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["embedded", "bind"])
    parser.add_argument("--countdown", action="store_true", help="only the countdown trials")
    parser.add_argument("--relay", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.relay:
        asyncio.run(run_relays(args.relay))
    else:
        asyncio.run(main(args.backend, args.countdown))
