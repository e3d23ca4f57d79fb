"""DNSimple through dns-lexicon's real `dnsimple` backend, against a local fake of its API v2.

What the row in providers/lexicon/table.py declares is proven here: the shared round trip for each
type, the types it refuses, each quirk caught by the read-back, every request checked against
DNSimple's reference, and its failures as sentences. Two facts of the backend shape the row: it
reads one page of records only (30), so the plugin lists each name apart (`list_by_name`), and
it passes the priority through as given, so the plugin gives the integer the schema asks for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest

from providers.lexicon import table
from providers.lexicon.plugin import LexiconProvider
from providers.lexicon.plugins import DnsimpleProvider
from tests.fakes.lexicon.dnsimple import DNSimpleAPI
from tests.keys import DKIM_2048
from tests.lexicon_roundtrip import Shape, check_refused, check_round_trip, check_shapes
from tests.roundtrip import apply_records, check_caught
from wizard.journal import Journal
from wizard.model.errors import AuthError, ProviderError
from wizard.model.records import Record

ZONE = "example.test"
RECORD_FIELDS = frozenset({"name", "type", "content", "ttl", "priority", "regions"})

#: DNSimple's documented operations (developer.dnsimple.com/v2), with the body each must carry.
SHAPES = (
    Shape("GET", r"/v2/accounts"),
    Shape("GET", r"/v2/\d+/domains"),
    Shape("GET", r"/v2/\d+/zones/[^/]+/records"),
    Shape(
        "POST",
        r"/v2/\d+/zones/[^/]+/records",
        required={"name": str, "type": str, "content": str, "ttl": int},
        allowed=RECORD_FIELDS,
    ),
    Shape(
        "PATCH",
        r"/v2/\d+/zones/[^/]+/records/\d+",
        required={"content": str, "ttl": int},
        allowed=RECORD_FIELDS - {"type"},
    ),
    Shape("DELETE", r"/v2/\d+/zones/[^/]+/records/\d+"),
)
#: The filters and paging a record listing takes.
LIST_QUERY = frozenset({"name", "name_like", "type", "sort", "page", "per_page"})


@pytest.fixture
def api() -> Iterator[DNSimpleAPI]:
    with DNSimpleAPI() as fake:
        fake.add_zone(ZONE, [("TXT", "", '"v=spf1 -all"', 3600, None)])
        yield fake


def provider(api: DNSimpleAPI, token: str | None = None) -> DnsimpleProvider:
    return DnsimpleProvider({"token": token or api.token, "api_address": api.url})


def widened(api: DNSimpleAPI, **changes: object) -> LexiconProvider:
    """A provider for a DNSimple row changed as given: to show what the real row guards."""

    class Widened(LexiconProvider):
        host = replace(table.DNSIMPLE, **changes)  # type: ignore[arg-type]

    return Widened({"token": api.token, "api_address": api.url})


def switch(api: DNSimpleAPI, quirk: str) -> Callable[[bool], None]:
    def flip(on: bool) -> None:
        api.quirk = quirk if on else None

    return flip


def test_every_declared_type_round_trips_confirmed(api: DNSimpleAPI) -> None:
    assert table.DNSIMPLE.record_types == {"A", "AAAA", "CNAME", "TXT", "MX"}
    seen = check_round_trip(provider(api), ZONE)
    assert seen.lines[0] == "Confirmed at DNSimple: 7 of 7 changes exactly as given"


def test_types_outside_the_row_and_long_txt_are_refused_in_the_plan(api: DNSimpleAPI) -> None:
    reasons = check_refused(provider(api), ZONE)
    assert len(reasons) == 4  # NS, SRV, CAA and a DKIM-length TXT
    assert all("own panel" in r or "255" in r for r in reasons), reasons
    assert not [s for s in api.requests_seen if s.method != "GET"]


def test_every_request_matches_dnsimples_reference(api: DNSimpleAPI) -> None:
    check_round_trip(provider(api), ZONE)
    seen = [(s.method, s.path, s.body) for s in api.requests_seen]
    assert check_shapes(seen, SHAPES) == len(seen) > 20
    assert {"POST", "PATCH", "DELETE"} <= {s.method for s in api.requests_seen}
    for s in api.requests_seen:
        if s.method in ("GET", "DELETE"):
            assert s.body in (None, {}), s  # lexicon sends "{}"; nothing the API reads
        if s.path.endswith("/records") and s.method == "GET":
            assert set(s.query) <= LIST_QUERY, s.query
        if isinstance(s.body, dict) and "priority" in s.body:
            assert type(s.body["priority"]) is int, s.body  # the schema's integer, not "10"


def test_an_mx_is_sent_with_its_priority_as_an_integer(api: DNSimpleAPI) -> None:
    mx = Record("MX", f"bounce.{ZONE}", "feedback-smtp.us-east-1.amazonses.com", 3600, 20)
    _, result = apply_records(provider(api), ZONE, [mx], Journal())
    assert result.confirmed is not None and result.confirmed.confirmed == 1
    posted = [s.body for s in api.requests_seen if s.method == "POST"]
    assert posted == [
        {"type": "MX", "name": "bounce", "content": mx.value, "ttl": 3600, "priority": 20}
    ]


def test_a_priority_sent_as_text_is_refused_as_the_schema_says(api: DNSimpleAPI) -> None:
    mx = Record("MX", f"bounce.{ZONE}", "feedback-smtp.us-east-1.amazonses.com", 3600, 20)
    with pytest.raises(ProviderError) as caught:
        apply_records(widened(api, priority_int=False), ZONE, [mx], Journal())
    assert "DNSimple refused the request (HTTP 400)" in str(caught.value)
    assert '{"priority": ["is not a number"]}' in str(caught.value)
    assert [s.body["priority"] for s in api.requests_seen if s.method == "POST"] == ["20"]


def test_txt_is_sent_quoted_and_read_back_as_given(api: DNSimpleAPI) -> None:
    dmarc = Record("TXT", f"_dmarc.{ZONE}", "v=DMARC1; p=none", 3600)
    apply_records(provider(api), ZONE, [dmarc], Journal())
    stored = [r["content"] for r in api.records(ZONE) if r["name"] == "_dmarc"]
    assert stored == ['"v=DMARC1; p=none"']
    assert provider(api).list_records(ZONE, [dmarc.name]).records == (dmarc,)


def test_unquoted_txt_comes_back_quoted_and_is_caught(api: DNSimpleAPI) -> None:
    """Why the row sends TXT quoted: DNSimple serialises a plain value and lists it in quotes."""
    check_caught(
        widened(api, txt_quoted=False),
        ZONE,
        [f"_dmarc.{ZONE}"],
        [Record("TXT", f"_dmarc.{ZONE}", "v=DMARC1; p=none", 3600)],
        lambda on: None,
        f'the host holds _dmarc.{ZONE} TXT "v=DMARC1; p=none" (TTL 3600) instead',
    )


def test_a_dropped_priority_is_caught(api: DNSimpleAPI) -> None:
    message = check_caught(
        provider(api),
        ZONE,
        [f"bounce.{ZONE}"],
        [Record("MX", f"bounce.{ZONE}", "feedback-smtp.us-east-1.amazonses.com", 3600, 10)],
        switch(api, "drop-priority"),
        f"planned bounce.{ZONE} MX 10 feedback-smtp.us-east-1.amazonses.com (TTL 3600); the "
        f"host holds bounce.{ZONE} MX feedback-smtp.us-east-1.amazonses.com (TTL 3600) instead",
    )
    assert "0 of 1 change as given" in message


def test_an_mx_at_priority_zero_is_caught_since_lexicon_drops_a_zero(api: DNSimpleAPI) -> None:
    check_caught(
        provider(api),
        ZONE,
        [f"null.{ZONE}"],
        [Record("MX", f"null.{ZONE}", "mx.example.net", 3600, 0)],
        lambda on: None,
        f"planned null.{ZONE} MX 0 mx.example.net (TTL 3600); the host holds null.{ZONE} MX "
        "mx.example.net (TTL 3600) instead",
    )


def test_a_create_the_host_did_not_keep_is_caught(api: DNSimpleAPI) -> None:
    check_caught(
        provider(api),
        ZONE,
        [f"links.{ZONE}"],
        [Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 3600)],
        switch(api, "ignore-create"),
        "the host has none",
    )


def test_a_long_txt_split_by_the_host_would_be_caught(api: DNSimpleAPI) -> None:
    """Why long TXT stays off: DNSimple "may" split a quoted string over 255 characters."""
    message = check_caught(
        widened(api, long_txt=True),
        ZONE,
        [f"s1._domainkey.{ZONE}"],
        [Record("TXT", f"s1._domainkey.{ZONE}", DKIM_2048, 3600)],
        switch(api, "split-long-txt"),
        f'the host holds s1._domainkey.{ZONE} TXT {DKIM_2048[:255]}" "{DKIM_2048[255:510]}',
    )
    assert "0 of 1 change as given" in message


def test_a_zone_of_more_than_one_page_is_read_by_name(api: DNSimpleAPI) -> None:
    api.add_zone(ZONE, [("A", f"h{i}", f"192.0.2.{i}", 3600, None) for i in range(1, 41)])
    spf = Record("TXT", ZONE, "v=spf1 include:mailgun.org ~all", 3600)
    _, result = apply_records(provider(api), ZONE, [spf], Journal())
    assert result.confirmed is not None and result.confirmed.confirmed == 1, result
    listed = [s.query for s in api.requests_seen if s.path.endswith("/records")]
    assert listed and all(q.get("name") == [""] for q in listed if q)


def test_a_zone_of_more_than_one_page_listed_whole_is_caught(api: DNSimpleAPI) -> None:
    """Why the row lists by name: lexicon reads the first 30 records of a zone only."""
    api.add_zone(ZONE, [("A", f"h{i}", f"192.0.2.{i}", 3600, None) for i in range(1, 41)])
    check_caught(
        widened(api, list_by_name=False),
        ZONE,
        [f"links.{ZONE}"],
        [Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 3600)],
        lambda on: None,
        "the host has none",
    )


def test_no_ttl_given_writes_dnsimples_default(api: DNSimpleAPI) -> None:
    apply_records(provider(api), ZONE, [Record("A", f"t.{ZONE}", "192.0.2.1")], Journal())
    posted = [s.body for s in api.requests_seen if s.method == "POST"]
    assert posted[0]["ttl"] == table.DNSIMPLE.default_ttl == 3600


def test_a_wrong_token_is_a_sentence_without_the_token(api: DNSimpleAPI) -> None:
    bad = "dnsimple-wrong-token-5555"
    with pytest.raises(AuthError) as caught:
        provider(api, bad).list_records(ZONE, [ZONE])
    assert "DNSimple did not accept the credentials (HTTP 401)" in str(caught.value)
    assert "Authentication failed" in str(caught.value)
    assert bad not in str(caught.value)


def test_a_zone_not_in_the_account_is_a_sentence(api: DNSimpleAPI) -> None:
    with pytest.raises(AuthError) as caught:
        provider(api).list_records("other.test", ["other.test"])
    assert "DNSimple did not accept the credentials for other.test" in str(caught.value)
    assert "No domain found like other.test" in str(caught.value)


def test_the_zone_step_names_dnsimple_from_its_name_servers() -> None:
    from providers.hosts import host_for_ns

    edge = ["ns1.dnsimple-edge.com", "ns2.dnsimple-edge.net", "ns3.dnsimple-edge.io"]
    for names in (edge, ["ns4.dnsimple-edge.org"], ["ns1.dnsimple.com", "ns2.dnsimple.com"]):
        host = host_for_ns(names)
        assert host is not None and host.id == "dnsimple", names
