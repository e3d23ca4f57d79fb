"""DigitalOcean through dns-lexicon's real `digitalocean` backend, against a local fake of its API.

The reference host for every host in providers/lexicon/table.py: the shared round trip for each
type its row declares, the types it refuses, its quirks caught by the read-back, the requests
checked against DigitalOcean's reference, and its failures as sentences.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from providers.lexicon import timeouts
from providers.lexicon.plugins import DigitalOceanProvider
from tests.fakes.lexicon.digitalocean import DigitalOceanAPI
from tests.lexicon_roundtrip import Shape, check_refused, check_round_trip, check_shapes
from tests.roundtrip import check_caught
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


@pytest.fixture
def api() -> Iterator[DigitalOceanAPI]:
    with DigitalOceanAPI() as fake:
        fake.add_domain(ZONE)
        yield fake


def provider(api: DigitalOceanAPI, token: str | None = None) -> DigitalOceanProvider:
    return DigitalOceanProvider({"token": token or api.token, "api_address": api.url})


def test_every_declared_type_round_trips_confirmed(api: DigitalOceanAPI) -> None:
    seen = check_round_trip(provider(api), ZONE)
    assert seen.lines[0].startswith("Confirmed at DigitalOcean: ")
    assert seen.lines[0].endswith(" changes exactly as given")


def test_an_spf_at_the_apex_is_written_at_the_apex_name(api: DigitalOceanAPI) -> None:
    check_round_trip(provider(api), ZONE)
    api.requests_seen.clear()
    from tests.roundtrip import apply_records
    from wizard.journal import Journal

    spf = Record("TXT", ZONE, "v=spf1 include:mailgun.org ~all", 3600)
    apply_records(provider(api), ZONE, [spf], Journal())
    posted = [s.body for s in api.requests_seen if s.method == "POST"]
    assert posted == [{"type": "TXT", "name": "@", "data": spf.value, "ttl": 3600}]


def test_types_outside_the_row_are_refused_in_the_plan(api: DigitalOceanAPI) -> None:
    reasons = check_refused(provider(api), ZONE)
    mx = next(r for r in reasons if "MX" in r)
    assert "sends no priority" in mx and "own panel" in mx
    assert not [s for s in api.requests_seen if s.method != "GET"]


def test_every_request_matches_digitaloceans_reference(api: DigitalOceanAPI) -> None:
    check_round_trip(provider(api), ZONE)
    seen = [(s.method, s.path, s.body) for s in api.requests_seen]
    assert check_shapes(seen, SHAPES) == len(seen) > 10
    methods = {s.method for s in api.requests_seen}
    assert {"POST", "PUT", "DELETE"} <= methods


def test_a_value_cut_by_the_host_is_caught(api: DigitalOceanAPI) -> None:
    api.domains[ZONE].append(api._stored(OLD_SPF))

    def quirk(on: bool) -> None:
        api.quirk = "strip-txt-quotes" if on else None

    message = check_caught(
        provider(api),
        ZONE,
        [f"_dmarc.{ZONE}"],
        [Record("TXT", f"_dmarc.{ZONE}", "v=DMARC1; p=none", 3600)],
        quirk,
        f"the host holds _dmarc.{ZONE} TXT =DMARC1; p=non (TTL 3600) instead",
    )
    assert "0 of 1 change as given" in message


def test_a_ttl_the_host_replaced_is_caught(api: DigitalOceanAPI) -> None:
    def quirk(on: bool) -> None:
        api.quirk = "ttl-1800" if on else None

    check_caught(
        provider(api),
        ZONE,
        [f"links.{ZONE}"],
        [Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 3600)],
        quirk,
        f"planned links.{ZONE} CNAME e.customeriomail.com with TTL 3600; the host holds TTL 1800",
    )


def test_no_ttl_given_writes_the_hosts_default_not_lexicons_3600(api: DigitalOceanAPI) -> None:
    from tests.roundtrip import apply_records
    from wizard.journal import Journal

    apply_records(provider(api), ZONE, [Record("A", f"t.{ZONE}", "192.0.2.1")], Journal())
    posted = [s.body for s in api.requests_seen if s.method == "POST"]
    assert posted[0]["ttl"] == 1800


def test_a_wrong_token_is_a_sentence_without_the_token(api: DigitalOceanAPI) -> None:
    bad = "dop_v1_wrong_token_555"
    with pytest.raises(AuthError) as caught:
        provider(api, bad).list_records(ZONE, [ZONE])
    assert "DigitalOcean did not accept the credentials" in str(caught.value)
    assert bad not in str(caught.value)


def test_a_zone_not_in_the_account_is_a_sentence(api: DigitalOceanAPI) -> None:
    with pytest.raises(ZoneNotFound) as caught:
        provider(api).list_records("other.test", ["other.test"])
    assert "other.test is not a zone these credentials can see" in str(caught.value)


def test_a_host_that_never_answers_is_a_sentence_not_a_hang(
    api: DigitalOceanAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """lexicon's backends send without a timeout; ours gives them one."""
    monkeypatch.setattr(timeouts, "LIMIT", (1.0, 0.3))
    api.stall = 2.0
    with pytest.raises(ProviderError) as caught:
        provider(api).list_records(ZONE, [ZONE])
    assert "Could not reach DigitalOcean's API" in str(caught.value)
