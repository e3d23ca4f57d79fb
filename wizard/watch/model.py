"""The watcher's values: what should be live, whom to ask, what each one said, and one sweep.

Plain frozen data, so the watcher, the diagnosis and both faces pass them around freely.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from wizard.model.records import Record
from wizard.model.servers import Server

Status = Literal["match", "missing", "wrong", "pending", "error", "waiting"]
Role = Literal["authoritative", "resolver"]
Outcome = Literal["good", "timeout", "stopped"]


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
    #: The same resolver's DNS-over-HTTPS URL, asked when port 53 goes unanswered (or always).
    doh: str | None = None

    @property
    def recursion(self) -> bool:
        return self.role == "resolver"


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
    #: Asked over DNS-over-HTTPS (port 53 did not answer, or HTTPS was asked for).
    via_https: bool = False

    @property
    def exists(self) -> bool:
        return self.error is None and self.rcode == "NOERROR" and bool(self.found)


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
    #: The server answered over DNS-over-HTTPS: shown as "via HTTPS" beside it.
    via_https: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "record": self.expectation.record.to_json(),
            "present": self.expectation.present,
            "server": self.server.label,
            "address": str(self.server.server),
            "role": self.server.role,
            "status": self.status,
            "detail": self.detail,
            "eta": None if self.eta is None else round(self.eta, 1),
            "via": "https" if self.via_https else "dns",
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
    def servers(self) -> tuple[ServerSpec, ...]:
        """Every server asked, in the order first asked: the columns of a table."""
        return tuple(dict.fromkeys(r.server for r in self.results))

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
