"""Linode through dns-lexicon's `linode` backend, against a local Linode API v4 built from its
reference.

lexicon has two names for it: `linode` (the backend, which speaks API v4) and `linode4`, kept
only as an alias that subclasses it and logs "deprecated" errors; the row uses `linode`. The
backend (lexicon 3.25.0) is run unchanged against tests/fakes/lexicon/linode.py: every request
it sends is checked against the reference's paths and bodies, and what it does to a record is
pinned down here (`ttl_sec` always 0, no priority, TXT sent as is), so the LINODE row in
providers/lexicon/table.py declares only what holds.
`CASE` declares what the shared checks of tests/test_lexicon_hosts.py need of Linode.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
import requests
from jsonschema import Draft202012Validator

from providers.lexicon import table
from providers.lexicon.plugin import LexiconProvider
from providers.lexicon.plugins import LinodeProvider
from providers.readback import ReadBackMismatch
from tests.fakes.lexicon.linode import LinodeAPI, Seen, record
from tests.keys import DKIM_2048
from tests.lexicon_roundtrip import (
    Failure,
    LexiconCase,
    Quirk,
    check_backend_refusals,
    check_round_trip,
    drive_backend,
    lexicon_backend,
)
from tests.roundtrip import apply_records
from wizard.journal import Journal
from wizard.model.changes import create
from wizard.model.errors import AuthError, ProviderError, ZoneNotFound
from wizard.model.records import Record

ZONE = "example.test"

_INT = {"type": "integer"}
_STR_OR_NULL = {"type": ["string", "null"]}
_TYPES = ["A", "AAAA", "NS", "MX", "CNAME", "TXT", "SRV", "PTR", "CAA"]
_EMPTY = {"type": "object", "maxProperties": 0}
#: The operations of https://techdocs.akamai.com/linode-api/reference/ the backend may call:
#: method, path, the query parameters allowed, and the JSON body's schema (the backend sends
#: `{}` with every GET and DELETE, which the API ignores).
REFERENCE: tuple[tuple[str, str, frozenset[str], dict[str, Any]], ...] = (
    ("GET", r"/v4/domains", frozenset({"page", "page_size"}), _EMPTY),
    ("GET", r"/v4/domains/\d+/records", frozenset({"page", "page_size"}), _EMPTY),
    (
        "POST",
        r"/v4/domains/\d+/records",
        frozenset(),
        {
            "type": "object",
            "required": ["type"],
            "properties": {
                "type": {"enum": _TYPES},
                "name": {"type": "string", "maxLength": 100},
                "target": {"type": "string", "maxLength": 65535},
                "ttl_sec": _INT,
                "priority": {"type": "integer", "minimum": 0, "maximum": 255},
            },
            "additionalProperties": False,
        },
    ),
    (
        "PUT",
        r"/v4/domains/\d+/records/\d+",
        frozenset(),
        {
            "type": "object",
            "properties": {
                "type": {"enum": [*_TYPES, None]},
                "name": _STR_OR_NULL,
                "target": _STR_OR_NULL,
                "ttl_sec": _INT,
                "priority": _INT,
            },
            "additionalProperties": False,
        },
    ),
    ("DELETE", r"/v4/domains/\d+/records/\d+", frozenset(), _EMPTY),
)
#: The fields the reference marks filterable on GET /domains.
FILTERABLE = {"domain", "type", "tags"}


def shape_problems(seen: Seen) -> list[str]:
    """What in one request the reference does not allow (empty: it conforms)."""
    for method, path, params, schema in REFERENCE:
        if method != seen.method or not re.fullmatch(path, seen.path):
            continue
        problems = [f"query parameter {p!r}" for p in set(seen.query) - params]
        problems += [e.message for e in Draft202012Validator(schema).iter_errors(seen.body)]
        if seen.filter is not None and (
            path != r"/v4/domains" or not set(seen.filter) <= FILTERABLE
        ):
            problems.append(f"X-Filter {seen.filter!r}")
        return problems
    return [f"{seen.method} {seen.path} is not an operation of the reference"]


def fake() -> LinodeAPI:
    api = LinodeAPI()
    api.add_zone("other.test")
    api.add_zone(ZONE, [record("A", "www", "192.0.2.1", ttl_sec=3600)])
    return api


@pytest.fixture
def linode() -> Iterator[LinodeAPI]:
    with fake() as api:
        yield api


def backend(
    api: LinodeAPI, *, token: str | None = None, zone: str = ZONE, **lexicon: object
) -> Any:
    """lexicon's own Linode backend, built as the plugin builds it, aimed at the fake;
    `lexicon` holds the `lexicon:` options (ttl, priority) as the plugin sets them per change."""
    auth = {"auth_token": token or api.token}
    provider = lexicon_backend("linode", zone, auth, **lexicon)
    provider.api_endpoint = api.url
    return provider


# -- the fake is no kinder than Linode --------------------------------------------------------
def _call(api: LinodeAPI, method: str, path: str, body: Any = None) -> requests.Response:
    return requests.request(
        method,
        api.url + path,
        json=body,
        headers={"Authorization": f"Bearer {api.token}"},
        timeout=5,
    )


def test_fake_refuses_what_linode_refuses(linode: LinodeAPI) -> None:
    zone_id = linode.zones[ZONE].id
    bad_a = _call(linode, "POST", f"domains/{zone_id}/records", {"type": "A", "target": "x"})
    assert bad_a.status_code == 400
    assert bad_a.json()["errors"][0]["reason"] == "Must be a valid IPv4 address"
    long_name = _call(
        linode,
        "POST",
        f"domains/{zone_id}/records",
        {"type": "TXT", "name": "n" * 101, "target": "x"},
    )
    assert long_name.json() == {
        "errors": [{"reason": "Length must be 100 characters or less", "field": "name"}]
    }
    cname = {"type": "CNAME", "name": "www", "target": "elsewhere.example.net"}
    assert _call(linode, "POST", f"domains/{zone_id}/records", cname).status_code == 400
    wrong = requests.get(linode.url + "domains", headers={"Authorization": "Bearer x"}, timeout=5)
    assert (wrong.status_code, wrong.json()) == (401, {"errors": [{"reason": "Invalid Token"}]})
    assert _call(linode, "GET", "domains/1/records").status_code == 404


def test_fake_rounds_a_ttl_up_as_linode_does(linode: LinodeAPI) -> None:
    zone_id = linode.zones[ZONE].id
    body = {"type": "TXT", "name": "t", "target": "x", "ttl_sec": 301}
    assert _call(linode, "POST", f"domains/{zone_id}/records", body).json()["ttl_sec"] == 3600


# -- the backend, as it is ---------------------------------------------------------------------
def test_every_request_the_backend_sends_is_in_the_reference(linode: LinodeAPI) -> None:
    drive_backend(backend(linode), ZONE)
    assert {s.method for s in linode.requests_seen} == {"GET", "POST", "PUT", "DELETE"}
    assert any(s.filter == {"domain": ZONE} for s in linode.requests_seen)
    assert {s.method + " " + s.path: shape_problems(s) for s in linode.requests_seen} == {
        s.method + " " + s.path: [] for s in linode.requests_seen
    }


def test_shape_check_can_fail() -> None:
    bad = Seen("POST", "/v4/domains/1/records", {}, {"type": "TXT", "ttl_sec": "0"}, None)
    assert shape_problems(bad) == ["'0' is not of type 'integer'"]
    filtered = Seen("GET", "/v4/domains", {}, {}, {"soa_email": "x"})
    assert shape_problems(filtered) == ["X-Filter {'soa_email': 'x'}"]


def test_backend_writes_ttl_0_whatever_it_is_given(linode: LinodeAPI) -> None:
    """Why the row sets no TTL: the backend sends `ttl_sec: 0` (the Domain's default) on every
    create and none on update, so `lexicon:ttl` never reaches Linode."""
    provider = backend(linode, ttl=3600)
    provider.authenticate()
    provider.create_record("TXT", f"k1._domainkey.{ZONE}", DKIM_2048)
    (post,) = [s for s in linode.requests_seen if s.method == "POST"]
    assert post.body == {"name": "k1._domainkey", "type": "TXT", "target": DKIM_2048, "ttl_sec": 0}
    (listed,) = provider.list_records("TXT")
    assert (listed["content"], listed["ttl"]) == (DKIM_2048, 0)
    provider.update_record(listed["id"], "TXT", f"k1._domainkey.{ZONE}", "v=DKIM1; p=")
    (put,) = [s for s in linode.requests_seen if s.method == "PUT"]
    assert "ttl_sec" not in put.body


def test_backend_sends_no_mx_priority(linode: LinodeAPI) -> None:
    """Why MX is not declared: no priority is sent (Linode then keeps 0) and none is listed."""
    provider = backend(linode, priority="10")
    provider.authenticate()
    provider.create_record("MX", f"bounce.{ZONE}", "feedback-smtp.us-east-1.amazonses.com")
    (stored,) = [r for r in linode.records(ZONE) if r["type"] == "MX"]
    assert stored["priority"] == 0
    (listed,) = provider.list_records("MX")
    assert "priority" not in listed


def test_backend_follows_the_pages(linode: LinodeAPI) -> None:
    linode.page_size = 25
    provider = backend(linode)
    provider.authenticate()
    for i in range(30):
        provider.create_record("A", f"h{i}.{ZONE}", f"192.0.2.{10 + i}")
    names = {r["name"] for r in provider.list_records("A")}
    assert names == {f"www.{ZONE}"} | {f"h{i}.{ZONE}" for i in range(30)}
    assert any(s.query.get("page") == ["2"] for s in linode.requests_seen)


def test_linode4_is_the_same_backend_under_a_deprecated_name() -> None:
    linode4 = importlib.import_module("lexicon._private.providers.linode4").Provider
    linode_ = importlib.import_module("lexicon._private.providers.linode").Provider
    assert issubclass(linode4, linode_)
    assert linode4.create_record is linode_.create_record


def test_backend_wrong_token_and_unknown_zone(linode: LinodeAPI) -> None:
    check_backend_refusals(
        backend(linode, token="not-the-token"), backend(linode, zone="nowhere.test")
    )


# -- through the plugin (providers/lexicon), as the wizard uses it ----------------------------
CASE = LexiconCase(
    plugin=LinodeProvider,
    fake=fake,
    settings=lambda api: {"token": api.token, "api_address": api.url},
    record_types=frozenset({"A", "AAAA", "CNAME", "TXT", "NS"}),
    long_txt=True,  # the DKIM_2048-length sample is among the 8
    lines=(
        "Confirmed at Linode (Akamai): 8 of 8 changes exactly as given",
        "Confirmed at Linode (Akamai): 4 of 4 changes exactly as given",
        "Confirmed at Linode (Akamai): 8 of 8 changes exactly as given",
    ),
    refused={"MX": ("no priority sent or listed", "own panel"), "SRV": (), "CAA": ()},
    quirks=(
        Quirk(
            "truncate-txt",
            Record("TXT", f"s1._domainkey.{ZONE}", DKIM_2048),
            (
                f"the host holds s1._domainkey.{ZONE} TXT {DKIM_2048[:255]} "
                "(the host's automatic TTL)",
                "0 of 1 change as given",
            ),
        ),
        Quirk(
            "ignore-create",
            Record("TXT", f"_dmarc.{ZONE}", "v=DMARC1; p=none"),
            (f"planned _dmarc.{ZONE} TXT v=DMARC1; p=none (no TTL given); the host has none",),
        ),
    ),
    wrong_credentials=(
        Failure(
            "token",
            AuthError,
            ("Linode (Akamai) did not accept the credentials (HTTP 401)", "Invalid Token"),
            {"token": "wrong-linode-token-0123456789abcdef"},
        ),
    ),
    unreadable_zones=(
        Failure(
            "unknown",
            ZoneNotFound,
            ("Linode (Akamai) has no zone nowhere.test that these credentials",),
            zone="nowhere.test",
        ),
    ),
    name_servers=(("ns1.linode.com", "ns2.linode.com"), ("ns5.linode.com.",)),
)
provider = CASE.provider


def test_every_request_of_a_round_trip_is_in_the_reference(linode: LinodeAPI) -> None:
    check_round_trip(provider(linode), ZONE)
    assert len(linode.requests_seen) > 20
    assert {s.method for s in linode.requests_seen} == {"GET", "POST", "PUT", "DELETE"}
    assert [p for s in linode.requests_seen for p in shape_problems(s)] == []


def test_a_change_is_one_put_by_id(linode: LinodeAPI) -> None:
    journal = Journal()
    old = Record("CNAME", f"links.{ZONE}", "e.customeriomail.com")
    apply_records(provider(linode), ZONE, [old], journal)
    linode.requests_seen.clear()
    new = Record("CNAME", f"links.{ZONE}", "e-eu.customeriomail.com")
    _, result = apply_records(provider(linode), ZONE, [new], journal)
    assert result.confirmed is not None and result.confirmed.confirmed == 1
    (put,) = [s for s in linode.requests_seen if s.method != "GET"]
    assert (put.method, put.body["target"]) == ("PUT", "e-eu.customeriomail.com")


def test_a_pasted_ttl_is_left_out_with_a_warning(linode: LinodeAPI) -> None:
    """lexicon's backend cannot set one: the record takes the domain's default (ttl_sec 0)."""
    record_ = Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 3600)
    plan, result = apply_records(provider(linode), ZONE, [record_], Journal())
    (warning,) = [f for f in plan.findings if f.code == "ttl-not-settable"]
    assert "the TTL 3600 of links.example.test (CNAME) is left out" in warning.message
    assert [i.record.ttl for i in plan.items] == [None]
    assert result.confirmed is not None and result.confirmed.confirmed == 1
    (stored,) = [r for r in linode.records(ZONE) if r["name"] == "links"]
    assert stored["ttl_sec"] == 0
    (held,) = provider(linode).list_records(ZONE, [f"links.{ZONE}"]).records
    assert held.ttl is None  # Linode's 0 is "the domain's default"


def test_the_provider_itself_refuses_a_ttl(linode: LinodeAPI) -> None:
    """The guard holds without the plan too: nothing is sent."""
    with pytest.raises(ProviderError) as caught:
        provider(linode).apply(ZONE, [create(Record("A", f"t.{ZONE}", "192.0.2.1", 300))])
    assert "writes every record with its own default TTL" in str(caught.value)
    assert not [s for s in linode.requests_seen if s.method != "GET"]


def test_without_that_knob_the_read_back_catches_the_lost_ttl(linode: LinodeAPI) -> None:
    """Why the row says ttl_settable=False: believed, the backend's ttl_sec 0 fails every write."""

    class Believed(LexiconProvider):
        host = replace(table.LINODE, ttl_settable=True, automatic_ttl=None)

    believed = Believed({"token": linode.token, "api_address": linode.url})
    with pytest.raises(ReadBackMismatch) as caught:
        believed.apply(ZONE, [create(Record("A", f"t.{ZONE}", "192.0.2.1", 3600))])
    assert f"planned t.{ZONE} A 192.0.2.1 with TTL 3600; the host holds TTL 0" in str(caught.value)
