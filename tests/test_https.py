"""The HTTPS step end to end: ACM and CloudFront on moto's server, records through BIND.

Real boto3 talks to moto behind the proxy in tests/fakes/moto_server.py (which answers as AWS
where moto is looser); records go through the rfc2136 provider to a real BIND, and the HTTPS
check runs against a local server with a test CA.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from providers.rfc2136 import Rfc2136Provider
from tests.fakes.bind import BindServer
from tests.fakes.moto_server import MotoAws
from wizard.app import https
from wizard.app.https import HttpsOutcome
from wizard.https.aws import Aws
from wizard.https.distribution import ALL_VIEWER, CACHING_DISABLED
from wizard.https.ledger import runs
from wizard.https.progress import Progress, Waits
from wizard.journal import Journal
from wizard.model.records import Record
from wizard.readiness import Reach
from wizard.rollback import latest_revertible
from wizard.vendors import load_profile

ZONE = "example.test"
HOST = f"links.{ZONE}"  # the name tests/https_fixtures.py's stand-in edge has a certificate for
FAST = Waits(poll=0.0)

#: The moto, test CA and stand-in edge fixtures.
pytest_plugins = ["tests.https_fixtures"]


def rfc2136(bind: BindServer) -> Rfc2136Provider:
    return Rfc2136Provider(
        {"server": bind.server, "key_name": bind.key_name, "key_secret": bind.key_secret}
    )


def set_up(
    provider: Any,
    reach: Reach,
    events: list[Progress] | None = None,
    *,
    host: str = HOST,
    vendor: str = "pendo-us",
    **kwargs: Any,
) -> HttpsOutcome:
    """HTTPS for `host` in ZONE through `provider`; keyword arguments replace the defaults."""
    seen = events if events is not None else []
    options: dict[str, Any] = {
        "journal": Journal(),
        "aws": Aws(),
        "report": seen.append,
        "reach": reach,
        "waits": FAST,
    }
    options.update(kwargs)
    return https.set_up_https(host, ZONE, load_profile(vendor), provider, **options)


def revert_all(provider: Any = None) -> https.HttpsRevertOutcome:
    run = https.run_to_revert(Journal())
    assert run is not None
    plan = https.review_revert(run, Journal(), provider=provider)
    try:
        return https.revert_https(plan, Journal(), waits=FAST)
    finally:
        plan.close()


def nothing_left(aws: MotoAws, bind: BindServer | None = None) -> None:
    """No certificate, no distribution, and (with `bind`) none of the CNAMEs the journal says
    the wizard wrote (the validation record and the host's) is still in DNS."""
    assert aws.certificates() == []
    assert aws.distributions() == []
    if bind is not None:
        assert bind.texts(HOST, "CNAME") == []
        for record in written_records():
            if record.type == "CNAME":
                assert bind.texts(record.name, "CNAME") == [], record


def written_records() -> list[Record]:
    """Every record the journal says the wizard wrote: the names come from the product."""
    return [
        change.new
        for applied in Journal().applies()
        for change in applied.changes
        if change.new is not None
    ]


def acm_validation(aws: MotoAws, arn: str) -> tuple[str, str]:
    """The validation CNAME (name, target) ACM asks for: what the wizard must write."""
    certificate = aws.acm().describe_certificate(CertificateArn=arn)["Certificate"]
    (option,) = certificate["DomainValidationOptions"]
    record = option["ResourceRecord"]
    return str(record["Name"]).rstrip("."), str(record["Value"]).rstrip(".")


def journal_lines(data_dir: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in (data_dir / "journal.jsonl").read_text().splitlines()]


def test_set_up_then_revert_leaves_nothing(
    aws: MotoAws, bind: BindServer, reach: Reach, data_dir: Path
) -> None:
    # ACM's first answer has no validation record yet, and it stays pending for 4 answers:
    # the record's wait sees 2 of them, the issue wait the other 2.
    aws.proxy.acm_records_hidden = 1
    aws.proxy.acm_pending_polls = 4
    aws.deploy_after(2)
    events: list[Progress] = []
    outcome = set_up(rfc2136(bind), reach, events)
    assert outcome.ok, outcome.error
    assert outcome.certificate_arn and outcome.certificate_arn.startswith("arn:aws:acm:us-east-1:")
    assert outcome.distribution_domain and outcome.distribution_domain.endswith(".cloudfront.net")
    # the validation CNAME ACM asked for and the host's CNAME went through the DNS host
    validation, target = acm_validation(aws, outcome.certificate_arn)
    assert validation.endswith(f".{HOST}") and target.endswith(".acm-validations.aws")
    assert bind.texts(validation, "CNAME") == [target + "."]
    assert bind.texts(HOST, "CNAME") == [outcome.distribution_domain + "."]
    assert [(r.type, r.name) for r in outcome.records] == [("CNAME", validation), ("CNAME", HOST)]
    assert outcome.written == outcome.records
    # each wait reported its progress until done, step by step and in order
    steps = [e.step for e in events]
    assert steps.index("issued") < steps.index("distribution") < steps.index("deployed")
    texts = [e.text for e in events]
    assert sum("PENDING_VALIDATION" in t for t in texts) == 2
    assert sum("name the validation record" in t for t in texts) == 1
    assert sum("InProgress" in t for t in texts) >= 1
    assert outcome.readiness is not None and outcome.readiness.status == "ok"
    assert outcome.next_steps and "verification email" in outcome.next_steps[0]

    (dist,) = aws.distributions()
    config = dist["DistributionConfig"]
    origin = config["Origins"]["Items"][0]
    assert origin["DomainName"] == "r.us-east-1.awstrack.me"
    assert origin["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"
    behavior = config["DefaultCacheBehavior"]
    assert behavior["ViewerProtocolPolicy"] == "redirect-to-https"
    assert (behavior["CachePolicyId"], behavior["OriginRequestPolicyId"]) == (
        CACHING_DISABLED,
        ALL_VIEWER,
    )
    assert config["Aliases"]["Items"] == [HOST]
    viewer = config["ViewerCertificate"]
    assert viewer["ACMCertificateArn"] == outcome.certificate_arn
    assert (viewer["SSLSupportMethod"], viewer["MinimumProtocolVersion"]) == (
        "sni-only",
        "TLSv1.2_2021",
    )
    assert config["CallerReference"] == f"tracking-wizard-{outcome.run_id}"

    # every resource was journalled as an intent before the line naming it
    resources = [
        (e["resource"], e["state"]) for e in journal_lines(data_dir) if e["kind"] == "resource"
    ]
    for kind in ("certificate", "distribution"):
        assert resources.index((kind, "intent")) < resources.index((kind, "created"))
    # the run's record writes are the run's: a plain revert of "the latest apply" skips them
    assert latest_revertible(Journal()) is None

    result = revert_all(rfc2136(bind))
    assert result.ok, result.error
    nothing_left(aws, bind)
    deletes = [c for c in aws.proxy.calls if c[1] in ("UpdateDistribution", "DeleteDistribution")]
    assert [op for _, op, _ in deletes] == ["UpdateDistribution", "DeleteDistribution"]
    assert deletes[1][2]  # deleted with the ETag (the proxy refuses a stale one, as AWS does)
    (run,) = runs(Journal())
    assert run.status == "reverted"
    assert https.run_to_revert(Journal()) is None


def test_a_retry_after_a_lost_answer_makes_no_second_distribution(
    aws: MotoAws, bind: BindServer, reach: Reach
) -> None:
    # CloudFront makes the distribution but the answer never arrives; botocore retries, and
    # CloudFront says the caller reference is taken: the run finds its own distribution.
    aws.proxy.inject("ServiceUnavailable", status=503, operation="CreateDistribution", lost=True)
    outcome = set_up(rfc2136(bind), reach)
    assert outcome.ok, outcome.error
    assert len(aws.distributions()) == 1
    assert [op for _, op, _ in aws.proxy.calls].count("CreateDistribution") == 2


def test_a_failed_run_continues_where_it_stopped(
    aws: MotoAws, bind: BindServer, reach: Reach
) -> None:
    aws.proxy.inject("AccessDenied", status=403, operation="CreateDistribution")
    failed = set_up(rfc2136(bind), reach)
    assert not failed.ok and failed.run_id is not None
    assert "cloudfront:CreateDistribution" in str(failed.error)
    assert len(aws.certificates()) == 1 and aws.distributions() == []
    (run,) = runs(Journal())
    assert run.distribution is not None and run.distribution.state == "intent"

    again = set_up(rfc2136(bind), reach)
    assert again.ok, again.error
    assert again.run_id == failed.run_id
    assert len(aws.certificates()) == 1 and len(aws.distributions()) == 1
    assert [op for _, op, _ in aws.proxy.calls].count("RequestCertificate") == 1
    assert again.written == again.records[1:]  # only the host's record was still missing
    assert revert_all(rfc2136(bind)).ok
    nothing_left(aws, bind)


def test_revert_of_a_failed_run_removes_what_it_made(
    aws: MotoAws, bind: BindServer, reach: Reach
) -> None:
    aws.proxy.inject("AccessDenied", status=403, operation="CreateDistribution")
    failed = set_up(rfc2136(bind), reach)
    assert failed.run_id is not None and not failed.ok
    (validation,) = written_records()  # the validation CNAME, and not yet the host's
    assert bind.texts(validation.name, "CNAME") == [validation.value + "."]
    run = https.run_to_revert(Journal(), run_id=failed.run_id)
    assert run is not None
    plan = https.review_revert(run, Journal(), provider=rfc2136(bind))
    assert [line.split()[0] for line in plan.lines] == ["delete", "delete"]  # cert, record
    assert https.revert_https(plan, Journal(), waits=FAST).ok
    plan.close()
    nothing_left(aws, bind)


def test_an_alias_another_distribution_has_stops_before_anything_is_made(
    aws: MotoAws, bind: BindServer, reach: Reach
) -> None:
    other = aws.acm().request_certificate(DomainName=HOST, ValidationMethod="DNS")
    config = {
        "CallerReference": "someone-else",
        "Aliases": {"Quantity": 1, "Items": [HOST]},
        "Comment": "",
        "Enabled": True,
        "Origins": {
            "Quantity": 1,
            "Items": [
                {
                    "Id": "o",
                    "DomainName": "origin.example.net",
                    "CustomOriginConfig": {
                        "HTTPPort": 80,
                        "HTTPSPort": 443,
                        "OriginProtocolPolicy": "https-only",
                    },
                }
            ],
        },
        "DefaultCacheBehavior": {"TargetOriginId": "o", "ViewerProtocolPolicy": "allow-all"},
        "ViewerCertificate": {"ACMCertificateArn": other["CertificateArn"]},
    }
    aws.cloudfront().create_distribution(DistributionConfig=config)
    outcome = set_up(rfc2136(bind), reach)
    assert outcome.error is not None and "already answers for" in str(outcome.error)
    assert outcome.run_id is None and runs(Journal()) == []
    assert "RequestCertificate" not in [op for _, op, _ in aws.proxy.calls]


def test_other_records_at_the_host_stop_everything(
    aws: MotoAws, bind: BindServer, reach: Reach
) -> None:
    bind.replace_sets(ZONE, {})  # BIND already serves www as an A record
    outcome = set_up(rfc2136(bind), reach, host=f"www.{ZONE}", vendor="pendo-eu")
    assert outcome.refused and "already has A records" in str(outcome.error)
    assert aws.proxy.calls == [] or all(op != "RequestCertificate" for _, op, _ in aws.proxy.calls)
    assert aws.certificates() == []


def test_an_existing_cname_is_replaced_only_with_a_yes_and_restored_on_revert(
    aws: MotoAws, start_bind: Callable[[dict[str, str]], BindServer], reach: Reach
) -> None:
    from tests.fakes.bind import EXAMPLE_ZONE

    bind = start_bind({ZONE: EXAMPLE_ZONE + "links IN CNAME r.us-east-1.awstrack.me.\n"})
    refused = set_up(rfc2136(bind), reach)
    assert refused.refused and "--replace" in str(refused.error)
    assert aws.certificates() == []
    outcome = set_up(rfc2136(bind), reach, confirm_replace=True)
    assert outcome.ok, outcome.error
    assert bind.texts(HOST, "CNAME") == [f"{outcome.distribution_domain}."]
    assert revert_all(rfc2136(bind)).ok
    assert aws.certificates() == [] and aws.distributions() == []
    assert bind.texts(HOST, "CNAME") == ["r.us-east-1.awstrack.me."]


def test_preview_says_what_would_be_made_and_reads_only(aws: MotoAws, bind: BindServer) -> None:
    seen = https.preview(HOST, ZONE, load_profile("pendo-eu"), rfc2136(bind), Journal())
    assert seen.ok and seen.target is not None
    assert seen.target.origin == "r.eu-west-1.awstrack.me"
    assert any("us-east-1" in line for line in seen.lines)
    assert any("r.eu-west-1.awstrack.me over HTTPS" in line for line in seen.lines)
    assert aws.proxy.calls == []


def test_offer_follows_the_vendor_profile() -> None:
    assert https.offer(load_profile("pendo-us")).offered
    assert https.offer(load_profile("pendo-us")).confirm is None
    customerio = https.offer(load_profile("customerio-eu"))
    assert customerio.offered and customerio.confirm and "2025-10-07" in customerio.confirm
    assert "unproxied" in customerio.reason and "track-eu.customer.io" in customerio.reason
    assert not https.offer(load_profile("generic")).offered


def test_customerio_facts_per_region() -> None:
    for profile_id, origin, target in (
        ("customerio-us", "track.customer.io", "e.customeriomail.com"),
        ("customerio-eu", "track-eu.customer.io", "e-eu.customeriomail.com"),
    ):
        cdn = load_profile(profile_id).cdn
        assert cdn is not None
        assert (cdn.needed, cdn.origin, cdn.vendor_certificate_since) == (
            "older-domains",
            origin,
            "2025-10-07",
        )
        assert target in cdn.summary and "Proxy status off" in cdn.summary
    for profile_id in ("pendo-us", "pendo-eu"):
        profile = load_profile(profile_id)
        assert profile.cdn is not None and profile.cdn.needed == "always"
        assert profile.cdn.origin == profile.cdn_origin and profile.cdn.origin_https
