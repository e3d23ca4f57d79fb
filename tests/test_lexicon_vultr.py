"""Vultr through dns-lexicon's `vultr` backend, against a local Vultr API v2 built from its
reference.

The backend itself (lexicon 3.25.0) is run, unchanged, against tests/fakes/lexicon/vultr.py:
every request it sends is checked against the reference's paths and bodies, and what it does
to a record is pinned down here (a TXT value sent in quotes, MX priority always 0, a TTL change
not sent on update), so the VULTR row in providers/lexicon/table.py declares only what holds.
`CASE` declares what the shared checks of tests/test_lexicon_hosts.py need of Vultr.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from jsonschema import Draft202012Validator

from providers.lexicon.plugins import VultrProvider
from tests.fakes.lexicon.vultr import Seen, VultrAPI
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

_ID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_INT = {"type": "integer"}
_STR = {"type": "string"}
#: The operations of https://www.vultr.com/api/#tag/dns the backend may call: method, path,
#: the query parameters allowed, and the JSON body's schema (None: no body).
REFERENCE: tuple[tuple[str, str, frozenset[str], dict[str, Any] | None], ...] = (
    ("GET", r"/v2/domains", frozenset({"per_page", "cursor"}), None),
    ("GET", rf"/v2/domains/{ZONE}/records", frozenset({"per_page", "cursor"}), None),
    ("GET", rf"/v2/domains/{ZONE}/records/{_ID}", frozenset(), None),
    (
        "POST",
        rf"/v2/domains/{ZONE}/records",
        frozenset(),
        {
            "type": "object",
            "required": ["name", "type", "data"],
            "properties": {
                "name": _STR,
                "type": {"enum": ["A", "AAAA", "CNAME", "NS", "MX", "SRV", "TXT", "CAA", "SSHFP"]},
                "data": _STR,
                "ttl": _INT,
                "priority": _INT,
            },
            "additionalProperties": False,
        },
    ),
    (
        "PATCH",
        rf"/v2/domains/{ZONE}/records/{_ID}",
        frozenset(),
        {
            "type": "object",
            "properties": {"name": _STR, "data": _STR, "ttl": _INT, "priority": _INT},
            "additionalProperties": False,
        },
    ),
    ("DELETE", rf"/v2/domains/{ZONE}/records/{_ID}", frozenset(), None),
)


def shape_problems(seen: Seen) -> list[str]:
    """What in one request the reference does not allow (empty: it conforms)."""
    for method, path, params, schema in REFERENCE:
        if method != seen.method or not re.fullmatch(path, seen.path):
            continue
        problems = [f"query parameter {p!r}" for p in set(seen.query) - params]
        if schema is None:
            if seen.body is not None:
                problems.append(f"a body on {method}")
        else:
            validator = Draft202012Validator(schema)
            problems += [e.message for e in validator.iter_errors(seen.body)]
        return problems
    return [f"{seen.method} {seen.path} is not an operation of the reference"]


def fake() -> VultrAPI:
    api = VultrAPI()
    api.add_zone("other.test")
    api.add_zone(
        ZONE, [{"type": "A", "name": "www", "data": "192.0.2.1", "priority": 0, "ttl": 3600}]
    )
    return api


@pytest.fixture
def vultr() -> Iterator[VultrAPI]:
    with fake() as api:
        yield api


def backend(api: VultrAPI, *, key: str | None = None, zone: str = ZONE, **lexicon: object) -> Any:
    """lexicon's own Vultr backend, built as the plugin builds it, aimed at the fake;
    `lexicon` holds the `lexicon:` options (ttl, priority) as the plugin sets them per change."""
    auth = {"auth_token": key or api.key}
    provider = lexicon_backend("vultr", zone, auth, **lexicon)
    provider.api_endpoint = api.url
    return provider


# -- the fake is no kinder than Vultr ---------------------------------------------------------
def test_fake_refuses_unquoted_txt_as_vultr_does(vultr: VultrAPI) -> None:
    answer = requests.post(
        f"{vultr.url}/domains/{ZONE}/records",
        json={"type": "TXT", "name": "x", "data": "v=spf1 -all"},
        headers={"Authorization": f"Bearer {vultr.key}"},
        timeout=5,
    )
    assert answer.status_code == 400
    assert answer.json() == {
        "error": "Unable to add record: Record data must be enclosed in quotes",
        "status": 400,
    }


def test_fake_refuses_a_wrong_key_and_an_unknown_zone(vultr: VultrAPI) -> None:
    wrong = requests.get(
        f"{vultr.url}/domains", headers={"Authorization": "Bearer nope"}, timeout=5
    )
    assert (wrong.status_code, wrong.json()["status"]) == (401, 401)
    unknown = requests.get(
        f"{vultr.url}/domains/nowhere.test/records",
        headers={"Authorization": f"Bearer {vultr.key}"},
        timeout=5,
    )
    assert unknown.status_code == 404


# -- the backend, as it is ---------------------------------------------------------------------
def test_every_request_the_backend_sends_is_in_the_reference(vultr: VultrAPI) -> None:
    drive_backend(backend(vultr), ZONE)
    methods = {s.method for s in vultr.requests_seen}
    assert methods == {"GET", "POST", "PATCH", "DELETE"}
    assert {s.method + " " + s.path: shape_problems(s) for s in vultr.requests_seen} == {
        s.method + " " + s.path: [] for s in vultr.requests_seen
    }


def test_shape_check_can_fail() -> None:
    """The shape check itself catches a body the reference does not allow."""
    bad = Seen("POST", f"/v2/domains/{ZONE}/records", {}, {"type": "TXT", "name": "x"})
    assert shape_problems(bad) == ["'data' is a required property"]
    stray = Seen("PUT", f"/v2/domains/{ZONE}/records/x", {}, {})
    assert shape_problems(stray) == [
        f"PUT /v2/domains/{ZONE}/records/x is not an operation of the reference"
    ]


def test_backend_quotes_txt_and_sends_the_ttl_it_is_given(vultr: VultrAPI) -> None:
    provider = backend(vultr, ttl=900)
    provider.authenticate()
    provider.create_record("TXT", f"k1._domainkey.{ZONE}", DKIM_2048)
    (post,) = [s for s in vultr.requests_seen if s.method == "POST"]
    assert post.body == {
        "type": "TXT",
        "name": "k1._domainkey",
        "data": f'"{DKIM_2048}"',
        "priority": 0,
        "ttl": 900,
    }
    (stored,) = [r for r in vultr.records(ZONE) if r["type"] == "TXT"]
    assert (stored["data"], stored["ttl"]) == (f'"{DKIM_2048}"', 900)
    (listed,) = provider.list_records("TXT")
    assert (listed["content"], listed["ttl"]) == (DKIM_2048, 900)


def test_backend_sends_mx_priority_0_whatever_is_asked(vultr: VultrAPI) -> None:
    """Why MX is not declared: lexicon's backend hard-codes priority 0 and lists none."""
    provider = backend(vultr, priority="10")
    provider.authenticate()
    provider.create_record("MX", f"bounce.{ZONE}", "feedback-smtp.us-east-1.amazonses.com")
    (stored,) = [r for r in vultr.records(ZONE) if r["type"] == "MX"]
    assert stored["priority"] == 0
    (listed,) = provider.list_records("MX")
    assert "priority" not in listed


