"""The web checks: HTTP answers, HSTS forces HTTPS or not, the certificate covers the host."""

from __future__ import annotations

import http.client
import ssl
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from wizard.readiness.reach import Reach, get, why
from wizard.readiness.result import CheckResult

EXPIRY_WARNING_DAYS = 14


def check_http(host: str, reach: Reach) -> CheckResult:
    try:
        response = get(host, reach.http_port, reach, None)
    except (OSError, http.client.HTTPException) as exc:
        return CheckResult(
            "http",
            "failed",
            f"http://{host}/ does not answer ({why(exc)}). "
            "Tracked links will not open until it does.",
        )
    location = response.headers.get("location")
    moved = f", redirecting to {location}" if location else ""
    return CheckResult(
        "http",
        "ok",
        f"http://{host}/ answers with status {response.status}{moved}.",
        f"status {response.status}{moved}",
    )


@dataclass(frozen=True)
class Hsts:
    max_age: int
    include_subdomains: bool
    preload: bool

    @classmethod
    def parse(cls, header: str) -> Hsts:
        max_age, include, preload = 0, False, False
        for part in header.split(";"):
            key, _, value = part.strip().partition("=")
            key = key.strip().lower()
            if key == "max-age" and value.strip().strip('"').isdigit():
                max_age = int(value.strip().strip('"'))
            include |= key == "includesubdomains"
            preload |= key == "preload"
        return cls(max_age, include, preload)


def _hsts_header(host: str, reach: Reach) -> tuple[Hsts | None, str | None]:
    try:
        response = get(
            host, reach.https_port, reach, ssl.create_default_context(cafile=reach.cacert)
        )
    except (OSError, http.client.HTTPException) as exc:
        return None, why(exc)
    header = response.headers.get("strict-transport-security")
    return (Hsts.parse(header) if header else None), None


def preload_status(host: str) -> bool | None:
    """Whether browsers ship `host` (or a parent with subdomains) as HTTPS-only; None if unknown."""
    try:
        import hstspreload
    except ImportError:
        return None
    return bool(hstspreload.in_hsts_preload(host))


def check_hsts(host: str, reach: Reach) -> CheckResult:
    parent = host.split(".", 1)[1] if host.count(".") >= 2 else host
    parent_hsts, parent_error = _hsts_header(parent, reach)
    host_hsts, _ = _hsts_header(host, reach)
    preloaded = preload_status(host)
    notes = []
    if parent_error:
        notes.append(f"https://{parent}/ could not be read ({parent_error}).")
    if parent_hsts:
        notes.append(
            f"{parent} sends HSTS (max-age {parent_hsts.max_age}"
            f"{', includeSubDomains' if parent_hsts.include_subdomains else ''}"
            f"{', preload' if parent_hsts.preload else ''})."
        )
    if host_hsts:
        notes.append(f"{host} itself sends HSTS.")
    if preloaded is None:
        notes.append(
            "Whether the domain is on the browsers' HSTS preload list can't be checked here."
        )
    elif preloaded:
        notes.append(f"{host} is covered by the browsers' HSTS preload list.")
    detail = " ".join(notes)
    forced = bool(
        (parent_hsts and parent_hsts.include_subdomains and parent_hsts.max_age > 0)
        or (host_hsts and host_hsts.max_age > 0)
        or preloaded
    )
    if forced:
        return CheckResult(
            "hsts",
            "warning",
            f"Browsers will only open https://{host} links: HSTS covers it. "
            "HTTP link tracking will fail, so set up HTTPS link tracking.",
            detail,
        )
    if parent_error:
        # Nothing seen is not "no HSTS": the page that would send it was not read.
        return CheckResult(
            "hsts",
            "unknown",
            f"Not known whether HSTS forces HTTPS on {host}: https://{parent}/ could not be "
            "read. If your website sends HSTS with includeSubDomains, set up HTTPS link "
            "tracking.",
            detail,
        )
    return CheckResult(
        "hsts", "ok", f"No HSTS forces HTTPS on {host}; HTTP tracked links will open.", detail
    )


def names_in(cert: Mapping[str, Any]) -> list[str]:
    return [value.lower() for kind, value in cert.get("subjectAltName", ()) if kind == "DNS"]


def covers(pattern: str, host: str) -> bool:
    """Certificate name matching: a leading `*` stands for exactly one label."""
    if pattern == host:
        return True
    if pattern.startswith("*."):
        first, _, rest = host.partition(".")
        return bool(first) and rest == pattern[2:]
    return False


def check_https(
    host: str, reach: Reach, *, required: bool, now: float | None = None
) -> CheckResult:
    def not_working(problem: str, fix: str = "") -> CheckResult:
        if required:
            return CheckResult(
                "https", "failed", f"{problem}. {fix}Tracked links must use HTTPS here."
            )
        return CheckResult(
            "https",
            "optional",
            f"HTTPS is not set up: {problem[0].lower()}{problem[1:]}. HTTP tracked links work "
            f"without it; HTTPS ones need a certificate for {host} (a proxy or CDN in front).",
        )

    try:
        sock = reach.connect(host, reach.https_port, reach.tls_context())
    except ssl.SSLCertVerificationError as exc:
        return not_working(f"The certificate of {host} is not trusted: {why(exc)}")
    except (OSError, ssl.SSLError) as exc:
        return not_working(f"https://{host}/ does not answer ({why(exc)})")
    assert isinstance(sock, ssl.SSLSocket)
    with sock:
        cert = sock.getpeercert() or {}
    names = names_in(cert)
    if not any(covers(name, host) for name in names):
        return not_working(
            f"The certificate does not cover {host} (it names {', '.join(names) or 'nothing'})",
            f"Get one that includes {host}. ",
        )
    expires = ssl.cert_time_to_seconds(str(cert["notAfter"]))
    days = (expires - (time.time() if now is None else now)) / 86400
    when = time.strftime("%Y-%m-%d", time.gmtime(expires))
    if days < EXPIRY_WARNING_DAYS:
        return CheckResult(
            "https",
            "warning",
            f"The certificate for {host} expires on {when}, "
            f"in {max(days, 0):.0f} days. Renew it soon.",
            when,
        )
    return CheckResult(
        "https",
        "ok",
        f"https://{host}/ has a trusted certificate that covers it, valid until {when}.",
        when,
    )


def hsts_given_https(host: str, hsts: CheckResult, https: CheckResult) -> CheckResult:
    """HSTS forcing HTTPS is a problem only while HTTPS does not work on the host."""
    if hsts.status != "warning" or https.status != "ok":
        return hsts
    return replace(
        hsts,
        status="ok",
        summary=f"Browsers will only open https://{host} links: HSTS covers it, and HTTPS "
        "works there (see the certificate check).",
    )
