"""Where a name's DNS lives: the zone holding it, its name servers, and which DNS host that is."""

from __future__ import annotations

import socket
from dataclasses import dataclass
from typing import Any, Literal

import dns.exception
import dns.inet
import dns.name
import dns.nameserver
import dns.rdatatype
import dns.resolver

from providers.hosts import DnsHost, host_for_domainconnect, host_for_ns
from wizard.doh import PUBLIC_DOH, FallbackNameserver, doh_url
from wizard.model.errors import DnsLookupError
from wizard.model.names import normalize_name
from wizard.model.servers import Server


@dataclass(frozen=True)
class NameServer:
    name: str
    addresses: tuple[str, ...]


@dataclass(frozen=True)
class ZoneInfo:
    """The answer to "where do I put this record?"."""

    name: str
    zone: str
    nameservers: tuple[NameServer, ...]
    host: DnsHost | None
    host_source: Literal["ns", "domainconnect"] | None
    #: When `name` is already an alias: the names it leads to, in order.
    cname_chain: tuple[str, ...] = ()
    #: The resolver was asked over DNS-over-HTTPS (port 53 did not answer, or --doh).
    via_https: bool = False

    def to_json(self) -> dict[str, Any]:
        host = self.host
        return {
            "name": self.name,
            "zone": self.zone,
            "nameservers": [
                {"name": ns.name, "addresses": list(ns.addresses)} for ns in self.nameservers
            ],
            "host": None
            if host is None
            else {
                "id": host.id,
                "name": host.name,
                "provider": host.provider,
                "docs_title": host.docs_title,
            },
            "host_source": self.host_source,
            "cname_chain": list(self.cname_chain),
            "via_https": self.via_https,
        }


def make_resolver(
    servers: list[Server] | None = None, timeout: float = 3.0, *, doh: bool = False
) -> dns.resolver.Resolver:
    """The system resolver, or one that asks only `servers` (tests point this at loopback).

    A public resolver among them is asked at its DNS-over-HTTPS URL once its port 53 goes
    unanswered, or from the start with `doh`; `doh` without `servers` asks the public
    resolvers' DoH URLs in place of the system resolver.
    """
    if servers is None:
        resolver = dns.resolver.Resolver()
        if doh:
            urls = dict.fromkeys(PUBLIC_DOH.values())
            resolver.nameservers = [dns.nameserver.DoHNameserver(url) for url in urls]
        else:
            resolver.nameservers = [
                _nameserver(str(ns), 53, force=False) if isinstance(ns, str) else ns
                for ns in resolver.nameservers
            ]
    else:
        resolver = dns.resolver.Resolver(configure=False)
        resolver.nameservers = [_nameserver(_address(s.host), s.port, force=doh) for s in servers]
    resolver.lifetime = timeout
    resolver.timeout = min(timeout, 2.0)
    return resolver


def _nameserver(address: str, port: int, *, force: bool) -> dns.nameserver.Nameserver:
    url = doh_url(address)
    if url is None:
        return dns.nameserver.Do53Nameserver(address, port)
    return FallbackNameserver(address, port, url, force=force)


def asked_over_https(resolver: dns.resolver.Resolver) -> bool:
    """Whether `resolver` asks over DNS-over-HTTPS now (asked to, or port 53 went unanswered)."""
    return any(
        isinstance(ns, dns.nameserver.DoHNameserver)
        or (isinstance(ns, FallbackNameserver) and ns.via_https)
        for ns in resolver.nameservers
    )


def _address(host: str) -> str:
    return host if dns.inet.is_address(host) else socket.gethostbyname(host)


def find_zone(name: str, resolver: dns.resolver.Resolver) -> ZoneInfo:
    """Walk up from `name` with SOA queries to the zone that holds it; raise DnsLookupError."""
    fqdn = normalize_name(name)
    if not fqdn or "." not in fqdn:
        raise DnsLookupError(f"{name!r} is not a full domain name such as links.example.com.")
    try:
        zone_name = dns.resolver.zone_for_name(fqdn + ".", resolver=resolver)
        zone = normalize_name(zone_name.to_text())
        if not zone:
            raise dns.resolver.NoRootSOA
        chain = cname_chain(fqdn, resolver)
        nameservers = _nameservers(zone, resolver)
    except dns.resolver.NoRootSOA:
        raise DnsLookupError(f"No DNS zone holds {fqdn}: is the domain registered?") from None
    except dns.resolver.LifetimeTimeout:
        raise DnsLookupError(
            f"No DNS server answered about {fqdn} within {resolver.lifetime:g} s. "
            "Check the network, or ask a DNS resolver that answers."
        ) from None
    except dns.resolver.NoNameservers:
        raise DnsLookupError(
            f"The DNS servers asked about {fqdn} refused or failed to answer. "
            "Ask a DNS resolver that can see the domain."
        ) from None
    except dns.exception.DNSException as exc:
        raise DnsLookupError(f"Looking up {fqdn} failed: {exc}") from None
    ns_names = [ns.name for ns in nameservers]
    host = host_for_ns(ns_names)
    source: Literal["ns", "domainconnect"] | None = "ns" if host else None
    if host is None:
        host = _domainconnect_host(zone, resolver)
        source = "domainconnect" if host else None
    return ZoneInfo(fqdn, zone, tuple(nameservers), host, source, chain, asked_over_https(resolver))


def cname_chain(fqdn: str, resolver: dns.resolver.Resolver) -> tuple[str, ...]:
    """The names `fqdn` leads to through CNAMEs, in order (at most 10; a loop ends it)."""
    chain: list[str] = []
    current = fqdn
    for _ in range(10):
        try:
            answer = resolver.resolve(current + ".", "CNAME")
        except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer, dns.resolver.NoNameservers):
            break
        assert answer.rrset is not None
        current = normalize_name(answer.rrset[0].target.to_text())
        if current in chain:
            break
        chain.append(current)
    return tuple(chain)


def _nameservers(zone: str, resolver: dns.resolver.Resolver) -> list[NameServer]:
    try:
        answer = resolver.resolve(zone + ".", "NS")
    except (dns.resolver.NoAnswer, dns.resolver.NXDOMAIN):
        return []
    names = sorted(normalize_name(rd.target.to_text()) for rd in answer)
    return [NameServer(ns, _addresses(ns, resolver)) for ns in names]


def _addresses(host: str, resolver: dns.resolver.Resolver) -> tuple[str, ...]:
    found: list[str] = []
    for rdtype in ("A", "AAAA"):
        try:
            found.extend(rd.to_text() for rd in resolver.resolve(host + ".", rdtype))
        except dns.exception.DNSException:
            continue
    return tuple(found)


def _domainconnect_host(zone: str, resolver: dns.resolver.Resolver) -> DnsHost | None:
    try:
        answer = resolver.resolve(f"_domainconnect.{zone}.", "TXT")
    except dns.exception.DNSException:
        return None
    for rd in answer:
        text = b"".join(rd.strings).decode(errors="replace")
        host = host_for_domainconnect(text)
        if host:
            return host
    return None
