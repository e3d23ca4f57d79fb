"""Demo mode: the whole flow on an embedded DNS server, with no account and no network.

Believable rather than instant: the demo DNS host takes a moment to write, one resolver sees
changes a few seconds late, another has already cached "does not exist" (someone checked too
early), and the manual path plants the classic mistake of a panel that adds the domain twice,
so the diagnosis has something real to catch.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import dns.message
import dns.query

from providers.base import Provider
from wizard.embedded import AuthoritativeServer, CachingResolver, ServerThread, ZoneStore
from wizard.embedded.provider import ZoneStoreProvider
from wizard.environment import DemoExtras, Environment
from wizard.journal import Journal, default_journal_path
from wizard.model.changes import Change
from wizard.model.records import Record
from wizard.model.servers import Server

DEMO_ZONE = "acme-demo.test"
SAMPLE_PASTE = """\
Type\tHost\tValue
CNAME\tlinks\te.customeriomail.com
CNAME\ts1._domainkey\ts1.dkim.amazonses.com
CNAME\ts2._domainkey\ts2.dkim.amazonses.com
TXT\t@\tcustomerio-verification=7f3a9c
"""


def demo_store() -> ZoneStore:
    """The customer's zone (with the SPF and MX it already has) and the vendors' targets."""
    store = ZoneStore()
    store.add_zone(
        DEMO_ZONE, nameservers=["ns1.demo-dns.test", "ns2.demo-dns.test"], ttl=15, negative_ttl=6
    )
    store.add(Record("TXT", DEMO_ZONE, "v=spf1 include:amazonses.com ~all", 10), always=True)
    store.add(Record("MX", DEMO_ZONE, "mail.acme-demo.test", 300, 10), always=True)
    store.add(Record("A", f"mail.{DEMO_ZONE}", "192.0.2.25", 300), always=True)
    store.add_zone("customeriomail.com", nameservers=["ns1.customeriomail.com"])
    store.add(Record("A", "e.customeriomail.com", "192.0.2.80", 300), always=True)
    store.add(Record("A", "e-eu.customeriomail.com", "192.0.2.81", 300), always=True)
    store.add_zone("amazonses.com", nameservers=["ns1.amazonses.com"])
    for selector in ("s1", "s2"):
        store.add(Record("A", f"{selector}.dkim.amazonses.com", "192.0.2.90", 300), always=True)
    return store


def type_into_panel(store: ZoneStore, zone: str, records: Sequence[Record]) -> list[str]:
    """Plays a person adding the records by hand in a panel that appends the domain itself.

    They type the link-tracking host's full name, so it lands at `links.zone.zone`: the
    mistake the watcher's diagnosis then explains.
    """
    typed: list[str] = []
    planted = False
    for record in records:
        if not planted and record.type == "CNAME" and "._domainkey." not in record.name:
            doubled = Record(record.type, f"{record.name}.{zone}", record.value, record.ttl)
            store.add(doubled)
            typed.append(f"Typed {record.name} in the Host field; the panel saved {doubled.name}.")
            planted = True
        else:
            store.add(record)
            typed.append(f"Added {record.name} {record.type}.")
    return typed


def demo_journal_path() -> Path:
    """The demo's own journal, beside the real one: it outlives a demo run, so a demo can be
    left and resumed, and rolled back later, like a real setup."""
    return default_journal_path().parent / "demo" / "journal.jsonl"


def replay(store: ZoneStore, journal: Journal) -> None:
    """Put back in the embedded zone what the demo journal says earlier runs wrote."""
    for applied in journal.applies():
        for batch in applied.batches:
            for change in batch.changes:
                if change.existing is not None:
                    store.remove(change.existing)
                if change.new is not None:
                    store.add(change.new, always=True)


@contextlib.contextmanager
def demo_environment(journal_path: Path | None = None) -> Iterator[Environment]:
    journal_path = journal_path or demo_journal_path()
    store = demo_store()
    replay(store, Journal(journal_path))
    authoritative = AuthoritativeServer(store, answer_delay=0.03)
    quick = CachingResolver(store, visibility_delay=1.5, answer_delay=0.02)
    early = CachingResolver(store, visibility_delay=0.5, answer_delay=0.02)
    with ServerThread(authoritative, quick, early):

        def looked_too_early(changes: Sequence[Change]) -> None:
            """Someone checked just before the records landed: this resolver now remembers
            "does not exist" for the zone's negative TTL, so the watcher has a wait to show."""
            for change in changes:
                if change.action == "create" and change.new is not None:
                    query = dns.message.make_query(change.new.name, change.new.type)
                    dns.query.udp(query, "127.0.0.1", port=early.port, timeout=2)

        provider = ZoneStoreProvider(store, write_delay=1.2, before_write=looked_too_early)
        auth_server = Server("127.0.0.1", authoritative.port, name="ns1.demo-dns.test")

        def make(provider_id: str, given: Mapping[str, str]) -> Provider:
            if provider_id == "demo":
                return provider
            from providers.registry import load

            return load(provider_id)({"nameserver": str(auth_server), **given})

        def provider_class(provider_id: str) -> type[Provider]:
            if provider_id == "demo":
                return ZoneStoreProvider
            from providers.registry import load

            return load(provider_id)

        yield Environment(
            resolvers=[
                Server("127.0.0.1", quick.port, name="Google"),
                Server("127.0.0.1", early.port, name="Cloudflare"),
            ],
            authoritative=[auth_server],
            journal_path=journal_path,
            provider_factory=make,
            provider_ids=lambda: ["demo", "manual"],
            provider_class=provider_class,
            demo=DemoExtras(
                badge="DEMO · built-in DNS, no account, no network",
                sample_paste=SAMPLE_PASTE,
                sample_domain=DEMO_ZONE,
                panel=lambda zone, records: type_into_panel(store, zone, records),
            ),
            web_checks=False,
        )
