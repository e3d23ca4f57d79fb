"""OVHcloud through dns-lexicon's `ovh` backend, against tests/fakes/lexicon/ovh.py.

First the fake itself is held to OVH's signing rules (a request altered in any signed part is
refused), so the backend passing against it means something; then the real backend runs
against it. `CASE` declares what the shared checks of tests/test_lexicon_hosts.py need.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from providers.lexicon.plugins import OvhProvider
from tests.fakes.lexicon.ovh import OVHAPI, sample_zone
from tests.keys import DKIM_2048
from tests.lexicon_roundtrip import Failure, LexiconCase, Quirk, Shape, lexicon_backend
from tests.roundtrip import apply_records
from wizard.journal import Journal
from wizard.model.errors import PermissionDenied, ProviderError, ZoneNotFound
from wizard.model.records import Record

ZONE = "example.test"


def fake() -> OVHAPI:
    """A zone, on a server whose clock runs 4 minutes ahead: the backend must take the server's
    clock from /auth/time."""
    api = OVHAPI({ZONE: sample_zone(ZONE)})
    api.clock_offset = 240
    return api


@pytest.fixture
def api() -> Iterator[OVHAPI]:
    with fake() as server:
        yield server


def signed(
    api: OVHAPI,
    method: str,
    path: str,
    body: str = "",
    *,
    secret: str | None = None,
    stamp: int | None = None,
    sign_path: str | None = None,
    sign_body: str | None = None,
) -> requests.Response:
    """One request signed as OVH documents it; the keywords sign something else than is sent."""
    url = api.url + path
    now = str(stamp if stamp is not None else int(time.time()) + api.clock_offset)
    text = "+".join(
        [
            secret if secret is not None else api.application_secret,
            api.consumer_key,
            method,
            api.url + (sign_path if sign_path is not None else path),
            sign_body if sign_body is not None else body,
            now,
        ]
    )
    headers = {
        "X-Ovh-Application": api.application_key,
        "X-Ovh-Consumer": api.consumer_key,
        "X-Ovh-Timestamp": now,
        "X-Ovh-Signature": "$1$" + hashlib.sha1(text.encode()).hexdigest(),  # noqa: S324
    }
    if body:
        headers["Content-Type"] = "application/json"
    return requests.request(method, url, data=body, headers=headers, timeout=5)


# -- the fake holds to OVH's signing rules -------------------------------------------------------
def test_a_correctly_signed_request_is_answered(api: OVHAPI) -> None:
    answer = signed(api, "GET", f"/domain/zone/{ZONE}/record?fieldType=TXT")
    assert answer.status_code == 200
    assert answer.json() == [5_300_000_006]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"secret": "not-the-secret"}, "INVALID_SIGNATURE"),
        ({"sign_path": f"/domain/zone/{ZONE}/record?fieldType=A"}, "INVALID_SIGNATURE"),
        ({"sign_path": f"/domain/zone/{ZONE}/record"}, "INVALID_SIGNATURE"),
        ({"sign_body": '{"fieldType": "TXT"}'}, "INVALID_SIGNATURE"),
        ({"stamp": int(time.time()) - 3600}, "QUERY_TIME_OUT"),
    ],
    ids=["secret", "query", "query-dropped", "body", "stale-timestamp"],
)
def test_a_request_signed_over_anything_else_is_refused(
    api: OVHAPI, change: dict[str, Any], code: str
) -> None:
    answer = signed(api, "GET", f"/domain/zone/{ZONE}/record?fieldType=TXT", **change)
    assert answer.status_code == 400
    assert answer.json()["errorCode"] == code


def test_the_body_is_part_of_the_signature(api: OVHAPI) -> None:
    body = json.dumps({"fieldType": "A", "subDomain": "x", "target": "192.0.2.7", "ttl": 300})
    other = body.replace("192.0.2.7", "192.0.2.8")
    refused = signed(api, "POST", f"/domain/zone/{ZONE}/record", body, sign_body=other)
    assert refused.status_code == 400 and refused.json()["errorCode"] == "INVALID_SIGNATURE"
    taken = signed(api, "POST", f"/domain/zone/{ZONE}/record", body)
    assert taken.status_code == 200 and taken.json()["target"] == "192.0.2.7"


def test_wrong_keys_and_ungranted_calls_answer_as_ovh_does(api: OVHAPI) -> None:
    bad_app = requests.get(
        f"{api.url}/domain/zone", headers={"X-Ovh-Application": "nope"}, timeout=5
    )
    assert (bad_app.status_code, bad_app.json()["errorCode"]) == (403, "INVALID_KEY")
    api.rules = (("GET", f"/domain/zone/{ZONE}/*"),)
    ungranted = signed(api, "GET", "/domain/zone")
    assert (ungranted.status_code, ungranted.json()["errorCode"]) == (403, "NOT_GRANTED_CALL")
    granted = signed(api, "GET", f"/domain/zone/{ZONE}/status")
    assert granted.status_code == 200


def test_the_server_clock_is_what_counts(api: OVHAPI) -> None:
    api.clock_offset = 1000
    server_time = requests.get(f"{api.url}/auth/time", timeout=5).json()
    assert abs(server_time - (time.time() + 1000)) < 5
    local = signed(api, "GET", "/domain/zone", stamp=int(time.time()))
    assert local.json()["errorCode"] == "QUERY_TIME_OUT"
    assert signed(api, "GET", "/domain/zone").status_code == 200


def test_a_txt_is_read_back_quoted_and_a_change_waits_for_refresh(api: OVHAPI) -> None:
    body = json.dumps({"fieldType": "TXT", "subDomain": "_v", "target": "token-1", "ttl": 300})
    made = signed(api, "POST", f"/domain/zone/{ZONE}/record", body).json()
    assert made["target"] == '"token-1"'
    assert api.pending == {ZONE}
    assert signed(api, "POST", f"/domain/zone/{ZONE}/refresh").status_code == 200
    assert api.pending == set()


# -- the real backend against the fake ----------------------------------------------------------
def backend(api: OVHAPI, **options: str) -> Any:
    """dns-lexicon's own OVH backend, pointed at the fake as the plugin points it."""
    keys = {
        "auth_entrypoint": "ovh-eu",
        "auth_application_key": api.application_key,
        "auth_application_secret": api.application_secret,
        "auth_consumer_key": api.consumer_key,
        **options,
    }
    provider = lexicon_backend("ovh", ZONE, keys)
    provider.endpoint_api = api.url
    provider.authenticate()
    return provider


