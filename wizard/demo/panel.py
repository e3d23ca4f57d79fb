"""The demo DNS host's web panel, played for the person: the manual path's planted mistakes.

The panel is like many real ones: it appends the domain to the Host field itself, and a new
record's proxy switch is on by default (the orange cloud). The first time the records are
typed, the person types the tracking host's full name, so it lands doubled; fixing that
re-creates the record, which comes back proxied; fixing that sets it to DNS only. Each mistake
is one the watcher's diagnosis names, so the demo can show it caught, explained and fixed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from wizard.demo.stories import Mistake
from wizard.embedded.zonestore import ZoneStore
from wizard.model.names import relative
from wizard.model.records import Record

TYPE_LABEL = "Type them into the demo panel"
FIX_LABEL = "Fix it in the demo panel"


def tracking_record(records: Sequence[Record]) -> Record | None:
    """The link-tracking CNAME: the one that is not a DKIM key."""
    return next((r for r in records if r.type == "CNAME" and "._domainkey." not in r.name), None)


@dataclass
class _ZonePanel:
    typed: bool = False
    #: The mistakes still to come, and the one in place now with the record it sits on.
    to_come: list[Mistake] = field(default_factory=list)
    current: tuple[Mistake, Record] | None = None


class DemoPanel:
    def __init__(
        self,
        store: ZoneStore,
        mistakes: Callable[[str], Sequence[Mistake]],
        before_typing: Callable[[Sequence[Record]], None] | None = None,
    ) -> None:
        self.store = store
        #: The mistakes to plant in a zone (from the zone's story).
        self.mistakes = mistakes
        #: Called with the records just before the first typing (the too-early lookup).
        self.before_typing = before_typing
        self._zones: dict[str, _ZonePanel] = {}
        self._lock = threading.Lock()

    def label(self, zone: str) -> str:
        """What the panel button does next in `zone`."""
        state = self._zones.get(zone)
        return FIX_LABEL if state is not None and state.current is not None else TYPE_LABEL

    def type(self, zone: str, records: Sequence[Record]) -> list[str]:
        """Type the records, or fix the mistake now in place; returns what happened, in words."""
        with self._lock:
            state = self._zones.setdefault(zone, _ZonePanel())
            if state.current is not None:
                return self._fix(zone, state)
            if not state.typed:
                state.typed = True
                state.to_come = list(self.mistakes(zone))
                if self.before_typing is not None:
                    self.before_typing(records)
            return self._type_all(zone, state, records)

    def remove(self, zone: str, records: Sequence[Record]) -> list[str]:
        """Delete the records in the panel (a roll back by hand); a new typing starts afresh."""
        with self._lock:
            self._zones.pop(zone, None)
            said = []
            for record in records:
                if any(r.same_data(record) for r in self.store.records(record.name)):
                    self.store.remove(record)
                    said.append(f"Deleted {relative(record.name, zone)} {record.type}.")
                else:
                    said.append(f"{record.name} {record.type} is not there.")
            return said

    def _type_all(self, zone: str, state: _ZonePanel, records: Sequence[Record]) -> list[str]:
        typed: list[str] = []
        tracking = tracking_record(records)
        for record in records:
            if record == tracking and state.to_come:
                typed.extend(self._plant(zone, state, record))
            elif self.store.records(record.name) and any(
                r.same_data(record) for r in self.store.records(record.name)
            ):
                typed.append(f"{record.name} {record.type} is there already.")
            else:
                self.store.add(record)
                typed.append(f"Added {relative(record.name, zone)} {record.type}.")
        return typed

    def _plant(self, zone: str, state: _ZonePanel, record: Record) -> list[str]:
        mistake = state.to_come.pop(0)
        state.current = (mistake, record)
        if mistake == "doubled-domain":
            doubled = Record(record.type, f"{record.name}.{zone}", record.value, record.ttl)
            self.store.add(doubled)
            return [f"Typed {record.name} in the Host field; the panel saved {doubled.name}."]
        self.store.add(record, proxied=True)
        return [
            f"Typed {relative(record.name, zone)} in the Host field; the panel saved "
            f"{record.name} with its proxy switch on (the default), so DNS answers with the "
            "proxy's addresses instead of the CNAME."
        ]

    def _fix(self, zone: str, state: _ZonePanel) -> list[str]:
        assert state.current is not None
        mistake, record = state.current
        state.current = None
        if mistake == "doubled-domain":
            self.store.remove(
                Record(record.type, f"{record.name}.{zone}", record.value, record.ttl)
            )
            done = [f"Deleted {record.name}.{zone}."]
            if state.to_come:
                return done + self._plant(zone, state, record)
            self.store.add(record)
            return done + [
                f"Typed {relative(record.name, zone)} in the Host field; the panel saved "
                f"{record.name}."
            ]
        self.store.set_proxied(record, False)
        fixed = [f"Switched {record.name} to DNS only (grey cloud): its CNAME is served now."]
        if state.to_come:
            return fixed + self._plant(zone, state, record)
        return fixed
