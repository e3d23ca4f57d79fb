"""Zones in memory, remembering when each record came and went, so a view can lag behind.

A record may be *proxied*, as a DNS host's orange-cloud switch does: the host keeps the CNAME,
but DNS answers with the proxy's addresses instead, so the CNAME is never seen from outside.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from wizard.model.names import normalize_name
from wizard.model.records import Record

#: Where a proxied name answers: the demo DNS host's proxy (documentation addresses).
PROXY_ADDRESSES = ("198.51.100.24", "198.51.100.25")


@dataclass
class Zone:
    origin: str
    nameservers: tuple[str, ...]
    ttl: int
    negative_ttl: int
    serial: int = 1


@dataclass
class _Entry:
    record: Record
    added: float
    removed: float | None = None
    proxied: bool = False

    def visible(self, as_of: float | None) -> bool:
        if as_of is None:
            return self.removed is None
        return self.added <= as_of and (self.removed is None or self.removed > as_of)


class ZoneStore:
    """Thread-safe: the provider writes from worker threads while servers read."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._zones: dict[str, Zone] = {}
        self._entries: list[_Entry] = []
        self._lock = threading.Lock()

    def add_zone(
        self,
        origin: str,
        *,
        nameservers: Sequence[str] = (),
        ttl: int = 300,
        negative_ttl: int = 60,
    ) -> Zone:
        origin = normalize_name(origin)
        zone = Zone(
            origin,
            tuple(normalize_name(n) for n in nameservers) or (f"ns1.{origin}",),
            ttl,
            negative_ttl,
        )
        with self._lock:
            self._zones[origin] = zone
        return zone

    def zones(self) -> list[str]:
        with self._lock:
            return sorted(self._zones)

    def zone(self, origin: str) -> Zone | None:
        with self._lock:
            return self._zones.get(normalize_name(origin))

    def zone_for(self, name: str) -> str | None:
        """The closest enclosing zone of `name`."""
        name = normalize_name(name)
        with self._lock:
            found = [o for o in self._zones if name == o or name.endswith("." + o)]
        return max(found, key=len) if found else None

    def add(self, record: Record, *, always: bool = False, proxied: bool = False) -> None:
        """Add `record`; `always` makes it part of the zone since forever (seen by every view);
        `proxied` serves the proxy's addresses in its place."""
        with self._lock:
            if not any(e.removed is None and e.record.same_data(record) for e in self._entries):
                added = float("-inf") if always else self.clock()
                self._entries.append(_Entry(record, added, proxied=proxied))
                self._bump(record.name)

    def set_proxied(self, record: Record, proxied: bool) -> None:
        """Flip the proxy switch of a record in place (a new entry, so lagging views lag)."""
        with self._lock:
            for entry in list(self._entries):
                if entry.removed is None and entry.record.same_data(record):
                    if entry.proxied != proxied:
                        entry.removed = self.clock()
                        self._entries.append(_Entry(entry.record, self.clock(), proxied=proxied))
                        self._bump(record.name)

    def is_proxied(self, record: Record) -> bool:
        with self._lock:
            return any(
                e.removed is None and e.proxied and e.record.same_data(record)
                for e in self._entries
            )

    def first_added(self, name: str) -> float | None:
        """When a record first came to `name` (None: never, or there since forever)."""
        name = normalize_name(name)
        with self._lock:
            times = [
                e.added for e in self._entries if e.record.name == name and e.added != float("-inf")
            ]
        return min(times) if times else None

    def remove(self, record: Record) -> None:
        with self._lock:
            for entry in self._entries:
                if entry.removed is None and entry.record.same_data(record):
                    entry.removed = self.clock()
                    self._bump(record.name)

    def _bump(self, name: str) -> None:
        found = [o for o in self._zones if name == o or name.endswith("." + o)]
        if found:
            self._zones[max(found, key=len)].serial += 1

    def records(self, name: str | None = None, *, as_of: float | None = None) -> list[Record]:
        """Records now (or as they were at `as_of`), at `name` or everywhere."""
        key = normalize_name(name) if name is not None else None
        with self._lock:
            return [
                e.record
                for e in self._entries
                if e.visible(as_of) and (key is None or e.record.name == key)
            ]

    def served(self, name: str, *, as_of: float | None = None) -> list[Record]:
        """Records at `name` as DNS serves them: a proxied record gives the proxy's A records."""
        key = normalize_name(name)
        with self._lock:
            entries = [e for e in self._entries if e.visible(as_of) and e.record.name == key]
        served: list[Record] = []
        for entry in entries:
            if entry.proxied:
                ttl = entry.record.ttl
                served.extend(Record("A", key, address, ttl) for address in PROXY_ADDRESSES)
            else:
                served.append(entry.record)
        return list(dict.fromkeys(served))

    def address_of(self, name: str, *, as_of: float | None = None) -> str | None:
        """The first address `name` leads to through CNAMEs in the store, as DNS serves it."""
        current = normalize_name(name)
        for _ in range(8):
            here = self.served(current, as_of=as_of)
            addresses = [r.value for r in here if r.type == "A"]
            if addresses:
                return addresses[0]
            cnames = [r for r in here if r.type == "CNAME"]
            if not cnames:
                return None
            current = normalize_name(cnames[0].value)
        return None

    def name_exists(self, name: str, *, as_of: float | None = None) -> bool:
        """True for a name with records, a zone apex, or an empty non-terminal above one."""
        name = normalize_name(name)
        if name in self._zones:
            return True
        with self._lock:
            return any(
                e.visible(as_of) and (e.record.name == name or e.record.name.endswith("." + name))
                for e in self._entries
            )