def test_backend_update_sends_no_ttl(vultr: VultrAPI) -> None:
    """Why update_by_id is off: a PATCH carries name and data only, so a new TTL is lost."""
    provider = backend(vultr, ttl=600)
    provider.authenticate()
    provider.create_record("TXT", f"_dmarc.{ZONE}", "v=DMARC1; p=none")
    (txt,) = provider.list_records("TXT")
    later = backend(vultr, ttl=3600)
    later.authenticate()
    later.update_record(txt["id"], "TXT", f"_dmarc.{ZONE}", "v=DMARC1; p=reject")
    (patch,) = [s for s in vultr.requests_seen if s.method == "PATCH"]
    assert "ttl" not in patch.body
    (stored,) = [r for r in vultr.records(ZONE) if r["type"] == "TXT"]
    assert stored["ttl"] == 600


def test_backend_follows_the_cursor(vultr: VultrAPI) -> None:
    vultr.per_page = 2
    provider = backend(vultr)
    provider.authenticate()
    for i in range(5):
        provider.create_record("A", f"h{i}.{ZONE}", f"192.0.2.{10 + i}")
    names = {r["name"] for r in provider.list_records("A")}
    assert names == {f"www.{ZONE}"} | {f"h{i}.{ZONE}" for i in range(5)}
    assert any(s.query.get("cursor") for s in vultr.requests_seen)


def test_backend_lists_the_apex_with_a_leading_dot(vultr: VultrAPI) -> None:
    """lexicon's `_full_name("")` gives ".example.test" for the apex, and a name filter on the
    zone itself never matches: the plugin must read names from a full listing."""
    provider = backend(vultr)
    provider.authenticate()
    provider.create_record("TXT", ZONE, "v=spf1 -all")
    apex = [r for r in provider.list_records("TXT")]
    assert [r["name"] for r in apex] == [f".{ZONE}"]
    assert provider.list_records("TXT", ZONE) == []


def test_backend_wrong_key_and_unknown_zone(vultr: VultrAPI) -> None:
    check_backend_refusals(backend(vultr, key="not-the-key"), backend(vultr, zone="nowhere.test"))


