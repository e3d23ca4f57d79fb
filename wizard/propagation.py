"""Watch records go live: every (record, server) pair asked at once, sweep after sweep.

Authoritative servers say what the zone holds now; recursive resolvers say what people see. A
resolver that still serves an old answer is *pending* until its cached copy expires, and the
expiry is the ETA we show. Resolvers are asked about a new record only once every authoritative
server serves it, so an early look never plants a negative cache entry.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import dns.asyncquery
import dns.exception
import dns.flags
import dns.inet
import dns.message
import dns.name
import dns.rcode
import dns.rdataclass
import dns.rdatatype
import dns.resolver

from wizard.model.names import normalize_name
from wizard.model.rdata import record_from_rdata
from wizard.model.records import Record
from wizard.model.servers import Server

log = logging.getLogger(__name__)

Status = Literal["match", "missing", "wrong", "pending", "error", "waiting"]
Role = Literal["authoritative", "resolver"]
Outcome = Literal["good", "timeout", "stopped"]

#: Shown beside resolvers we have not asked yet: why the watcher holds back.
NEGATIVE_CACHE_NOTE = (
    "Public resolvers are asked only once every authoritative server serves the record: asked "
    "too early, a resolver would remember 'does not exist' for the zone's negative TTL and keep "
    "saying so after the record is there."
)

#: (label, address) of the public resolvers watched by default.
PUBLIC_RESOLVERS: tuple[tuple[str, str], ...] = (
    ("Cloudflare 1.1.1.1", "1.1.1.1"),
    ("Google 8.8.8.8", "8.8.8.8"),
    ("Quad9 9.9.9.9", "9.9.9.9"),
    ("OpenDNS 208.67.222.222", "208.67.222.222"),
)

DEFAULT_CEILING = 72 * 3600.0


@dataclass(frozen=True)
class Expectation:
    """A record that should be live (`present`), or gone again after a rollback.

    `prior` is the value a rollback restores, so "back at the prior value" reads as done.
    """

    record: Record
    present: bool = True
    prior: Record | None = None

    def __str__(self) -> str:
        return str(self.record) if self.present else f"gone: {self.record}"


@dataclass(frozen=True)
class ServerSpec:
    """One server address to ask. An authoritative server with a `zone` is asked only about
    names in that zone (records may span several zones)."""

    label: str
    server: Server
    role: Role
    zone: str | None = None

    @property
    def recursion(self) -> bool:
        return self.role == "resolver"


@dataclass(frozen=True)
class PairResult:
    """What one server says about one expectation."""

    expectation: Expectation
    server: ServerSpec
    status: Status
    detail: str
    #: Seconds until a cached answer expires (pending only), counted from `at`.
    eta: float | None = None
    #: Records of the expected type found at the name (for diagnosis and the UI).
    found: tuple[Record, ...] = ()
    #: The zone the server answered from (SOA or referral NS in the authority section).
    authority_zone: str | None = None
    #: True when the server referred us to a delegated zone instead of answering.
    referral: bool = False
    #: An alias (CNAME) found at the name when another type was asked for.
    alias: str | None = None
    at: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "record": str(self.expectation.record),
            "present": self.expectation.present,
            "server": self.server.label,
            "address": str(self.server.server),
            "role": self.server.role,
            "status": self.status,
            "detail": self.detail,
            "eta": None if self.eta is None else round(self.eta, 1),
        }


@dataclass(frozen=True)
class Sweep:
    """One round of questions: every pair's result, in expectation then server order."""

    number: int
    started: float
    results: tuple[PairResult, ...]
    finished: float = 0.0
    #: Set on the last sweep a watch returns: why it stopped.
    outcome: Outcome | None = None

    def for_expectation(self, expectation: Expectation) -> tuple[PairResult, ...]:
        return tuple(r for r in self.results if r.expectation == expectation)

    def record_good(self, expectation: Expectation) -> bool:
        """Good when every server asked about it (authoritative and resolvers) matches."""
        pairs = self.for_expectation(expectation)
        return bool(pairs) and all(r.status == "match" for r in pairs)

    @property
    def expectations(self) -> tuple[Expectation, ...]:
        seen: dict[Expectation, None] = {}
        for r in self.results:
            seen.setdefault(r.expectation, None)
        return tuple(seen)

    @property
    def all_good(self) -> bool:
        return all(self.record_good(e) for e in self.expectations)

    @property
    def good_count(self) -> int:
        return sum(1 for e in self.expectations if self.record_good(e))

    @property
    def longest_eta(self) -> float | None:
        etas = [r.eta for r in self.results if r.status == "pending" and r.eta is not None]
        return max(etas) if etas else None

    def summary(self) -> str:
        """One sentence for a person."""
        total = len(self.expectations)
        good = self.good_count
        if self.outcome == "timeout":
            return (
                f"Gave up waiting: {good} of {total} records are live everywhere. "
                "Check the records marked missing or wrong; the watcher's findings say why."
            )
        if total and good == total:
            return f"All {total} records are live on every server asked."
        text = f"{good} of {total} records are live on every server asked."
        eta = self.longest_eta
        if eta is not None:
            text += f" Cached answers expire within {format_duration(eta)}."
        return text

    def summary_json(self) -> dict[str, Any]:
        return {
            "summary": True,
            "sweep": self.number,
            "good": self.good_count,
            "total": len(self.expectations),
            "all_good": self.all_good,
            "outcome": self.outcome,
            "eta": None if self.longest_eta is None else round(self.longest_eta, 1),
            "message": self.summary(),
        }


