"""Is a tracking host ready for links? DNS, HTTP, HSTS and the HTTPS certificate, in words.

Each check returns ok, optional, warning or failed, with one sentence on what it means and
what to do. The checks live beside this module (result, reach, web, dnschecks); this module
runs them in the order a person would fix them.
"""

from __future__ import annotations

import dns.resolver

from wizard.model.names import normalize_name
from wizard.readiness.dnschecks import certificate_authority, check_caa, check_dns, cname_target
from wizard.readiness.reach import Reach, parse_resolve
from wizard.readiness.result import CheckResult, Status
from wizard.readiness.web import (
    Hsts,
    check_hsts,
    check_http,
    check_https,
    covers,
    hsts_given_https,
    names_in,
)
from wizard.vendors import VendorProfile

__all__ = [
    "CheckResult",
    "Hsts",
    "Reach",
    "Status",
    "certificate_authority",
    "check_caa",
    "check_dns",
    "check_hsts",
    "check_http",
    "check_https",
    "check_tracking_host",
    "cname_target",
    "covers",
    "names_in",
    "parse_resolve",
]


def check_tracking_host(
    host: str,
    profile: VendorProfile,
    *,
    resolver: dns.resolver.Resolver | None = None,
    reach: Reach | None = None,
) -> list[CheckResult]:
    """Every readiness check for `host`, in the order a person would fix them."""
    host = normalize_name(host)
    reach = reach or Reach()
    results = [check_dns(host, profile, resolver or dns.resolver.Resolver())]
    results.append(check_http(host, reach))
    hsts = check_hsts(host, reach)
    https = check_https(host, reach, required=profile.https_required or hsts.status == "warning")
    results.extend([hsts_given_https(host, hsts, https), https])
    caa = check_caa(host, profile, resolver or dns.resolver.Resolver())
    return results if caa is None else [*results, caa]
