"""The little internet's web servers and its CA, checked with the real readiness checks; proxied
records and a lagging secondary answered by the embedded DNS server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import dns.message
import dns.query
import pytest

from tests.fakes.clock import ManualClock
from wizard.demo.internet import Addresses, Internet
from wizard.embedded import AuthoritativeServer, ServerThread, ZoneStore
from wizard.embedded.certificates import DemoCA
from wizard.embedded.sites import Site
from wizard.embedded.web import WebServer
from wizard.embedded.zonestore import PROXY_ADDRESSES
from wizard.model.records import Record
from wizard.readiness import Reach, check_hsts, check_http, check_https

ZONE = "shop.test"


@pytest.fixture
def store() -> ZoneStore:
    store = ZoneStore()
    store.add_zone(ZONE)
    store.add_zone("vendor.test")
    store.add(Record("A", ZONE, "192.0.2.10"), always=True)
    store.add(Record("CNAME", f"links.{ZONE}", "t.vendor.test"), always=True)
    store.add(Record("CNAME", f"other.{ZONE}", "t.vendor.test"), always=True)
    store.add(Record("A", "t.vendor.test", "192.0.2.80"), always=True)
    store.add(Record("A", f"mail.{ZONE}", "192.0.2.25"), always=True)
    return store


@pytest.fixture
def ca() -> Iterator[DemoCA]:
    authority = DemoCA()
    yield authority
    authority.close()


@pytest.fixture
def reach(store: ZoneStore, ca: DemoCA) -> Iterator[Reach]:
    sites = {
        "192.0.2.10": Site("192.0.2.10", (ZONE,), hsts="max-age=600; includeSubDomains"),
        "192.0.2.80": Site("192.0.2.80", ("t.vendor.test", f"links.{ZONE}"), 302, "https://x/"),
    }
    internet = Internet(store, sites)
    with WebServer(internet.site_for, lambda: ca) as web:
        yield Reach(
            resolve=Addresses(internet),
            http_port=web.http_port,
            https_port=web.https_port,
            cacert=str(ca.cert_path),
            timeout=3.0,
        )


def test_a_name_reaches_the_site_its_dns_leads_to(reach: Reach) -> None:
    result = check_http(f"links.{ZONE}", reach)
    assert result.status == "ok" and "302" in result.summary and "https://x/" in result.summary


def test_names_without_a_site_fail_as_they_would_out_there(reach: Reach) -> None:
    """No traffic leaves loopback: an unknown name does not resolve, an address with no web
    server refuses the connection."""
    assert "does not resolve" in check_http(f"nowhere.{ZONE}", reach).summary
    assert "refused" in check_http(f"mail.{ZONE}", reach).summary


def test_hsts_with_include_subdomains_on_the_apex_is_seen(reach: Reach) -> None:
    result = check_hsts(f"links.{ZONE}", reach)
    assert result.status == "warning"
    assert "includeSubDomains" in result.detail


def test_each_site_presents_its_own_certificate_from_the_demo_ca(reach: Reach) -> None:
    assert check_https(f"links.{ZONE}", reach, required=True).status == "ok"
    covered = check_https(f"other.{ZONE}", reach, required=True)
    assert covered.status == "failed"
    assert f"does not cover other.{ZONE}" in covered.summary
    assert "t.vendor.test" in covered.summary


def test_the_demo_ca_is_trusted_only_where_it_is_given(reach: Reach) -> None:
    from dataclasses import replace

    untrusted = check_https(f"links.{ZONE}", replace(reach, cacert=None), required=True)
    assert untrusted.status == "failed" and "not trusted" in untrusted.summary


def test_the_ca_lives_in_a_temporary_directory_removed_on_close(tmp_path: Path) -> None:
    import tempfile

    ca = DemoCA()
    chain, key = ca.issue(("a.test",))
    assert Path(tempfile.gettempdir()) in ca.cert_path.parents
    assert chain.parent == key.parent == ca.directory
    ca.close()
    assert not ca.directory.exists()


def ask(port: int, name: str, rdtype: str) -> dns.message.Message:
    query = dns.message.make_query(name, rdtype)
    return dns.query.udp(query, "127.0.0.1", port=port, timeout=2)


def test_a_proxied_record_answers_with_the_proxy_addresses_until_set_to_dns_only() -> None:
    store = ZoneStore()
    store.add_zone(ZONE)
    record = Record("CNAME", f"links.{ZONE}", "t.vendor.test", 60)
    store.add(record, proxied=True)
    auth = AuthoritativeServer(store)
    with ServerThread(auth):
        assert not ask(auth.port, record.name, "CNAME").answer
        addresses = {r.to_text() for r in ask(auth.port, record.name, "A").answer[0]}
        assert addresses == set(PROXY_ADDRESSES)
        assert store.is_proxied(record)
        store.set_proxied(record, False)
        answer = ask(auth.port, record.name, "CNAME").answer
        assert [r.to_text() for r in answer[0]] == ["t.vendor.test."]
        assert not store.is_proxied(record)


def test_a_secondary_serves_a_change_only_after_its_lag() -> None:
    clock = ManualClock(100.0)
    store = ZoneStore(clock)
    store.add_zone(ZONE)
    secondary = AuthoritativeServer(store, lag=5.0)
    with ServerThread(secondary):
        store.add(Record("TXT", f"v.{ZONE}", "token"))
        assert not ask(secondary.port, f"v.{ZONE}", "TXT").answer
        clock.now += 5.0
        assert ask(secondary.port, f"v.{ZONE}", "TXT").answer
