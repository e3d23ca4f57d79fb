"""Name.com through dns-lexicon's real `namecom` backend, against a local fake of its API v4.

Records have ids and the backend updates by id, one record at a time; it sends MX priority but
lists none, and reads only the first page of a listing (it looks for `next_page` where Name.com
sends `nextPage`). These tests show the shared round trip, the refused types (MX among them, and
why), the quirks caught by the read-back, the requests against Name.com's reference and the
failures as sentences.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any, ClassVar

import pytest

from providers.lexicon import table
from providers.lexicon.plugins import NamecomProvider
from providers.readback import ReadBackMismatch
from tests.fakes.lexicon.namecom import NameComAPI
from tests.lexicon_roundtrip import Shape, check_refused, check_round_trip, check_shapes
from tests.roundtrip import apply_records, check_caught
from wizard.journal import Journal
from wizard.model.errors import AuthError
from wizard.model.records import Record

ZONE = "example.test"
RECORD_FIELDS = frozenset({"host", "type", "answer", "ttl", "priority"})

#: Name.com's documented DNS operations, with the fields each body must carry.
SHAPES = (
    Shape("GET", r"/v4/domains"),
    Shape("GET", r"/v4/domains/[^/]+/records"),
    Shape(
        "POST",
        r"/v4/domains/[^/]+/records",
        required={"host": str, "type": str, "answer": str, "ttl": int},
        allowed=RECORD_FIELDS,
    ),
    Shape(
        "PUT",
        r"/v4/domains/[^/]+/records/\d+",
        required={"ttl": int},
        allowed=RECORD_FIELDS,
    ),
    Shape("DELETE", r"/v4/domains/[^/]+/records/\d+"),
)


def _zone() -> list[dict[str, Any]]:
    """A zone as Name.com's default template leaves it: a parking host and a wildcard."""
    return [
        {"host": "", "type": "A", "answer": "192.0.2.80", "ttl": 300},
        {"host": "*", "type": "CNAME", "answer": "example.test", "ttl": 300},
    ]


@pytest.fixture
def api() -> Iterator[NameComAPI]:
    with NameComAPI({ZONE: _zone()}, account=["other-example.com", ZONE]) as fake:
        yield fake


def provider(api: NameComAPI, token: str | None = None) -> NamecomProvider:
    return NamecomProvider(
        {"username": api.username, "token": token or api.token, "api_address": api.url}
    )


def _writes(api: NameComAPI) -> list[tuple[str, str, Any]]:
    return [(s.method, s.path, s.body) for s in api.requests_seen if s.method != "GET"]


def test_every_declared_type_round_trips_confirmed(api: NameComAPI) -> None:
    before = api.records(ZONE)
    seen = check_round_trip(provider(api), ZONE)
    assert seen.lines[0] == "Confirmed at Name.com: 6 of 6 changes exactly as given"
    assert api.records(ZONE) == before


def test_types_outside_the_row_are_refused_in_the_plan(api: NameComAPI) -> None:
    reasons = check_refused(provider(api), ZONE)
    mx = next(r for r in reasons if "cannot write MX" in r)
    assert "lists none" in mx and "own panel" in mx
    assert any("over 255 characters" in r for r in reasons)
    assert not _writes(api)


def test_every_request_matches_namecoms_reference(api: NameComAPI) -> None:
    check_round_trip(provider(api), ZONE)
    seen = [(s.method, s.path, s.body) for s in api.requests_seen]
    assert check_shapes(seen, SHAPES) == len(seen) > 10
    assert {"POST", "PUT", "DELETE"} <= {s.method for s in api.requests_seen}
    assert {s.content_type for s in api.requests_seen if s.method in ("POST", "PUT")} == {
        "application/json"
    }


def test_a_changed_target_is_one_update_of_that_record(api: NameComAPI) -> None:
    api.add(ZONE, {"host": "links", "type": "CNAME", "answer": "e.customeriomail.com", "ttl": 3600})
    record_id = api.records(ZONE)[-1]["id"]
    links = Record("CNAME", f"links.{ZONE}", "e-eu.customeriomail.com", 3600)
    result = apply_records(provider(api), ZONE, [links], Journal())[1]
    assert result.confirmed is not None and result.confirmed.confirmed == 1
    assert _writes(api) == [
        (
            "PUT",
            f"/v4/domains/{ZONE}/records/{record_id}",
            {"ttl": 3600, "type": "CNAME", "host": "links", "answer": links.value},
        )
    ]


