"""Watch records go live: every (record, server) pair asked at once, sweep after sweep.

Authoritative servers say what the zone holds now; recursive resolvers say what people see. A
resolver that still serves an old answer is *pending* until its cached copy expires, and the
expiry is the ETA we show. Resolvers are asked about a new record only once every authoritative
server serves it, so an early look never plants a negative cache entry.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace

from wizard.model.names import in_zone, normalize_name
from wizard.watch.client import Client
from wizard.watch.compare import classify
from wizard.watch.countdown import Countdowns
from wizard.watch.model import Answer, Expectation, Outcome, PairResult, ServerSpec, Sweep
from wizard.watch.schedule import DEFAULT_CEILING, Schedule

log = logging.getLogger(__name__)

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]

#: Shown beside resolvers we have not asked yet: why the watcher holds back.
NEGATIVE_CACHE_NOTE = (
    "Public resolvers are asked only once every authoritative server serves the record: asked "
    "too early, a resolver would remember 'does not exist' for the zone's negative TTL and keep "
    "saying so after the record is there."
)


class Watcher:
    """Sweeps every (expectation, server) pair until all are good, a ceiling, or `stop()`.

    The TUI runs `watch(on_sweep=...)` in an async worker and calls `stop()` to end it early;
    the CLI does the same with its own callback. `clock` and `sleep` are injectable so tests
    run a 72-hour schedule in no time.
    """

    def __init__(
        self,
        expectations: Sequence[Expectation],
        authoritative: Sequence[ServerSpec],
        resolvers: Sequence[ServerSpec],
        *,
        guard_negative_cache: bool = True,
        query_timeout: float = 2.0,
        force_https: bool = False,
        max_in_flight: int = 256,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.expectations = tuple(dict.fromkeys(expectations))
        self.authoritative = tuple(authoritative)
        self.resolvers = tuple(resolvers)
        self.guard_negative_cache = guard_negative_cache
        self.query_timeout = query_timeout
        #: Asks the questions; the diagnosis borrows it, with its memory of server addresses.
        self.client = Client(query_timeout, force_https=force_https)
        # Open sockets at once: a long record list must not run out of file descriptors.
        self._in_flight = asyncio.Semaphore(max_in_flight)
        self._clock = clock
        self._sleep = sleep
        self._lock = asyncio.Lock()
        self._stop = asyncio.Event()
        #: New records every authoritative server has served: resolvers may be asked now.
        self._served: set[Expectation] = set()
        self._number = 0
        #: Each pending answer's expiry as first learned: a countdown does not go back up.
        self._countdowns = Countdowns()
        self.last: Sweep | None = None

    @property
    def guard_note(self) -> str | None:
        """The sentence the UI shows beside resolvers not asked yet (None when switched off)."""
        return NEGATIVE_CACHE_NOTE if self.guard_negative_cache else None

    def stop(self) -> None:
        """Ask a running `watch` to return after the current sweep (or at once while waiting)."""
        self._stop.set()

    def authoritative_for(self, expectation: Expectation) -> tuple[ServerSpec, ...]:
        """The authoritative servers of the deepest zone holding the name (or all unzoned)."""
        name = expectation.record.name
        best = -1
        chosen: list[ServerSpec] = []
        for spec in self.authoritative:
            zone = normalize_name(spec.zone) if spec.zone else ""
            if zone and not in_zone(name, zone):
                continue
            depth = zone.count(".") + 1 if zone else 0
            if depth > best:
                best, chosen = depth, [spec]
            elif depth == best:
                chosen.append(spec)
        return tuple(chosen)

    async def sweep(self) -> Sweep:
        """Ask every pair once, all at the same time; only one sweep runs at a time."""
        async with self._lock:
            self._number += 1
            started = self._clock()
            groups = await asyncio.gather(*(self._check(e) for e in self.expectations))
            results = self._countdowns.hold([r for group in groups for r in group])
            sweep = Sweep(self._number, started, results, finished=self._clock())
            self.last = sweep
            log.debug("sweep %d: %d of %d good", sweep.number, sweep.good_count, len(groups))
            return sweep

    async def _ask(self, spec: ServerSpec, expectation: Expectation) -> Answer:
        record = expectation.record
        async with self._in_flight:
            return await self.client.ask(
                spec.server, record.name, record.type, recursion=spec.recursion, doh=spec.doh
            )

    async def _ask_all(self, specs: Sequence[ServerSpec], expectation: Expectation) -> list[Answer]:
        return list(await asyncio.gather(*(self._ask(s, expectation) for s in specs)))

    def _classify_all(
        self,
        expectation: Expectation,
        specs: Sequence[ServerSpec],
        answers: Sequence[Answer],
        *,
        authoritative_agree: bool,
    ) -> list[PairResult]:
        now = self._clock()
        return [
            classify(expectation, s, a, authoritative_agree=authoritative_agree, at=now)
            for s, a in zip(specs, answers, strict=True)
        ]

    async def _check(self, expectation: Expectation) -> list[PairResult]:
        auths = self.authoritative_for(expectation)
        guarded = (
            self.guard_negative_cache and expectation.present and expectation not in self._served
        )
        resolver_answers: Sequence[Answer] | None
        if guarded:
            auth_answers = await self._ask_all(auths, expectation)
            auth_results = self._classify_all(
                expectation, auths, auth_answers, authoritative_agree=False
            )
            agree = bool(auth_results) and all(r.status == "match" for r in auth_results)
            resolver_answers = None
            if agree:
                resolver_answers = await self._ask_all(self.resolvers, expectation)
        else:
            both = await self._ask_all((*auths, *self.resolvers), expectation)
            auth_answers, resolver_answers = both[: len(auths)], both[len(auths) :]
            auth_results = self._classify_all(
                expectation, auths, auth_answers, authoritative_agree=False
            )
            agree = bool(auth_results) and all(r.status == "match" for r in auth_results)
        if agree and expectation.present:
            self._served.add(expectation)
        if resolver_answers is None:
            waiting = [
                PairResult(expectation, s, "waiting", "not asked yet: " + NEGATIVE_CACHE_NOTE)
                for s in self.resolvers
            ]
            return [*auth_results, *waiting]
        resolver_results = self._classify_all(
            expectation, self.resolvers, resolver_answers, authoritative_agree=agree
        )
        return [*auth_results, *resolver_results]

    async def watch(
        self,
        on_sweep: Callable[[Sweep], None] | None = None,
        ceiling: float = DEFAULT_CEILING,
    ) -> Sweep:
        """Sweep on the polling schedule until every record is good, `ceiling` seconds pass
        (a timeout report), or `stop()`; return the last sweep with its `outcome` set."""
        self._stop.clear()
        start = self._clock()
        schedule = Schedule(ceiling)
        while True:
            sweep = await self.sweep()
            elapsed = self._clock() - start
            outcome: Outcome | None = None
            if sweep.all_good:
                outcome = "good"
            elif self._stop.is_set():
                outcome = "stopped"
            elif elapsed >= ceiling:
                outcome = "timeout"
            if outcome is not None:
                sweep = replace(sweep, outcome=outcome)
                self.last = sweep
            if on_sweep is not None:
                on_sweep(sweep)
            if outcome is not None:
                return sweep
            if await self._wait(schedule.delay(elapsed, sweep)):
                stopped = replace(self.last or sweep, outcome="stopped")
                self.last = stopped
                if on_sweep is not None:
                    on_sweep(stopped)
                return stopped

    async def _wait(self, delay: float) -> bool:
        """Sleep `delay` seconds; True when `stop()` was called meanwhile."""
        if self._stop.is_set():
            return True
        sleeper = asyncio.ensure_future(self._sleep(delay))
        stopper = asyncio.ensure_future(self._stop.wait())
        try:
            await asyncio.wait({sleeper, stopper}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (sleeper, stopper):
                if not task.done():
                    task.cancel()
        return self._stop.is_set()
