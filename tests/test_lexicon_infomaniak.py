"""Infomaniak through dns-lexicon's `infomaniak` backend, against tests/fakes/lexicon/infomaniak.py.

First the fake itself is held to what Infomaniak's API refuses (a missing token, an unknown
domain, a TTL out of bounds, a priority written into an MX target), then the real backend runs
against it; `CASE` declares what the shared checks of tests/test_lexicon_hosts.py need.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from providers.lexicon.plugins import InfomaniakProvider
from tests.fakes.lexicon.infomaniak import InfomaniakAPI, sample_zone
from tests.lexicon_roundtrip import Failure, LexiconCase, Quirk, Shape, lexicon_backend
from tests.roundtrip import apply_records
from wizard.journal import Journal
from wizard.model.errors import AuthError, ZoneNotFound
from wizard.model.records import Record

ZONE = "example.test"


def fake() -> InfomaniakAPI:
    return InfomaniakAPI({ZONE: sample_zone(ZONE)})


@pytest.fixture
def api() -> Iterator[InfomaniakAPI]:
    with fake() as server:
        yield server


def call(
    api: InfomaniakAPI, method: str, path: str, body: Any = None, token: str | None = None
) -> requests.Response:
    headers = {"Authorization": f"Bearer {token if token is not None else api.token}"}
    return requests.request(method, api.url + path, json=body, headers=headers, timeout=5)


# -- the fake refuses what Infomaniak refuses ---------------------------------------------------
def test_a_wrong_token_is_401_in_infomaniaks_error_shape(api: InfomaniakAPI) -> None:
    answer = call(api, "GET", "/1/product?service_name=domain", token="nope")
    assert answer.status_code == 401
    assert answer.json()["result"] == "error"
    assert set(answer.json()["error"]) >= {"code", "description"}


def test_an_unknown_domain_is_an_empty_product_list_and_an_unknown_id_404(
    api: InfomaniakAPI,
) -> None:
    products = call(api, "GET", "/1/product?service_name=domain&customer_name=other.test").json()
    assert products == {"result": "success", "data": []}
    assert call(api, "GET", "/1/domain/1/dns/record").status_code == 404


@pytest.mark.parametrize(
    ("body", "attribute"),
    [
        ({"type": "A", "source": "x", "target": "192.0.2.1", "ttl": 30}, "ttl"),
        ({"type": "A", "source": "x", "target": "192.0.2.1", "ttl": 90000}, "ttl"),
        ({"type": "MX", "source": "x", "target": "10 mail.example.net", "ttl": 300}, "target"),
        ({"type": "BOGUS", "source": "x", "target": "y", "ttl": 300}, "type"),
        ({"type": "A", "target": "192.0.2.1", "ttl": 300}, "source"),
    ],
    ids=["ttl-low", "ttl-high", "mx-priority-in-target", "type", "no-source"],
)
def test_a_body_infomaniak_refuses_is_a_validation_error(
    api: InfomaniakAPI, body: dict[str, Any], attribute: str
) -> None:
    answer = call(api, "POST", f"/1/domain/{api.ids[ZONE]}/dns/record", body)
    assert answer.status_code == 422
    errors = answer.json()["error"]["errors"]
    assert attribute in [e["context"]["attribute"] for e in errors]
    assert len(api.records(ZONE)) == 3


# -- the real backend against the fake ----------------------------------------------------------
def backend(api: InfomaniakAPI, token: str | None = None, ttl: int = 600) -> Any:
    """dns-lexicon's own Infomaniak backend, pointed at the fake as the plugin points it."""
    provider = lexicon_backend("infomaniak", ZONE, {"auth_token": token or api.token}, ttl=ttl)
    provider.endpoint_api = api.url
    provider.authenticate()
    return provider


def test_the_backend_writes_and_lists_through_the_fake(api: InfomaniakAPI) -> None:
    lexicon = backend(api)
    lexicon.create_record("TXT", f"_dmarc.{ZONE}", "v=DMARC1; p=none")
    listed = lexicon.list_records("TXT", f"_dmarc.{ZONE}")
    assert [(r["name"], r["content"], r["ttl"]) for r in listed] == [
        (f"_dmarc.{ZONE}", "v=DMARC1; p=none", 600)
    ]