# -- through the plugin (providers/lexicon), as the wizard uses it ----------------------------
CASE = LexiconCase(
    plugin=VultrProvider,
    fake=fake,
    settings=lambda api: {"token": api.key, "api_address": api.url},
    record_types=frozenset({"A", "AAAA", "CNAME", "TXT", "NS"}),
    long_txt=True,  # the DKIM_2048-length sample is among the 8
    lines=(
        "Confirmed at Vultr: 8 of 8 changes exactly as given",
        "Confirmed at Vultr: 4 of 4 changes exactly as given",
        "Confirmed at Vultr: 8 of 8 changes exactly as given",
    ),
    refused={"MX": ("priority 0", "own panel"), "SRV": (), "CAA": ()},
    quirks=(
        # Vultr kept the value without its quotes; lexicon cuts a character off each end.
        Quirk(
            "unquoted-txt",
            Record("TXT", f"_dmarc.{ZONE}", "v=DMARC1; p=none", 3600),
            (
                f"the host holds _dmarc.{ZONE} TXT =DMARC1; p=non (TTL 3600) instead",
                "0 of 1 change as given",
            ),
        ),
        Quirk(
            "default-ttl",
            Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 3600),
            (
                f"planned links.{ZONE} CNAME e.customeriomail.com with TTL 3600; "
                "the host holds TTL 300",
            ),
        ),
    ),
    wrong_credentials=(
        Failure(
            "key",
            AuthError,
            ("Vultr did not accept the credentials (HTTP 401)",),
            {"token": "WRONGKEY0123456789WRONGKEY0123456789"},
        ),
    ),
    unreadable_zones=(
        Failure(
            "unknown",
            ZoneNotFound,
            ("Vultr has no zone nowhere.test that these credentials can see",),
            zone="nowhere.test",
        ),
    ),
    name_servers=(("ns1.vultr.com.", "ns2.vultr.com."),),
)
provider = CASE.provider


def test_every_request_of_a_round_trip_is_in_the_reference(vultr: VultrAPI) -> None:
    check_round_trip(provider(vultr), ZONE)
    assert len(vultr.requests_seen) > 20
    assert {s.method for s in vultr.requests_seen} == {"GET", "POST", "DELETE"}
    assert [p for s in vultr.requests_seen for p in shape_problems(s)] == []


def test_the_apex_is_read_at_the_zones_name(vultr: VultrAPI) -> None:
    spf = Record("TXT", ZONE, "v=spf1 include:mailgun.org ~all", 3600)
    apply_records(provider(vultr), ZONE, [spf], Journal())
    (posted,) = [s.body for s in vultr.requests_seen if s.method == "POST"]
    assert posted["name"] == ""
    held = provider(vultr).list_records(ZONE, [ZONE]).records
    assert spf in held
    assert {r.value for r in held if r.type == "NS"} == {"ns1.vultr.com", "ns2.vultr.com"}


def test_no_ttl_given_writes_vultrs_own_default(vultr: VultrAPI) -> None:
    apply_records(provider(vultr), ZONE, [Record("A", f"t.{ZONE}", "192.0.2.1")], Journal())
    (posted,) = [s.body for s in vultr.requests_seen if s.method == "POST"]
    assert posted["ttl"] == 300


def test_a_change_is_a_delete_then_a_create(vultr: VultrAPI) -> None:
    """update_by_id is off: the backend's PATCH would drop a new TTL."""
    journal = Journal()
    old = Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 600)
    apply_records(provider(vultr), ZONE, [old], journal)
    vultr.requests_seen.clear()
    new = Record("CNAME", f"links.{ZONE}", "e-eu.customeriomail.com", 3600)
    _, result = apply_records(provider(vultr), ZONE, [new], journal)
    assert result.confirmed is not None and result.confirmed.confirmed == 1
    writes = [s.method for s in vultr.requests_seen if s.method != "GET"]
    assert writes == ["DELETE", "POST"]
    (now,) = [r for r in vultr.records(ZONE) if r["name"] == "links"]
    assert (now["data"], now["ttl"]) == ("e-eu.customeriomail.com", 3600)


def test_a_txt_holding_a_double_quote_is_refused_before_anything_is_sent(vultr: VultrAPI) -> None:
    """Vultr takes no quote inside a TXT value (DNSControl's audit, 2021), and lexicon's backend
    would send one unescaped: the provider refuses it itself, and nothing reaches Vultr."""
    with pytest.raises(ProviderError) as caught:
        provider(vultr).apply(ZONE, [create(Record("TXT", f"q.{ZONE}", 'say "hi"', 300))])
    assert "Vultr cannot be sent a TXT value holding '\"' exactly" in str(caught.value)
    assert "Nothing was written" in str(caught.value)
    assert not [s for s in vultr.requests_seen if s.method != "GET"]
    assert not [r for r in vultr.records(ZONE) if r["name"] == "q"]
