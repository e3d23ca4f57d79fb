"""Route 53 as the DNS host: the validation CNAME through the provider, the host an alias."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from providers.readback import ReadBackMismatch
from providers.route53 import Route53Provider
from providers.route53_sets import decode_name
from tests.fakes.moto_server import MotoAws
from tests.test_https import FAST, HOST, ZONE, acm_validation, revert_all, set_up
from wizard.app import https
from wizard.https.aws import Aws
from wizard.https.distribution import CLOUDFRONT_ZONE_ID
from wizard.https.progress import Progress
from wizard.journal import Journal
from wizard.readiness import Reach
from wizard.vendors import load_profile

#: The moto, test CA and stand-in edge fixtures.
pytest_plugins = ["tests.https_fixtures"]


@pytest.fixture
def zone_id(aws: MotoAws) -> str:
    zid = aws.create_zone(ZONE)
    aws.put(zid, ZONE, "TXT", ['"v=spf1 -all"'])
    return zid


def route53() -> Route53Provider:
    provider = Route53Provider({})
    provider.poll_interval = 0.0
    return provider


def sets_at(aws: MotoAws, zone_id: str, name: str) -> dict[str, dict[str, object]]:
    return {s["Type"]: s for s in aws.rrsets(zone_id) if decode_name(s["Name"]) == name}


def test_alias_a_and_aaaa_to_cloudfront_then_revert(
    aws: MotoAws, zone_id: str, reach: Reach
) -> None:
    outcome = set_up(route53(), reach, vendor="pendo-eu")
    assert outcome.ok, outcome.error
    at_host = sets_at(aws, zone_id, HOST)
    assert sorted(at_host) == ["A", "AAAA"]
    for rrset in at_host.values():
        assert rrset["AliasTarget"] == {
            "HostedZoneId": CLOUDFRONT_ZONE_ID,
            "DNSName": f"{outcome.distribution_domain}.",
            "EvaluateTargetHealth": False,
        }
    assert outcome.certificate_arn is not None
    name, target = acm_validation(aws, outcome.certificate_arn)
    validation = sets_at(aws, zone_id, name)
    assert list(validation) == ["CNAME"]
    assert validation["CNAME"]["ResourceRecords"] == [{"Value": target + "."}]
    assert [a.to_json()["type"] for a in outcome.aliases] == ["A", "AAAA"]
    assert [(r.type, r.name) for r in outcome.records] == [("CNAME", name)]

    run = https.run_to_revert(Journal())
    assert run is not None
    plan = https.review_revert(run, Journal())
    assert plan.lines[:2] == [
        f"delete {HOST} A alias {outcome.distribution_domain}",
        f"delete {HOST} AAAA alias {outcome.distribution_domain}",
    ]
    assert https.revert_https(plan, Journal(), waits=FAST).ok
    plan.close()
    assert sets_at(aws, zone_id, HOST) == {}
    assert sets_at(aws, zone_id, name) == {}
    assert aws.certificates() == [] and aws.distributions() == []
    assert "TXT" in sets_at(aws, zone_id, ZONE)


def test_a_cname_at_the_host_is_swapped_for_the_alias_in_one_batch_and_restored(
    aws: MotoAws, zone_id: str, reach: Reach
) -> None:
    aws.put(zone_id, HOST, "CNAME", ["r.eu-west-1.awstrack.me."], ttl=600)
    refused = set_up(route53(), reach, vendor="pendo-eu")
    assert refused.refused and aws.certificates() == []
    outcome = set_up(route53(), reach, vendor="pendo-eu", confirm_replace=True)
    assert outcome.ok, outcome.error
    assert sorted(sets_at(aws, zone_id, HOST)) == ["A", "AAAA"]
    assert revert_all().ok
    back = sets_at(aws, zone_id, HOST)
    assert list(back) == ["CNAME"]
    assert back["CNAME"]["ResourceRecords"] == [{"Value": "r.eu-west-1.awstrack.me."}]
    assert back["CNAME"]["TTL"] == 600


def test_the_alias_is_read_back_and_confirmed_both_ways(
    aws: MotoAws, zone_id: str, reach: Reach
) -> None:
    aws.put(zone_id, HOST, "CNAME", ["r.eu-west-1.awstrack.me."], ttl=600)
    events: list[Progress] = []
    outcome = set_up(route53(), reach, events, vendor="pendo-eu", confirm_replace=True)
    assert outcome.ok, outcome.error
    said = [e.text for e in events if e.text.startswith("Confirmed at Amazon Route 53")]
    assert said == [
        f"Confirmed at Amazon Route 53: the alias A and AAAA for {HOST} point at "
        f"{outcome.distribution_domain}, exactly as planned"
    ]
    events.clear()
    run = https.run_to_revert(Journal())
    assert run is not None
    plan = https.review_revert(run, Journal())
    assert https.revert_https(plan, Journal(), waits=FAST, report=events.append).ok
    plan.close()
    said = [e.text for e in events if e.text.startswith("Confirmed at Amazon Route 53")]
    assert said == [
        f"Confirmed at Amazon Route 53: the alias A and AAAA for {HOST} are gone, and 1 put "
        "back as it was, exactly as planned"
    ]


def test_an_alias_route_53_stores_otherwise_fails_the_step_and_is_reverted(
    aws: MotoAws, zone_id: str, reach: Reach
) -> None:
    aws.proxy.quirk = "alias-target"
    outcome = set_up(route53(), reach, vendor="pendo-eu")
    aws.proxy.quirk = None
    assert not outcome.ok
    assert isinstance(outcome.error, ReadBackMismatch), outcome.error
    message = str(outcome.error)
    assert "Amazon Route 53 accepted the change but does not hold exactly what was planned" in (
        message
    )
    assert f"{HOST} A alias " in message and "Route 53 holds an alias to d0ther0000000" in message
    assert revert_all().ok
    assert sets_at(aws, zone_id, HOST) == {}
    assert aws.certificates() == [] and aws.distributions() == []


def test_an_alias_to_something_else_stops_everything(
    aws: MotoAws, zone_id: str, reach: Reach
) -> None:
    aws.put_alias(zone_id, HOST, "dother.cloudfront.net.", target_zone=CLOUDFRONT_ZONE_ID)
    seen = https.preview(HOST, ZONE, load_profile("pendo-us"), route53(), Journal())
    assert seen.conflicts and "alias A to dother.cloudfront.net" in seen.conflicts[0]
    outcome = set_up(route53(), reach)
    assert outcome.refused and aws.certificates() == []


def policy_actions() -> set[str]:
    """The actions of the IAM policy in the README."""
    text = (Path(__file__).parent.parent / "README.md").read_text()
    block = text.split("<!-- iam-policy:", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    policy = json.loads(block)
    return {action for statement in policy["Statement"] for action in statement["Action"]}


def test_the_readme_policy_lists_exactly_the_calls_made(
    aws: MotoAws, zone_id: str, reach: Reach
) -> None:
    # a run whose certificate answer was lost (found again by its tag), Route 53 still syncing,
    # and a revert: every code path that calls AWS
    aws.proxy.inject("ServiceUnavailable", status=503, operation="RequestCertificate", lost=True)
    aws.proxy.pending_polls = 1
    first = set_up(route53(), reach, aws=Aws(max_attempts=1))
    assert not first.ok and first.run_id is not None
    assert set_up(route53(), reach).ok
    assert revert_all().ok
    # tagging a certificate on request needs acm:AddTagsToCertificate too
    assert aws.operations() | {"acm:AddTagsToCertificate"} == policy_actions()