def format_duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    if seconds < 90:
        return f"{seconds} s"
    if seconds < 90 * 60:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"


# ---------------------------------------------------------------------------------------------
# Asking one server


@dataclass(frozen=True)
class Answer:
    """The parts of a DNS response the watcher and the diagnosis use."""

    rcode: str
    found: tuple[Record, ...] = ()
    ttl: int | None = None
    negative_ttl: int | None = None
    authority_zone: str | None = None
    referral: bool = False
    alias: str | None = None
    error: str | None = None

    @property
    def exists(self) -> bool:
        return self.error is None and self.rcode == "NOERROR" and bool(self.found)


async def ask(
    server: Server,
    name: str,
    rdtype: str,
    *,
    recursion: bool,
    timeout: float,
) -> Answer:
    """Ask one server one question over UDP (TCP when truncated), within `timeout` seconds."""
    fqdn = normalize_name(name)
    query = dns.message.make_query(fqdn + ".", rdtype)
    if not recursion:
        query.flags &= ~dns.flags.RD
    try:
        async with asyncio.timeout(timeout):
            address = await _address(server.host)
            response, _tcp = await dns.asyncquery.udp_with_fallback(
                query, address, timeout=timeout, port=server.port
            )
    except (TimeoutError, dns.exception.Timeout):
        return Answer("TIMEOUT", error=f"no answer within {timeout:g} s")
    except OSError as exc:
        return Answer("UNREACHABLE", error=f"unreachable ({exc.strerror or exc})")
    except dns.exception.DNSException as exc:
        return Answer("BADRESPONSE", error=f"bad response ({exc})")
    return parse_response(response, fqdn, rdtype)


