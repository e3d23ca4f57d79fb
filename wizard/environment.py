"""What the wizard talks to: DNS servers, the journal, and how providers are built.

The CLI and the TUI build one of these; demo mode builds one that points at the embedded DNS
server and an in-memory DNS host, so the same flow runs with no account and no network.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from providers.base import Provider
from wizard.datadir import default_journal_path
from wizard.model.records import Record
from wizard.model.servers import Server, servers_from

if TYPE_CHECKING:
    from wizard.readiness import Reach

ProviderFactory = Callable[[str, Mapping[str, str]], Provider]


def _default_factory(provider_id: str, given: Mapping[str, str]) -> Provider:
    from wizard.credentials import make_provider

    return make_provider(provider_id, given)


def _installed_ids() -> list[str]:
    from providers.registry import provider_ids

    return provider_ids()


def _registered_class(provider_id: str) -> type[Provider]:
    from providers.registry import load

    return load(provider_id)


@dataclass(frozen=True)
class DemoExtras:
    """What only demo mode has; a real Environment has none of it."""

    #: Sample text for the paste screen (the demo's vendor records).
    sample_paste: str
    sample_domain: str
    #: Plays the user typing the records into a DNS host's panel (zone, records) and
    #: returns what was typed, mistakes included (or, pressed again, how one was fixed).
    panel: Callable[[str, Sequence[Record]], list[str]]
    #: The story for a vendor profile id: (its sample paste, its domain).
    story_for: Callable[[str], tuple[str, str]] | None = None
    #: How the readiness checks reach the demo's web servers (its CA trusted).
    reach: Callable[[], Reach] | None = None
    #: What the panel button does next in a zone ("Type them…", "Fix it…").
    panel_label: Callable[[str], str] = lambda zone: "Type them into the demo panel"
    #: Plays the user deleting records in the panel (a roll back by hand); what was done.
    panel_remove: Callable[[str, Sequence[Record]], list[str]] | None = None
    #: Called with the records as a setup's watch begins (the demo's "asked too early").
    watch_starting: Callable[[Sequence[Record]], None] | None = None


@dataclass(frozen=True)
class Environment:
    #: Resolvers for zone discovery and the watcher; None means the system and public ones.
    resolvers: list[Server] | None = None
    #: Replaces the zone's discovered authoritative servers when set.
    authoritative: list[Server] | None = None
    journal_path: Path = field(default_factory=default_journal_path)
    provider_factory: ProviderFactory = _default_factory
    provider_ids: Callable[[], list[str]] = _installed_ids
    provider_class: Callable[[str], type[Provider]] = _registered_class
    #: How web checks reach servers (ports, address overrides, trusted CAs); None: as usual.
    reach: Reach | None = None
    #: Set in demo mode only.
    demo: DemoExtras | None = None
    #: Whether link-readiness checks may reach the network (not in the demo).
    web_checks: bool = True
    #: Ask public resolvers over DNS-over-HTTPS from the start (offices that block port 53).
    doh: bool = False

    @classmethod
    def from_environment(cls) -> Environment:
        """Real mode: TRACKING_WIZARD_RESOLVERS / _AUTHORITATIVE / _DATA_DIR / _DOH are
        honoured."""
        return cls(
            resolvers=servers_from(None, "TRACKING_WIZARD_RESOLVERS"),
            authoritative=servers_from(None, "TRACKING_WIZARD_AUTHORITATIVE"),
            doh=os.environ.get("TRACKING_WIZARD_DOH", "") not in ("", "0"),
        )
