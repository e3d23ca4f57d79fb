"""Porkbun through dns-lexicon's real `porkbun` backend, against a local fake of its API v3.

What Porkbun's row declares (MX with its priority, a DKIM-length TXT) and how its backend writes;
`CASE` declares what the shared checks of tests/test_lexicon_hosts.py need (the round trip, the
refused types, the requests against Porkbun's reference, each quirk caught by the read-back, the
failures as sentences).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from providers.lexicon.plugins import PorkbunProvider
from tests.fakes.lexicon.porkbun import PorkbunAPI, default_records
from tests.lexicon_roundtrip import Failure, LexiconCase, Quirk, Shape
from tests.roundtrip import apply_records
from wizard.journal import Journal
from wizard.model.errors import AuthError, ProviderError, ZoneNotFound
from wizard.model.records import Record

ZONE = "example.test"
AUTH = {"apikey": str, "secretapikey": str}
RECORD_FIELDS = frozenset({"apikey", "secretapikey", "name", "type", "content", "ttl", "prio"})

#: Porkbun's documented calls: every one a POST whose JSON body carries the key pair.
SHAPES = (
    Shape("POST", r"/api/json/v3/ping", required=AUTH, allowed=frozenset(AUTH)),
    Shape("POST", r"/api/json/v3/dns/retrieve/[^/]+", required=AUTH, allowed=frozenset(AUTH)),
    Shape(
        "POST",
        r"/api/json/v3/dns/create/[^/]+",
        required=AUTH | {"name": str, "type": str, "content": str, "ttl": (int, str)},
        allowed=RECORD_FIELDS | {"notes"},
    ),
    Shape(
        "POST",
        r"/api/json/v3/dns/edit/[^/]+/\d+",
        required=AUTH | {"name": str, "type": str, "content": str, "ttl": (int, str)},
        allowed=RECORD_FIELDS | {"notes"},
    ),
    Shape("POST", r"/api/json/v3/dns/delete/[^/]+/\d+", required=AUTH, allowed=frozenset(AUTH)),
)


def fake() -> PorkbunAPI:
    return PorkbunAPI({ZONE: default_records(ZONE)})


def requests_also(api: PorkbunAPI) -> None:
    """A round trip reads, creates, edits and deletes."""
    paths = {s.path.split("/")[5] for s in api.requests_seen if "/dns/" in s.path}
    assert paths == {"retrieve", "create", "edit", "delete"}


CASE = LexiconCase(
    plugin=PorkbunProvider,
    fake=fake,
    settings=lambda api: {
        "api_key": api.api_key,
        "secret_key": api.secret_key,
        "api_address": api.url,
    },
    record_types=frozenset({"A", "AAAA", "CNAME", "TXT", "MX"}),
    long_txt=True,
    lines=(
        "Confirmed at Porkbun: 8 of 8 changes exactly as given",
        "Confirmed at Porkbun: 4 of 4 changes exactly as given",
        "Confirmed at Porkbun: 8 of 8 changes exactly as given",
    ),
    # The apex SPF sat beside Porkbun's parking ALIAS and its NS, which stay untouched.
    untouched=lambda api: {r["type"] for r in api.records(ZONE) if r["name"] == ZONE},
    refused={"NS": ("Porkbun",), "SRV": ("Porkbun",), "CAA": ("Porkbun",)},
    writes=lambda api: [
        s for s in api.requests_seen if "/retrieve/" not in s.path and "ping" not in s.path
    ],
    shapes=SHAPES,
    requests_also=requests_also,
    quirks=(
        Quirk(
            "drop-priority",
            Record("MX", f"bounce.{ZONE}", "feedback-smtp.us-east-1.amazonses.com", 3600, 10),
            (f"the host holds bounce.{ZONE} MX 0 feedback-smtp.us-east-1.amazonses.com",),
        ),
        Quirk(
            "ignore-ttl",
            Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 3600),
            (
                f"planned links.{ZONE} CNAME e.customeriomail.com with TTL 3600; "
                "the host holds TTL 600",
            ),
        ),
        Quirk(
            "ignore-edit",
            Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 3600),
            (f"the host holds links.{ZONE} CNAME old.customeriomail.com (TTL 3600) instead",),
            prepare=lambda api: api.add(ZONE, "CNAME", "links", "old.customeriomail.com", 3600),
        ),
        Quirk(  # not a switch: Porkbun itself trims
            "trims-spaces",
            Record("TXT", f"_verify.{ZONE}", "token-123 ", 3600),
            (f"the host holds _verify.{ZONE} TXT token-123 (TTL 3600) instead",),
            always=True,
        ),
    ),
    wrong_credentials=(
        Failure(
            "keys",
            AuthError,
            ("Porkbun did not accept the credentials for example.test", "Invalid API key. (002)"),
            {"api_key": "pk1_" + "0" * 64, "secret_key": "sk1_" + "9" * 64},
        ),
    ),
    unreadable_zones=(
        Failure(
            "not-in-the-account",
            ZoneNotFound,
            ("Porkbun has no zone other.test that these credentials can see", "Invalid domain."),
            zone="other.test",
        ),
        Failure(
            "without-api-access",
            ProviderError,
            ("Domain is not opted in to API access.",),
            prepare=lambda api: api.opted_out.add(ZONE),
        ),
    ),
)
provider = CASE.provider


@pytest.fixture
def api() -> Iterator[PorkbunAPI]:
    with fake() as server:
        yield server


def test_an_mx_travels_with_its_priority_as_porkbuns_prio(api: PorkbunAPI) -> None:
    mx = Record("MX", f"bounce.{ZONE}", "feedback-smtp.us-east-1.amazonses.com", 3600, 10)
    _, applied = apply_records(provider(api), ZONE, [mx], Journal())
    assert applied.confirmed is not None and applied.confirmed.confirmed == 1
    posted = [s.body for s in api.requests_seen if s.path.endswith(f"/dns/create/{ZONE}")]
    assert len(posted) == 1
    assert {k: posted[0][k] for k in ("name", "type", "content", "ttl", "prio")} == {
        "name": "bounce",
        "type": "MX",
        "content": "feedback-smtp.us-east-1.amazonses.com",
        "ttl": 3600,
        "prio": "10",
    }


def test_an_update_edits_that_one_record_by_its_id(api: PorkbunAPI) -> None:
    first = Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 3600)
    journal = Journal()
    apply_records(provider(api), ZONE, [first], journal)
    ident = next(r["id"] for r in api.records(ZONE) if r["name"] == first.name)
    api.requests_seen.clear()
    _, changed = apply_records(
        provider(api), ZONE, [Record("CNAME", first.name, "t.example-vendor.net", 3600)], journal
    )
    assert changed.confirmed is not None and changed.confirmed.confirmed == 1
    writes = [s.path for s in api.requests_seen if s.path.split("/")[4:5] == ["dns"]]
    writes = [p for p in writes if "/retrieve/" not in p]
    assert writes == [f"/api/json/v3/dns/edit/{ZONE}/{ident}"]


def test_no_ttl_given_writes_porkbuns_default_not_lexicons_3600(api: PorkbunAPI) -> None:
    apply_records(provider(api), ZONE, [Record("A", f"t.{ZONE}", "192.0.2.1")], Journal())
    posted = [s.body for s in api.requests_seen if "/dns/create/" in s.path]
    assert posted[0]["ttl"] == 600


def test_a_ttl_under_porkbuns_minimum_is_raised_in_the_plan_and_said(api: PorkbunAPI) -> None:
    from wizard.plan import build_plan

    plan = build_plan(provider(api), ZONE, [Record("A", f"t.{ZONE}", "192.0.2.1", 300)])
    assert [c.new.ttl for c in plan.changes if c.new is not None] == [600]
    assert any("(600-86400 seconds); 600 will be used" in f.message for f in plan.findings)
