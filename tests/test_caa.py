"""CAA in the readiness check, against real BIND: the closest CAA set climbing from the host
(RFC 8659 §3) must let the CA of the vendor's HTTPS path issue, or the check names the fix."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from tests.fakes.bind import BindServer, zone_file
from wizard.caa import AMAZON, CaaRecord, CaaSet, allows, relevant_caa
from wizard.model.servers import Server
from wizard.readiness import check_caa
from wizard.vendors import load_profile
from wizard.zones import make_resolver

CAA_ZONE = zone_file(
    "caa.test",
    """\
@        IN CAA 0 issue "letsencrypt.org"
@        IN CAA 0 iodef "mailto:security@caa.test"
deep.sub IN A   192.0.2.1
links    IN CNAME t.other.test.
aliased  IN CNAME amz.other.test.
allowed  IN CAA 0 issue "amazontrust.com"
allowed  IN A   192.0.2.2
strict   IN CAA 128 tbs "unknown"
strict   IN CAA 0 issue "amazon.com"
""",
)

OTHER_ZONE = zone_file(
    "other.test",
    """\
@        IN CAA 0 issue "amazon.com"
t        IN A   192.0.2.3
amz      IN CAA 0 issue "amazon.com"
amz      IN A   192.0.2.4
""",
)

NO_CAA_ZONE = zone_file("open.test", "links    IN A   192.0.2.5\n")


@pytest.fixture
def caa_bind(start_bind: Callable[[dict[str, str]], BindServer]) -> BindServer:
    return start_bind({"caa.test": CAA_ZONE, "other.test": OTHER_ZONE, "open.test": NO_CAA_ZONE})


def test_the_closest_set_climbing_from_the_host(caa_bind: BindServer) -> None:
    resolver = make_resolver([Server(caa_bind.address, caa_bind.port)])
    found = relevant_caa("deep.sub.caa.test", resolver)
    assert found is not None and found.owner == "caa.test"
    assert {r.tag for r in found.records} == {"issue", "iodef"}
    nearer = relevant_caa("allowed.caa.test", resolver)
    assert nearer is not None and nearer.owner == "allowed.caa.test"
    assert relevant_caa("links.open.test", resolver) is None


def test_an_alias_is_followed_but_the_climb_stays_on_the_hosts_parents(
    caa_bind: BindServer,
) -> None:
    resolver = make_resolver([Server(caa_bind.address, caa_bind.port)])
    # links -> t.other.test has no CAA at the target: the climb goes on at caa.test (whose
    # set allows only Let's Encrypt), never at other.test (the target's parent, RFC 6844).
    found = relevant_caa("links.caa.test", resolver)
    assert found is not None and found.owner == "caa.test"
    assert not allows(found, AMAZON)
    # aliased -> amz.other.test holds CAA itself: the alias's answer is the set for the name.
    target = relevant_caa("aliased.caa.test", resolver)
    assert target is not None and [r.issuer for r in target.records] == ["amazon.com"]
    assert allows(target, AMAZON)


def test_check_names_the_record_to_add(caa_bind: BindServer) -> None:
    resolver = make_resolver([Server(caa_bind.address, caa_bind.port)])
    pendo = load_profile("pendo-us")  # HTTPS through CloudFront with an ACM certificate
    blocked = check_caa("deep.sub.caa.test", pendo, resolver)
    assert blocked is not None and blocked.name == "caa" and blocked.status == "failed"
    assert 'Fix: add the record caa.test. CAA 0 issue "amazon.com".' in blocked.summary
    assert 'caa.test. CAA 0 issue "letsencrypt.org"' in blocked.detail
    ok = check_caa("allowed.caa.test", pendo, resolver)
    assert ok is not None and ok.status == "ok"
    assert check_caa("links.open.test", pendo, resolver) is None  # no CAA: any CA may issue


def test_a_critical_unknown_tag_forbids_every_ca(caa_bind: BindServer) -> None:
    resolver = make_resolver([Server(caa_bind.address, caa_bind.port)])
    result = check_caa("strict.caa.test", load_profile("pendo-us"), resolver)
    assert result is not None and result.status == "failed"
    assert 'strict.caa.test. CAA 128 tbs "unknown"' in result.summary
    assert "remove it" in result.summary


def test_a_vendor_issuing_with_lets_encrypt(caa_bind: BindServer) -> None:
    resolver = make_resolver([Server(caa_bind.address, caa_bind.port)])
    customerio = load_profile("customerio-us")
    assert customerio.cdn is not None
    assert check_caa("deep.sub.caa.test", customerio, resolver) is None  # its CA not known
    issuing = replace(
        customerio, cdn=replace(customerio.cdn, vendor_certificate_ca="letsencrypt.org")
    )
    allowed = check_caa("deep.sub.caa.test", issuing, resolver)
    assert allowed is not None and allowed.status == "ok"
    refused = check_caa("allowed.caa.test", issuing, resolver)
    assert refused is not None and refused.status == "warning"  # HTTP links still work
    assert 'allowed.caa.test. CAA 0 issue "letsencrypt.org"' in refused.summary


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        ((CaaRecord(0, "issue", ";"),), False),
        ((CaaRecord(0, "issuewild", "letsencrypt.org"),), True),
        ((CaaRecord(0, "issue", "Amazon.com; cansignhttpexchanges=yes"),), True),
        ((CaaRecord(0, "issue", "letsencrypt.org"), CaaRecord(0, "issue", "awstrust.com")), True),
        ((CaaRecord(128, "iodef", "mailto:x@example.test"),), True),
    ],
)
def test_issue_properties(records: tuple[CaaRecord, ...], expected: bool) -> None:
    assert allows(CaaSet("example.test", records), AMAZON) is expected
