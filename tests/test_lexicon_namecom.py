"""Name.com through dns-lexicon's real `namecom` backend, against a local fake of its API v4.

Records have ids and the backend updates by id, one record at a time; it sends MX priority but
lists none, and reads only the first page of a listing (it looks for `next_page` where Name.com
sends `nextPage`). These tests show the shared round trip, the refused types (MX among them, and
why), the quirks caught by the read-back, the requests against Name.com's reference and the
failures as sentences: those in tests/test_lexicon_hosts.py, from `CASE`, and Name.com's own here.
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
from tests.lexicon_roundtrip import Failure, LexiconCase, Quirk, Shape, http_writes
from tests.roundtrip import apply_records
from wizard.journal import Journal
from wizard.model.errors import AuthError, ZoneNotFound
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


def fake() -> NameComAPI:
    return NameComAPI({ZONE: _zone()}, account=["other-example.com", ZONE])


def requests_also(api: NameComAPI) -> None:
    """Every body is sent as JSON."""
    sent = {s.content_type for s in api.requests_seen if s.method in ("POST", "PUT")}
    assert sent == {"application/json"}


CASE = LexiconCase(
    plugin=NamecomProvider,
    fake=fake,
    settings=lambda api: {"username": api.username, "token": api.token, "api_address": api.url},
    record_types=frozenset({"A", "AAAA", "CNAME", "TXT"}),
    long_txt=False,
    lines=(
        "Confirmed at Name.com: 6 of 6 changes exactly as given",
        "Confirmed at Name.com: 4 of 4 changes exactly as given",
        "Confirmed at Name.com: 6 of 6 changes exactly as given",
    ),
    untouched=lambda api: api.records(ZONE),
    refused={
        "MX": ("cannot write MX", "lists none", "own panel"),
        "NS": (),
        "SRV": (),
        "CAA": (),
        "TXT": ("over 255 characters",),
    },
    shapes=SHAPES,
    methods=frozenset({"POST", "PUT", "DELETE"}),
    requests_also=requests_also,
    quirks=(
        Quirk(
            "ignore-create",
            Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 3600),
            (f"planned links.{ZONE} CNAME e.customeriomail.com (TTL 3600); the host has none",),
        ),
        Quirk(
            "default-ttl",
            Record("A", f"track.{ZONE}", "192.0.2.10", 3600),
            (f"planned track.{ZONE} A 192.0.2.10 with TTL 3600; the host holds TTL 300",),
        ),
        Quirk(
            "quoted-txt",
            Record("TXT", f"_dmarc.{ZONE}", "v=DMARC1; p=none", 3600),
            (f'the host holds _dmarc.{ZONE} TXT "v=DMARC1; p=none" (TTL 3600) instead',),
        ),
    ),
    wrong_credentials=(
        Failure(
            "token",
            AuthError,
            ("Name.com did not accept the credentials (HTTP 401)",),
            {"token": "ffffffffffffffffffffffffffffffffffffffff"},
        ),
    ),
    unreadable_zones=(
        Failure(
            "unknown",
            ZoneNotFound,
            (
                "Name.com has no zone other.test that these credentials can see",
                "other.test domain does not exist",
            ),
            zone="other.test",
        ),
    ),
)
provider = CASE.provider


@pytest.fixture
def api() -> Iterator[NameComAPI]:
    with fake() as server:
        yield server


def test_a_changed_target_is_one_update_of_that_record(api: NameComAPI) -> None:
    api.add(ZONE, {"host": "links", "type": "CNAME", "answer": "e.customeriomail.com", "ttl": 3600})
    record_id = api.records(ZONE)[-1]["id"]
    links = Record("CNAME", f"links.{ZONE}", "e-eu.customeriomail.com", 3600)
    result = apply_records(provider(api), ZONE, [links], Journal())[1]
    assert result.confirmed is not None and result.confirmed.confirmed == 1
    assert http_writes(api) == [
        (
            "PUT",
            f"/v4/domains/{ZONE}/records/{record_id}",
            {"ttl": 3600, "type": "CNAME", "host": "links", "answer": links.value},
        )
    ]


def test_the_apex_and_no_ttl_given(api: NameComAPI) -> None:
    spf = Record("TXT", ZONE, "v=spf1 include:mailgun.org ~all")
    apply_records(provider(api), ZONE, [spf], Journal())
    assert http_writes(api) == [
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
    widened = _WithMx(CASE.settings(api))
    with pytest.raises(ReadBackMismatch) as caught:
        apply_records(widened, ZONE, [mx], Journal())
    assert api.records(ZONE)[-1]["priority"] == 10  # Name.com has it; lexicon does not say it
    assert f"the host holds bounce.{ZONE} MX" in str(caught.value)


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
