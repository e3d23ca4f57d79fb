"""Porkbun through dns-lexicon's real `porkbun` backend, against a local fake of its API v3.

The shared round trip for every type Porkbun's row declares (MX with its priority, a DKIM-length
TXT), the types it refuses, each quirk caught by the read-back, every request checked against
Porkbun's reference, and its failures as sentences.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from providers.lexicon.plugins import PorkbunProvider
from tests.fakes.lexicon.porkbun import PorkbunAPI, default_records
from tests.lexicon_roundtrip import Shape, check_refused, check_round_trip, check_shapes
from tests.roundtrip import apply_records, check_caught
from wizard.journal import Journal
from wizard.model.errors import ProviderError
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


@pytest.fixture
def api() -> Iterator[PorkbunAPI]:
    with PorkbunAPI({ZONE: default_records(ZONE)}) as fake:
        yield fake


def provider(api: PorkbunAPI, key: str | None = None, secret: str | None = None) -> PorkbunProvider:
    return PorkbunProvider(
        {
            "api_key": key or api.api_key,
            "secret_key": secret or api.secret_key,
            "api_address": api.url,
        }
    )


def test_every_declared_type_round_trips_confirmed(api: PorkbunAPI) -> None:
    seen = check_round_trip(provider(api), ZONE)
    assert seen.lines[0].startswith("Confirmed at Porkbun: ")
    assert seen.lines[0].endswith(" changes exactly as given")
    # The apex SPF sat beside Porkbun's parking ALIAS and its NS, which stay untouched.
    assert {r["type"] for r in api.records(ZONE) if r["name"] == ZONE} == {"NS", "ALIAS"}


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


def test_types_outside_the_row_are_refused_in_the_plan(api: PorkbunAPI) -> None:
    reasons = check_refused(provider(api), ZONE)
    assert len(reasons) == 3  # NS, SRV and CAA
    assert all("Porkbun" in r for r in reasons)
    assert not [s for s in api.requests_seen if "/retrieve/" not in s.path and "ping" not in s.path]


def test_a_ttl_under_porkbuns_minimum_is_raised_in_the_plan_and_said(api: PorkbunAPI) -> None:
    from wizard.plan import build_plan

    plan = build_plan(provider(api), ZONE, [Record("A", f"t.{ZONE}", "192.0.2.1", 300)])
    assert [c.new.ttl for c in plan.changes if c.new is not None] == [600]
    assert any("(600-86400 seconds); 600 will be used" in f.message for f in plan.findings)


def test_every_request_matches_porkbuns_reference(api: PorkbunAPI) -> None:
    check_round_trip(provider(api), ZONE)
    seen = [(s.method, s.path, s.body) for s in api.requests_seen]
    assert check_shapes(seen, SHAPES) == len(seen) > 10
    paths = {s.path.split("/")[5] for s in api.requests_seen if "/dns/" in s.path}
    assert paths == {"retrieve", "create", "edit", "delete"}


def test_a_dropped_priority_is_caught(api: PorkbunAPI) -> None:
    def quirk(on: bool) -> None:
        api.quirk = "drop-priority" if on else None

    mx = Record("MX", f"bounce.{ZONE}", "feedback-smtp.us-east-1.amazonses.com", 3600, 10)
    check_caught(
        provider(api),
        ZONE,
        [mx.name],
        [mx],
        quirk,
        f"the host holds bounce.{ZONE} MX 0 feedback-smtp.us-east-1.amazonses.com",
    )


def test_a_ttl_the_host_replaced_is_caught(api: PorkbunAPI) -> None:
    def quirk(on: bool) -> None:
        api.quirk = "ignore-ttl" if on else None

    check_caught(
        provider(api),
        ZONE,
        [f"links.{ZONE}"],
        [Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 3600)],
        quirk,
        f"planned links.{ZONE} CNAME e.customeriomail.com with TTL 3600; the host holds TTL 600",
    )


def test_an_edit_the_host_ignored_is_caught(api: PorkbunAPI) -> None:
    api.add(ZONE, "CNAME", "links", "old.customeriomail.com", 3600)

    def quirk(on: bool) -> None:
        api.quirk = "ignore-edit" if on else None

    check_caught(
        provider(api),
        ZONE,
        [f"links.{ZONE}"],
        [Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 3600)],
        quirk,
        f"the host holds links.{ZONE} CNAME old.customeriomail.com (TTL 3600) instead",
    )


def test_spaces_porkbun_trims_from_a_txt_value_are_caught(api: PorkbunAPI) -> None:
    check_caught(
        provider(api),
        ZONE,
        [f"_verify.{ZONE}"],
        [Record("TXT", f"_verify.{ZONE}", "token-123 ", 3600)],
        lambda on: None,  # not a switch: Porkbun itself trims
        f"the host holds _verify.{ZONE} TXT token-123 (TTL 3600) instead",
    )


def test_wrong_keys_are_a_sentence_without_the_keys(api: PorkbunAPI) -> None:
    key, secret = "pk1_" + "0" * 64, "sk1_" + "9" * 64
    with pytest.raises(ProviderError) as caught:
        provider(api, key, secret).list_records(ZONE, [ZONE])
    said = str(caught.value)
    assert "Porkbun refused the request (HTTP 400)" in said
    assert "Invalid API key. (002)" in said
    assert key not in said and secret not in said


def test_a_domain_not_in_the_account_is_a_sentence(api: PorkbunAPI) -> None:
    with pytest.raises(ProviderError) as caught:
        provider(api).list_records("other.test", ["other.test"])
    assert 'Porkbun said: "{"status": "ERROR", "message": "Invalid domain."}"' in str(caught.value)


def test_a_domain_without_api_access_is_a_sentence(api: PorkbunAPI) -> None:
    api.opted_out.add(ZONE)
    with pytest.raises(ProviderError) as caught:
        provider(api).list_records(ZONE, [ZONE])
    assert "Domain is not opted in to API access." in str(caught.value)
