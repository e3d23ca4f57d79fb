"""Read-back: every write, on every provider, is read again through the host's own API.

A round trip per provider (its local fake: the Cloudflare and GoDaddy API servers, moto's Route
53, a real BIND, the demo's zone store) ends with "Confirmed at <host>: N of N changes exactly as
given" for the apply and for the revert. Then one host quirk per class (a TXT value cut short, an
MX priority dropped, a TTL moved, a create quietly ignored, a neighbour replaced) is switched on
in a fake: the apply fails with what the host holds instead, the journal keeps the attempt, and
the revert it offers leaves the zone as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from providers.base import Provider
from providers.cloudflare import CloudflareProvider
from providers.godaddy import GoDaddyProvider
from providers.rfc2136 import Rfc2136Provider
from providers.route53 import Route53Provider
from tests import roundtrip
from tests.fakes.bind import BindServer
from tests.fakes.cloudflare_api import CloudflareAPI
from tests.fakes.godaddy_api import GoDaddyAPI, sample_records
from tests.fakes.moto_server import MotoRoute53, moto_route53
from tests.roundtrip import apply_records, revert_latest
from wizard.embedded.provider import ZoneStoreProvider
from wizard.embedded.zonestore import ZoneStore
from wizard.journal import Journal
from wizard.model.records import Record

ZONE = "example.test"
SPF = Record("TXT", ZONE, "v=spf1 include:_spf.example.net ~all", 3600)
DKIM = "k=rsa; p=" + "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA" * 8
PASTE = [
    Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 3600),
    Record("TXT", ZONE, "pendo-verification=café", 3600),
    Record("MX", f"bounce.{ZONE}", "feedback-smtp.us-east-1.amazonses.com", 3600, 10),
    Record("TXT", f"s1._domainkey.{ZONE}", DKIM, 3600),
]
NAMES = sorted({r.name for r in PASTE})


def held(provider: Provider) -> set[Record]:
    return set(provider.list_records(ZONE, NAMES).records)


def confirm_round_trip(provider: Provider, host: str) -> None:
    """Apply PASTE and revert it; both are confirmed by reading back, the zone ends as it began."""
    start = held(provider)
    journal = Journal()
    _, applied = apply_records(provider, ZONE, PASTE, journal)
    line = f"Confirmed at {host}: 4 of 4 changes exactly as given"
    assert applied.confirmed is not None and applied.confirmed.line == line
    reverted = revert_latest(provider, journal)
    assert reverted.confirmed is not None and reverted.confirmed.line == line
    assert held(provider) == start


# -- a round trip that confirms, per provider --------------------------------------------------
@pytest.fixture
def cloudflare() -> Iterator[CloudflareAPI]:
    with CloudflareAPI({ZONE: []}) as server:
        yield server


def cloudflare_provider(api: CloudflareAPI) -> CloudflareProvider:
    return CloudflareProvider({"api_token": api.token, "base_url": api.url})


@pytest.fixture
def godaddy() -> Iterator[GoDaddyAPI]:
    with GoDaddyAPI({ZONE: sample_records()}) as server:
        yield server


def godaddy_provider(api: GoDaddyAPI) -> GoDaddyProvider:
    return GoDaddyProvider({"api_key": api.key, "api_secret": api.secret, "api_url": api.url})


@pytest.fixture
def route53(monkeypatch: pytest.MonkeyPatch) -> Iterator[MotoRoute53]:
    with moto_route53(monkeypatch) as r53:
        zone_id = r53.create_zone(ZONE)
        r53.put(zone_id, ZONE, "TXT", [f'"{SPF.value}"'], ttl=3600)
        yield r53


def route53_provider() -> Route53Provider:
    provider = Route53Provider({})
    provider.poll_interval = 0.01
    provider.max_attempts = 1
    return provider


def test_cloudflare_round_trip_is_confirmed(cloudflare: CloudflareAPI) -> None:
    confirm_round_trip(cloudflare_provider(cloudflare), "Cloudflare")


def test_godaddy_round_trip_is_confirmed(godaddy: GoDaddyAPI) -> None:
    confirm_round_trip(godaddy_provider(godaddy), "GoDaddy")


def test_route53_round_trip_is_confirmed(route53: MotoRoute53) -> None:
    confirm_round_trip(route53_provider(), "Amazon Route 53")


def test_rfc2136_round_trip_is_confirmed(bind: BindServer) -> None:
    provider = Rfc2136Provider(
        {
            "server": bind.server,
            "key_name": bind.key_name,
            "key_secret": bind.key_secret,
            "key_algorithm": bind.key_algorithm,
        }
    )
    confirm_round_trip(provider, "RFC 2136 (BIND, Knot, PowerDNS)")


def test_the_demo_host_round_trip_is_confirmed() -> None:
    store = ZoneStore()
    store.add_zone(ZONE)
    store.add(SPF)
    confirm_round_trip(ZoneStoreProvider(store), "Demo DNS host")


# -- a host that alters what it stores, one quirk class each ---------------------------------
def check_caught(
    provider: Provider,
    records: list[Record],
    quirk: Callable[[bool], None],
    holds_instead: str,
) -> str:
    """tests.roundtrip.check_caught at this module's zone and names."""
    return roundtrip.check_caught(provider, ZONE, NAMES, records, quirk, holds_instead)


def test_a_txt_value_cut_short_is_caught(cloudflare: CloudflareAPI) -> None:
    def quirk(on: bool) -> None:
        cloudflare.quirk = "strip-txt" if on else None

    message = check_caught(
        cloudflare_provider(cloudflare),
        [Record("TXT", ZONE, "pendo-verification=abc", 3600)],
        quirk,
        f"planned {ZONE} TXT pendo-verification=abc (TTL 3600); the host holds {ZONE} TXT "
        "pendo-verification=ab (TTL 3600) instead",
    )
    assert "0 of 1 change as given" in message


def test_an_mx_priority_dropped_is_caught(godaddy: GoDaddyAPI) -> None:
    def quirk(on: bool) -> None:
        godaddy.quirk = "drop-priority" if on else None

    check_caught(
        godaddy_provider(godaddy),
        [Record("MX", f"bounce.{ZONE}", "feedback-smtp.us-east-1.amazonses.com", 3600, 10)],
        quirk,
        f"the host holds bounce.{ZONE} MX 0 feedback-smtp.us-east-1.amazonses.com (TTL 3600) "
        "instead",
    )


def test_a_ttl_moved_is_caught(route53: MotoRoute53) -> None:
    def quirk(on: bool) -> None:
        route53.proxy.quirk = "ttl" if on else None

    check_caught(
        route53_provider(),
        [Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 3600)],
        quirk,
        f"planned links.{ZONE} CNAME e.customeriomail.com with TTL 3600; the host holds TTL 60",
    )


def test_a_create_quietly_ignored_is_caught(godaddy: GoDaddyAPI) -> None:
    def quirk(on: bool) -> None:
        godaddy.quirk = "ignore-create" if on else None

    check_caught(
        godaddy_provider(godaddy),
        [Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 3600)],
        quirk,
        f"planned links.{ZONE} CNAME e.customeriomail.com (TTL 3600); the host has none",
    )


def test_a_neighbour_replaced_by_the_write_is_caught_and_put_back(godaddy: GoDaddyAPI) -> None:
    def quirk(on: bool) -> None:
        godaddy.quirk = "replace-set" if on else None

    check_caught(
        godaddy_provider(godaddy),
        [Record("TXT", ZONE, "pendo-verification=abc", 3600)],
        quirk,
        f"was there before, outside the plan: {SPF} (TTL 3600); the host has none",
    )
