"""NameSilo through dns-lexicon's real `namesilo` backend, against a local fake of its API.

What the row in providers/lexicon/table.py declares is proven here: the shared round trip for each
type, the types it refuses, each quirk caught by the read-back, every request checked against
NameSilo's reference, and its failures as sentences. MX stays out, and this file shows why:
the backend never sends `rrdistance` (NameSilo then keeps 10, whatever the vendor gave) and never
reads `distance` back, so no MX priority survives a write or a read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest

from providers.lexicon import table
from providers.lexicon.plugin import LexiconProvider
from providers.lexicon.plugins import NamesiloProvider
from tests.fakes.lexicon.namesilo import NameSiloAPI, Seen
from tests.lexicon_roundtrip import check_refused, check_round_trip
from tests.roundtrip import apply_records, check_caught
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


@pytest.fixture
def api() -> Iterator[NameSiloAPI]:
    with NameSiloAPI() as fake:
        fake.add_zone(ZONE, [("TXT", "", "v=spf1 -all", 7207, 0)])
        yield fake


def provider(api: NameSiloAPI, key: str | None = None) -> NamesiloProvider:
    return NamesiloProvider({"token": key or api.key, "api_address": api.url})


def with_mx(api: NameSiloAPI) -> LexiconProvider:
    """A provider for a NameSilo row that claims MX, as a test of what lexicon does with it."""

    class Claimed(LexiconProvider):
        host = replace(
            table.NAMESILO, record_types=table.NAMESILO.record_types | {"MX"}, mx_priority="option"
        )

    return Claimed({"token": api.key, "api_address": api.url})


def switch(api: NameSiloAPI, quirk: str) -> Callable[[bool], None]:
    def flip(on: bool) -> None:
        api.quirk = quirk if on else None

    return flip


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


def test_every_declared_type_round_trips_confirmed(api: NameSiloAPI) -> None:
    assert table.NAMESILO.record_types == {"A", "AAAA", "CNAME", "TXT"}
    seen = check_round_trip(provider(api), ZONE)
    assert seen.lines[0] == "Confirmed at NameSilo: 6 of 6 changes exactly as given"


def test_types_outside_the_row_and_long_txt_are_refused_in_the_plan(api: NameSiloAPI) -> None:
    reasons = check_refused(provider(api), ZONE)
    assert len(reasons) == 5  # MX, NS, SRV, CAA and a DKIM-length TXT
    mx = next(r for r in reasons if "MX" in r)
    assert "rrdistance" in mx and "own panel" in mx
    operations = {s.path for s in api.requests_seen}
    assert operations <= {"/api/getDomainInfo", "/api/dnsListRecords"}


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


def test_a_create_the_host_did_not_keep_is_caught(api: NameSiloAPI) -> None:
    check_caught(
        provider(api),
        ZONE,
        [f"links.{ZONE}"],
        [Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 3600)],
        switch(api, "ignore-create"),
        "the host has none",
    )


def test_an_add_the_host_refused_is_caught_though_lexicon_swallows_it(api: NameSiloAPI) -> None:
    """lexicon's backend takes reply code 280 on an add for "already there" and says done."""
    check_caught(
        provider(api),
        ZONE,
        [f"_dmarc.{ZONE}"],
        [Record("TXT", f"_dmarc.{ZONE}", "v=DMARC1; p=none", 3600)],
        switch(api, "refuse-adds"),
        "the host has none",
    )
    refused = [s for s in api.requests_seen if s.path == "/api/dnsAddRecord"]
    assert refused  # the add was sent, answered 280, and lexicon reported success


def test_a_ttl_the_host_adjusted_is_caught(api: NameSiloAPI) -> None:
    check_caught(
        provider(api),
        ZONE,
        [f"track.{ZONE}"],
        [Record("A", f"track.{ZONE}", "192.0.2.10", 3600)],
        switch(api, "auto-ttl"),
        f"planned track.{ZONE} A 192.0.2.10 with TTL 3600; the host holds TTL 7207",
    )


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


def test_a_wrong_key_is_a_sentence_without_the_key(api: NameSiloAPI) -> None:
    bad = "namesilo0wrong0key0000000"
    with pytest.raises(AuthError) as caught:
        provider(api, bad).list_records(ZONE, [ZONE])
    assert "NameSilo did not accept the credentials for example.test" in str(caught.value)
    assert "Invalid API Key, 110" in str(caught.value)
    assert bad not in str(caught.value)


def test_a_domain_not_in_the_account_is_a_sentence(api: NameSiloAPI) -> None:
    with pytest.raises(AuthError) as caught:
        provider(api).list_records("other.test", ["other.test"])
    assert "Domain is not active, or does not belong to this user, 200" in str(caught.value)


def test_the_zone_step_names_namesilo_from_its_name_servers() -> None:
    from providers.hosts import host_for_ns

    host = host_for_ns(["ns1.dnsowl.com", "ns2.dnsowl.com", "ns3.dnsowl.com"])
    assert host is not None and host.id == "namesilo"
