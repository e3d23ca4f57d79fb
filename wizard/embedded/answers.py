"""DNS answers from a ZoneStore: positive, CNAME-chased, NODATA and NXDOMAIN with the SOA.

Everything here that touches dnspython lives in this module, which the servers import with their
first query: dnspython takes a tenth of a second to load, and the demo draws its first frame
before anyone asks anything.
"""

from __future__ import annotations

import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.rrset

from wizard.embedded.zonestore import ZoneStore
from wizard.model.names import normalize_name
from wizard.model.rdata import record_to_rdata
from wizard.model.records import Record


def _rrset(name: str, rtype: str, ttl: int, records: list[Record]) -> dns.rrset.RRset:
    rrset = dns.rrset.RRset(
        dns.name.from_text(name + "."), dns.rdataclass.IN, dns.rdatatype.from_text(rtype)
    )
    for record in records:
        rrset.add(record_to_rdata(record), ttl)
    return rrset


def soa_rrset(store: ZoneStore, origin: str, ttl: int | None = None) -> dns.rrset.RRset:
    zone = store.zone(origin)
    assert zone is not None
    text = (
        f"{zone.nameservers[0]}. hostmaster.{origin}. {zone.serial} 3600 600 86400 "
        f"{zone.negative_ttl}"
    )
    rrset = dns.rrset.RRset(dns.name.from_text(origin + "."), dns.rdataclass.IN, dns.rdatatype.SOA)
    rrset.add(
        dns.rdata.from_text(dns.rdataclass.IN, dns.rdatatype.SOA, text),
        zone.ttl if ttl is None else ttl,
    )
    return rrset


def build_response(
    store: ZoneStore, query: dns.message.Message, *, as_of: float | None = None
) -> dns.message.Message:
    """The authoritative answer to `query` from the store (as it was at `as_of`, if given)."""
    response = dns.message.make_response(query)
    response.flags |= dns.flags.AA
    if not query.question:
        response.set_rcode(dns.rcode.FORMERR)
        return response
    question = query.question[0]
    qname = normalize_name(question.name.to_text())
    qtype = dns.rdatatype.to_text(question.rdtype)
    origin = store.zone_for(qname)
    if origin is None or question.rdclass != dns.rdataclass.IN:
        response.flags &= ~dns.flags.AA
        response.set_rcode(dns.rcode.REFUSED)
        return response
    zone = store.zone(origin)
    assert zone is not None
    name = qname
    for _ in range(8):
        here = store.served(name, as_of=as_of)
        cnames = [r for r in here if r.type == "CNAME"]
        if cnames and qtype != "CNAME":
            response.answer.append(_rrset(name, "CNAME", cnames[0].ttl or zone.ttl, cnames[:1]))
            target = normalize_name(cnames[0].value)
            if store.zone_for(target) != origin:
                return response
            name = target
            continue
        wanted = [r for r in here if r.type == qtype]
        if name == origin and qtype == "SOA":
            response.answer.append(soa_rrset(store, origin))
        elif name == origin and qtype == "NS":
            ns = [Record("NS", origin, n) for n in zone.nameservers]
            response.answer.append(_rrset(origin, "NS", zone.ttl, ns))
        elif wanted:
            ttl = min(r.ttl or zone.ttl for r in wanted)
            response.answer.append(_rrset(name, qtype, ttl, wanted))
        else:
            if not store.name_exists(name, as_of=as_of) and name == qname:
                response.set_rcode(dns.rcode.NXDOMAIN)
            negative = min(zone.ttl, zone.negative_ttl)
            response.authority.append(soa_rrset(store, origin, negative))
        return response
    return response


def to_wire(response: dns.message.Message, limit: int | None) -> bytes:
    """Wire form; over `limit` (a UDP answer) it becomes an empty answer with TC set."""
    try:
        return response.to_wire(max_size=limit or 65535)
    except dns.exception.TooBig:
        response.answer.clear()
        response.authority.clear()
        response.additional.clear()
        response.flags |= dns.flags.TC
        return response.to_wire()


def udp_limit(query: dns.message.Message) -> int:
    return max(512, query.payload) if query.edns >= 0 else 512


def parse_query(wire: bytes) -> dns.message.Message | None:
    """The query in a datagram or TCP frame; None for bytes that are not a DNS message."""
    try:
        return dns.message.from_wire(wire)
    except dns.exception.DNSException:
        return None


def as_recursive(response: dns.message.Message) -> dns.message.Message:
    """The answer as a recursive resolver gives it: recursion available, not authoritative."""
    response.flags &= ~dns.flags.AA
    response.flags |= dns.flags.RA
    return response


def cache_ttl(response: dns.message.Message) -> int | None:
    """How long a resolver may keep this answer (the negative TTL for NXDOMAIN/NODATA)."""
    if response.rcode() not in (dns.rcode.NOERROR, dns.rcode.NXDOMAIN):
        return None
    sections = response.answer or response.authority
    return min((rrset.ttl for rrset in sections), default=None)


def aged(cached: dns.message.Message, query: dns.message.Message, age: int) -> dns.message.Message:
    """A cached answer `age` seconds later: a copy for this query, its TTLs counted down."""
    response = dns.message.from_wire(cached.to_wire())
    response.id = query.id
    for rrset in (*response.answer, *response.authority):
        rrset.ttl = max(0, rrset.ttl - age)
    return response
