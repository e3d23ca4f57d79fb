"""A DNS host that writes into a ZoneStore: the demo's account-free stand-in for a real one."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from providers.base import ALL_RECORD_TYPES, Capabilities, Existing, Progress, Provider
from wizard.embedded.zonestore import ZoneStore
from wizard.model.changes import Change
from wizard.model.errors import ZoneNotFound
from wizard.model.words import counted


class ZoneStoreProvider(Provider):
    id = "demo"
    display_name = "Demo DNS host"
    #: Its servers answer every type a paste can hold (answers.py builds the rdata).
    capabilities = Capabilities(record_types=ALL_RECORD_TYPES)

    def __init__(
        self,
        store: ZoneStore,
        *,
        write_delay: float = 0.0,
        before_write: Callable[[Sequence[Change]], None] | None = None,
    ) -> None:
        super().__init__({})
        self.store = store
        self.write_delay = write_delay
        #: Called with the changes just before they land (the demo's too-early lookup).
        self.before_write = before_write

    def _zone(self, zone: str) -> None:
        if self.store.zone(zone) is None:
            raise ZoneNotFound(f"The demo DNS host has no zone {zone}.")

    def _list_records(self, zone: str, names: Sequence[str]) -> Existing:
        self._zone(zone)
        wanted = set(names)
        return Existing(tuple(r for r in self.store.records() if r.name in wanted))

    def _apply(self, zone: str, changes: Sequence[Change], progress: Progress) -> None:
        self._zone(zone)
        progress(f"Sending {counted(len(changes), 'change')} to the demo DNS host…")
        if self.before_write is not None:
            self.before_write(changes)
        time.sleep(self.write_delay)
        for change in changes:
            if change.existing is not None:
                self.store.remove(change.existing)
            if change.new is not None:
                self.store.add(change.new)
