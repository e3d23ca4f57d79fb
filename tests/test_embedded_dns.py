"""The embedded DNS server and caching resolver, asked with dnspython over UDP and TCP."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import dns.flags
import dns.message
import dns.query
import dns.rcode
import pytest

from tests.fakes.clock import ManualClock
from tests.roundtrip import check_apply_then_revert
from wizard.embedded import (
    AuthoritativeServer,
    CachingResolver,
    ServerThread,
    ZoneStore,
    ZoneStoreProvider,
)
from wizard.model.records import Record
from wizard.model.servers import Server
from wizard.watch import Expectation, Watcher, given_authoritative_specs, resolver_specs

ZONE = "acme.test"


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(1000.0)


@pytest.fixture
def store(clock: ManualClock) -> ZoneStore:
    store = ZoneStore(clock)
    store.add_zone(ZONE, negative_ttl=30)
    store.add(Record("TXT", ZONE, "v=spf1 ~all", 300), always=True)
    store.add(Record("CNAME", f"www.{ZONE}", f"app.{ZONE}", 120), always=True)
    store.add(Record("A", f"app.{ZONE}", "192.0.2.10", 60), always=True)
    store.add(Record("MX", ZONE, f"mail.{ZONE}", 300, 10), always=True)
    store.add(Record("A", f"deep.under.{ZONE}", "192.0.2.11"), always=True)
    return store


@pytest.fixture
def servers(store: ZoneStore) -> Iterator[tuple[AuthoritativeServer, CachingResolver]]:
    auth = AuthoritativeServer(store)
    resolver = CachingResolver(store, visibility_delay=10)
    with ServerThread(auth, resolver):
        yield auth, resolver


def ask(port: int, name: str, rdtype: str, *, tcp: bool = False) -> dns.message.Message:
    query = dns.message.make_query(name, rdtype)
    if tcp:
        return dns.query.tcp(query, "127.0.0.1", port=port, timeout=2)
    return dns.query.udp(query, "127.0.0.1", port=port, timeout=2)


def test_positive_answers_are_authoritative(
    servers: tuple[AuthoritativeServer, CachingResolver],
) -> None:
    auth, _ = servers
    response = ask(auth.port, f"app.{ZONE}", "A")
    assert response.flags & dns.flags.AA
    assert [rd.to_text() for rd in response.answer[0]] == ["192.0.2.10"]
    mx = ask(auth.port, ZONE, "MX", tcp=True)
    assert [rd.to_text() for rd in mx.answer[0]] == [f"10 mail.{ZONE}."]


def test_srv_and_caa_are_answered_with_every_field(
    store: ZoneStore, servers: tuple[AuthoritativeServer, CachingResolver]
) -> None:
    """The demo's DNS host takes every type a paste can hold, SRV's priority included."""
    auth, _ = servers
    store.add(Record("SRV", f"_sip._tcp.{ZONE}", f"5 5060 sip.{ZONE}", 300, 10), always=True)
    store.add(Record("CAA", ZONE, '0 issue "amazon.com"', 300), always=True)
    srv = ask(auth.port, f"_sip._tcp.{ZONE}", "SRV")
    assert [rd.to_text() for rd in srv.answer[0]] == [f"10 5 5060 sip.{ZONE}."]
    caa = ask(auth.port, ZONE, "CAA")
    assert [rd.to_text() for rd in caa.answer[0]] == ['0 issue "amazon.com"']


def test_nxdomain_and_nodata_carry_the_soa(
    servers: tuple[AuthoritativeServer, CachingResolver],
) -> None:
    auth, _ = servers
    missing = ask(auth.port, f"nothing.{ZONE}", "A")
    assert missing.rcode() == dns.rcode.NXDOMAIN
    assert missing.authority[0].rdtype == dns.rdatatype.SOA and missing.authority[0].ttl == 30
    nodata = ask(auth.port, f"app.{ZONE}", "TXT")
    assert nodata.rcode() == dns.rcode.NOERROR and not nodata.answer
    assert nodata.authority[0].rdtype == dns.rdatatype.SOA
    empty_non_terminal = ask(auth.port, f"under.{ZONE}", "A")
    assert empty_non_terminal.rcode() == dns.rcode.NOERROR


def test_cname_is_chased_inside_the_zone(
    servers: tuple[AuthoritativeServer, CachingResolver],
) -> None:
    auth, _ = servers
    response = ask(auth.port, f"www.{ZONE}", "A")
    assert [r.rdtype for r in response.answer] == [dns.rdatatype.CNAME, dns.rdatatype.A]


def test_outside_its_zones_it_refuses(servers: tuple[AuthoritativeServer, CachingResolver]) -> None:
    auth, _ = servers
    assert ask(auth.port, "example.org", "A").rcode() == dns.rcode.REFUSED


def test_long_txt_is_split_and_a_big_udp_answer_is_truncated(store: ZoneStore) -> None:
    long = "k=rsa; p=" + "A" * 600
    store.add(Record("TXT", f"sel._domainkey.{ZONE}", long))
    for i in range(3):
        store.add(Record("TXT", f"big.{ZONE}", f"{i}" * 250))
    auth = AuthoritativeServer(store)
    with ServerThread(auth):
        rd = ask(auth.port, f"sel._domainkey.{ZONE}", "TXT", tcp=True).answer[0][0]
        assert all(len(s) <= 255 for s in rd.strings)
        assert b"".join(rd.strings).decode() == long
        udp = ask(auth.port, f"big.{ZONE}", "TXT")
        assert udp.flags & dns.flags.TC and not udp.answer
        assert len(ask(auth.port, f"big.{ZONE}", "TXT", tcp=True).answer[0]) == 3


def test_resolver_sees_writes_late_and_caches_for_the_ttl(
    store: ZoneStore, clock: ManualClock, servers: tuple[AuthoritativeServer, CachingResolver]
) -> None:
    auth, resolver = servers
    name = f"links.{ZONE}"
    store.add(Record("CNAME", name, "e.customeriomail.com", 300))
    assert ask(auth.port, name, "CNAME").answer  # the zone's own server has it at once
    early = ask(resolver.port, name, "CNAME")
    assert early.rcode() == dns.rcode.NXDOMAIN and early.flags & dns.flags.RA
    clock.now += 12  # past the visibility delay, but the NXDOMAIN is cached for 30 s
    cached = ask(resolver.port, name, "CNAME")
    assert cached.rcode() == dns.rcode.NXDOMAIN and cached.authority[0].ttl == 18
    clock.now += 19
    fresh = ask(resolver.port, name, "CNAME")
    assert fresh.answer and fresh.answer[0].ttl == 300
    clock.now += 100
    assert ask(resolver.port, name, "CNAME").answer[0].ttl == 200


def test_answer_delay_overlaps_queries(store: ZoneStore) -> None:
    auth = AuthoritativeServer(store, answer_delay=0.2)

    async def many() -> None:
        import dns.asyncquery

        await asyncio.gather(
            *(
                dns.asyncquery.udp(
                    dns.message.make_query(f"app.{ZONE}", "A"),
                    "127.0.0.1",
                    port=auth.port,
                    timeout=5,
                )
                for _ in range(10)
            )
        )

    with ServerThread(auth):
        asyncio.run(many())
    assert auth.most_in_flight == 10


def test_demo_provider_round_trip(store: ZoneStore) -> None:
    provider = ZoneStoreProvider(store)
    records = [
        Record("CNAME", f"links.{ZONE}", "e.customeriomail.com"),
        Record("TXT", ZONE, "pendo-verification=1"),
    ]
    check_apply_then_revert(provider, ZONE, records, lambda: set(store.records()))


async def test_watcher_reports_match_then_pending_with_eta(
    store: ZoneStore, clock: ManualClock, servers: tuple[AuthoritativeServer, CachingResolver]
) -> None:
    auth, resolver = servers
    record = Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 300)
    store.add(record)
    watcher = Watcher(
        [Expectation(record)],
        given_authoritative_specs([Server("127.0.0.1", auth.port)], ZONE),
        resolver_specs([Server("127.0.0.1", resolver.port)]),
    )
    first = await watcher.sweep()
    by_role = {r.server.role: r for r in first.results}
    assert by_role["authoritative"].status == "match"
    # The resolver still sees the zone as it was 10 s ago: it caches NXDOMAIN for 30 s.
    assert (by_role["resolver"].status, by_role["resolver"].eta) == ("pending", 30)
    clock.now += 11
    second = {r.server.role: r for r in (await watcher.sweep()).results}
    assert (second["resolver"].status, second["resolver"].eta) == ("pending", 19)
    clock.now += 20
    third = await watcher.sweep()
    assert third.all_good