def test_the_backend_signs_as_the_fake_checks_even_with_a_skewed_clock(api: OVHAPI) -> None:
    api.clock_offset = -500
    lexicon = backend(api)
    lexicon.create_record("TXT", f"_dmarc.{ZONE}", "v=DMARC1; p=none")
    held = [r for r in api.records(ZONE) if r["subDomain"] == "_dmarc"]
    assert [(r["fieldType"], r["target"], r["ttl"]) for r in held] == [
        ("TXT", '"v=DMARC1; p=none"', 600)
    ]
    assert api.pending == set()  # the backend refreshed the zone after the change


def test_the_backend_with_a_wrong_secret_is_refused(api: OVHAPI) -> None:
    with pytest.raises(requests.HTTPError) as failure:
        backend(api, auth_application_secret="wrong")
    assert failure.value.response is not None
    assert failure.value.response.status_code == 400


def test_the_backends_update_sends_no_ttl(api: OVHAPI) -> None:
    """Why the row says update_by_id=False: lexicon's PUT carries subDomain and target only."""
    lexicon = backend(api)
    lexicon.create_record("A", f"web.{ZONE}", "192.0.2.5")
    (record,) = lexicon.list_records("A", f"web.{ZONE}")
    lexicon.update_record(record["id"], "A", f"web.{ZONE}", "192.0.2.6")
    put = [s for s in api.requests_seen if s.method == "PUT"]
    assert [s.body for s in put] == [{"subDomain": "web", "target": "192.0.2.6"}]


# -- through the wizard's plugin ------------------------------------------------------------------
#: OVHcloud's documented /domain/zone calls lexicon's backend makes, with their body fields.
SHAPES = (
    Shape("GET", r"/1\.0/auth/time"),
    Shape("GET", r"/1\.0/domain/zone/?"),
    Shape("GET", r"/1\.0/domain/zone/[^/]+/status"),
    Shape("GET", r"/1\.0/domain/zone/[^/]+/record"),
    Shape("GET", r"/1\.0/domain/zone/[^/]+/record/\d+"),
    Shape(
        "POST",
        r"/1\.0/domain/zone/[^/]+/record",
        required={"fieldType": str, "subDomain": str, "target": str, "ttl": int},
        allowed=frozenset({"fieldType", "subDomain", "target", "ttl"}),
    ),
    Shape(
        "PUT",
        r"/1\.0/domain/zone/[^/]+/record/\d+",
        allowed=frozenset({"subDomain", "target", "ttl"}),
    ),
    Shape("DELETE", r"/1\.0/domain/zone/[^/]+/record/\d+"),
    Shape("POST", r"/1\.0/domain/zone/[^/]+/refresh"),
)


