"""DigitalOcean through dns-lexicon's real `digitalocean` backend, against a local fake of its API.

The reference host for every host in providers/lexicon/table.py. `CASE` declares what the shared
checks of tests/test_lexicon_hosts.py need (the round trip of each declared type, the refused
types, the requests against DigitalOcean's reference, its quirks caught by the read-back and its
failures as sentences); the tests here are DigitalOcean's own.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from providers.lexicon import timeouts
from providers.lexicon.plugins import DigitalOceanProvider
from tests.fakes.lexicon.digitalocean import DigitalOceanAPI
from tests.lexicon_roundtrip import Failure, LexiconCase, Quirk, Shape, check_round_trip
from tests.roundtrip import apply_records
from wizard.journal import Journal
from wizard.model.errors import AuthError, ProviderError, ZoneNotFound
from wizard.model.records import Record

ZONE = "example.test"
OLD_SPF = {"type": "TXT", "name": "@", "data": "v=spf1 -all", "ttl": 3600}

#: DigitalOcean's documented record operations, with the fields each body must carry.
SHAPES = (
    Shape("GET", r"/v2/domains/[^/]+"),
    Shape("GET", r"/v2/domains/[^/]+/records"),
    Shape(
        "POST",
        r"/v2/domains/[^/]+/records",
        required={"type": str, "name": str, "data": str, "ttl": int},
        allowed=frozenset(
            {"type", "name", "data", "priority", "port", "ttl", "weight", "flags", "tag"}
        ),
    ),
    Shape(
        "PUT",
        r"/v2/domains/[^/]+/records/\d+",
        allowed=frozenset(
            {"type", "name", "data", "priority", "port", "ttl", "weight", "flags", "tag"}
        ),
    ),
    Shape("DELETE", r"/v2/domains/[^/]+/records/\d+"),
)


def fake() -> DigitalOceanAPI:
    api = DigitalOceanAPI()
    api.add_domain(ZONE)
    return api


CASE = LexiconCase(
    plugin=DigitalOceanProvider,
    fake=fake,
    settings=lambda api: {"token": api.token, "api_address": api.url},
    record_types=frozenset({"A", "AAAA", "CNAME", "TXT"}),
    long_txt=True,
    lines=(
        "Confirmed at DigitalOcean: 7 of 7 changes exactly as given",
        "Confirmed at DigitalOcean: 4 of 4 changes exactly as given",
        "Confirmed at DigitalOcean: 7 of 7 changes exactly as given",
    ),
    refused={"MX": ("sends no priority", "own panel"), "NS": (), "SRV": (), "CAA": ()},
    shapes=SHAPES,
    methods=frozenset({"POST", "PUT", "DELETE"}),
    quirks=(
        Quirk(
            "strip-txt-quotes",
            Record("TXT", f"_dmarc.{ZONE}", "v=DMARC1; p=none", 3600),
            (
                f"the host holds _dmarc.{ZONE} TXT =DMARC1; p=non (TTL 3600) instead",
                "0 of 1 change as given",
            ),
            prepare=lambda api: api.domains[ZONE].append(api._stored(OLD_SPF)),
        ),
        Quirk(
            "ttl-1800",
            Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 3600),
            (
                f"planned links.{ZONE} CNAME e.customeriomail.com with TTL 3600; "
                "the host holds TTL 1800",
            ),
        ),
    ),
    wrong_credentials=(
        Failure(
            "token",
            AuthError,
            ("DigitalOcean did not accept the credentials",),
            {"token": "dop_v1_wrong_token_555"},
        ),
    ),
    unreadable_zones=(
        Failure(
            "unknown",
            ZoneNotFound,
            ("other.test is not a zone these credentials can see",),
            zone="other.test",
        ),
    ),
)
provider = CASE.provider


@pytest.fixture
def api() -> Iterator[DigitalOceanAPI]:
    with fake() as server:
        yield server


def test_an_spf_at_the_apex_is_written_at_the_apex_name(api: DigitalOceanAPI) -> None:
    check_round_trip(provider(api), ZONE)
    api.requests_seen.clear()
    spf = Record("TXT", ZONE, "v=spf1 include:mailgun.org ~all", 3600)
    apply_records(provider(api), ZONE, [spf], Journal())
    posted = [s.body for s in api.requests_seen if s.method == "POST"]
    assert posted == [{"type": "TXT", "name": "@", "data": spf.value, "ttl": 3600}]


def test_no_ttl_given_writes_the_hosts_default_not_lexicons_3600(api: DigitalOceanAPI) -> None:
    apply_records(provider(api), ZONE, [Record("A", f"t.{ZONE}", "192.0.2.1")], Journal())
    posted = [s.body for s in api.requests_seen if s.method == "POST"]
    assert posted[0]["ttl"] == 1800


def test_a_host_that_never_answers_is_a_sentence_not_a_hang(
    api: DigitalOceanAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """lexicon's backends send without a timeout; ours gives them one."""
    monkeypatch.setattr(timeouts, "LIMIT", (1.0, 0.3))
    api.stall = 2.0
    with pytest.raises(ProviderError) as caught:
        provider(api).list_records(ZONE, [ZONE])
    assert "Could not reach DigitalOcean's API" in str(caught.value)