def test_the_backends_update_keeps_the_old_ttl(api: InfomaniakAPI) -> None:
    """Why the row says update_by_id=False: lexicon's PUT sends the record's old TTL back."""
    backend(api, ttl=600).create_record("A", f"web.{ZONE}", "192.0.2.5")
    lexicon = backend(api, ttl=1800)
    (record,) = lexicon.list_records("A", f"web.{ZONE}")
    lexicon.update_record(record["id"], "A", f"web.{ZONE}", "192.0.2.6")
    (after,) = lexicon.list_records("A", f"web.{ZONE}")
    assert (after["content"], after["ttl"]) == ("192.0.2.6", 600)


def test_the_backend_with_a_wrong_token_is_refused(api: InfomaniakAPI) -> None:
    with pytest.raises(requests.HTTPError) as failure:
        backend(api, token="wrong")
    assert failure.value.response is not None
    assert failure.value.response.status_code == 401


# -- through the wizard's plugin ------------------------------------------------------------------
_FIELDS = frozenset({"type", "source", "target", "ttl"})
#: The v1 calls lexicon's backend makes, with the fields Infomaniak's record body has.
SHAPES = (
    Shape("GET", r"/1/product"),
    Shape("GET", r"/1/domain/\d+/dns/record"),
    Shape("GET", r"/1/domain/\d+/dns/record/\d+"),
    Shape(
        "POST",
        r"/1/domain/\d+/dns/record",
        required={"type": str, "source": str, "target": str, "ttl": int},
        allowed=_FIELDS,
    ),
    Shape("PUT", r"/1/domain/\d+/dns/record/\d+", required={"ttl": int}, allowed=_FIELDS),
    Shape("DELETE", r"/1/domain/\d+/dns/record/\d+"),
)


CASE = LexiconCase(
    plugin=InfomaniakProvider,
    fake=fake,
    settings=lambda api: {"token": api.token, "api_address": api.url},
    record_types=frozenset({"A", "AAAA", "CNAME", "TXT"}),
    long_txt=False,
    lines=(
        "Confirmed at Infomaniak: 6 of 6 changes exactly as given",
        "Confirmed at Infomaniak: 4 of 4 changes exactly as given",
        "Confirmed at Infomaniak: 6 of 6 changes exactly as given",
    ),
    refused={"MX": ("priority",), "NS": (), "SRV": (), "CAA": (), "TXT": ()},
    shapes=SHAPES,
    methods=frozenset({"POST", "DELETE"}),
    quirks=(
        Quirk(
            "ttl-default",
            Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 600),
            (
                f"planned links.{ZONE} CNAME e.customeriomail.com with TTL 600; "
                "the host holds TTL 3600",
            ),
        ),
        Quirk(
            "ignore-create",
            Record("TXT", f"_dmarc.{ZONE}", "v=DMARC1; p=none", 3600),
            (f"_dmarc.{ZONE}", "0 of 1 change"),
        ),
    ),
    wrong_credentials=(
        Failure(
            "token",
            AuthError,
            ("Infomaniak did not accept the credentials",),
            {"token": "ik-wrong-token-31337"},
        ),
    ),
    unreadable_zones=(
        Failure(
            "unknown",
            ZoneNotFound,
            ("Infomaniak has no zone other.test that these credentials can see",),
            zone="other.test",
        ),
    ),
)
provider = CASE.provider


def test_the_apex_is_written_as_an_empty_source(api: InfomaniakAPI) -> None:
    spf = Record("TXT", ZONE, "v=spf1 include:mailgun.org ~all", 3600)
    apply_records(provider(api), ZONE, [spf], Journal())
    posted = [s.body for s in api.requests_seen if s.method == "POST"]
    assert posted == [{"type": "TXT", "source": "", "target": spf.value, "ttl": 3600}]