def requests_also(api: OVHAPI) -> None:
    """Each record write is followed by a refresh, so the zone is served as written."""
    refreshes = [s for s in api.requests_seen if s.path.endswith("/refresh")]
    writes = [s for s in api.requests_seen if s.method in ("POST", "PUT", "DELETE")]
    assert len(refreshes) == len(writes) / 2


def narrow_rights(api: OVHAPI) -> None:
    """Rights on the zone's own paths only, narrower than the row asks (not /domain/zone)."""
    api.rules = tuple((m, f"/domain/zone/{ZONE}/*") for m in ("GET", "POST", "PUT", "DELETE"))


WRONG = "wrong-value-7d1e2f"
CASE = LexiconCase(
    plugin=OvhProvider,
    fake=fake,
    settings=lambda api: {
        "application_key": api.application_key,
        "application_secret": api.application_secret,
        "consumer_key": api.consumer_key,
        "api_address": api.url,
    },
    record_types=frozenset({"A", "AAAA", "CNAME", "TXT", "MX"}),
    long_txt=True,
    lines=(
        "Confirmed at OVHcloud: 8 of 8 changes exactly as given",
        "Confirmed at OVHcloud: 4 of 4 changes exactly as given",
        "Confirmed at OVHcloud: 8 of 8 changes exactly as given",
    ),
    # The zone's records as they were, and no change left without POST /refresh.
    untouched=lambda api: (api.records(ZONE), api.pending),
    refused={"NS": (), "SRV": (), "CAA": ()},
    shapes=SHAPES,
    more_than=20,
    methods=frozenset({"POST", "DELETE"}),
    requests_also=requests_also,
    quirks=(
        Quirk(
            "ttl-zero",
            Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 3600),
            (
                f"planned links.{ZONE} CNAME e.customeriomail.com with TTL 3600; "
                "the host holds TTL 0",
            ),
        ),
        Quirk(
            "drop-priority",
            Record("MX", f"bounce.{ZONE}", "feedback-smtp.example.net", 3600, 10),
            (f"bounce.{ZONE} MX", "0 of 1 change"),
        ),
        Quirk(  # '" "': what the host holds, as it holds it
            "split-txt",
            Record("TXT", f"s1._domainkey.{ZONE}", DKIM_2048, 3600),
            (f"s1._domainkey.{ZONE}", '" "'),
        ),
        Quirk(
            "ignore-create",
            Record("A", f"track.{ZONE}", "192.0.2.10", 3600),
            (f"track.{ZONE}",),
        ),
    ),
    wrong_credentials=tuple(
        Failure(setting, ProviderError, ("OVHcloud", said), {setting: WRONG})
        for setting, said in (
            ("application_key", "Invalid application key"),
            ("application_secret", "Invalid signature"),
            ("consumer_key", "This credential does not exist"),
        )
    ),
    unreadable_zones=(
        Failure("unknown", ZoneNotFound, ("other.test",), zone="other.test"),
        Failure(
            "rights-narrower-than-the-row-asks",
            PermissionDenied,
            ("This call has not been granted",),
            prepare=narrow_rights,
        ),
        Failure(
            "not-deployed",
            ProviderError,
            (f"Zone {ZONE} is not deployed",),
            prepare=lambda api: api.undeployed.add(ZONE),
        ),
    ),
)
provider = CASE.provider


def test_mx_keeps_its_priority_and_txt_its_quotes_at_the_host(api: OVHAPI) -> None:
    records = [
        Record("MX", f"bounce.{ZONE}", "feedback-smtp.us-east-1.amazonses.com", 3600, 10),
        Record("TXT", ZONE, "v=spf1 include:amazonses.com ~all", 3600),
        Record("TXT", f"s1._domainkey.{ZONE}", DKIM_2048, 3600),
    ]
    apply_records(provider(api), ZONE, records, Journal())
    held = {(r["fieldType"], r["subDomain"]): r["target"] for r in api.records(ZONE)}
    assert held[("MX", "bounce")] == "10 feedback-smtp.us-east-1.amazonses.com."
    assert held[("TXT", "s1._domainkey")] == f'"{DKIM_2048}"'
    apex = [r for r in api.records(ZONE) if r["fieldType"] == "TXT" and r["subDomain"] == ""]
    assert '"v=spf1 include:amazonses.com ~all"' in [r["target"] for r in apex]


def test_the_apex_as_lexicon_lists_it_reads_as_the_apex() -> None:
    """lexicon's OVH backend lists an apex record (subDomain "") under the name ".zone"."""
    from providers.lexicon import table
    from providers.lexicon.records import record_from

    item = {"type": "TXT", "name": f".{ZONE}", "content": '"v=spf1 -all"', "ttl": 600, "id": 1}
    assert record_from(table.OVH, ZONE, item) == Record("TXT", ZONE, "v=spf1 -all", 600)
