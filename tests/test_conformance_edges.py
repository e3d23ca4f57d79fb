"""The existing plugins at their APIs' published edges, each guarded in the plugin itself.

Facts from the published schemas: Cloudflare's TXT `content` is "quoted 'character strings'
(RFC 1035)", whose `\\DDD` escapes are decimal; Cloudflare answers 9109 "Cannot use the access
token from location: …" (403) to a token whose IP filtering leaves the caller out; GoDaddy's
DNSRecord `port` runs from 1 to 65535; Route 53 refuses a CNAME set beside any other set at its
name (InvalidChangeBatch). The TTL edges are in test_cloudflare_edges.py and test_godaddy.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from providers.cloudflare import CloudflareProvider
from providers.godaddy import GoDaddyProvider
from providers.route53 import Route53Provider
from tests.fakes.cloudflare_api import CloudflareAPI
from tests.fakes.godaddy_api import GoDaddyAPI, sample_records
from tests.fakes.moto_server import MotoRoute53, moto_route53
from wizard.model.changes import create
from wizard.model.errors import AuthError, PermissionDenied, ProviderError
from wizard.model.records import Record
from wizard.plan import build_plan

ZONE = "example.test"


# -- Cloudflare -------------------------------------------------------------------------------
@pytest.fixture
def cloudflare() -> Iterator[CloudflareAPI]:
    seeded = [{"type": "TXT", "name": f"seen.{ZONE}", "content": '"caf\\195\\169"', "ttl": 1}]
    with CloudflareAPI({ZONE: seeded}) as server:
        yield server


def cloudflare_provider(api: CloudflareAPI) -> CloudflareProvider:
    return CloudflareProvider({"api_token": api.token, "base_url": api.url})


def test_cloudflare_txt_escapes_are_rfc1035_decimal(cloudflare: CloudflareAPI) -> None:
    provider = cloudflare_provider(cloudflare)
    provider.apply(ZONE, [create(Record("TXT", ZONE, "pendo=é", 300))])
    (sent,) = [r["content"] for r in cloudflare.zone_records(ZONE) if r["name"] == ZONE]
    assert sent == '"pendo=\\195\\169"'
    (read,) = provider.list_records(ZONE, [ZONE]).records
    assert read.value == "pendo=é"


def test_cloudflare_reads_decimal_escapes_back(cloudflare: CloudflareAPI) -> None:
    (read,) = cloudflare_provider(cloudflare).list_records(ZONE, [f"seen.{ZONE}"]).records
    assert read.value == "café"


def test_cloudflare_location_refusal_is_reported_in_cloudflares_words(
    cloudflare: CloudflareAPI,
) -> None:
    cloudflare.refused_location = "203.0.113.7"
    with pytest.raises(PermissionDenied) as info:
        cloudflare_provider(cloudflare).check_credentials(ZONE)
    assert not isinstance(info.value, AuthError)
    assert info.value.title == "Token not allowed from here"
    assert "Cannot use the access token from location: 203.0.113.7 [9109]" in str(info.value)
    assert "Client IP Address Filtering" in str(info.value)


def test_cloudflare_an_unknown_token_is_still_a_token_problem(cloudflare: CloudflareAPI) -> None:
    provider = CloudflareProvider(
        {"api_token": "WellFormedButUnknown0", "base_url": cloudflare.url}
    )
    with pytest.raises(AuthError, match="did not accept the API token"):
        provider.check_credentials(ZONE)


# -- GoDaddy ----------------------------------------------------------------------------------
NO_SERVICE = Record("SRV", f"_imap._tcp.{ZONE}", "0 0 .", 3600, 0)


@pytest.fixture
def godaddy() -> Iterator[GoDaddyAPI]:
    with GoDaddyAPI({ZONE: sample_records()}) as server:
        yield server


def godaddy_provider(api: GoDaddyAPI) -> GoDaddyProvider:
    return GoDaddyProvider({"api_key": api.key, "api_secret": api.secret, "api_url": api.url})


def test_godaddy_plugin_never_sends_an_srv_with_port_0(godaddy: GoDaddyAPI) -> None:
    with pytest.raises(ProviderError, match="does not take an SRV record with port 0") as info:
        godaddy_provider(godaddy).apply(ZONE, [create(NO_SERVICE)])
    assert "Nothing was written" in str(info.value)
    assert godaddy.write_requests == 0


def test_godaddy_plan_refuses_an_srv_with_port_0(godaddy: GoDaddyAPI) -> None:
    plan = build_plan(godaddy_provider(godaddy), ZONE, [NO_SERVICE])
    (item,) = plan.items
    assert item.kind == "conflict"
    assert item.reason.startswith("GoDaddy does not take an SRV record with port 0")
    assert f"{NO_SERVICE}" in item.reason


# -- Route 53 ---------------------------------------------------------------------------------
@pytest.fixture
def route53(monkeypatch: pytest.MonkeyPatch) -> Iterator[MotoRoute53]:
    with moto_route53(monkeypatch) as r53:
        zone_id = r53.create_zone(ZONE)
        r53.put_alias(zone_id, f"app.{ZONE}", "d111.cloudfront.net", target_zone="Z2FDTNDATAQYW2")
        yield r53


CNAME = Record("CNAME", f"app.{ZONE}", "e.customeriomail.com", 300)


def test_route53_plugin_never_sends_a_cname_beside_an_alias(route53: MotoRoute53) -> None:
    provider = Route53Provider({})
    provider.max_attempts = 1
    with pytest.raises(ProviderError, match="already has a Route 53 alias A record set") as info:
        provider.apply(ZONE, [create(CNAME)])
    assert info.value.title == "CNAME beside other records"
    assert route53.proxy.write_requests == 0


def test_route53_fake_refuses_a_cname_beside_an_alias_as_aws_does(route53: MotoRoute53) -> None:
    import boto3
    from botocore.exceptions import ClientError

    client = boto3.client("route53", region_name="us-east-1", endpoint_url=route53.url)
    zone_id = Route53Provider({}).zone_id(ZONE)
    with pytest.raises(ClientError, match="InvalidChangeBatch"):
        client.change_resource_record_sets(
            HostedZoneId=zone_id,
            ChangeBatch={
                "Changes": [
                    {
                        "Action": "UPSERT",
                        "ResourceRecordSet": {
                            "Name": f"app.{ZONE}.",
                            "Type": "CNAME",
                            "TTL": 300,
                            "ResourceRecords": [{"Value": "e.customeriomail.com."}],
                        },
                    }
                ]
            },
        )
