"""DNSimple through dns-lexicon's real `dnsimple` backend, against a local fake of its API v2.

What the row in providers/lexicon/table.py declares is proven here and, through `CASE`, by the
shared checks of tests/test_lexicon_hosts.py (the round trip of each type, the refused types, the
requests against DNSimple's reference, the quirks caught by the read-back, the failures as
sentences). Two facts of the backend shape the row: it
reads one page of records only (30), so the plugin lists each name apart (`list_by_name`), and
it passes the priority through as given, so the plugin gives the integer the schema asks for.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from providers.lexicon import table
from providers.lexicon.plugin import LexiconProvider
from providers.lexicon.plugins import DnsimpleProvider
from tests.fakes.lexicon.dnsimple import DNSimpleAPI
from tests.keys import DKIM_2048
from tests.lexicon_roundtrip import Failure, LexiconCase, Quirk, Shape, check_quirk
from tests.roundtrip import apply_records
from wizard.journal import Journal
from wizard.model.errors import AuthError, ProviderError, ZoneNotFound
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


def fake() -> DNSimpleAPI:
    api = DNSimpleAPI()
    api.add_zone(ZONE, [("TXT", "", '"v=spf1 -all"', 3600, None)])
    return api


def requests_also(api: DNSimpleAPI) -> None:
    """Nothing beside what the API reads: no body on a read, only the filters a listing takes,
    the priority as the schema's integer."""
    for s in api.requests_seen:
        if s.method in ("GET", "DELETE"):
            assert s.body in (None, {}), s  # lexicon sends "{}"; nothing the API reads
        if s.path.endswith("/records") and s.method == "GET":
            assert set(s.query) <= LIST_QUERY, s.query
        if isinstance(s.body, dict) and "priority" in s.body:
            assert type(s.body["priority"]) is int, s.body  # the schema's integer, not "10"


CASE = LexiconCase(
    plugin=DnsimpleProvider,
    fake=fake,
    settings=lambda api: {"token": api.token, "api_address": api.url},
    record_types=frozenset({"A", "AAAA", "CNAME", "TXT", "MX"}),
    long_txt=False,
    lines=(
        "Confirmed at DNSimple: 7 of 7 changes exactly as given",
        "Confirmed at DNSimple: 4 of 4 changes exactly as given",
        "Confirmed at DNSimple: 7 of 7 changes exactly as given",
    ),
    refused={"NS": ("own panel",), "SRV": ("own panel",), "CAA": ("own panel",), "TXT": ("255",)},
    shapes=SHAPES,
    more_than=20,
    methods=frozenset({"POST", "PATCH", "DELETE"}),
    requests_also=requests_also,
    quirks=(
        Quirk(
            "drop-priority",
            Record("MX", f"bounce.{ZONE}", "feedback-smtp.us-east-1.amazonses.com", 3600, 10),
            (
                f"planned bounce.{ZONE} MX 10 feedback-smtp.us-east-1.amazonses.com (TTL 3600); "
                f"the host holds bounce.{ZONE} MX feedback-smtp.us-east-1.amazonses.com "
                "(TTL 3600) instead",
                "0 of 1 change as given",
            ),
        ),
        Quirk(  # lexicon drops a priority of 0
            "mx-priority-zero",
            Record("MX", f"null.{ZONE}", "mx.example.net", 3600, 0),
            (
                f"planned null.{ZONE} MX 0 mx.example.net (TTL 3600); the host holds null.{ZONE} "
                "MX mx.example.net (TTL 3600) instead",
            ),
            always=True,
        ),
        Quirk(
            "ignore-create",
            Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 3600),
            ("the host has none",),
        ),
    ),
    wrong_credentials=(
        Failure(
            "token",
            AuthError,
            ("DNSimple did not accept the credentials (HTTP 401)", "Authentication failed"),
            {"token": "dnsimple-wrong-token-5555"},
        ),
    ),
    unreadable_zones=(
        Failure(
            "unknown",
            ZoneNotFound,
            (
                "DNSimple has no zone other.test that these credentials can see",
                "No domain found like other.test",
            ),
            zone="other.test",
        ),
    ),
    name_servers=(
        ("ns1.dnsimple-edge.com", "ns2.dnsimple-edge.net", "ns3.dnsimple-edge.io"),
        ("ns4.dnsimple-edge.org",),
        ("ns1.dnsimple.com", "ns2.dnsimple.com"),
    ),
)
provider = CASE.provider


@pytest.fixture
def api() -> Iterator[DNSimpleAPI]:
    with fake() as server:
        yield server


def widened(api: DNSimpleAPI, **changes: object) -> LexiconProvider:
    """A provider for a DNSimple row changed as given: to show what the real row guards."""

    class Widened(LexiconProvider):
        host = replace(table.DNSIMPLE, **changes)  # type: ignore[arg-type]

    return Widened({"token": api.token, "api_address": api.url})


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
    dmarc = Record("TXT", f"_dmarc.{ZONE}", "v=DMARC1; p=none", 3600)
    said = f'the host holds _dmarc.{ZONE} TXT "v=DMARC1; p=none" (TTL 3600) instead'
    quirk = Quirk("txt-unquoted", dmarc, (said,), always=True)
    check_quirk(widened(api, txt_quoted=False), api, ZONE, quirk)


def test_a_long_txt_split_by_the_host_would_be_caught(api: DNSimpleAPI) -> None:
    """Why long TXT stays off: DNSimple "may" split a quoted string over 255 characters."""
    dkim = Record("TXT", f"s1._domainkey.{ZONE}", DKIM_2048, 3600)
    said = f'the host holds s1._domainkey.{ZONE} TXT {DKIM_2048[:255]}" "{DKIM_2048[255:510]}'
    quirk = Quirk("split-long-txt", dkim, (said, "0 of 1 change as given"))
    check_quirk(widened(api, long_txt=True), api, ZONE, quirk)


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
    links = Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 3600)
    quirk = Quirk("first-page-only", links, ("the host has none",), always=True)
    check_quirk(widened(api, list_by_name=False), api, ZONE, quirk)


def test_no_ttl_given_writes_dnsimples_default(api: DNSimpleAPI) -> None:
    apply_records(provider(api), ZONE, [Record("A", f"t.{ZONE}", "192.0.2.1")], Journal())
    posted = [s.body for s in api.requests_seen if s.method == "POST"]
    assert posted[0]["ttl"] == table.DNSIMPLE.default_ttl == 3600
