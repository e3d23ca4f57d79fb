"""Is a tracking host ready for links? DNS, HTTP, HSTS and the HTTPS certificate, in words.

Each check returns ok, warning or failed with one sentence on what it means and what to do.
`resolve` works like curl's `--resolve HOST:PORT:ADDR` and `cacert` like `--cacert`, so the
checks run against loopback servers in tests without touching the internet.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import dns.exception
import dns.resolver

from wizard.caa import AMAZON, caa_verdict
from wizard.dnssec import validation_fails
from wizard.model.names import normalize_name
from wizard.vendors import VendorProfile
from wizard.zones import cname_chain

Status = Literal["ok", "warning", "failed"]
EXPIRY_WARNING_DAYS = 14


@dataclass(frozen=True)
class CheckResult:
    name: str
    status: Status
    summary: str
    detail: str = ""

    def to_json(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class Reach:
    """How to reach web servers: ports, curl-style address overrides, trusted CAs, timeout."""

    resolve: Mapping[tuple[str, int], str] = field(default_factory=dict)
    http_port: int = 80
    https_port: int = 443
    cacert: str | None = None
    timeout: float = 5.0

    def connect(self, host: str, port: int, tls: ssl.SSLContext | None) -> socket.socket:
        address = self.resolve.get((host, port), host)
        sock = socket.create_connection((address, port), timeout=self.timeout)
        if tls is None:
            return sock
        try:
            return tls.wrap_socket(sock, server_hostname=host)
        except BaseException:
            sock.close()
            raise

    def tls_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(cafile=self.cacert)
        context.check_hostname = False  # checked by us, to say which name is missing
        return context


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]


def parse_resolve(entries: list[str]) -> dict[tuple[str, int], str]:
    """curl's HOST:PORT:ADDR entries; raises ValueError naming the bad one."""
    mapping: dict[tuple[str, int], str] = {}
    for entry in entries:
        host, _, rest = entry.partition(":")
        port, _, address = rest.partition(":")
        if not host or not port.isdigit() or not address:
            raise ValueError(f"{entry!r} is not HOST:PORT:ADDRESS (like curl's --resolve).")
        mapping[(normalize_name(host), int(port))] = address.strip("[]")
    return mapping


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
    https = check_https(host, reach, required=profile.https_required or hsts.status != "ok")
    results.extend([hsts, https])
    caa = check_caa(host, profile, resolver or dns.resolver.Resolver())
    return results if caa is None else [*results, caa]


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
            "Check the network or the --resolver setting, then try again.",
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


def _get(host: str, port: int, reach: Reach, tls: ssl.SSLContext | None) -> Response:
    sock = reach.connect(host, port, tls)
    connection = http.client.HTTPConnection(host, port, timeout=reach.timeout)
    connection.sock = sock
    try:
        connection.request("GET", "/", headers={"User-Agent": "tracking-wizard readiness check"})
        response = connection.getresponse()
        response.read(65536)
        return Response(response.status, {k.lower(): v for k, v in response.getheaders()})
    finally:
        connection.close()


def _why(exc: BaseException) -> str:
    if isinstance(exc, ssl.SSLCertVerificationError):
        return exc.verify_message or str(exc)
    if isinstance(exc, socket.timeout | TimeoutError):
        return "no answer in time"
    if isinstance(exc, ConnectionRefusedError):
        return "the connection was refused"
    if isinstance(exc, socket.gaierror):
        return "the name does not resolve"
    return str(exc) or type(exc).__name__


def check_http(host: str, reach: Reach) -> CheckResult:
    try:
        response = _get(host, reach.http_port, reach, None)
    except (OSError, http.client.HTTPException) as exc:
        return CheckResult(
            "http",
            "failed",
            f"http://{host}/ does not answer ({_why(exc)}). "
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
        response = _get(
            host, reach.https_port, reach, ssl.create_default_context(cafile=reach.cacert)
        )
    except (OSError, http.client.HTTPException) as exc:
        return None, _why(exc)
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
    bad: Status = "failed" if required else "warning"
    why_matters = (
        "Tracked links must use HTTPS here."
        if required
        else "HTTP tracked links still work; HTTPS ones will not."
    )
    try:
        sock = reach.connect(host, reach.https_port, reach.tls_context())
    except ssl.SSLCertVerificationError as exc:
        return CheckResult(
            "https", bad, f"The certificate of {host} is not trusted: {_why(exc)}. {why_matters}"
        )
    except (OSError, ssl.SSLError) as exc:
        return CheckResult(
            "https", bad, f"https://{host}/ does not answer ({_why(exc)}). {why_matters}"
        )
    assert isinstance(sock, ssl.SSLSocket)
    with sock:
        cert = sock.getpeercert() or {}
    names = names_in(cert)
    if not any(covers(name, host) for name in names):
        return CheckResult(
            "https",
            bad,
            f"The certificate does not cover {host} (it names "
            f"{', '.join(names) or 'nothing'}). Get one that includes {host}. {why_matters}",
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
