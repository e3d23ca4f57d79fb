"""Linode through dns-lexicon's `linode` backend, against a local Linode API v4 built from its
reference.

lexicon has two names for it: `linode` (the backend, which speaks API v4) and `linode4`, kept
only as an alias that subclasses it and logs "deprecated" errors; the row uses `linode`. The
backend (lexicon 3.25.0) is run unchanged against tests/fakes/lexicon/linode.py: every request
it sends is checked against the reference's paths and bodies, and what it does to a record is
pinned down here (`ttl_sec` always 0, no priority, TXT sent as is), so the LINODE row in
providers/lexicon/table.py declares only what holds.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from jsonschema import Draft202012Validator

from tests.fakes.lexicon.linode import LinodeAPI, Seen, record

ZONE = "example.test"
DKIM = "v=DKIM1; k=rsa; p=" + "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA" * 8

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


@pytest.fixture
def linode() -> Iterator[LinodeAPI]:
    with LinodeAPI() as api:
        api.add_zone("other.test")
        api.add_zone(ZONE, [record("A", "www", "192.0.2.1", ttl_sec=3600)])
        yield api


def backend(
    api: LinodeAPI, *, token: str | None = None, zone: str = ZONE, **lexicon: object
) -> Any:
    """lexicon's own Linode backend, built as the plugin builds it, aimed at the fake;
    `lexicon` holds the `lexicon:` options (ttl, priority) as the plugin sets them per change."""
    from lexicon.config import ConfigResolver

    options = {"provider_name": "linode", "domain": zone, "ttl": 600, **lexicon}
    options["linode"] = {"auth_token": token or api.token}
    config = ConfigResolver().with_dict(options)  # type: ignore[no-untyped-call]
    provider = importlib.import_module("lexicon._private.providers.linode").Provider(config)
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
    provider = backend(linode)
    provider.authenticate()
    provider.create_record("TXT", f"_dmarc.{ZONE}", "v=DMARC1; p=none")
    provider.create_record("CNAME", f"em.{ZONE}", "u1.wl.sendgrid.net")
    provider.create_record("A", ZONE, "192.0.2.7")
    (txt,) = provider.list_records("TXT", f"_dmarc.{ZONE}")
    provider.update_record(txt["id"], "TXT", f"_dmarc.{ZONE}", "v=DMARC1; p=reject")
    provider.delete_record(txt["id"])
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
    provider.create_record("TXT", f"k1._domainkey.{ZONE}", DKIM)
    (post,) = [s for s in linode.requests_seen if s.method == "POST"]
    assert post.body == {"name": "k1._domainkey", "type": "TXT", "target": DKIM, "ttl_sec": 0}
    (listed,) = provider.list_records("TXT")
    assert (listed["content"], listed["ttl"]) == (DKIM, 0)
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
    from lexicon.exceptions import AuthenticationError

    with pytest.raises(requests.HTTPError) as denied:
        backend(linode, token="not-the-token").authenticate()
    assert denied.value.response is not None
    assert denied.value.response.status_code == 401
    with pytest.raises(AuthenticationError, match="Domain not found"):
        backend(linode, zone="nowhere.test").authenticate()
