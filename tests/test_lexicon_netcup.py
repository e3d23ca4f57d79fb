"""netcup through dns-lexicon's real `netcup` backend, against a local fake of the CCP JSON API.

netcup keeps no TTL per record: the zone's TTL is every record's TTL, and the backend lists each
record with it. So the round trip runs in a zone whose TTL is the samples' (3600), and a record
whose TTL differs from the zone's is shown failing at the read-back, never confirmed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from providers.lexicon.plugins import NetcupProvider
from tests.fakes.lexicon.netcup import PATH, NetcupAPI
from tests.lexicon_roundtrip import Shape, check_refused, check_round_trip, check_shapes
from tests.roundtrip import apply_records, check_caught
from wizard.journal import Journal
from wizard.model.errors import ProviderError
from wizard.model.records import Record

ZONE = "example.test"
AUTH = {"customernumber": str, "apikey": str}
SESSION = {**AUTH, "apisessionid": str}
RECORD_FIELDS = frozenset(
    {"id", "hostname", "type", "priority", "destination", "deleterecord", "state"}
)

#: netcup's documented functions (endpoint.php), each with the parameters it takes.
SHAPES = (
    Shape("POST", f"{PATH}#login", {**AUTH, "apipassword": str}, frozenset(AUTH) | {"apipassword"}),
    Shape("POST", f"{PATH}#logout", SESSION, frozenset(SESSION)),
    Shape("POST", f"{PATH}#infoDnsZone", {**SESSION, "domainname": str}),
    Shape("POST", f"{PATH}#infoDnsRecords", {**SESSION, "domainname": str}),
    Shape(
        "POST",
        f"{PATH}#updateDnsRecords",
        {**SESSION, "domainname": str, "dnsrecordset": dict},
        frozenset(SESSION) | {"domainname", "dnsrecordset", "clientrequestid"},
    ),
)


@pytest.fixture
def api() -> Iterator[NetcupAPI]:
    with NetcupAPI(zones={ZONE: []}, zone_ttl=3600) as fake:
        fake.add(ZONE, "@", "A", "192.0.2.1")  # a netcup zone is never empty (5029 if it were)
        fake.add(ZONE, "www", "CNAME", "@")
        yield fake


def provider(api: NetcupAPI, **settings: str) -> NetcupProvider:
    given = {
        "customer": api.customer,
        "api_key": api.api_key,
        "api_password": api.api_password,
        "api_address": api.url,
    }
    return NetcupProvider({**given, **settings})


def seen(api: NetcupAPI) -> list[tuple[str, str, Any]]:
    """Each request as (method, path#action, param) for the shape check."""
    return [
        (s.method, f"{s.path}#{s.body.get('action')}", s.body.get("param"))
        for s in api.requests_seen
    ]


def test_every_declared_type_round_trips_confirmed(api: NetcupAPI) -> None:
    seen_lines = check_round_trip(provider(api), ZONE)
    assert seen_lines.lines[0].startswith("Confirmed at netcup: ")
    assert seen_lines.lines[0].endswith(" changes exactly as given")
    held = {(r["hostname"], r["type"]) for r in api.records(ZONE)}
    assert held == {("@", "A"), ("www", "CNAME")}


def test_the_apex_and_an_mx_are_sent_as_netcup_takes_them(api: NetcupAPI) -> None:
    records = [
        Record("TXT", ZONE, "v=spf1 include:mailgun.org ~all", 3600),
        Record("MX", f"bounce.{ZONE}", "feedback-smtp.us-east-1.amazonses.com", 3600, 10),
    ]
    apply_records(provider(api), ZONE, records, Journal())
    sent = [
        r
        for s in api.requests_seen
        if s.body.get("action") == "updateDnsRecords"
        for r in s.body["param"]["dnsrecordset"]["dnsrecords"]
    ]
    assert sent == [
        {"type": "TXT", "hostname": "@", "destination": "v=spf1 include:mailgun.org ~all"},
        {
            "type": "MX",
            "hostname": "bounce",
            "destination": "feedback-smtp.us-east-1.amazonses.com",
            "priority": "10",
        },
    ]


def test_types_outside_the_row_are_refused_in_the_plan(api: NetcupAPI) -> None:
    reasons = check_refused(provider(api), ZONE)
    assert reasons and all("NS, SRV and CAA not written" in r for r in reasons)
    assert not [s for s in api.requests_seen if s.body.get("action") == "updateDnsRecords"]


def test_every_request_matches_netcups_reference(api: NetcupAPI) -> None:
    check_round_trip(provider(api), ZONE)
    requests = seen(api)
    assert check_shapes(requests, SHAPES) == len(requests) > 10
    actions = {path.partition("#")[2] for _, path, _ in requests}
    assert {"login", "infoDnsZone", "infoDnsRecords", "updateDnsRecords"} <= actions
    for s in api.requests_seen:
        assert s.query == "JSON"
        if s.body["action"] != "updateDnsRecords":
            continue
        for record in s.body["param"]["dnsrecordset"]["dnsrecords"]:
            assert set(record) <= RECORD_FIELDS, record
            assert {"hostname", "type", "destination"} <= set(record), record
            assert all(isinstance(record[k], str) for k in set(record) - {"deleterecord"})
            assert isinstance(record.get("deleterecord", False), bool)


def test_a_ttl_other_than_the_zones_is_caught_not_confirmed(api: NetcupAPI) -> None:
    """netcup has no per-record TTL: a record asking 300 in a 3600 zone is held at 3600."""
    message = check_caught(
        provider(api),
        ZONE,
        [f"links.{ZONE}"],
        [Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 300)],
        lambda on: None,  # not a quirk: it is how netcup is
        f"planned links.{ZONE} CNAME e.customeriomail.com with TTL 300; the host holds TTL 3600",
    )
    assert "0 of 1 change as given" in message


