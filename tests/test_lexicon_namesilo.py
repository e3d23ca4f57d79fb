"""NameSilo through dns-lexicon's real `namesilo` backend, against a local fake of its API.

What the row in providers/lexicon/table.py declares is proven here and, through `CASE`, by the
shared checks of tests/test_lexicon_hosts.py: the round trip for each type, the types it refuses,
each quirk caught by the read-back, every request checked against NameSilo's reference, and its
failures as sentences. MX stays out, and this file shows why:
the backend never sends `rrdistance` (NameSilo then keeps 10, whatever the vendor gave) and never
reads `distance` back, so no MX priority survives a write or a read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from providers.lexicon import table
from providers.lexicon.plugin import LexiconProvider
from providers.lexicon.plugins import NamesiloProvider
from tests.fakes.lexicon.namesilo import NameSiloAPI, Seen
from tests.lexicon_roundtrip import Failure, LexiconCase, Quirk, check_quirk, check_round_trip
from tests.roundtrip import apply_records
from wizard.journal import Journal
from wizard.model.errors import AuthError
from wizard.model.records import Record
from wizard.plan import build_plan

ZONE = "example.test"
#: Every operation's parameters in NameSilo's reference: (required, optional), beside the
#: `version`, `type` and `key` every request carries.
OPERATIONS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "getDomainInfo": (frozenset({"domain"}), frozenset()),
    "dnsListRecords": (frozenset({"domain"}), frozenset()),
    "dnsAddRecord": (
        frozenset({"domain", "rrtype", "rrhost", "rrvalue"}),
        frozenset({"rrttl", "rrdistance"}),
    ),
    "dnsUpdateRecord": (
        frozenset({"domain", "rrid", "rrhost", "rrvalue"}),
        frozenset({"rrttl", "rrdistance"}),
    ),
    "dnsDeleteRecord": (frozenset({"domain", "rrid"}), frozenset()),
}
MX = Record("MX", f"bounce.{ZONE}", "feedback-smtp.us-east-1.amazonses.com", 3600, 20)


def fake() -> NameSiloAPI:
    api = NameSiloAPI()
    api.add_zone(ZONE, [("TXT", "", "v=spf1 -all", 7207, 0)])
    return api


READS = {"/api/getDomainInfo", "/api/dnsListRecords"}
CASE = LexiconCase(
    plugin=NamesiloProvider,
    fake=fake,
    settings=lambda api: {"token": api.key, "api_address": api.url},
    record_types=frozenset({"A", "AAAA", "CNAME", "TXT"}),
    long_txt=False,
    lines=(
        "Confirmed at NameSilo: 6 of 6 changes exactly as given",
        "Confirmed at NameSilo: 4 of 4 changes exactly as given",
        "Confirmed at NameSilo: 6 of 6 changes exactly as given",
    ),
    refused={"MX": ("rrdistance", "own panel"), "NS": (), "SRV": (), "CAA": (), "TXT": ()},
    writes=lambda api: [s for s in api.requests_seen if s.path not in READS],
    quirks=(
        Quirk(
            "ignore-create",
            Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 3600),
            ("the host has none",),
        ),
        Quirk(
            "auto-ttl",
            Record("A", f"track.{ZONE}", "192.0.2.10", 3600),
            (f"planned track.{ZONE} A 192.0.2.10 with TTL 3600; the host holds TTL 7207",),
        ),
    ),
    wrong_credentials=(
        Failure(
            "key",
            AuthError,
            ("NameSilo did not accept the credentials for example.test", "Invalid API Key, 110"),
            {"token": "namesilo0wrong0key0000000"},
        ),
    ),
    unreadable_zones=(
        Failure(
            "not-in-the-account",
            AuthError,
            ("Domain is not active, or does not belong to this user, 200",),
            zone="other.test",
        ),
    ),
    name_servers=(("ns1.dnsowl.com", "ns2.dnsowl.com", "ns3.dnsowl.com"),),
)
provider = CASE.provider


@pytest.fixture
def api() -> Iterator[NameSiloAPI]:
    with fake() as server:
        yield server


def with_mx(api: NameSiloAPI) -> LexiconProvider:
    """A provider for a NameSilo row that claims MX, as a test of what lexicon does with it."""

    class Claimed(LexiconProvider):
        host = replace(
            table.NAMESILO, record_types=table.NAMESILO.record_types | {"MX"}, mx_priority="option"
        )

    return Claimed({"token": api.key, "api_address": api.url})


def check_request(seen: Seen, key: str) -> str:
    """One request against the reference; returns its operation."""
    assert seen.method == "GET", seen
    assert seen.path.startswith("/api/"), seen
    operation = seen.path.removeprefix("/api/")
    assert operation in OPERATIONS, seen
    query = {k: v[0] for k, v in seen.query.items()}
    assert all(len(v) == 1 for v in seen.query.values()), seen
    assert (query.pop("version"), query.pop("type"), query.pop("key")) == ("1", "xml", key)
    required, optional = OPERATIONS[operation]
    assert required <= set(query) <= required | optional, (operation, sorted(query))
    if "rrttl" in query:
        assert query["rrttl"].isdigit(), query
        assert 3600 <= int(query["rrttl"]) <= 2592001, query
    assert query["domain"] == ZONE
    return operation


def test_every_request_matches_namesilos_reference(api: NameSiloAPI) -> None:
    check_round_trip(provider(api), ZONE)
    operations = [check_request(s, api.key) for s in api.requests_seen]
    assert len(operations) > 15
    assert {"dnsAddRecord", "dnsUpdateRecord", "dnsDeleteRecord"} <= set(operations)


def test_an_mx_priority_is_never_sent_and_never_read(api: NameSiloAPI) -> None:
    """The suspicion proved: lexicon's backend drops the priority both ways."""
    plan = build_plan(with_mx(api), ZONE, [MX])
    assert not plan.has_conflicts
    with pytest.raises(Exception) as caught:
        with_mx(api).apply(ZONE, plan.changes)
    assert type(caught.value).__name__ == "ReadBackMismatch"
    added = [s for s in api.requests_seen if s.path == "/api/dnsAddRecord"]
    assert len(added) == 1 and "rrdistance" not in added[0].query  # never sent
    held = [r for r in api.records(ZONE) if r["type"] == "MX"]
    assert [(r["value"], r["distance"]) for r in held] == [(MX.value, "10")]  # NameSilo's default
    # and never read: even NameSilo's own default of 10 lists without a priority
    listed = with_mx(api).list_records(ZONE, [MX.name]).records
    assert [r.priority for r in listed] == [None]
    assert f"the host holds bounce.{ZONE} MX" in str(caught.value)


