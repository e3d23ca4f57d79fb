"""A zone whose DNSSEC signatures do not validate, served by real BIND and asked through a
real validating BIND: the watcher's diagnosis and the readiness check call it a DNSSEC
problem, not a record that is not live yet."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes.bind import BindServer, zone_file
from tests.fakes.dnssec import DNSSEC_TOOLS, sign_zone, tamper
from wizard.model.records import Record
from wizard.model.servers import Server
from wizard.readiness import check_dns
from wizard.vendors import load_profile
from wizard.watch import Expectation, ServerSpec, Watcher, diagnose_sweep
from wizard.zones import make_resolver

pytestmark = pytest.mark.needs(*DNSSEC_TOOLS)

SECURE_ZONE = zone_file(
    "secure.test",
    """\
www      IN A   192.0.2.10
links    IN A   192.0.2.66
""",
)

GOOD = Expectation(Record("A", "www.secure.test", "192.0.2.10"))
#: What the zone's servers serve at links after the tampering: a signature that fits nothing.
BROKEN = Expectation(Record("A", "links.secure.test", "192.0.2.67"))


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[tuple[BindServer, BindServer]]:
    """BIND serving secure.test with one record's signature broken, and a validating BIND
    that trusts the zone's key and forwards every question to the first."""
    signed, anchor = sign_zone("secure.test", SECURE_ZONE, tmp_path / "keys")
    broken = tamper(signed, "192.0.2.66", "192.0.2.67")
    authoritative = BindServer({"secure.test": broken}).start()
    validating = BindServer(
        {},
        forwarders=((authoritative.address, authoritative.port),),
        trust_anchors=(anchor,),
        ready_name="secure.test.",
    )
    try:
        yield authoritative, validating.start()
    finally:
        validating.stop()
        authoritative.stop()


async def test_watch_diagnoses_a_dnssec_failure(servers: tuple[BindServer, BindServer]) -> None:
    authoritative, validating = servers
    own = ServerSpec(
        "ns1.secure.test",
        Server(authoritative.address, authoritative.port),
        "authoritative",
        "secure.test",
    )
    resolver = ServerSpec("validating", Server(validating.address, validating.port), "resolver")
    watcher = Watcher([GOOD, BROKEN], [own], [resolver], query_timeout=2.0)
    sweep = await watcher.sweep()
    status = {(r.expectation, r.server.role): r.status for r in sweep.results}
    assert status[(GOOD, "resolver")] == "match"  # the trust anchor works: www validates
    assert status[(BROKEN, "authoritative")] == "match"
    assert status[(BROKEN, "resolver")] == "error"
    findings = await diagnose_sweep(sweep, zone="secure.test", client=watcher.client)
    assert GOOD not in findings
    [finding] = findings[BROKEN]
    assert finding.code == "dnssec-broken" and finding.level == "error"
    assert "validating" in finding.message and "DS record" in finding.message


def test_readiness_says_dnssec_not_not_yet(servers: tuple[BindServer, BindServer]) -> None:
    _authoritative, validating = servers
    resolver = make_resolver([Server(validating.address, validating.port)])
    generic = load_profile("generic")
    ok = check_dns("www.secure.test", generic, resolver)
    assert ok.status == "ok"
    broken = check_dns("links.secure.test", generic, resolver)
    assert broken.status == "failed"
    assert "fails DNSSEC validation" in broken.summary
    assert "does not resolve yet" not in broken.summary
    missing = check_dns("nothing.secure.test", generic, resolver)
    assert "does not resolve yet" in missing.summary  # a name that is not there is just that