def test_no_ttl_given_takes_the_zones_ttl_and_is_confirmed(api: NetcupAPI) -> None:
    api.zone_ttl = 86400
    _, result = apply_records(
        provider(api), ZONE, [Record("A", f"t.{ZONE}", "192.0.2.7")], Journal()
    )
    assert result.confirmed is not None and result.confirmed.confirmed == 1
    listed = provider(api).list_records(ZONE, [f"t.{ZONE}"]).records
    assert [r.ttl for r in listed] == [86400]


def test_a_backslash_stripped_from_txt_is_caught(api: NetcupAPI) -> None:
    def quirk(on: bool) -> None:
        api.quirk = "strip-backslashes" if on else None

    value = "v=DKIM1; n=a\\;b; p=MIGfMA0"
    check_caught(
        provider(api),
        ZONE,
        [f"s1._domainkey.{ZONE}"],
        [Record("TXT", f"s1._domainkey.{ZONE}", value, 3600)],
        quirk,
        f"the host holds s1._domainkey.{ZONE} TXT v=DKIM1; n=a;b; p=MIGfMA0 (TTL 3600) instead",
    )


def test_a_dropped_mx_priority_is_caught(api: NetcupAPI) -> None:
    def quirk(on: bool) -> None:
        api.quirk = "drop-priority" if on else None

    check_caught(
        provider(api),
        ZONE,
        [f"bounce.{ZONE}"],
        [Record("MX", f"bounce.{ZONE}", "feedback-smtp.example.com", 3600, 10)],
        quirk,
        f"the host holds bounce.{ZONE} MX 0 feedback-smtp.example.com (TTL 3600) instead",
    )


def test_a_create_that_kept_nothing_is_caught(api: NetcupAPI) -> None:
    def quirk(on: bool) -> None:
        api.quirk = "ignore-create" if on else None

    check_caught(
        provider(api),
        ZONE,
        [f"_dmarc.{ZONE}"],
        [Record("TXT", f"_dmarc.{ZONE}", "v=DMARC1; p=none", 3600)],
        quirk,
        "the host has none",
    )


def test_wrong_credentials_are_a_sentence_without_the_secrets(api: NetcupAPI) -> None:
    bad = "wrong-api-password-777"
    with pytest.raises(ProviderError) as caught:
        provider(api, api_password=bad).list_records(ZONE, [ZONE])
    text = str(caught.value)
    # netcup answers wrong credentials with its rate-limit sentence (statuscode 4013).
    assert "netcup" in text and "(4013)" in text
    assert bad not in text and api.api_key not in text


def test_a_zone_not_in_the_account_is_a_sentence(api: NetcupAPI) -> None:
    with pytest.raises(ProviderError) as caught:
        provider(api).list_records("other.test", ["other.test"])
    # The backend raises netcup's message bare: the sentence names the host and quotes it.
    assert "netcup" in str(caught.value) and "Domain not found. (5031)" in str(caught.value)
