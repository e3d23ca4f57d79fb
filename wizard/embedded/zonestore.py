"""Zones in memory, remembering when each record came and went, so a view can lag behind."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from wizard.model.names import normalize_name
from wizard.model.records import Record


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

    def add(self, record: Record, *, always: bool = False) -> None:
        """Add `record`; `always` makes it part of the zone since forever (seen by every view)."""
        with self._lock:
            if not any(e.removed is None and e.record.same_data(record) for e in self._entries):
                self._entries.append(_Entry(record, float("-inf") if always else self.clock()))
                self._bump(record.name)

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
