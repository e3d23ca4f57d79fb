"""The journal of an HTTPS run's AWS resources: an intent line before each is created, then its ids.

Lines are the journal's `resource` kind, keyed by the run id:
- `run`: `started` (host, zone, DNS host and its non-secret settings, vendor, origin), `finished`,
  `reverted` (by which revert);
- `certificate`: `intent` (idempotency token), `created` (ARN), `deleted`;
- `distribution`: `intent` (caller reference), `created` (id, ARN, domain), `deleted`;
- `dns`: `intent` (role, the apply id chosen for it, the records), `created`, `deleted`;
- `alias`: `intent` (Route 53 alias target and the records it replaces), `created`, `deleted`.

An `intent` without `created` means "maybe made": revert looks the resource up by the token,
caller reference or apply id derived from the run, so nothing made is ever left behind.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from typing import Any, Literal, Protocol

from wizard.journal import Journal
from wizard.model.errors import JournalError
from wizard.model.names import normalize_name
from wizard.model.records import Record

Kind = Literal["run", "certificate", "distribution", "dns", "alias"]
State = Literal["started", "finished", "reverted", "intent", "created", "deleted"]
Role = Literal["validation", "host"]


class MadeInAws(Protocol):
    """What a run made in AWS, by its ids (None: not made, or not known yet)."""

    @property
    def certificate_arn(self) -> str | None: ...

    @property
    def distribution_id(self) -> str | None: ...

    @property
    def distribution_domain(self) -> str | None: ...


def aws_json(run: MadeInAws) -> dict[str, str | None]:
    """The AWS ids of a run as `https --json` and `journal --json` both show them."""
    return {
        "certificate_arn": run.certificate_arn,
        "distribution_id": run.distribution_id,
        "distribution_domain": run.distribution_domain,
    }


@dataclass(frozen=True)
class Resource:
    """The latest state of one resource, with every field its lines gave."""

    kind: Kind
    state: State
    data: Mapping[str, Any] = field(default_factory=dict)

    @property
    def gone(self) -> bool:
        return self.state == "deleted"


@dataclass(frozen=True)
class DnsWrite:
    """Records written through the DNS host as one journalled apply."""

    role: Role
    apply_id: str
    records: tuple[Record, ...]
    state: State

    def to_json(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "apply_id": self.apply_id,
            "state": self.state,
            "records": [r.to_json() for r in self.records],
        }


@dataclass(frozen=True)
class HttpsRun:
    """Everything the journal knows about one HTTPS run."""

    run_id: str
    position: int
    start: Mapping[str, Any]
    certificate: Resource | None = None
    distribution: Resource | None = None
    alias: Resource | None = None
    dns: tuple[DnsWrite, ...] = ()
    finished: bool = False
    reverted_by: str | None = None

    @property
    def host(self) -> str:
        return str(self.start["host"])

    @property
    def zone(self) -> str:
        return str(self.start["zone"])

    @property
    def provider_id(self) -> str:
        return str(self.start["provider"])

    @property
    def settings(self) -> dict[str, str]:
        return dict(self.start.get("settings") or {})

    @property
    def certificate_arn(self) -> str | None:
        return self.certificate.data.get("arn") if self.certificate else None

    @property
    def distribution_id(self) -> str | None:
        return self.distribution.data.get("id") if self.distribution else None

    @property
    def distribution_domain(self) -> str | None:
        return self.distribution.data.get("domain") if self.distribution else None

    @property
    def status(self) -> Literal["reverted", "done", "incomplete"]:
        if self.reverted_by is not None:
            return "reverted"
        return "done" if self.finished else "incomplete"

    def to_json(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "host": self.host,
            "zone": self.zone,
            "provider": self.provider_id,
            "vendor": self.start.get("vendor"),
            "time": self.start.get("time"),
            "status": self.status,
            **aws_json(self),
            "dns": [d.to_json() for d in self.dns],
        }


class Ledger:
    """Writes one run's resource lines (each fsynced before the call it announces)."""

    def __init__(self, journal: Journal, run_id: str) -> None:
        self.journal = journal
        self.run_id = run_id

    def note(self, kind: Kind, state: State, **fields: Any) -> None:
        self.journal.resource(self.run_id, {"resource": kind, "state": state, **fields})