def parse_response(response: dns.message.Message, fqdn: str, rdtype: str) -> Answer:
    rcode = dns.rcode.to_text(response.rcode())
    qname = dns.name.from_text(fqdn + ".")
    wanted = dns.rdatatype.from_text(rdtype)
    found: list[Record] = []
    ttl: int | None = None
    alias: str | None = None
    for rrset in response.answer:
        if rrset.name != qname:
            continue
        if rrset.rdtype == wanted:
            ttl = rrset.ttl
            for rd in rrset:
                record = record_from_rdata(fqdn, rdtype, rd, rrset.ttl)
                if record is not None:
                    found.append(record)
        elif rrset.rdtype == dns.rdatatype.CNAME and wanted != dns.rdatatype.CNAME:
            alias = normalize_name(rrset[0].target.to_text())
            ttl = rrset.ttl
    negative_ttl: int | None = None
    authority_zone: str | None = None
    referral = False
    for rrset in response.authority:
        if rrset.rdtype == dns.rdatatype.SOA:
            authority_zone = normalize_name(rrset.name.to_text())
            negative_ttl = min(rrset.ttl, rrset[0].minimum)
        elif rrset.rdtype == dns.rdatatype.NS and not response.answer and authority_zone is None:
            if not response.flags & dns.flags.AA:
                referral = True
                authority_zone = normalize_name(rrset.name.to_text())
    if rcode not in ("NOERROR", "NXDOMAIN"):
        return Answer(rcode, error=f"the server answered {rcode}")
    return Answer(rcode, tuple(found), ttl, negative_ttl, authority_zone, referral, alias)


_address_cache: dict[str, str] = {}


async def _address(host: str) -> str:
    if dns.inet.is_address(host):
        return host
    if host not in _address_cache:
        loop = asyncio.get_running_loop()
        infos = await loop.getaddrinfo(host, None, type=socket.SOCK_DGRAM)
        _address_cache[host] = str(infos[0][4][0])
    return _address_cache[host]


# ---------------------------------------------------------------------------------------------
# Comparing


def same_value(expected: Record, found: Record) -> bool:
    """TXT: the joined text exactly; names case-insensitively without the trailing dot;
    addresses as addresses; MX priority only when the expectation names one."""
    if expected.type != found.type:
        return False
    if expected.type == "TXT":
        return expected.value == found.value
    if expected.type in ("A", "AAAA"):
        try:
            return ipaddress.ip_address(expected.value.strip()) == ipaddress.ip_address(found.value)
        except ValueError:
            return expected.value.strip() == found.value
    if expected.type == "MX" and expected.priority is not None:
        if expected.priority != found.priority:
            return False
    return normalize_name(expected.value) == normalize_name(found.value)


def _show(records: Sequence[Record]) -> str:
    parts = []
    for r in records:
        value = f'"{r.value}"' if r.type == "TXT" else r.value
        parts.append(f"{r.priority} {value}" if r.priority is not None else value)
    return ", ".join(parts)


def classify(
    expectation: Expectation,
    spec: ServerSpec,
    answer: Answer,
    *,
    authoritative_agree: bool,
    at: float = 0.0,
) -> PairResult:
    """Turn one answer into a status. `authoritative_agree`: every authoritative server already
    gives the wanted state, so a resolver that differs still serves a cached answer."""
    record = expectation.record
    common: dict[str, Any] = {
        "found": answer.found,
        "authority_zone": answer.authority_zone,
        "referral": answer.referral,
        "alias": answer.alias,
        "at": at,
    }
    if answer.error is not None:
        return PairResult(expectation, spec, "error", answer.error, **common)
    has_it = any(same_value(record, f) for f in answer.found)
    cached = spec.role == "resolver" and authoritative_agree
    if expectation.present:
        if has_it:
            return PairResult(expectation, spec, "match", "serves it", **common)
        if answer.found or answer.alias:
            what = _show(answer.found) if answer.found else f"an alias (CNAME) to {answer.alias}"
            if cached:
                detail = f"still serves the cached answer {what}"
                return PairResult(
                    expectation, spec, "pending", detail, eta=_float(answer.ttl), **common
                )
            return PairResult(expectation, spec, "wrong", f"has {what} instead", **common)
        detail = _missing_detail(record, answer)
        if cached:
            detail = f"still remembers the earlier answer: {detail}"
            eta = _float(answer.negative_ttl)
            return PairResult(expectation, spec, "pending", detail, eta=eta, **common)
        return PairResult(expectation, spec, "missing", detail, **common)
    # Removal: good when the value is gone, or the prior value is back.
    if not has_it:
        if expectation.prior is not None and any(
            same_value(expectation.prior, f) for f in answer.found
        ):
            detail = f"back at the prior value {_show([expectation.prior])}"
        else:
            detail = "gone"
        return PairResult(expectation, spec, "match", detail, **common)
    if cached:
        detail = "still serves the cached old value"
        return PairResult(expectation, spec, "pending", detail, eta=_float(answer.ttl), **common)
    return PairResult(expectation, spec, "wrong", "still there", **common)