def test_an_add_the_host_refused_is_caught_though_lexicon_swallows_it(api: NameSiloAPI) -> None:
    """lexicon's backend takes reply code 280 on an add for "already there" and says done."""
    dmarc = Record("TXT", f"_dmarc.{ZONE}", "v=DMARC1; p=none", 3600)
    check_quirk(provider(api), api, ZONE, Quirk("refuse-adds", dmarc, ("the host has none",)))
    refused = [s for s in api.requests_seen if s.path == "/api/dnsAddRecord"]
    assert refused  # the add was sent, answered 280, and lexicon reported success


def test_a_ttl_below_namesilos_floor_is_raised_in_the_plan(api: NameSiloAPI) -> None:
    record = Record("A", f"track.{ZONE}", "192.0.2.10", 300)
    _, result = apply_records(provider(api), ZONE, [record], Journal())
    assert result.confirmed is not None and result.confirmed.confirmed == 1, result
    added = [s.query for s in api.requests_seen if s.path == "/api/dnsAddRecord"]
    assert [q["rrttl"] for q in added] == [["3600"]]


def test_no_ttl_given_writes_namesilos_default(api: NameSiloAPI) -> None:
    apply_records(provider(api), ZONE, [Record("A", f"t.{ZONE}", "192.0.2.1")], Journal())
    added = [s.query for s in api.requests_seen if s.path == "/api/dnsAddRecord"]
    assert added[0]["rrttl"] == [str(table.NAMESILO.default_ttl)] == ["7207"]
