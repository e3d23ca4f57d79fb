"""Watching, as both faces run it: what should be live after a change, and whom to ask.

The CLI and the TUI each start a watch from records, from the changes of an apply or a
revert, or from the journal's last apply; both find the zone's servers the same way and
diagnose a record that is not live with the watcher's own client. That wiring is written here
once; the faces only show sweeps.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from wizard.journal import Journal
from wizard.model.changes import Change
from wizard.model.errors import UsageError
from wizard.model.names import normalize_name
from wizard.model.records import Finding, Record
from wizard.model.servers import Server
from wizard.watch import (
    DEFAULT_CEILING,
    Expectation,
    ServerSpec,
    Sweep,
    Watcher,
    diagnose_sweep,
    discover_authoritative,
    given_authoritative_specs,
    resolver_specs,
)


def expectations_for_records(records: Iterable[Record]) -> list[Expectation]:
    """Each record present, exactly as given."""
    return [Expectation(r) for r in records]


def expectations_for_changes(changes: Sequence[Change], *, revert: bool) -> list[Expectation]:
    """What a finished apply should look like in DNS: created and updated values present,
    deleted ones gone; after a revert, an updated name back at its prior value."""
    result: list[Expectation] = []
    for change in changes:
        if change.action == "create" and change.new is not None:
            result.append(Expectation(change.new))
        elif change.action == "delete" and change.existing is not None:
            result.append(Expectation(change.existing, present=False))
        elif change.new is not None and change.existing is not None:
            if revert:
                result.append(Expectation(change.existing, present=False, prior=change.new))
            else:
                result.append(Expectation(change.new))
    return result


def last_apply_expectations(journal: Journal) -> tuple[list[Expectation], str]:
    """The expectations of the journal's last apply that changed anything, and its zone.

    Raises UsageError when the journal holds no such apply.
    """
    applies = [a for a in journal.applies() if a.changes]
    if not applies:
        raise UsageError("The journal holds no apply yet: nothing to watch. Give a FILE instead.")
    last = applies[-1]
    revert = last.setup.reverts is not None
    changes = [c for applied in journal.together(last) for c in applied.changes]
    return expectations_for_changes(changes, revert=revert), last.setup.zone


@dataclass(frozen=True)
class WatchServers:
    """Whom a watch asks, and the zone its records are meant for (when known)."""

    authoritative: tuple[ServerSpec, ...]
    resolvers: tuple[ServerSpec, ...]
    zone: str | None = None


def find_servers(
    names: Iterable[str],
    *,
    zone: str | None = None,
    authoritative: Sequence[Server] | None = None,
    resolvers: Sequence[Server] | None = None,
    ask_resolvers: bool = True,
    lookup_timeout: float = 4.0,
    doh: bool = False,
) -> WatchServers:
    """The given authoritative servers (for `zone`), or those of every zone holding `names`;
    the given resolvers, or the public ones and the system's. With one zone found and none
    given, that zone is the watch's zone.

    Blocking (the zone lookup walks SOA records): `open_watch` runs it in a thread.
    Raises DnsLookupError when a zone cannot be found, UsageError when its servers have no
    address.
    """
    zone = normalize_name(zone) if zone else None
    if authoritative is not None:
        specs = given_authoritative_specs(authoritative, zone)
    else:
        from wizard.zones import make_resolver

        resolver = make_resolver(
            None if resolvers is None else list(resolvers), timeout=lookup_timeout, doh=doh
        )
        specs, zones = discover_authoritative(names, resolver)
        if not specs:
            raise UsageError(
                "No address was found for the zone's name servers; name them with "
                "--authoritative HOST[:PORT] (or TRACKING_WIZARD_AUTHORITATIVE)."
            )
        if zone is None and len(zones) == 1:
            zone = zones[0]
    chosen = resolver_specs(resolvers) if ask_resolvers else []
    return WatchServers(tuple(specs), tuple(chosen), zone)


class WatchSession:
    """One watch as a face runs it: the watcher over its servers, and the diagnosis of a
    sweep, asked with the watcher's own client about the zone the records are meant for."""

    def __init__(self, watcher: Watcher, zone: str | None = None) -> None:
        self.watcher = watcher
        self.zone = zone

    @property
    def authoritative(self) -> tuple[ServerSpec, ...]:
        return self.watcher.authoritative

    @property
    def resolvers(self) -> tuple[ServerSpec, ...]:
        return self.watcher.resolvers

    @property
    def guard_note(self) -> str | None:
        return self.watcher.guard_note

    @property
    def last(self) -> Sweep | None:
        return self.watcher.last

    async def sweep(self) -> Sweep:
        return await self.watcher.sweep()

    async def watch(
        self, on_sweep: Callable[[Sweep], None] | None = None, ceiling: float = DEFAULT_CEILING
    ) -> Sweep:
        return await self.watcher.watch(on_sweep, ceiling=ceiling)

    def stop(self) -> None:
        self.watcher.stop()

    async def diagnose(self, sweep: Sweep) -> dict[Expectation, list[Finding]]:
        """Findings for the records of `sweep`, by record (removals are not diagnosed)."""
        return await diagnose_sweep(sweep, zone=self.zone, client=self.watcher.client)


async def open_watch(
    expectations: Sequence[Expectation],
    *,
    zone: str | None = None,
    authoritative: Sequence[Server] | None = None,
    resolvers: Sequence[Server] | None = None,
    ask_resolvers: bool = True,
    guard_negative_cache: bool = True,
    query_timeout: float = 2.0,
    doh: bool = False,
) -> WatchSession:
    """Find whom to ask (see `find_servers`; the lookup runs in a thread) and set up the watch.
    With `doh`, public resolvers are asked over DNS-over-HTTPS from the start (they always
    are once their port 53 goes unanswered).

    Raises a WizardError (DnsLookupError, UsageError) when the servers cannot be found.
    """
    servers = await asyncio.to_thread(
        find_servers,
        [e.record.name for e in expectations],
        zone=zone,
        authoritative=authoritative,
        resolvers=resolvers,
        ask_resolvers=ask_resolvers,
        lookup_timeout=query_timeout * 2,
        doh=doh,
    )
    watcher = Watcher(
        expectations,
        servers.authoritative,
        servers.resolvers,
        guard_negative_cache=guard_negative_cache,
        query_timeout=query_timeout,
        force_https=doh,
    )
    return WatchSession(watcher, servers.zone)