def _float(value: int | None) -> float | None:
    return None if value is None else float(value)


def _missing_detail(record: Record, answer: Answer) -> str:
    if answer.referral and answer.authority_zone:
        return f"the name is delegated to the zone {answer.authority_zone} (referral)"
    if answer.rcode == "NXDOMAIN":
        return f"{record.name} does not exist (NXDOMAIN)"
    return f"{record.name} has no {record.type} record (NODATA)"


# ---------------------------------------------------------------------------------------------
# Polling schedule


def poll_interval(elapsed: float, *, sweeps_after_first_minute: int = 0) -> float:
    """Every 2 s in the first minute; then 30 s, backing off by a quarter each time to 60 s."""
    if elapsed < 60.0:
        return 2.0
    return float(min(60.0, 30.0 * 1.25**sweeps_after_first_minute))


# ---------------------------------------------------------------------------------------------
# The watcher

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]


@dataclass
class _State:
    served: set[Expectation] = field(default_factory=set)


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
        max_in_flight: int = 256,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.expectations = tuple(dict.fromkeys(expectations))
        self.authoritative = tuple(authoritative)
        self.resolvers = tuple(resolvers)
        self.guard_negative_cache = guard_negative_cache
        self.query_timeout = query_timeout
        # Open sockets at once: a long record list must not run out of file descriptors.
        self._in_flight = asyncio.Semaphore(max_in_flight)
        self._clock = clock
        self._sleep = sleep
        self._lock = asyncio.Lock()
        self._stop = asyncio.Event()
        self._state = _State()
        self._number = 0
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
        name = normalize_name(expectation.record.name)
        best = -1
        chosen: list[ServerSpec] = []
        for spec in self.authoritative:
            zone = normalize_name(spec.zone) if spec.zone else ""
            if zone and not (name == zone or name.endswith("." + zone)):
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
            results = tuple(r for group in groups for r in group)
            sweep = Sweep(self._number, started, results, finished=self._clock())
            self.last = sweep
            log.debug("sweep %d: %d of %d good", sweep.number, sweep.good_count, len(groups))
            return sweep

    async def _ask(self, spec: ServerSpec, expectation: Expectation) -> Answer:
        record = expectation.record
        async with self._in_flight:
            return await ask(
                spec.server,
                record.name,
                record.type,
                recursion=spec.recursion,
                timeout=self.query_timeout,
            )

    async def _check(self, expectation: Expectation) -> list[PairResult]:
        auths = self.authoritative_for(expectation)
        guarded = (
            self.guard_negative_cache
            and expectation.present
            and expectation not in self._state.served
        )
        resolver_answers: Sequence[Answer] | None
        if guarded:
            auth_answers = await asyncio.gather(*(self._ask(s, expectation) for s in auths))
            now = self._clock()
            auth_results = [
                classify(expectation, s, a, authoritative_agree=False, at=now)
                for s, a in zip(auths, auth_answers, strict=True)
            ]
            agree = bool(auth_results) and all(r.status == "match" for r in auth_results)
            resolver_answers = None
            if agree:
                resolver_answers = await asyncio.gather(
                    *(self._ask(s, expectation) for s in self.resolvers)
                )
        else:
            both = await asyncio.gather(
                *(self._ask(s, expectation) for s in (*auths, *self.resolvers))
            )
            auth_answers, resolver_answers = both[: len(auths)], both[len(auths) :]
            now = self._clock()
            auth_results = [
                classify(expectation, s, a, authoritative_agree=False, at=now)
                for s, a in zip(auths, auth_answers, strict=True)
            ]
            agree = bool(auth_results) and all(r.status == "match" for r in auth_results)
        if agree and expectation.present:
            self._state.served.add(expectation)
        now = self._clock()
        if resolver_answers is None:
            waiting = [
                PairResult(expectation, s, "waiting", "not asked yet: " + NEGATIVE_CACHE_NOTE)
                for s in self.resolvers
            ]
            return [*auth_results, *waiting]
        resolver_results = [
            classify(expectation, s, a, authoritative_agree=agree, at=now)
            for s, a in zip(self.resolvers, resolver_answers, strict=True)
        ]
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
        late_sweeps = 0
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
            delay = poll_interval(elapsed, sweeps_after_first_minute=late_sweeps)
            if elapsed >= 60.0:
                late_sweeps += 1
            eta = sweep.longest_eta
            if eta is not None:
                # Wake just after the last cached answer expires, if that comes sooner.
                delay = min(delay, max(2.0, eta + 1.0))
            # Start to start: a slow sweep does not stretch the interval.
            delay -= max(0.0, sweep.finished - sweep.started)
            delay = max(0.0, min(delay, ceiling - elapsed))
            if await self._wait(delay):
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