def run_lock(journal: Journal, what: str) -> AbstractContextManager[None]:
    """One HTTPS set-up or revert at a time (apart from the journal's own lock, which the DNS
    writes inside a run take for themselves)."""
    from wizard.journal_lock import journal_lock

    return journal_lock(journal.path.with_name(journal.path.name + ".https"), what)


def _fold(run: HttpsRun, entry: Mapping[str, Any]) -> HttpsRun:
    kind, state = entry["resource"], entry["state"]
    data = {k: v for k, v in entry.items() if k not in ("kind", "apply_id", "resource", "state")}
    if kind == "run":
        if state == "finished":
            return replace(run, finished=True)
        if state == "reverted":
            return replace(run, reverted_by=str(entry.get("by", "")))
        return run
    if kind in ("certificate", "distribution", "alias"):
        old: Resource | None = getattr(run, kind)
        merged = {**(old.data if old else {}), **data}
        resource = Resource(kind, state, merged)
        if kind == "certificate":
            return replace(run, certificate=resource)
        if kind == "distribution":
            return replace(run, distribution=resource)
        return replace(run, alias=resource)
    if kind == "dns":
        writes = list(run.dns)
        known = next((w for w in writes if w.apply_id == entry["dns_apply"]), None)
        records = tuple(Record.from_json(r) for r in entry.get("records") or ())
        if known is None:
            writes.append(DnsWrite(entry["role"], entry["dns_apply"], records, state))
        else:
            writes[writes.index(known)] = DnsWrite(
                known.role, known.apply_id, records or known.records, state
            )
        return replace(run, dns=tuple(writes))
    return run


def runs(journal: Journal) -> list[HttpsRun]:
    """Every HTTPS run, oldest first."""
    found: dict[str, HttpsRun] = {}
    try:
        for position, entry in enumerate(journal.lines()):
            if entry["kind"] != "resource":
                continue
            rid = entry["apply_id"]
            if entry["resource"] == "run" and entry["state"] == "started":
                start = {k: v for k, v in entry.items() if k not in ("kind", "resource", "state")}
                found[rid] = HttpsRun(rid, position, start)
            elif rid in found:
                found[rid] = _fold(found[rid], entry)
    except (KeyError, TypeError, ValueError) as err:
        raise JournalError(
            f"The journal at {journal.path} has an HTTPS entry we cannot read: {err}."
        ) from None
    return list(found.values())


def get_run(journal: Journal, run_id: str) -> HttpsRun | None:
    return next((r for r in runs(journal) if r.run_id == run_id), None)


def owned_applies(journal: Journal) -> set[str]:
    """Apply ids that belong to an HTTPS run: reverted with the run, never on their own."""
    return {w.apply_id for run in runs(journal) for w in run.dns}


def revertible_runs(journal: Journal, zone: str | None = None) -> list[HttpsRun]:
    """Runs not reverted yet (in `zone`), newest first."""
    wanted = normalize_name(zone) if zone else None
    return [
        r
        for r in reversed(runs(journal))
        if r.reverted_by is None and (wanted is None or normalize_name(r.zone) == wanted)
    ]


def open_run(journal: Journal, host: str) -> HttpsRun | None:
    """The newest run for `host` that was not reverted: a retry continues it."""
    host = normalize_name(host)
    return next((r for r in revertible_runs(journal) if normalize_name(r.host) == host), None)


def position_of(journal: Journal, apply_id: str) -> int:
    """The line number of the first line of `apply_id` (-1 when absent), for ordering."""
    for position, entry in enumerate(journal.lines()):
        if entry["apply_id"] == apply_id:
            return position
    return -1
