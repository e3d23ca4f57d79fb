"""The plan: each desired record against what the DNS host holds now, decided before any write.

Multi-value types (TXT, MX, A, AAAA, NS) are added to; a whole set is replaced only when the
caller asks (`replace_sets`), because the apex TXT set usually holds SPF and other proofs that
must stay. The digest lets apply check it writes exactly the plan a person reviewed.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from providers.base import Capabilities, Existing, Provider, unwritable
from wizard.model.changes import Change, create, delete, update
from wizard.model.names import in_zone, normalize_name
from wizard.model.records import MULTI_VALUE_TYPES, Finding, Record
from wizard.model.words import counted

log = logging.getLogger(__name__)

Kind = Literal["create", "present", "update", "conflict"]


@dataclass(frozen=True)
class PlanItem:
    """One desired record's fate. `existing` is what the host has at its name (any type)."""

    kind: Kind
    record: Record
    existing: tuple[Record, ...]
    change: Change | None
    reason: str
    #: A conflict only because this DNS host cannot write the record exactly as given through
    #: the wizard (a type it does not write, a value or TTL it would alter): the record can
    #: still be entered by hand in the host's own panel. Never set for a real conflict (a
    #: CNAME beside other records, a name outside the zone).
    host_cannot: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "record": self.record.to_json(),
            "existing": [r.to_json() for r in self.existing],
            "change": self.change.to_json() if self.change else None,
            "reason": self.reason,
            "host_cannot": self.host_cannot,
        }