# ---------------------------------------------------------------------------------------------
# Server lists


def resolver_specs(servers: Sequence[Server] | None = None) -> list[ServerSpec]:
    """The given resolvers, or the public ones plus the system resolver."""
    if servers is not None:
        return [ServerSpec(f"resolver {s}", s, "resolver") for s in servers]
    specs = [ServerSpec(label, Server(address), "resolver") for label, address in PUBLIC_RESOLVERS]
    known = {address for _label, address in PUBLIC_RESOLVERS}
    try:
        system = dns.resolver.Resolver()
        for ns in system.nameservers:
            address = str(ns)
            if address not in known:
                specs.append(ServerSpec(f"system {address}", Server(address), "resolver"))
                break
    except dns.exception.DNSException as exc:  # no resolv.conf: public resolvers only
        log.info("no system resolver: %s", exc)
    return specs


def authoritative_specs(
    zone: str, nameservers: Sequence[tuple[str, Sequence[str]]]
) -> list[ServerSpec]:
    """One spec per address of each of the zone's name servers (name, addresses)."""
    specs: list[ServerSpec] = []
    for ns_name, addresses in nameservers:
        for address in addresses:
            specs.append(ServerSpec(f"{ns_name} {address}", Server(address), "authoritative", zone))
    return specs


def discover_authoritative(
    names: Iterable[str], resolver: dns.resolver.Resolver
) -> tuple[list[ServerSpec], tuple[str, ...]]:
    """The authoritative servers of every zone holding `names`, and those zones in order.

    Blocking (SOA walk with the sync resolver): a UI calls it from a thread.
    Raises wizard.model.errors.DnsLookupError when a zone cannot be found.
    """
    from wizard.zones import find_zone

    specs: list[ServerSpec] = []
    zones: dict[str, None] = {}
    for name in dict.fromkeys(normalize_name(n) for n in names):
        # Each name on its own: one under a known zone may sit in a delegated child zone.
        info = find_zone(name, resolver)
        if info.zone in zones:
            continue
        zones[info.zone] = None
        specs += authoritative_specs(
            info.zone, [(ns.name, ns.addresses) for ns in info.nameservers]
        )
    return specs, tuple(zones)


def given_authoritative_specs(
    servers: Sequence[Server], zone: str | None = None
) -> list[ServerSpec]:
    return [ServerSpec(f"authoritative {s}", s, "authoritative", zone) for s in servers]
