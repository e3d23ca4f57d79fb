"""netcup through dns-lexicon's real `netcup` backend, against a local fake of the CCP JSON API.

netcup keeps no TTL per record: the zone's TTL is every record's TTL, and the backend lists each
record with it. So the round trip runs in a zone whose TTL is the samples' (3600), and a record
whose TTL differs from the zone's is shown failing at the read-back, never confirmed. `CASE`
declares what the shared checks of tests/test_lexicon_hosts.py need.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from providers.lexicon.plugins import NetcupProvider
from tests.fakes.lexicon.netcup import PATH, NetcupAPI
from tests.lexicon_roundtrip import Failure, LexiconCase, Quirk, Shape
from tests.roundtrip import apply_records
from wizard.journal import Journal
from wizard.model.errors import ProviderError
from wizard.model.records import Record
from wizard.plan import build_plan

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


def fake() -> NetcupAPI:
    api = NetcupAPI(zones={ZONE: []}, zone_ttl=3600)
    api.add(ZONE, "@", "A", "192.0.2.1")  # a netcup zone is never empty (5029 if it were)
    api.add(ZONE, "www", "CNAME", "@")
    return api


def seen(api: NetcupAPI) -> list[tuple[str, str, Any]]:
    """Each request as (method, path#action, param) for the shape check."""
    return [
        (s.method, f"{s.path}#{s.body.get('action')}", s.body.get("param"))
        for s in api.requests_seen
    ]


def requests_also(api: NetcupAPI) -> None:
    """Every call asks for JSON, and every record sent has only the fields netcup's has."""
    actions = {path.partition("#")[2] for _, path, _ in seen(api)}
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


NOT_WRITTEN = ("NS, SRV and CAA not written",)
CASE = LexiconCase(
    plugin=NetcupProvider,
    fake=fake,
    settings=lambda api: {
        "customer": api.customer,
        "api_key": api.api_key,
        "api_password": api.api_password,
        "api_address": api.url,
    },
    record_types=frozenset({"A", "AAAA", "CNAME", "TXT", "MX"}),
    long_txt=True,
    lines=(
        "Confirmed at netcup: 8 of 8 changes exactly as given",
        "Confirmed at netcup: 4 of 4 changes exactly as given",
        "Confirmed at netcup: 8 of 8 changes exactly as given",
    ),
    untouched=lambda api: {(r["hostname"], r["type"]) for r in api.records(ZONE)},
    refused={"NS": NOT_WRITTEN, "SRV": NOT_WRITTEN, "CAA": NOT_WRITTEN},
    writes=lambda api: [s for s in api.requests_seen if s.body.get("action") == "updateDnsRecords"],
    shapes=SHAPES,
    requests=seen,
    requests_also=requests_also,
    quirks=(
        Quirk(
            "drop-priority",
            Record("MX", f"bounce.{ZONE}", "feedback-smtp.example.com", 3600, 10),
            (
                f"the host holds bounce.{ZONE} MX 0 feedback-smtp.example.com (the host's "
                "automatic TTL) instead",
            ),
        ),
        Quirk(
            "ignore-create",
            Record("TXT", f"_dmarc.{ZONE}", "v=DMARC1; p=none", 3600),
            ("the host has none",),
        ),
    ),
    wrong_credentials=(
        # netcup answers wrong credentials with its rate-limit sentence (statuscode 4013).
        Failure(
            "api_password",
            ProviderError,
            ("netcup", "(4013)"),
            {"api_password": "wrong-api-password-777"},
        ),
    ),
    unreadable_zones=(
        # The backend raises netcup's message bare: the sentence names the host and quotes it.
        Failure(
            "unknown",
            ProviderError,
            ("netcup", "Domain not found. (5031)"),
            zone="other.test",
        ),
    ),
)
provider = CASE.provider


@pytest.fixture
def api() -> Iterator[NetcupAPI]:
    with fake() as server:
        yield server


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


def test_a_pasted_ttl_is_left_out_with_a_warning_and_the_write_confirmed(
    api: NetcupAPI,
) -> None:
    """netcup has no per-record TTL: a vendor's 300 in a 3600 zone is said and left out, and
    the record is written and confirmed at the zone's TTL (never a write that cannot hold)."""
    record = Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 300)
    plan = build_plan(provider(api), ZONE, [record])
    warned = [f.message for f in plan.findings if f.code == "ttl-not-settable"]
    assert warned and "the TTL 300 of links.example.test (CNAME) is left out" in warned[0]
    _, result = apply_records(provider(api), ZONE, [record], Journal())
    assert result.confirmed is not None and result.confirmed.confirmed == 1
    listed = provider(api).list_records(ZONE, [f"links.{ZONE}"]).records
    assert [(r.value, r.ttl) for r in listed] == [("e.customeriomail.com", None)]  # the zone's


def test_no_ttl_given_takes_the_zones_ttl_and_is_confirmed(api: NetcupAPI) -> None:
    api.zone_ttl = 86400
    _, result = apply_records(
        provider(api), ZONE, [Record("A", f"t.{ZONE}", "192.0.2.7")], Journal()
    )
    assert result.confirmed is not None and result.confirmed.confirmed == 1
    listed = provider(api).list_records(ZONE, [f"t.{ZONE}"]).records
    assert [r.ttl for r in listed] == [None]  # the zone's own: no TTL of the record's