@dataclass(frozen=True)
class Plan:
    zone: str
    provider_id: str
    items: tuple[PlanItem, ...]
    findings: tuple[Finding, ...] = ()
    #: Whole multi-value sets are replaced (their other values deleted), as explicitly asked.
    replace_sets: bool = False

    @property
    def changes(self) -> tuple[Change, ...]:
        """The writes, in plan order: what apply hands the provider."""
        return tuple(i.change for i in self.items if i.change is not None and i.kind != "conflict")

    @property
    def digest(self) -> str:
        """A hash of zone, provider and changes: equal digests mean the same writes."""
        body = {
            "zone": self.zone,
            "provider": self.provider_id,
            "changes": [c.to_json() for c in self.changes],
        }
        text = json.dumps(body, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    @property
    def has_conflicts(self) -> bool:
        return any(i.kind == "conflict" for i in self.items)

    @property
    def conflicts(self) -> tuple[PlanItem, ...]:
        return tuple(i for i in self.items if i.kind == "conflict")

    @property
    def host_cannot(self) -> tuple[PlanItem, ...]:
        """The conflicts that are only this host's limits: records to enter by hand."""
        return tuple(i for i in self.conflicts if i.host_cannot)

    @property
    def splittable(self) -> bool:
        """Every conflict is one the host cannot write exactly, and nothing else: the rest can
        be written through the API and these entered by hand."""
        return self.has_conflicts and all(i.host_cannot for i in self.conflicts)

    def writable(self) -> Plan:
        """The plan without the records this host cannot write (same changes, same digest)."""
        items = tuple(i for i in self.items if not i.host_cannot)
        return Plan(self.zone, self.provider_id, items, self.findings, self.replace_sets)

    @property
    def updates(self) -> tuple[PlanItem, ...]:
        """Items that change or remove an existing value: these need explicit confirmation."""
        return tuple(i for i in self.items if i.kind == "update")

    @property
    def names(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for item in self.items:
            seen.setdefault(normalize_name(item.record.name), None)
        return tuple(seen)

    def count(self, kind: Kind) -> int:
        return sum(1 for i in self.items if i.kind == kind)

    def to_json(self) -> dict[str, Any]:
        return {
            "zone": self.zone,
            "provider": self.provider_id,
            "digest": self.digest,
            "replace_sets": self.replace_sets,
            "items": [i.to_json() for i in self.items],
            "findings": [f.to_json() for f in self.findings],
            "summary": {k: self.count(k) for k in ("create", "present", "update", "conflict")},
        }


def _conflict(
    record: Record, existing: tuple[Record, ...], reason: str, *, host_cannot: bool = False
) -> PlanItem:
    return PlanItem("conflict", record, existing, None, reason, host_cannot)


def make_plan(
    records: Sequence[Record],
    existing: Existing,
    *,
    zone: str,
    provider_id: str,
    capabilities: Capabilities,
    replace_sets: bool = False,
    host: str | None = None,
) -> Plan:
    """Decide each record's fate from `existing` alone: no I/O, so tests and the TUI share it.

    `host`: the DNS host's name for sentences (its display name); the provider id if not given.
    """
    zone = normalize_name(zone)
    by_name: dict[str, list[Record]] = {}
    for rec in existing.records:
        by_name.setdefault(normalize_name(rec.name), []).append(rec)
    desired: list[Record] = []
    ttl_findings: list[Finding] = []
    for rec in records:
        ttl = _host_ttl(rec, capabilities, provider_id, ttl_findings)
        rec = Record(rec.type, normalize_name(rec.name), rec.value, ttl, rec.priority)
        if not any(rec.same_data(d) for d in desired):
            desired.append(rec)
    desired_keys = {r.key for r in desired}

    held: dict[str, list[Record]] = {}
    for rec in existing.held:
        held.setdefault(normalize_name(rec.name), []).append(rec)
    items: list[PlanItem] = []
    for rec in desired:
        here = tuple(by_name.get(rec.name, ()))
        kept = held.get(rec.name, [])
        if rec.type == "CNAME" and kept:
            kinds = ", ".join(sorted({f"{r.type} ({r.value})" for r in kept}))
            reason = (
                f"{rec.name} already has a record the wizard does not write: {kinds}. A CNAME "
                "cannot share a name with it; remove it in the host's console or choose "
                "another name."
            )
            items.append(_conflict(rec, (*here, *kept), reason))
            continue
        item = _decide(rec, here, zone, capabilities, desired_keys)
        refused = unwritable(rec, capabilities, host or provider_id) if item.change else None
        if refused and item.kind != "conflict":
            item = _conflict(rec, here, refused, host_cannot=True)
        items.append(item)
    if replace_sets:
        items.extend(_set_removals(desired, by_name, items))
    findings = (*existing.findings, *ttl_findings)
    return Plan(zone, provider_id, tuple(items), findings, replace_sets)


def _host_ttl(
    rec: Record, caps: Capabilities, provider_id: str, findings: list[Finding]
) -> int | None:
    """The TTL the host will be given: a pasted TTL outside its range moves to the nearest bound,
    and one a host cannot set at all is left out (it takes its own default)."""
    if rec.ttl is not None and not caps.ttl_settable and rec.ttl != caps.automatic_ttl:
        findings.append(
            Finding(
                "warning",
                "ttl-not-settable",
                f"This DNS host ({provider_id}) writes every record with its own default TTL "
                f"(set on the zone), so the TTL {rec.ttl} of {normalize_name(rec.name)} "
                f"({rec.type}) is left out.",
                field="ttl",
            )
        )
        return None
    if rec.ttl is None or caps.ttl_range is None or rec.ttl == caps.automatic_ttl:
        return rec.ttl
    low, high = caps.ttl_range
    used = min(max(rec.ttl, low), high)
    if used != rec.ttl:
        side = "below the lowest" if rec.ttl < low else "above the highest"
        findings.append(
            Finding(
                "warning",
                "ttl-out-of-range",
                f"The TTL {rec.ttl} of {normalize_name(rec.name)} ({rec.type}) is {side} this "
                f"DNS host ({provider_id}) accepts ({low}-{high} seconds); {used} will be used.",
                field="ttl",
            )
        )
    return used


def _decide(
    rec: Record,
    here: tuple[Record, ...],
    zone: str,
    caps: Capabilities,
    desired_keys: set[tuple[str, str]],
) -> PlanItem:
    if not in_zone(rec.name, zone):
        return _conflict(rec, here, f"{rec.name} is not inside the zone {zone}.")
    if "_" in rec.name and not caps.underscores:
        return _conflict(
            rec,
            here,
            f"{rec.name} has an underscore, which this DNS host does not accept in names. "
            "Ask the host's support, or move DNS to a host that accepts it.",
        )
    if rec.type not in caps.record_types:
        return _conflict(
            rec,
            here,
            f"This DNS host cannot write {rec.type} records through the wizard; add {rec.name} "
            "in its own panel, or choose another host."
            + (f" {caps.limits}" if caps.limits else ""),
            host_cannot=True,
        )
    if rec.type == "CNAME":
        if rec.name == zone:
            return _conflict(
                rec,
                here,
                f"A CNAME cannot sit at the zone apex ({zone}): the apex holds SOA and NS. "
                "Use a subdomain as the tracking host.",
            )
        others = tuple(r for r in here if r.type != "CNAME")
        if others:
            kinds = ", ".join(sorted({r.type for r in others}))
            return _conflict(
                rec,
                here,
                f"{rec.name} already has {kinds} records; a CNAME cannot share a name with "
                "other records. Remove them first or choose another name.",
            )
        if any(k == (rec.name, t) for k in desired_keys for t in ("A", "AAAA", "TXT", "MX")):
            return _conflict(rec, here, f"The paste puts a CNAME and other records at {rec.name}.")
        current = tuple(r for r in here if r.type == "CNAME")
        if not current:
            return PlanItem("create", rec, here, create(rec), "")
        if any(rec.same_data(r) for r in current):
            return PlanItem("present", rec, here, None, "already there")
        old = current[0]
        return PlanItem(
            "update",
            rec,
            here,
            update(old, rec),
            f"{rec.name} now points to {old.value}; it would point to {rec.value} instead.",
        )
    if any(r.type == "CNAME" for r in here):
        return _conflict(
            rec,
            here,
            f"{rec.name} is a CNAME (alias); no {rec.type} record can be added beside it.",
        )
    if any(rec.same_data(r) for r in here):
        return PlanItem("present", rec, here, None, "already there")
    if rec.type in MULTI_VALUE_TYPES:
        kept = [r for r in here if r.key == rec.key]
        reason = f"added beside {counted(len(kept), 'existing value')}, which stay" if kept else ""
        return PlanItem("create", rec, here, create(rec), reason)
    return PlanItem("create", rec, here, create(rec), "")


def _set_removals(
    desired: list[Record], by_name: dict[str, list[Record]], items: list[PlanItem]
) -> list[PlanItem]:
    """With replace_sets: the existing values of each written multi-value set that must go."""
    written = {i.record.key for i in items if i.kind in ("create", "present")}
    removals: list[PlanItem] = []
    for key in sorted(written):
        name, rtype = key
        if rtype not in MULTI_VALUE_TYPES:
            continue
        wanted = [d for d in desired if d.key == key]
        for old in by_name.get(name, ()):
            if old.key == key and not any(old.same_data(w) for w in wanted):
                here = tuple(by_name.get(name, ()))
                removals.append(
                    PlanItem(
                        "update",
                        old,
                        here,
                        delete(old),
                        f"removed: the {rtype} set at {name} is replaced as asked",
                    )
                )
    return removals


def build_plan(
    provider: Provider,
    zone: str,
    records: Sequence[Record],
    *,
    replace_sets: bool = False,
) -> Plan:
    """Read what the host has at the records' names, then decide."""
    names = sorted({normalize_name(r.name) for r in records})
    existing = provider.list_records(normalize_name(zone), names)
    log.debug("read %d existing records at %d names", len(existing.records), len(names))
    return make_plan(
        records,
        existing,
        zone=zone,
        provider_id=provider.id,
        capabilities=provider.capabilities,
        replace_sets=replace_sets,
        host=provider.display_name,
    )
