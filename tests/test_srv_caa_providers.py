"""SRV and CAA through every writing provider: planned, applied, read back, reverted.

Each host gets the records in its own API's fields (Cloudflare's `data`, GoDaddy's service /
protocol / port / weight, Route 53's presentation values, RFC 2136 rdata), and the Cloudflare
and GoDaddy fakes pass every accepted write on to a real BIND, so the test reads DNS itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pytest

from providers.cloudflare import CloudflareProvider
from providers.godaddy import GoDaddyProvider
from providers.rfc2136 import Rfc2136Provider
from providers.route53 import Route53Provider
from tests.fakes.bind import BindServer
from tests.fakes.cloudflare_api import CloudflareAPI
from tests.fakes.godaddy_api import GoDaddyAPI, sample_records
from tests.fakes.moto_server import MotoRoute53, moto_route53
from tests.roundtrip import check_apply_then_revert
from wizard.model import errors
from wizard.model.changes import create
from wizard.model.records import Record
from wizard.plan import build_plan

ZONE = "example.test"
SIP = Record("SRV", f"_sip._tls.{ZONE}", "1 443 sipdir.online.lync.com", 3600, 100)
FED = Record("SRV", f"_sipfederationtls._tcp.{ZONE}", "1 5061 sipfed.online.lync.com", 3600, 100)
CAAS = [
    Record("CAA", ZONE, '0 issue "letsencrypt.org"', 3600),
    Record("CAA", ZONE, '0 issue "amazon.com"', 3600),
]
RECORDS = [SIP, FED, *CAAS]
#: What BIND should answer once the records are written.
SERVED = {
    (SIP.name, "SRV"): ["100 1 443 sipdir.online.lync.com."],
    (FED.name, "SRV"): ["100 1 5061 sipfed.online.lync.com."],
    (ZONE, "CAA"): ['0 issue "amazon.com"', '0 issue "letsencrypt.org"'],
}


def dns_view(bind: BindServer) -> set[tuple[str, str, str]]:
    return {(n, t, text) for n, t in SERVED for text in bind.texts(n, t)}


def check_served(bind: BindServer) -> None:
    assert {key: bind.texts(*key) for key in SERVED} == SERVED


def test_every_writing_provider_declares_srv_and_caa_but_godaddy_caa() -> None:
    for provider in (CloudflareProvider, Route53Provider, Rfc2136Provider):
        assert {"SRV", "CAA"} <= provider.capabilities.record_types, provider.id
    assert "SRV" in GoDaddyProvider.capabilities.record_types
    assert "CAA" not in GoDaddyProvider.capabilities.record_types


# -- Cloudflare ----------------------------------------------------------------------------


A = TypeVar("A", CloudflareAPI, GoDaddyAPI)
P = TypeVar("P", CloudflareProvider, GoDaddyProvider)


def serving(api: A, connect: Callable[[A], P]) -> Iterator[tuple[A, P]]:
    """The local API started, and a provider talking to it (closed after the test)."""
    with api:
        provider = connect(api)
        provider.timeout = 5.0
        yield api, provider
        provider.close()


@pytest.fixture
def cloudflare(bind: BindServer) -> Iterator[tuple[CloudflareAPI, CloudflareProvider]]:
    yield from serving(
        CloudflareAPI({ZONE: []}, bind=bind),
        lambda api: CloudflareProvider({"api_token": api.token, "base_url": api.url}),
    )


def test_cloudflare_writes_data_fields_and_reverts(
    bind: BindServer, cloudflare: tuple[CloudflareAPI, CloudflareProvider]
) -> None:
    api, provider = cloudflare

    def applied(_plan: object) -> None:
        check_served(bind)
        stored = {r["name"]: r for r in api.zone_records(ZONE) if r["type"] == "SRV"}
        assert stored[SIP.name]["data"] == {
            "priority": 100,
            "weight": 1,
            "port": 443,
            "target": "sipdir.online.lync.com",
        }
        assert stored[SIP.name]["content"] == "100 1 443 sipdir.online.lync.com"
        caas = sorted(r["data"]["value"] for r in api.zone_records(ZONE) if r["type"] == "CAA")
        assert caas == ["amazon.com", "letsencrypt.org"]
        read = provider.list_records(ZONE, [SIP.name, ZONE]).records
        assert sorted(read) == sorted([SIP, *CAAS])

    check_apply_then_revert(provider, ZONE, RECORDS, lambda: dns_view(bind), check_applied=applied)
    assert api.zone_records(ZONE) == []


def test_cloudflare_refuses_srv_without_its_data_fields(
    cloudflare: tuple[CloudflareAPI, CloudflareProvider],
) -> None:
    api, provider = cloudflare
    client = provider.client()
    import cloudflare as sdk

    srv = {"type": "SRV", "name": SIP.name, "ttl": 1, "content": "100 1 443 sipdir.test"}
    with pytest.raises(sdk.BadRequestError) as caught:
        client.dns.records.batch(zone_id=provider.zone_id(ZONE), posts=[srv])
    body: Any = caught.value.body
    assert [(e["code"], e["message"]) for e in body["errors"]] == [
        (9101, f"{field} is a required data field.")
        for field in ("priority", "weight", "port", "target")
    ]
    caa = {"type": "CAA", "name": ZONE, "ttl": 1, "data": {"flags": 0, "tag": "issue"}}
    with pytest.raises(sdk.BadRequestError) as caught:
        client.dns.records.batch(zone_id=provider.zone_id(ZONE), posts=[caa])
    body = caught.value.body
    assert [e["message"] for e in body["errors"]] == ["value is a required data field."]
    assert api.zone_records(ZONE) == []


# -- GoDaddy -------------------------------------------------------------------------------


@pytest.fixture
def godaddy(bind: BindServer) -> Iterator[tuple[GoDaddyAPI, GoDaddyProvider]]:
    seed = [r for r in sample_records() if r["type"] != "NS"]  # BIND keeps its own NS
    yield from serving(
        GoDaddyAPI({ZONE: seed}, bind=bind),
        lambda api: GoDaddyProvider(
            {"api_key": api.key, "api_secret": api.secret, "api_url": api.url}
        ),
    )


def test_godaddy_writes_service_protocol_fields_and_reverts(
    bind: BindServer, godaddy: tuple[GoDaddyAPI, GoDaddyProvider]
) -> None:
    api, provider = godaddy
    before = api.records(ZONE)
    srvs_only = {key: texts for key, texts in SERVED.items() if key[1] == "SRV"}

    def applied(_plan: object) -> None:
        assert {key: bind.texts(*key) for key in srvs_only} == srvs_only
        srvs = [r for r in api.records(ZONE) if r["type"] == "SRV"]
        assert {"name": "@", "service": "_sip", "protocol": "_tls"}.items() <= srvs[0].items()
        assert {(r["data"], r["priority"], r["weight"], r["port"]) for r in srvs} == {
            ("sipdir.online.lync.com", 100, 1, 443),
            ("sipfed.online.lync.com", 100, 1, 5061),
        }
        read = provider.list_records(ZONE, [SIP.name, FED.name]).records
        assert {r for r in read if r.type == "SRV"} == {SIP, FED}

    check_apply_then_revert(
        provider,
        ZONE,
        [SIP, FED],
        lambda: {(n, t, x) for n, t in srvs_only for x in bind.texts(n, t)},
        check_applied=applied,
    )
    assert api.records(ZONE) == before


def test_godaddy_caa_is_a_plan_conflict_and_the_api_refuses_it(
    godaddy: tuple[GoDaddyAPI, GoDaddyProvider],
) -> None:
    """GoDaddy's v1 API answers 422 to a CAA record in a write: the plan says so before any
    write and sends the person to the panel; a CAA already in the zone is still read."""
    api, provider = godaddy
    plan = build_plan(provider, ZONE, CAAS)
    assert {item.kind for item in plan.items} == {"conflict"}
    assert all("cannot write CAA records" in (item.reason or "") for item in plan.items)
    assert api.write_requests == 0
    session = provider.session()
    url = f"{api.url}v1/domains/{ZONE}/records"
    caa = {"type": "CAA", "name": "@", "data": '0 issue "amazon.com"', "ttl": 3600}
    answer = session.patch(url, json=[caa], timeout=5)
    assert answer.status_code == 422 and answer.json()["code"] == "INVALID_BODY"
    api.domains[ZONE].append(caa)  # made in GoDaddy's panel, where CAA can be added
    assert [r for r in provider.list_records(ZONE, [ZONE]).records if r.type == "CAA"] == [CAAS[1]]


def test_godaddy_keeps_the_other_service_at_the_same_name(
    godaddy: tuple[GoDaddyAPI, GoDaddyProvider],
) -> None:
    """Both SRV names are GoDaddy's (SRV, @) set: removing one service rewrites the set with
    the other still in it."""
    api, provider = godaddy
    provider.apply(ZONE, [create(SIP), create(FED)])
    from wizard.model.changes import delete

    provider.apply(ZONE, [delete(SIP)])
    left = [(r["service"], r["data"]) for r in api.records(ZONE) if r["type"] == "SRV"]
    assert left == [("_sipfederationtls", "sipfed.online.lync.com")]


def test_godaddy_srv_needs_service_and_protocol_labels(
    godaddy: tuple[GoDaddyAPI, GoDaddyProvider],
) -> None:
    api, provider = godaddy
    with pytest.raises(errors.ProviderError, match="_service._protocol"):
        provider.apply(ZONE, [create(Record("SRV", f"sip.{ZONE}", "1 443 a.test", None, 1))])
    assert api.write_requests == 0


def test_godaddy_api_refuses_srv_without_its_fields(
    godaddy: tuple[GoDaddyAPI, GoDaddyProvider],
) -> None:
    api, provider = godaddy
    session = provider.session()
    url = f"{api.url}v1/domains/{ZONE}/records"
    bare = {"type": "SRV", "name": "@", "data": "sip.test", "ttl": 3600, "service": "_sip"}
    answer = session.patch(url, json=[bare], timeout=5)
    assert answer.status_code == 422
    assert answer.json()["code"] == "INVALID_BODY"
    assert [f["path"] for f in answer.json()["fields"]] == [
        "[0].protocol",
        "[0].priority",
        "[0].weight",
        "[0].port",
    ]


# -- Route 53 ------------------------------------------------------------------------------


@pytest.fixture
def route53(monkeypatch: pytest.MonkeyPatch) -> Iterator[MotoRoute53]:
    with moto_route53(monkeypatch) as r53:
        yield r53


def test_route53_writes_presentation_values_and_reverts(route53: MotoRoute53) -> None:
    zone_id = route53.create_zone(ZONE)
    route53.put(zone_id, ZONE, "CAA", ['0 issuewild ";"'])
    provider = Route53Provider({})
    provider.poll_interval = 0.01

    def values() -> set[tuple[str, str, str]]:
        return {
            (r["Name"], r["Type"], v["Value"])
            for r in route53.rrsets(zone_id)
            if r["Type"] in ("SRV", "CAA")
            for v in r["ResourceRecords"]
        }

    def applied(_plan: object) -> None:
        assert values() == {
            (f"{SIP.name}.", "SRV", "100 1 443 sipdir.online.lync.com."),
            (f"{FED.name}.", "SRV", "100 1 5061 sipfed.online.lync.com."),
            (f"{ZONE}.", "CAA", '0 issuewild ";"'),  # the value already there stays
            (f"{ZONE}.", "CAA", '0 issue "letsencrypt.org"'),
            (f"{ZONE}.", "CAA", '0 issue "amazon.com"'),
        }
        read = provider.list_records(ZONE, [SIP.name, ZONE]).records
        assert all(any(r.same_data(w) for r in read) for w in [SIP, *CAAS])
        assert {r.ttl for r in read if r.type == "CAA"} == {300}  # the set keeps its TTL

    check_apply_then_revert(provider, ZONE, RECORDS, values, check_applied=applied)
    assert values() == {(f"{ZONE}.", "CAA", '0 issuewild ";"')}


# -- RFC 2136 against BIND -----------------------------------------------------------------


def test_rfc2136_writes_to_bind_and_reverts(bind: BindServer) -> None:
    provider = Rfc2136Provider(
        {
            "server": bind.server,
            "key_name": bind.key_name,
            "key_secret": bind.key_secret,
            "key_algorithm": bind.key_algorithm,
        }
    )

    def applied(_plan: object) -> None:
        check_served(bind)
        again = build_plan(
            provider, ZONE, [Record("SRV", SIP.name, "1 443 SIPDIR.online.lync.com.", None, 100)]
        )
        assert not again.changes  # the target by meaning: already there

    check_apply_then_revert(provider, ZONE, RECORDS, lambda: dns_view(bind), check_applied=applied)
    assert dns_view(bind) == set()
