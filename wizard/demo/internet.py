"""The little internet the demo runs on: the customers' zones at the demo DNS host, the vendors'
names, and the web sites behind them, all answered on loopback.

Each story's customer has a zone of its own (with the website and mail it already has); the
vendors' names (DKIM targets, tracking hosts, CDNs, their origins) live in zones of their own.
Web requests go where DNS says: `Addresses` is curl's `--resolve` for every name at once, so
the readiness checks connect to loopback and nothing else.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator, Mapping, Sequence

from wizard.demo.pace import Pace
from wizard.demo.stories import Story
from wizard.embedded.sites import Site
from wizard.embedded.zonestore import ZoneStore
from wizard.model.records import Record

#: The demo DNS host's name servers: every customer zone is served by them.
NAMESERVERS = ("ns1.demo-dns.test", "ns2.demo-dns.test")
LOOPBACK = "127.0.0.1"


def registered_domain(name: str) -> str:
    """The zone a vendor name lives in: its last two labels (customeriomail.com)."""
    return ".".join(name.split(".")[-2:])


def build_store(stories: Sequence[Story], pace: Pace) -> ZoneStore:
    store = ZoneStore()
    store.add_zone("demo-dns.test", nameservers=NAMESERVERS)
    store.add(Record("A", NAMESERVERS[0], "192.0.2.53", 3600), always=True)
    store.add(Record("A", NAMESERVERS[1], "192.0.2.54", 3600), always=True)
    for story in stories:
        zone = story.domain
        store.add_zone(zone, nameservers=NAMESERVERS, ttl=pace.ttl, negative_ttl=pace.negative_ttl)
        # What the customer's zone already has, with the zone's TTL: a resolver asked too
        # early about a name with records keeps the old set that long.
        ttl = pace.ttl
        existing = [
            Record("A", zone, story.apex_address, ttl),
            Record("A", f"www.{zone}", story.apex_address, ttl),
            Record("TXT", zone, "v=spf1 include:_spf.google.com ~all", ttl),
            Record("MX", zone, f"mail.{zone}", ttl, 10),
            Record("A", f"mail.{zone}", "192.0.2.25", ttl),
        ]
        for record in (*existing, *story.vendor_dns):
            origin = registered_domain(record.name)
            if record.name not in (zone, f"www.{zone}", f"mail.{zone}") and (
                store.zone(origin) is None
            ):
                store.add_zone(origin, nameservers=[f"ns1.{origin}"])
            store.add(record, always=True)
    return store


def build_sites(stories: Sequence[Story]) -> dict[str, Site]:
    """Web sites by address: each customer's website, and the vendors' servers."""
    sites: dict[str, Site] = {}
    for story in stories:
        sites.setdefault(
            story.apex_address,
            Site(story.apex_address, (story.domain, f"www.{story.domain}"), hsts=story.apex_hsts),
        )
        for spec in story.sites:
            sites.setdefault(
                spec.address,
                Site(spec.address, spec.names, spec.status, spec.location, headers=spec.headers),
            )
    return sites


class Internet:
    """Names to sites, the way a browser gets from one to the other: through DNS as a public
    resolver sees it, `lag` seconds behind the zone's own servers."""

    def __init__(self, store: ZoneStore, sites: Mapping[str, Site], lag: float = 0.0) -> None:
        self.store = store
        self.sites = dict(sites)
        self.lag = lag

    def address_of(self, host: str) -> str | None:
        as_of = self.store.clock() - self.lag if self.lag else None
        return self.store.address_of(host, as_of=as_of)

    def site_for(self, host: str) -> Site | None:
        address = self.address_of(host)
        return self.sites.get(address) if address else None


class Addresses(Mapping[tuple[str, int], str]):
    """curl's `--resolve` for every name of the little internet: a name whose site exists is
    reached on loopback; any other name fails as it would out there, without leaving loopback."""

    def __init__(self, internet: Internet) -> None:
        self.internet = internet

    def __getitem__(self, key: tuple[str, int]) -> str:
        host, port = key
        address = self.internet.address_of(host)
        if address is None:
            raise socket.gaierror(socket.EAI_NONAME, f"{host} does not resolve")
        if address not in self.internet.sites:
            raise ConnectionRefusedError(f"nothing answers at {address} port {port}")
        return LOOPBACK

    def __iter__(self) -> Iterator[tuple[str, int]]:
        return iter(())

    def __len__(self) -> int:
        return 0
