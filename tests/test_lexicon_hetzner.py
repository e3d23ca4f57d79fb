"""Hetzner (Cloud API zones) through dns-lexicon's real `hetzner` backend, against a local fake.

The shared round trip for every type Hetzner's row declares (MX with its preference in the
value, a DKIM-length TXT as quoted 255-character strings, an SPF at the apex as `@`), the types
it refuses, each quirk caught by the read-back, every request checked against Hetzner's
reference, and its failures as sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from providers.lexicon.plugins import HetznerProvider
from providers.options import SettingError
from tests.fakes.lexicon.hetzner import HetznerCloudAPI, sample_zone
from tests.keys import DKIM_2048
from tests.lexicon_roundtrip import Shape, check_refused, check_round_trip, check_shapes
from tests.roundtrip import apply_records, check_caught
from wizard.journal import Journal
from wizard.model.errors import AuthError, PermissionDenied, ProviderError
from wizard.model.records import Record

ZONE = "example.test"
RRSET = r"/v1/zones/\d+/rrsets/[^/]+/[A-Z]+"
RECORDS = {"records": list}

#: Hetzner's documented zone calls that lexicon's backend makes, with each body's fields.
SHAPES = (
    Shape("GET", r"/v1/zones/[^/]+"),
    Shape("GET", r"/v1/zones/\d+/rrsets"),
    Shape("GET", r"/v1/zones/actions/\d+"),
    Shape(
        "POST",
        RRSET + "/actions/add_records",
        required=RECORDS | {"ttl": int},
        allowed=frozenset({"records", "ttl"}),
    ),
    Shape(
        "POST",
        RRSET + "/actions/remove_records",
        required=RECORDS,
        allowed=frozenset({"records"}),
    ),
    Shape("POST", RRSET + "/actions/set_records", required=RECORDS, allowed=frozenset(RECORDS)),
    Shape("POST", RRSET + "/actions/change_ttl", required={"ttl": int}, allowed=frozenset({"ttl"})),
    Shape("DELETE", RRSET),
)


@pytest.fixture
def api() -> Iterator[HetznerCloudAPI]:
    # Actions already finished when answered: lexicon would wait 0.5 s before each poll.
    with HetznerCloudAPI({ZONE: sample_zone()}, action_polls=0) as fake:
        yield fake


def provider(api: HetznerCloudAPI, token: str | None = None) -> HetznerProvider:
    return HetznerProvider({"token": token or api.token, "api_address": api.url})


def writes(api: HetznerCloudAPI) -> list[tuple[str, str, object]]:
    return [(s.method, s.path, s.body) for s in api.requests_seen if s.method != "GET"]


def test_every_declared_type_round_trips_confirmed(api: HetznerCloudAPI) -> None:
    seen = check_round_trip(provider(api), ZONE)
    assert seen.lines[0].startswith("Confirmed at Hetzner: ")
    assert seen.lines[0].endswith(" changes exactly as given")
    assert api.rrsets(ZONE) == sample_zone()


def test_the_apex_is_written_as_at_and_txt_as_quoted_strings(api: HetznerCloudAPI) -> None:
    spf = Record("TXT", ZONE, "v=spf1 include:mailgun.org ~all", 3600)
    dkim = Record("TXT", f"s1._domainkey.{ZONE}", DKIM_2048, 3600)
    _, applied = apply_records(provider(api), ZONE, [spf, dkim], Journal())
    assert applied.confirmed is not None and applied.confirmed.confirmed == 2
    (m1, p1, b1), (m2, p2, b2) = writes(api)
    assert p1.endswith("/rrsets/@/TXT/actions/add_records")
    assert b1 == {"ttl": 3600, "records": [{"value": f'"{spf.value}"'}]}
    assert p2.endswith("/rrsets/s1._domainkey/TXT/actions/add_records")
    assert isinstance(b2, dict)
    strings = re.findall(r'"([^"]*)"', b2["records"][0]["value"])
    assert len(strings) > 1 and all(len(s) <= 255 for s in strings)
    assert "".join(strings) == dkim.value


def test_an_mx_carries_its_preference_and_a_full_target(api: HetznerCloudAPI) -> None:
    mx = Record("MX", f"bounce.{ZONE}", "feedback-smtp.us-east-1.amazonses.com", 3600, 10)
    cname = Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 3600)
    apply_records(provider(api), ZONE, [mx, cname], Journal())
    values = [b["records"][0]["value"] for _, _, b in writes(api) if isinstance(b, dict)]
    # Without the dot Hetzner would read the target as relative to the zone.
    assert values == ["10 feedback-smtp.us-east-1.amazonses.com.", "e.customeriomail.com."]


def test_a_value_beside_a_set_that_stays_takes_the_sets_ttl(api: HetznerCloudAPI) -> None:
    verification = {"value": '"google-site-verification=abc123"', "comment": ""}
    api.zones[ZONE].append({"name": "@", "type": "TXT", "ttl": 3600, "records": [verification]})
    spf = Record("TXT", ZONE, "v=spf1 include:mailgun.org ~all", 300)
    _, applied = apply_records(provider(api), ZONE, [spf], Journal())
    assert applied.confirmed is not None and applied.confirmed.confirmed == 1
    # Hetzner refuses a TTL other than the set's own (400 invalid_input) on add_records.
    assert [b for _, _, b in writes(api)] == [
        {"ttl": 3600, "records": [{"value": f'"{spf.value}"'}]}
    ]


def test_a_change_deletes_the_old_value_by_naming_it(api: HetznerCloudAPI) -> None:
    first = Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 3600)
    journal = Journal()
    apply_records(provider(api), ZONE, [first], journal)
    api.requests_seen.clear()
    second = Record("CNAME", first.name, "t.example-vendor.net", 3600)
    _, changed = apply_records(provider(api), ZONE, [second], journal)
    assert changed.confirmed is not None and changed.confirmed.confirmed == 1
    assert [(p.rsplit("/", 1)[1], b) for _, p, b in writes(api)] == [
        ("remove_records", {"records": [{"value": "e.customeriomail.com."}]}),
        ("add_records", {"ttl": 3600, "records": [{"value": "t.example-vendor.net."}]}),
    ]


def test_running_actions_are_waited_for(api: HetznerCloudAPI) -> None:
    api.action_polls = 2
    record = Record("A", f"track.{ZONE}", "192.0.2.10", 3600)
    _, applied = apply_records(provider(api), ZONE, [record], Journal())
    assert applied.confirmed is not None and applied.confirmed.confirmed == 1
    polls = [s.path for s in api.requests_seen if "/actions/" in s.path and s.method == "GET"]
    assert len(polls) == 2 and len(set(polls)) == 1


def test_types_outside_the_row_are_refused_in_the_plan(api: HetznerCloudAPI) -> None:
    reasons = check_refused(provider(api), ZONE)
    assert len(reasons) == 3  # NS, SRV and CAA
    assert all("Hetzner" in r for r in reasons)
    assert not writes(api)


def test_every_request_matches_hetzners_reference(api: HetznerCloudAPI) -> None:
    check_round_trip(provider(api), ZONE)
    seen = [(s.method, s.path, s.body) for s in api.requests_seen]
    assert check_shapes(seen, SHAPES) == len(seen) > 10
    verbs = {p.rsplit("/", 1)[1] for m, p, _ in seen if m == "POST"}
    assert verbs == {"add_records", "remove_records"}


def test_a_ttl_the_host_left_at_the_zones_default_is_caught(api: HetznerCloudAPI) -> None:
    def quirk(on: bool) -> None:
        api.quirk = "ignore-ttl" if on else None

    check_caught(
        provider(api),
        ZONE,
        [f"links.{ZONE}"],
        [Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 3600)],
        quirk,
        f"planned links.{ZONE} CNAME e.customeriomail.com with TTL 3600; the host holds "
        "the host's automatic TTL",
    )


def test_a_txt_the_host_rewrote_in_escapes_is_caught(api: HetznerCloudAPI) -> None:
    def quirk(on: bool) -> None:
        api.quirk = "txt-escapes" if on else None

    check_caught(
        provider(api),
        ZONE,
        [f"_verify.{ZONE}"],
        [Record("TXT", f"_verify.{ZONE}", "café-verification=1", 3600)],
        quirk,
        f"the host holds _verify.{ZONE} TXT caf\\195\\169-verification=1 (TTL 3600) instead",
    )


def test_an_add_the_host_lost_is_caught(api: HetznerCloudAPI) -> None:
    def quirk(on: bool) -> None:
        api.quirk = "lost-add" if on else None

    check_caught(
        provider(api),
        ZONE,
        [f"track.{ZONE}"],
        [Record("A", f"track.{ZONE}", "192.0.2.10", 3600)],
        quirk,
        f"planned track.{ZONE} A 192.0.2.10 (TTL 3600); the host has none",
    )


def test_a_wrong_token_is_a_sentence_without_the_token(api: HetznerCloudAPI) -> None:
    bad = "hc" + "0" * 62
    with pytest.raises(AuthError) as caught:
        provider(api, bad).list_records(ZONE, [ZONE])
    assert "Hetzner did not accept the credentials" in str(caught.value)
    assert bad not in str(caught.value)


def test_an_old_dns_console_token_is_refused_before_anything_is_sent(
    api: HetznerCloudAPI,
) -> None:
    old = "a" * 32  # lexicon's backend would send this to dns.hetzner.com
    with pytest.raises(SettingError) as caught:
        provider(api, old)
    assert "old DNS Console token" in str(caught.value) and old not in str(caught.value)
    assert not api.requests_seen


def test_a_read_only_token_is_refused_a_write_in_a_sentence(api: HetznerCloudAPI) -> None:
    record = Record("A", f"track.{ZONE}", "192.0.2.10", 3600)
    with pytest.raises(PermissionDenied) as caught:
        apply_records(provider(api, api.read_only_token), ZONE, [record], Journal())
    assert "Hetzner refused this (HTTP 403)" in str(caught.value)
    assert api.read_only_token not in str(caught.value)


def test_a_zone_not_in_the_project_is_a_sentence(api: HetznerCloudAPI) -> None:
    with pytest.raises(ProviderError) as caught:
        provider(api).list_records("other.test", ["other.test"])
    assert "There is no zone for other.test" in str(caught.value)
