"""The DNS side of readiness: where the tracking host points, and whether CAA lets the CA in."""

from __future__ import annotations

import dns.exception
import dns.resolver

from wizard.caa import AMAZON, caa_verdict
from wizard.dnssec import validation_fails
from wizard.model.names import normalize_name
from wizard.readiness.result import CheckResult, Status
from wizard.vendors import VendorProfile
from wizard.zones import cname_chain


def certificate_authority(profile: VendorProfile) -> tuple[str, tuple[str, ...]] | None:
    """The CA the vendor's HTTPS path needs, by name and CAA issuer names: Amazon for a CDN
    through CloudFront with an ACM certificate, else the vendor's own CA when known."""
    cdn = profile.cdn
    if cdn is None or cdn.needed == "never":
        return None
    if cdn.needed == "always":
        return "Amazon (ACM)", AMAZON
    return (
        (cdn.vendor_certificate_ca, (cdn.vendor_certificate_ca,))
        if cdn.vendor_certificate_ca
        else None
    )


def check_caa(
    host: str, profile: VendorProfile, resolver: dns.resolver.Resolver
) -> CheckResult | None:
    """CAA against the CA the HTTPS path needs; None when no CA is needed or none is limited."""
    needed = certificate_authority(profile)
    verdict = None if needed is None else caa_verdict(host, needed[1], needed[0], resolver)
    if verdict is None:
        return None
    bad: Status = "failed" if profile.https_required else "warning"
    return CheckResult("caa", "ok" if verdict.ok else bad, verdict.summary, verdict.detail)


def cname_target(host: str, resolver: dns.resolver.Resolver) -> tuple[list[str], bool]:
    """The names `host` leads to through CNAMEs, and whether the last one has an address."""
    chain = list(cname_chain(host, resolver))
    current = chain[-1] if chain else host
    has_address = False
    for rdtype in ("A", "AAAA"):
        try:
            resolver.resolve(current + ".", rdtype)
            has_address = True
            break
        except dns.exception.DNSException:
            continue
    return chain, has_address


def check_dns(host: str, profile: VendorProfile, resolver: dns.resolver.Resolver) -> CheckResult:
    try:
        chain, has_address = cname_target(host, resolver)
    except dns.exception.Timeout:
        return CheckResult(
            "dns",
            "failed",
            f"No DNS server answered about {host}.",
            "Check the network, or ask a DNS resolver that answers, then try again.",
        )
    shown = " → ".join([host, *chain])
    target = profile.cname_target
    if target is not None:
        if normalize_name(target) in chain:
            return CheckResult(
                "dns", "ok", f"{host} points to {target}, as {profile.vendor} expects.", shown
            )
        if not chain:
            return CheckResult(
                "dns",
                "failed",
                f"{host} has no CNAME yet. Add a CNAME to {target}, or wait "
                "for the one you added to be published.",
                shown,
            )
        return CheckResult(
            "dns",
            "failed",
            f"{host} points to {chain[0]}, not to {target}. Change the CNAME to {target}.",
            shown,
        )
    if profile.cdn_origin and normalize_name(profile.cdn_origin) in chain[:1]:
        return CheckResult(
            "dns",
            "warning",
            f"{host} points straight at {profile.cdn_origin}. For HTTPS "
            "tracking it must point at your CDN, whose origin is that host.",
            shown,
        )
    if chain or has_address:
        return CheckResult("dns", "ok", f"{host} resolves ({shown}).", shown)
    if validation_fails(host, resolver):
        return CheckResult(
            "dns",
            "failed",
            f"{host} fails DNSSEC validation: validating resolvers answer SERVFAIL, though it "
            "answers with checking off. Waiting will not help: re-sign the zone at the DNS host "
            "or remove the DS record at the registrar.",
            shown,
        )
    return CheckResult(
        "dns",
        "failed",
        f"{host} does not resolve yet. Add its record, or wait for it to be published.",
        shown,
    )
