"""The ACM certificate for the tracking host: requested in us-east-1, validated through DNS.

Requests carry an idempotency token and a tag derived from the run id, so a retry or a revert
after a crash finds the certificate a run made even when the journal never heard its ARN.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from wizard.https.aws import CLOUDFRONT_REGION, AwsError, call, call_unless_gone, still_there
from wizard.https.progress import Report, Waits, wait_for
from wizard.model.errors import UsageError, WizardError
from wizard.model.names import normalize_name
from wizard.model.records import Record
from wizard.readiness import covers

log = logging.getLogger(__name__)

#: The tag every certificate of a run carries: its value is the run id.
RUN_TAG = "tracking-wizard-run"
#: RFC 5280 limits a certificate's common name to 64 characters.
MAX_COMMON_NAME = 64
VALIDATION_TTL = 300
FAILED = frozenset({"FAILED", "VALIDATION_TIMED_OUT", "REVOKED", "EXPIRED", "INACTIVE"})
#: ACM's error code for a certificate that does not exist (any more).
GONE = "ResourceNotFoundException"


class CertificateRefused(WizardError, title="Certificate not usable"):
    """The certificate cannot serve the host through CloudFront; checked before AWS is asked."""


@dataclass(frozen=True)
class Certificate:
    """What ACM says about one certificate, in our terms."""

    arn: str
    domain: str
    status: str
    names: tuple[str, ...]
    #: The DNS records that prove control of each name (CNAMEs), once ACM has made them.
    validation: tuple[Record, ...] = ()

    @property
    def region(self) -> str:
        return region_of(self.arn)

    @property
    def issued(self) -> bool:
        return self.status == "ISSUED"


def region_of(arn: str) -> str:
    """`arn:aws:acm:REGION:ACCOUNT:certificate/ID` -> REGION ('' when not an ARN)."""
    parts = arn.split(":")
    return parts[3] if len(parts) > 5 else ""


def token_for(run_id: str) -> str:
    """ACM's idempotency token (word characters, at most 32) for a run."""
    return re.sub(r"\W", "", run_id)[:32] or "trackingwizard"


def check_host(host: str) -> None:
    if len(normalize_name(host)) > MAX_COMMON_NAME:
        raise UsageError(
            f"{host} is longer than the {MAX_COMMON_NAME} characters a certificate's name may "
            "have. Choose a shorter tracking host."
        )


def check_usable(cert: Certificate, host: str) -> None:
    """Refuse what CloudFront would refuse (and moto would not): region, status, coverage."""
    host = normalize_name(host)
    if cert.region != CLOUDFRONT_REGION:
        raise CertificateRefused(
            f"The certificate {cert.arn} is in {cert.region or 'an unknown region'}; CloudFront "
            f"only uses certificates from {CLOUDFRONT_REGION} (US East, N. Virginia)."
        )
    if not any(covers(normalize_name(name), host) for name in cert.names):
        shown = ", ".join(cert.names) or "no names"
        raise CertificateRefused(
            f"The certificate {cert.arn} covers {shown}, not {host}. CloudFront only accepts an "
            "alternate domain name that its certificate covers."
        )
    if not cert.issued:
        raise CertificateRefused(
            f"The certificate for {host} is {cert.status}, not ISSUED yet; CloudFront needs an "
            "issued certificate."
        )


def _from_description(data: dict[str, Any]) -> Certificate:
    validation: list[Record] = []
    for option in data.get("DomainValidationOptions") or []:
        rr = option.get("ResourceRecord")
        if rr and rr.get("Type") == "CNAME":
            record = Record(
                "CNAME", normalize_name(rr["Name"]), normalize_name(rr["Value"]), VALIDATION_TTL
            )
            if record not in validation:
                validation.append(record)
    names = tuple(data.get("SubjectAlternativeNames") or [data.get("DomainName", "")])
    return Certificate(
        arn=str(data["CertificateArn"]),
        domain=normalize_name(str(data.get("DomainName", ""))),
        status=str(data.get("Status", "")),
        names=tuple(normalize_name(n) for n in names if n),
        validation=tuple(validation),
    )


