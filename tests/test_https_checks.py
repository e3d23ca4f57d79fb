"""Where moto is looser than AWS, our own checks refuse first, without asking AWS to.

moto lets a distribution use a certificate that does not cover its alias, or one from outside
us-east-1; CloudFront does not. These tests count the requests the proxy saw, so they pass only
when the refusal is ours.
"""

from __future__ import annotations

import pytest

from tests.fakes.moto_server import MotoAws
from wizard.https import certificate, distribution
from wizard.https.aws import Aws, AwsDenied, AwsError, action_name
from wizard.https.certificate import Certificate, CertificateRefused, check_usable
from wizard.https.progress import Progress, Waits, WaitTimeout, wait_for
from wizard.model.errors import UsageError

HOST = "links.example.test"

#: The moto fixture.
pytest_plugins = ["tests.https_fixtures"]
US = "arn:aws:acm:us-east-1:123456789012:certificate/1"
EU = "arn:aws:acm:eu-west-1:123456789012:certificate/1"


def create(cert: Certificate) -> distribution.Distribution:
    return distribution.create(
        Aws().cloudfront(),
        HOST,
        "r.us-east-1.awstrack.me",
        origin_https=True,
        certificate=cert,
        reference="ref",
    )


def test_a_certificate_that_does_not_cover_the_alias_is_refused(aws: MotoAws) -> None:
    acm = Aws().acm()
    arn = certificate.request(acm, "other.example.test", "run-1")
    cert = certificate.describe(acm, arn)
    assert cert is not None and cert.issued  # moto issues at once and would accept it
    with pytest.raises(CertificateRefused, match="covers other.example.test, not links"):
        create(cert)
    assert "CreateDistribution" not in [op for _, op, _ in aws.proxy.calls]
    assert aws.distributions() == []


def test_a_certificate_outside_us_east_1_is_refused(aws: MotoAws) -> None:
    eu = aws.acm("eu-west-1")
    arn = eu.request_certificate(DomainName=HOST, ValidationMethod="DNS")["CertificateArn"]
    data = eu.describe_certificate(CertificateArn=arn)["Certificate"]
    cert = certificate._from_description(data)
    assert cert.region == "eu-west-1" and cert.issued
    with pytest.raises(CertificateRefused, match="only uses certificates from us-east-1"):
        create(cert)
    assert "CreateDistribution" not in [op for _, op, _ in aws.proxy.calls]


def test_our_client_asks_acm_in_us_east_1_whatever_the_default_region(
    aws: MotoAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    arn = certificate.request(Aws().acm(), HOST, "run-2")
    assert certificate.region_of(arn) == "us-east-1"


def test_checks_without_aws() -> None:
    issued = Certificate(US, HOST, "ISSUED", (HOST,))
    check_usable(issued, HOST)
    check_usable(Certificate(US, "*.example.test", "ISSUED", ("*.example.test",)), HOST)
    with pytest.raises(CertificateRefused, match="not ISSUED"):
        check_usable(Certificate(US, HOST, "PENDING_VALIDATION", (HOST,)), HOST)
    with pytest.raises(CertificateRefused, match="eu-west-1"):
        check_usable(Certificate(EU, HOST, "ISSUED", (HOST,)), HOST)
    with pytest.raises(CertificateRefused, match="covers"):
        check_usable(
            Certificate(US, "*.links.example.test", "ISSUED", ("*.links.example.test",)), HOST
        )
    with pytest.raises(UsageError, match="64"):
        certificate.check_host("a" * 60 + ".example.test")


def test_the_run_tag_finds_a_certificate_whose_answer_was_lost(aws: MotoAws) -> None:
    aws.proxy.inject("ServiceUnavailable", status=503, operation="RequestCertificate", lost=True)
    acm = Aws(max_attempts=1).acm()
    with pytest.raises(AwsError, match="server error"):
        certificate.request(acm, HOST, "run-3")
    (found,) = certificate.find_ours(acm, HOST, "run-3")
    assert certificate.find_ours(acm, HOST, "run-4") == []
    assert certificate.delete(acm, found) and not certificate.delete(acm, found)


def test_a_certificate_in_use_is_not_deleted(aws: MotoAws) -> None:
    acm = Aws().acm()
    cert = certificate.describe(acm, certificate.request(acm, HOST, "run-5"))
    assert cert is not None
    made = create(cert)
    with pytest.raises(AwsError, match="still used by a CloudFront distribution"):
        certificate.delete(acm, cert.arn)
    cloudfront = Aws().cloudfront()
    assert distribution.disable(cloudfront, made.id) is not None
    ready = distribution.wait_deployed(cloudfront, made.id, lambda _e: None, Waits(poll=0))
    assert distribution.delete(cloudfront, ready)
    assert certificate.delete(acm, cert.arn)


def test_errors_are_sentences_naming_the_iam_action(aws: MotoAws) -> None:
    aws.proxy.inject("AccessDeniedException", status=400, operation="ListCertificates")
    with pytest.raises(AwsDenied, match="acm:ListCertificates") as caught:
        certificate.find_ours(Aws().acm(), HOST, "run-6")
    assert "README" in str(caught.value)
    assert action_name("get_distribution_config") == "GetDistributionConfig"


def test_a_wait_reports_each_poll_and_gives_up_with_a_sentence() -> None:
    now = [0.0]
    events: list[Progress] = []

    def sleep(seconds: float) -> None:
        now[0] += 10.0

    waits = Waits(poll=10.0, sleep=sleep, clock=lambda: now[0])
    with pytest.raises(WaitTimeout, match="run again"):
        wait_for(
            lambda: "InProgress",
            lambda value: value == "Deployed",
            lambda value, seconds: f"{value} {seconds:.0f}",
            step="deployed",
            report=events.append,
            waits=waits,
            limit=30.0,
            too_long="Not yet: run again.",
        )
    assert [e.text for e in events] == [
        "InProgress 0",
        "InProgress 10",
        "InProgress 20",
        "InProgress 30",
    ]
