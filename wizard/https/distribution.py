"""The CloudFront distribution in front of the vendor's tracking origin.

Caching is off (managed CachingDisabled policy) and every viewer header, the Host header above
all, reaches the origin (managed AllViewer policy): the vendor tells tracked links apart by it.
The caller reference is derived from the run id, so a retry finds the distribution it made.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from wizard.https.aws import AwsError, call, call_unless_gone, still_there
from wizard.https.certificate import Certificate, check_usable
from wizard.https.progress import Report, Step, Waits, wait_for
from wizard.model.errors import WizardError
from wizard.model.names import normalize_name

log = logging.getLogger(__name__)

#: AWS's managed cache policy "CachingDisabled".
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
#: AWS's managed origin request policy "AllViewer": every viewer header, Host included.
ALL_VIEWER = "216adef6-5c7f-47e4-b989-5492eafa07d3"
#: The hosted zone id of every CloudFront domain, for Route 53 alias records.
CLOUDFRONT_ZONE_ID = "Z2FDTNDATAQYW2"
ORIGIN_ID = "vendor-tracking-origin"
MINIMUM_TLS = "TLSv1.2_2021"
#: CloudFront's error code for a distribution that does not exist (any more).
GONE = "NoSuchDistribution"


class AliasTaken(WizardError, title="Name already used by CloudFront"): ...


@dataclass(frozen=True)
class Distribution:
    """What CloudFront says about one distribution."""

    id: str
    arn: str
    domain: str
    status: str
    enabled: bool
    etag: str = ""

    @property
    def deployed(self) -> bool:
        return self.status == "Deployed"


def caller_reference(run_id: str) -> str:
    return f"tracking-wizard-{run_id}"


def build_config(
    host: str, origin: str, *, origin_https: bool, certificate_arn: str, reference: str
) -> dict[str, Any]:
    """The DistributionConfig: one custom origin, no caching, Host forwarded, SNI with TLS 1.2."""
    methods = {"Quantity": 2, "Items": ["GET", "HEAD"]}
    return {
        "CallerReference": reference,
        "Aliases": {"Quantity": 1, "Items": [normalize_name(host)]},
        "Comment": f"tracking-wizard: HTTPS for {normalize_name(host)}"[:128],
        "Enabled": True,
        "Origins": {
            "Quantity": 1,
            "Items": [
                {
                    "Id": ORIGIN_ID,
                    "DomainName": normalize_name(origin),
                    "CustomOriginConfig": {
                        "HTTPPort": 80,
                        "HTTPSPort": 443,
                        "OriginProtocolPolicy": "https-only" if origin_https else "http-only",
                        "OriginSslProtocols": {"Quantity": 1, "Items": ["TLSv1.2"]},
                    },
                }
            ],
        },
        "DefaultCacheBehavior": {
            "TargetOriginId": ORIGIN_ID,
            "ViewerProtocolPolicy": "redirect-to-https",
            "CachePolicyId": CACHING_DISABLED,
            "OriginRequestPolicyId": ALL_VIEWER,
            "AllowedMethods": {**methods, "CachedMethods": methods},
            "Compress": False,
        },
        "ViewerCertificate": {
            "CloudFrontDefaultCertificate": False,
            "ACMCertificateArn": certificate_arn,
            "SSLSupportMethod": "sni-only",
            "MinimumProtocolVersion": MINIMUM_TLS,
        },
        "PriceClass": "PriceClass_All",
        "HttpVersion": "http2",
        "IsIPV6Enabled": True,
    }


def _from(data: dict[str, Any], etag: str = "") -> Distribution:
    config = data.get("DistributionConfig") or {}
    return Distribution(
        id=str(data["Id"]),
        arn=str(data.get("ARN", "")),
        domain=normalize_name(str(data.get("DomainName", ""))),
        status=str(data.get("Status", "")),
        enabled=bool(config.get("Enabled", data.get("Enabled", True))),
        etag=etag,
    )


def get(cloudfront: Any, distribution_id: str) -> Distribution | None:
    """The distribution now, with its ETag; None when it does not exist (any more)."""
    answer = call_unless_gone(
        cloudfront, "cloudfront", "get_distribution", GONE, Id=distribution_id
    )
    return None if answer is None else _from(answer["Distribution"], str(answer.get("ETag", "")))


def find(cloudfront: Any, host: str, reference: str) -> Distribution | None:
    """The distribution this run made for `host`, found by its alias and caller reference.

    Raises AliasTaken when another distribution already answers for `host`: CloudFront allows
    one distribution per alternate domain name.
    """
    host = normalize_name(host)
    kwargs: dict[str, Any] = {}
    while True:
        page = call(cloudfront, "cloudfront", "list_distributions", **kwargs)["DistributionList"]
        for summary in page.get("Items") or []:
            if "Aliases" in summary:
                aliases = [normalize_name(a) for a in summary["Aliases"].get("Items") or []]
                if host not in aliases:
                    continue
            answer = call(cloudfront, "cloudfront", "get_distribution_config", Id=summary["Id"])
            config = answer["DistributionConfig"]
            aliases = [normalize_name(a) for a in config.get("Aliases", {}).get("Items") or []]
            if host not in aliases:
                continue
            if config.get("CallerReference") != reference:
                raise AliasTaken(
                    f"CloudFront distribution {summary['Id']} already answers for {host}, and "
                    "this run did not make it. CloudFront allows one distribution per name: "
                    "remove the name there (or revert the run that made it) first."
                )
            return get(cloudfront, str(summary["Id"]))
        if not page.get("IsTruncated"):
            return None
        kwargs = {"Marker": page["NextMarker"]}


def create(
    cloudfront: Any,
    host: str,
    origin: str,
    *,
    origin_https: bool,
    certificate: Certificate,
    reference: str,
) -> Distribution:
    """Create the distribution, after checking the certificate as CloudFront would."""
    check_usable(certificate, host)
    config = build_config(
        host,
        origin,
        origin_https=origin_https,
        certificate_arn=certificate.arn,
        reference=reference,
    )
    try:
        answer = call(cloudfront, "cloudfront", "create_distribution", DistributionConfig=config)
    except AwsError as err:
        if err.code != "DistributionAlreadyExists":
            raise
        found = find(cloudfront, host, reference)
        if found is None:
            raise
        return found
    made = _from(answer["Distribution"], str(answer.get("ETag", "")))
    log.info("created distribution %s (%s) for %s", made.id, made.domain, host)
    return made


def wait_deployed(
    cloudfront: Any, distribution_id: str, report: Report, waits: Waits, *, step: Step = "deployed"
) -> Distribution:
    """Poll until CloudFront says Deployed; returns the distribution with its latest ETag."""

    gone = f"The CloudFront distribution {distribution_id} disappeared."
    return wait_for(
        still_there(lambda: get(cloudfront, distribution_id), gone),
        lambda d: d.deployed,
        lambda d, s: f"Waiting for CloudFront to deploy {d.id} ({d.status}, {s:.0f} s)…",
        step=step,
        report=report,
        waits=waits,
        limit=waits.distribution,
        too_long=f"CloudFront has not finished deploying {distribution_id} yet. Run the same "
        "command again later: it continues.",
    )


def disable(cloudfront: Any, distribution_id: str) -> Distribution | None:
    """Switch the distribution off (CloudFront deletes only disabled ones); None when gone."""
    answer = call_unless_gone(
        cloudfront, "cloudfront", "get_distribution_config", GONE, Id=distribution_id
    )
    if answer is None:
        return None
    config, etag = answer["DistributionConfig"], str(answer.get("ETag", ""))
    if not config.get("Enabled", True):
        return get(cloudfront, distribution_id)
    config["Enabled"] = False
    updated = call(
        cloudfront,
        "cloudfront",
        "update_distribution",
        Id=distribution_id,
        IfMatch=etag,
        DistributionConfig=config,
    )
    return _from(updated["Distribution"], str(updated.get("ETag", "")))


def delete(cloudfront: Any, distribution: Distribution) -> bool:
    """Delete a disabled, deployed distribution with its current ETag; False when gone."""
    deleted = call_unless_gone(
        cloudfront,
        "cloudfront",
        "delete_distribution",
        GONE,
        Id=distribution.id,
        IfMatch=distribution.etag,
    )
    if deleted is None:
        return False
    log.info("deleted distribution %s", distribution.id)
    return True
