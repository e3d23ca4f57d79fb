"""Whom to ask: the zone's own (authoritative) servers, and the resolvers people use.

Authoritative servers are found by walking up from each name to its zone (a name may sit in a
delegated child zone), or given by the user; resolvers are the big public ones plus the
system's own, or given by the user.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

import dns.exception
import dns.resolver

from wizard.doh import doh_url
from wizard.model.names import normalize_name
from wizard.model.servers import Server
from wizard.watch.model import ServerSpec

log = logging.getLogger(__name__)

#: (label, address) of the public resolvers watched by default.
PUBLIC_RESOLVERS: tuple[tuple[str, str], ...] = (
    ("Cloudflare 1.1.1.1", "1.1.1.1"),
    ("Google 8.8.8.8", "8.8.8.8"),
    ("Quad9 9.9.9.9", "9.9.9.9"),
    ("OpenDNS 208.67.222.222", "208.67.222.222"),
)


def resolver_specs(servers: Sequence[Server] | None = None) -> list[ServerSpec]:
    """The given resolvers, or the public ones plus the system resolver; each with its
    DNS-over-HTTPS URL when it is a public resolver (`wizard.doh.PUBLIC_DOH`)."""
    if servers is not None:
        return [
            ServerSpec(f"{s.name or 'resolver'} {s}", s, "resolver", doh=doh_url(s.host))
            for s in servers
        ]
    specs = [
        ServerSpec(label, Server(address), "resolver", doh=doh_url(address))
        for label, address in PUBLIC_RESOLVERS
    ]
    known = {address for _label, address in PUBLIC_RESOLVERS}
    try:
        system = dns.resolver.Resolver()
        for ns in system.nameservers:
            address = str(ns)
            if address not in known:
                specs.append(
                    ServerSpec(
                        f"Your network's resolver {address}",
                        Server(address),
                        "resolver",
                        doh=doh_url(address),
                    )
                )
                break
    except dns.exception.DNSException as exc:  # no resolv.conf: public resolvers only
        log.info("no system resolver: %s", exc)
    return specs


def authoritative_specs(
    zone: str, nameservers: Sequence[tuple[str, Sequence[str]]]
) -> list[ServerSpec]:
    """One spec per address of each of the zone's name servers (name, addresses)."""
    specs: list[ServerSpec] = []
    for ns_name, addresses in nameservers:
        for address in addresses:
            specs.append(ServerSpec(f"{ns_name} {address}", Server(address), "authoritative", zone))
    return specs


def discover_authoritative(
    names: Iterable[str], resolver: dns.resolver.Resolver
) -> tuple[list[ServerSpec], tuple[str, ...]]:
    """The authoritative servers of every zone holding `names`, and those zones in order.

    Blocking (SOA walk with the sync resolver): a UI calls it from a thread.
    Raises wizard.model.errors.DnsLookupError when a zone cannot be found.
    """
    from wizard.zones import find_zone

    specs: list[ServerSpec] = []
    zones: dict[str, None] = {}
    for name in dict.fromkeys(normalize_name(n) for n in names):
        # Each name on its own: one under a known zone may sit in a delegated child zone.
        info = find_zone(name, resolver)
        if info.zone in zones:
            continue
        zones[info.zone] = None
        specs += authoritative_specs(
            info.zone, [(ns.name, ns.addresses) for ns in info.nameservers]
        )
    return specs, tuple(zones)


def given_authoritative_specs(
    servers: Sequence[Server], zone: str | None = None
) -> list[ServerSpec]:
    """The servers the user named, asked about names in `zone` (or about every name)."""
    return [
        ServerSpec(f"{s.name or 'authoritative'} {s}", s, "authoritative", zone) for s in servers
    ]