def describe(acm: Any, arn: str) -> Certificate | None:
    """The certificate now, or None when it does not exist (any more)."""
    answer = call_unless_gone(acm, "acm", "describe_certificate", GONE, CertificateArn=arn)
    return None if answer is None else _from_description(answer["Certificate"])


def request(acm: Any, host: str, run_id: str) -> str:
    """Ask ACM for a DNS-validated certificate for `host`; returns its ARN."""
    check_host(host)
    answer = call(
        acm,
        "acm",
        "request_certificate",
        DomainName=normalize_name(host),
        ValidationMethod="DNS",
        IdempotencyToken=token_for(run_id),
        Tags=[{"Key": RUN_TAG, "Value": run_id}],
    )
    arn = str(answer["CertificateArn"])
    log.info("requested certificate %s for %s", arn, host)
    return arn


def find_ours(acm: Any, host: str, run_id: str) -> list[str]:
    """ARNs of certificates for `host` tagged with this run (a request whose answer was lost)."""
    host = normalize_name(host)
    found: list[str] = []
    kwargs: dict[str, Any] = {}
    while True:
        page = call(acm, "acm", "list_certificates", **kwargs)
        for summary in page.get("CertificateSummaryList", []):
            if normalize_name(str(summary.get("DomainName", ""))) != host:
                continue
            arn = str(summary["CertificateArn"])
            tags = call(acm, "acm", "list_tags_for_certificate", CertificateArn=arn)
            if any(t.get("Key") == RUN_TAG and t.get("Value") == run_id for t in tags["Tags"]):
                found.append(arn)
        if not page.get("NextToken"):
            return found
        kwargs = {"NextToken": page["NextToken"]}


def wait_for_records(acm: Any, arn: str, report: Report, waits: Waits) -> Certificate:
    """ACM makes the validation records a few seconds after the request: wait for them."""

    gone = f"The certificate {arn} disappeared while waiting for it."
    return wait_for(
        still_there(lambda: describe(acm, arn), gone),
        lambda c: bool(c.validation),
        lambda c, s: f"Waiting for ACM to name the validation record ({s:.0f} s)…",
        step="certificate",
        report=report,
        waits=waits,
        limit=min(waits.certificate, 600.0),
        too_long="ACM has not named the validation record yet. Run the same command again.",
    )


def wait_issued(acm: Any, arn: str, report: Report, waits: Waits) -> Certificate:
    """Poll until ACM says ISSUED; a failed validation is an error with ACM's status."""

    def read() -> Certificate:
        cert = describe(acm, arn)
        if cert is None:
            raise AwsError(f"The certificate {arn} disappeared while waiting for it.")
        if cert.status in FAILED:
            raise AwsError(
                f"ACM could not issue the certificate for {cert.domain} ({cert.status}). "
                "Revert this run, check the validation record is served, and start again.",
                title="Certificate not issued",
            )
        return cert

    return wait_for(
        read,
        lambda c: c.issued,
        lambda c, s: f"Waiting for ACM to issue the certificate ({c.status}, {s:.0f} s)…",
        step="issued",
        report=report,
        waits=waits,
        limit=waits.certificate,
        too_long="ACM has not issued the certificate yet; it can take a while after the "
        "validation record is served. Run the same command again later: it continues.",
    )


def delete(acm: Any, arn: str) -> bool:
    """Delete the certificate; False when it was already gone."""
    try:
        call(acm, "acm", "delete_certificate", CertificateArn=arn)
    except AwsError as err:
        if err.code == GONE:
            return False
        if err.code == "ResourceInUseException":
            raise AwsError(
                f"The certificate {arn} is still used by a CloudFront distribution. Run revert "
                "again once the distribution is deleted.",
                code=err.code,
                title="Certificate in use",
            ) from None
        raise
    return True
