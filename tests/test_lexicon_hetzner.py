"""Hetzner (Cloud API zones) through dns-lexicon's real `hetzner` backend, against a local fake.

What Hetzner's row declares (MX with its preference in the value, a DKIM-length TXT as quoted
255-character strings, an SPF at the apex as `@`) and how its backend writes; `CASE` declares
what the shared checks of tests/test_lexicon_hosts.py need (the round trip, the refused types, the
requests against Hetzner's reference, the quirks caught by the read-back, the failures as
sentences).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from providers.lexicon.plugins import HetznerProvider
from providers.options import SettingError
from tests.fakes.lexicon.hetzner import HetznerCloudAPI, sample_zone
from tests.keys import DKIM_2048
from tests.lexicon_roundtrip import Failure, LexiconCase, Quirk, Shape, http_writes
from tests.roundtrip import apply_records
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


def fake() -> HetznerCloudAPI:
    # Actions already finished when answered: lexicon would wait 0.5 s before each poll.
    return HetznerCloudAPI({ZONE: sample_zone()}, action_polls=0)


def requests_also(api: HetznerCloudAPI) -> None:
    """A value is added to or removed from its set, never the set rewritten."""
    verbs = {s.path.rsplit("/", 1)[1] for s in api.requests_seen if s.method == "POST"}
    assert verbs == {"add_records", "remove_records"}


CASE = LexiconCase(
    plugin=HetznerProvider,
    fake=fake,
    settings=lambda api: {"token": api.token, "api_address": api.url},
    record_types=frozenset({"A", "AAAA", "CNAME", "TXT", "MX"}),
    long_txt=True,
    lines=(
        "Confirmed at Hetzner: 8 of 8 changes exactly as given",
        "Confirmed at Hetzner: 4 of 4 changes exactly as given",
        "Confirmed at Hetzner: 8 of 8 changes exactly as given",
    ),
    untouched=lambda api: api.rrsets(ZONE),
    refused={"NS": ("Hetzner",), "SRV": ("Hetzner",), "CAA": ("Hetzner",)},
    shapes=SHAPES,
    requests_also=requests_also,
    quirks=(
        Quirk(
            "ignore-ttl",
            Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 3600),
            (
                f"planned links.{ZONE} CNAME e.customeriomail.com with TTL 3600; the host holds "
                "the host's automatic TTL",
            ),
        ),
        Quirk(
            "txt-escapes",
            Record("TXT", f"_verify.{ZONE}", "café-verification=1", 3600),
            (f"the host holds _verify.{ZONE} TXT caf\\195\\169-verification=1 (TTL 3600) instead",),
        ),
        Quirk(
            "lost-add",
            Record("A", f"track.{ZONE}", "192.0.2.10", 3600),
            (f"planned track.{ZONE} A 192.0.2.10 (TTL 3600); the host has none",),
        ),
    ),
    wrong_credentials=(
        Failure(
            "token",
            AuthError,
            ("Hetzner did not accept the credentials",),
            {"token": "hc" + "0" * 62},
        ),
    ),
    unreadable_zones=(
        Failure(
            "not-in-the-project",
            ProviderError,
            ("There is no zone for other.test",),
            zone="other.test",
        ),
    ),
)
provider = CASE.provider


@pytest.fixture
def api() -> Iterator[HetznerCloudAPI]:
    with fake() as server:
        yield server


def test_the_apex_is_written_as_at_and_txt_as_quoted_strings(api: HetznerCloudAPI) -> None:
    spf = Record("TXT", ZONE, "v=spf1 include:mailgun.org ~all", 3600)
    dkim = Record("TXT", f"s1._domainkey.{ZONE}", DKIM_2048, 3600)
    _, applied = apply_records(provider(api), ZONE, [spf, dkim], Journal())
    assert applied.confirmed is not None and applied.confirmed.confirmed == 2
    (m1, p1, b1), (m2, p2, b2) = http_writes(api)
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
    values = [b["records"][0]["value"] for _, _, b in http_writes(api) if isinstance(b, dict)]
    # Without the dot Hetzner would read the target as relative to the zone.
    assert values == ["10 feedback-smtp.us-east-1.amazonses.com.", "e.customeriomail.com."]


def test_a_value_beside_a_set_that_stays_takes_the_sets_ttl(api: HetznerCloudAPI) -> None:
    verification = {"value": '"google-site-verification=abc123"', "comment": ""}
    api.zones[ZONE].append({"name": "@", "type": "TXT", "ttl": 3600, "records": [verification]})
    spf = Record("TXT", ZONE, "v=spf1 include:mailgun.org ~all", 300)
    _, applied = apply_records(provider(api), ZONE, [spf], Journal())
    assert applied.confirmed is not None and applied.confirmed.confirmed == 1
    # Hetzner refuses a TTL other than the set's own (400 invalid_input) on add_records.
    assert [b for _, _, b in http_writes(api)] == [
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
    assert [(p.rsplit("/", 1)[1], b) for _, p, b in http_writes(api)] == [
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


def test_an_old_dns_console_token_is_refused_before_anything_is_sent(
    api: HetznerCloudAPI,
) -> None:
    old = "a" * 32  # lexicon's backend would send this to dns.hetzner.com
    with pytest.raises(SettingError) as caught:
        provider(api, token=old)
    assert "old DNS Console token" in str(caught.value) and old not in str(caught.value)
    assert not api.requests_seen


def test_a_read_only_token_is_refused_a_write_in_a_sentence(api: HetznerCloudAPI) -> None:
    record = Record("A", f"track.{ZONE}", "192.0.2.10", 3600)
    with pytest.raises(PermissionDenied) as caught:
        apply_records(provider(api, token=api.read_only_token), ZONE, [record], Journal())
    assert "Hetzner refused this (HTTP 403)" in str(caught.value)
    assert api.read_only_token not in str(caught.value)