def test_the_apex_and_no_ttl_given(api: NameComAPI) -> None:
    spf = Record("TXT", ZONE, "v=spf1 include:mailgun.org ~all")
    apply_records(provider(api), ZONE, [spf], Journal())
    assert _writes(api) == [
        (
            "POST",
            f"/v4/domains/{ZONE}/records",
            {"type": "TXT", "host": "", "answer": spf.value, "ttl": 300},
        )
    ]


class _WithMx(NamecomProvider):
    """The row widened to MX: what the read-back makes of it."""

    host: ClassVar[table.LexiconHost] = replace(
        table.NAMECOM, record_types=table.NAMECOM.record_types | {"MX"}, mx_priority="option"
    )


def test_mx_priority_is_written_but_not_listed_so_mx_is_not_declared(api: NameComAPI) -> None:
    mx = Record("MX", f"bounce.{ZONE}", "feedback-smtp.us-east-1.amazonses.com", 3600, 10)
    widened = _WithMx({"username": api.username, "token": api.token, "api_address": api.url})
    with pytest.raises(ReadBackMismatch) as caught:
        apply_records(widened, ZONE, [mx], Journal())
    assert api.records(ZONE)[-1]["priority"] == 10  # Name.com has it; lexicon does not say it
    assert f"the host holds bounce.{ZONE} MX" in str(caught.value)


def test_a_create_the_host_did_not_keep_is_caught(api: NameComAPI) -> None:
    def quirk(on: bool) -> None:
        api.quirk = "ignore-create" if on else None

    check_caught(
        provider(api),
        ZONE,
        [f"links.{ZONE}"],
        [Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 3600)],
        quirk,
        f"planned links.{ZONE} CNAME e.customeriomail.com (TTL 3600); the host has none",
    )


def test_a_ttl_the_host_replaced_is_caught(api: NameComAPI) -> None:
    def quirk(on: bool) -> None:
        api.quirk = "default-ttl" if on else None

    check_caught(
        provider(api),
        ZONE,
        [f"track.{ZONE}"],
        [Record("A", f"track.{ZONE}", "192.0.2.10", 3600)],
        quirk,
        f"planned track.{ZONE} A 192.0.2.10 with TTL 3600; the host holds TTL 300",
    )


def test_txt_listed_in_quotes_is_caught(api: NameComAPI) -> None:
    def quirk(on: bool) -> None:
        api.quirk = "quoted-txt" if on else None

    check_caught(
        provider(api),
        ZONE,
        [f"_dmarc.{ZONE}"],
        [Record("TXT", f"_dmarc.{ZONE}", "v=DMARC1; p=none", 3600)],
        quirk,
        f'the host holds _dmarc.{ZONE} TXT "v=DMARC1; p=none" (TTL 3600) instead',
    )


def test_a_record_past_the_first_page_is_not_seen_and_the_read_back_says_so(
    api: NameComAPI,
) -> None:
    """lexicon reads `next_page`; Name.com sends `nextPage`: only page one is ever read."""
    api.per_page = 2
    with pytest.raises(ReadBackMismatch) as caught:
        apply_records(
            provider(api), ZONE, [Record("A", f"track.{ZONE}", "192.0.2.10", 3600)], Journal()
        )
    assert f"planned track.{ZONE} A 192.0.2.10 (TTL 3600); the host has none" in str(caught.value)
    assert [r["host"] for r in api.records(ZONE)] == ["", "*", "track"]
    assert all(s.query.get("page") == ["1"] for s in api.requests_seen if s.method == "GET")


def test_a_wrong_token_is_a_sentence_without_the_token(api: NameComAPI) -> None:
    bad = "ffffffffffffffffffffffffffffffffffffffff"
    with pytest.raises(AuthError) as caught:
        provider(api, bad).list_records(ZONE, [ZONE])
    assert "Name.com did not accept the credentials (HTTP 401)" in str(caught.value)
    assert bad not in str(caught.value)


def test_a_zone_not_in_the_account_is_a_sentence(api: NameComAPI) -> None:
    with pytest.raises(AuthError) as caught:
        provider(api).list_records("other.test", ["other.test"])
    assert "other.test domain does not exist" in str(caught.value)
    assert api.token not in str(caught.value)
