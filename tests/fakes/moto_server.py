"""moto's server on loopback (Route 53, ACM, CloudFront), behind a proxy that injects faults.

boto3 talks HTTP to the proxy (`AWS_ENDPOINT_URL_ROUTE_53`, `_ACM`, `_CLOUDFRONT`), which
forwards to `moto.server.ThreadedMotoServer` unless a queued fault answers first with Route 53's
XML error shape. `write_requests` counts ChangeResourceRecordSets calls received; `calls` names
every AWS operation received (for the IAM policy test).

Where moto is looser than AWS, the proxy answers as AWS does: Route 53 refuses a CNAME set beside
any other set at its name, an alias included, and any set beside a CNAME (InvalidChangeBatch,
which moto accepts); CloudFront refuses to delete an
enabled distribution (DistributionNotDisabled) or one named by a stale ETag (PreconditionFailed),
and ACM refuses to delete a certificate a distribution uses (ResourceInUseException). ACM's
DescribeCertificate can be made to answer PENDING_VALIDATION (and without its validation record)
for a number of polls, so the waits are tested without timing.

Start it by hand for a demo::

    python -m tests.fakes.moto_server example.test   # prints the endpoint and the hosted zone ID
"""

from __future__ import annotations

import http.client
import json
import logging
import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, cast
from urllib.parse import urlsplit

import pytest

from tests.fakes.faults import take_fault
from tests.fakes.serving import LocalServer

ERROR_XML = (
    '<?xml version="1.0"?>\n'
    '<ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">'
    "<Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>"
    "<RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>"
)
DEFAULT_MESSAGES = {
    "Throttling": (400, "Rate exceeded"),
    "PriorRequestNotComplete": (
        400,
        "The request was rejected because Route 53 was still processing a prior request.",
    ),
    "InvalidClientTokenId": (403, "The security token included in the request is invalid."),
    "SignatureDoesNotMatch": (
        403,
        "The request signature we calculated does not match the "
        "signature you provided. Check your AWS Secret Access Key.",
    ),
    "AccessDenied": (
        403,
        "User: arn:aws:iam::123456789012:user/x is not authorized to perform: "
        "route53:ChangeResourceRecordSets",
    ),
    "InvalidChangeBatch": (
        400,
        "RRSet of type CNAME with DNS name x. is not permitted "
        "because a conflicting RRSet of type TXT with the same DNS name "
        "already exists",
    ),
    "InternalFailure": (500, "An internal error occurred"),
    "ServiceUnavailable": (503, "Service unavailable"),
}

_moto_lock = threading.Lock()
_moto: Any = None


def moto_url() -> str:
    """The one ThreadedMotoServer of this process, started on a free loopback port."""
    global _moto
    with _moto_lock:
        if _moto is None:
            from moto.server import ThreadedMotoServer

            logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request

            server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
            server.start()
            _moto = server
        host, port = _moto.get_host_and_port()
    return f"http://{host}:{port}"


@dataclass
class R53Fault:
    code: str
    status: int
    message: str
    write_only: bool = True
    times: int = 1
    skip: int = 0
    stall: float = 0.0
    #: Forward the request for real, then stall: the write happens, the answer comes too late.
    after: bool = False
    #: Only requests of this operation (`CreateDistribution`…) take the fault.
    operation: str | None = None
    #: Forward the request for real, then answer with the error: the answer was lost.
    lost: bool = False


#: Where the "alias-target" quirk points every alias written.
OTHER_DISTRIBUTION = b"<DNSName>d0ther0000000.cloudfront.net.</DNSName>"


@dataclass
class Route53Proxy(LocalServer):
    """Forwards to moto; answers injected faults; counts writes."""

    upstream: str
    write_requests: int = 0
    #: Like real Route 53, answer PENDING to the change and to this many `get_change` polls
    #: (moto itself says INSYNC at once).
    pending_polls: int = 0
    requests: list[tuple[str, str]] = field(default_factory=list)
    #: (service, operation, If-Match header) of every request, in order.
    calls: list[tuple[str, str, str]] = field(default_factory=list)
    #: Answer this many DescribeCertificate calls as PENDING_VALIDATION (moto issues at once).
    acm_pending_polls: int = 0
    #: Leave the validation record out of this many DescribeCertificate answers, as ACM does
    #: for a few seconds after the request.
    acm_records_hidden: int = 0
    faults: list[R53Fault] = field(default_factory=list)
    #: "ttl": Route 53 as a host that alters what it stores (every written set gets TTL 60),
    #: so the read-back is seen catching it; "alias-target": every alias written points at
    #: another CloudFront distribution.
    quirk: str | None = None
    _server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _released: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Route53Proxy:
        class Handler(_ProxyHandler):
            proxy = self

        self._serve(Handler)
        return self

    def stop(self) -> None:
        self._released.set()
        super().stop()

    def inject(
        self,
        code: str,
        *,
        status: int | None = None,
        message: str | None = None,
        write_only: bool = True,
        times: int = 1,
        skip: int = 0,
        stall: float = 0.0,
        after: bool = False,
        operation: str | None = None,
        lost: bool = False,
    ) -> None:
        d_status, d_message = DEFAULT_MESSAGES.get(code, (400, code))
        with self._lock:
            self.faults.append(
                R53Fault(
                    code,
                    status or d_status,
                    message or d_message,
                    write_only,
                    times,
                    skip,
                    stall,
                    after=after or lost,
                    operation=operation,
                    lost=lost,
                )
            )

    def take_fault(self, is_write: bool, operation: str = "") -> R53Fault | None:
        def matches(fault: R53Fault) -> bool:
            if fault.operation is not None:
                return fault.operation == operation
            return is_write or not fault.write_only

        with self._lock:
            return take_fault(self.faults, matches)

    def delay_certificate(self, data: bytes) -> bytes:
        """ACM as it is right after a request: pending, and for a moment without its record."""
        with self._lock:
            pending, self.acm_pending_polls = self.acm_pending_polls > 0, self.acm_pending_polls - 1
            hidden, self.acm_records_hidden = (
                self.acm_records_hidden > 0,
                self.acm_records_hidden - 1,
            )
        if not (pending or hidden):
            return data
        answer = json.loads(data)
        cert = answer["Certificate"]
        cert["Status"] = "PENDING_VALIDATION"
        for option in cert.get("DomainValidationOptions", []):
            option["ValidationStatus"] = "PENDING_VALIDATION"
            if hidden:
                option.pop("ResourceRecord", None)
        return json.dumps(answer).encode()


class _ProxyHandler(BaseHTTPRequestHandler):
    proxy: Route53Proxy
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        return

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = urlsplit(self.path).path.rstrip("/")
        is_write = self.command == "POST" and path.endswith("/rrset")
        target = self.headers.get("X-Amz-Target") or ""
        service, operation = operation_of(self.command, path, target)
        with self.proxy._lock:
            self.proxy.requests.append((self.command, path))
            self.proxy.calls.append((service, operation, self.headers.get("If-Match") or ""))
            if is_write:
                self.proxy.write_requests += 1
        refusal = aws_refusal(self.proxy.upstream, operation, path, body, self.headers)
        if refusal is not None:
            self._reply(*refusal)
            return
        fault = self.proxy.take_fault(is_write, operation)
        if fault is not None and not fault.after:
            if fault.stall:
                self.proxy._released.wait(fault.stall)
            self._reply(*fault_reply(fault, service))
            return
        if is_write and self.proxy.quirk == "ttl":
            body = re.sub(rb"<TTL>\d+</TTL>", b"<TTL>60</TTL>", body)
        if is_write and self.proxy.quirk == "alias-target":
            body = re.sub(rb"<DNSName>[^<]*</DNSName>", OTHER_DISTRIBUTION, body)
        up = urlsplit(self.proxy.upstream)
        conn = http.client.HTTPConnection(up.hostname or "127.0.0.1", up.port, timeout=30)
        headers = {
            k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")
        }
        conn.request(self.command, self.path, body=body or None, headers=headers)
        response = conn.getresponse()
        data = response.read()
        keep = {
            k: v
            for k, v in response.getheaders()
            if k.lower() not in ("content-length", "transfer-encoding", "connection")
        }
        conn.close()
        if b"<Status>INSYNC</Status>" in data and (is_write or "/change/" in path):
            with self.proxy._lock:
                pending = self.proxy.pending_polls > 0
                if pending and not is_write:
                    self.proxy.pending_polls -= 1
            if pending:
                data = data.replace(b"<Status>INSYNC</Status>", b"<Status>PENDING</Status>")
        if operation == "DescribeCertificate" and response.status == 200:
            data = self.proxy.delay_certificate(data)
        if fault is not None:  # an `after` fault: done upstream, answered too late (or lost)
            self.proxy._released.wait(fault.stall)
            if fault.lost:
                self._reply(*fault_reply(fault, service))
                return
        self._reply(response.status, data, keep)

    def _reply(self, status: int, data: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            return  # the client gave up waiting (a timeout test)

    do_GET = do_POST = do_DELETE = do_PUT = _serve  # noqa: N815


# -- AWS operations and the rules moto does not enforce ---------------------------------------
CLOUDFRONT_ERROR = (
    '<?xml version="1.0"?>\n'
    '<ErrorResponse xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">'
    "<Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>"
    "<RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>"
)
#: (IAM service prefix, method, path pattern, operation) of each REST call the tests make.
_ROUTES = (
    ("cloudfront", "POST", r"/2020-05-31/distribution", "CreateDistribution"),
    ("cloudfront", "GET", r"/2020-05-31/distribution", "ListDistributions"),
    ("cloudfront", "GET", r"/2020-05-31/distribution/[^/]+", "GetDistribution"),
    ("cloudfront", "GET", r"/2020-05-31/distribution/[^/]+/config", "GetDistributionConfig"),
    ("cloudfront", "PUT", r"/2020-05-31/distribution/[^/]+/config", "UpdateDistribution"),
    ("cloudfront", "DELETE", r"/2020-05-31/distribution/[^/]+", "DeleteDistribution"),
    ("route53", "GET", r"/2013-04-01/hostedzonesbyname", "ListHostedZonesByName"),
    ("route53", "POST", r"/2013-04-01/hostedzone", "CreateHostedZone"),
    ("route53", "GET", r"/2013-04-01/hostedzone/[^/]+/rrset", "ListResourceRecordSets"),
    ("route53", "POST", r"/2013-04-01/hostedzone/[^/]+/rrset", "ChangeResourceRecordSets"),
    ("route53", "GET", r"/2013-04-01/change/[^/]+", "GetChange"),
)


def operation_of(method: str, path: str, target: str) -> tuple[str, str]:
    """The (IAM service prefix, operation) a request is, as far as these tests need."""
    if target.startswith("CertificateManager."):
        return "acm", target.split(".", 1)[1]
    for service, verb, pattern, name in _ROUTES:
        if method == verb and re.fullmatch(pattern, path):
            return service, name
    return "", f"{method} {path}"


def _direct(service: str, upstream: str) -> Any:
    import boto3

    return cast(Any, boto3).client(
        service,
        region_name="us-east-1",
        endpoint_url=upstream,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


Reply = tuple[int, bytes, dict[str, str]]


def fault_reply(fault: R53Fault, service: str) -> Reply:
    """The error in the service's own shape: JSON for ACM, XML for Route 53 and CloudFront."""
    if service == "acm":
        body = json.dumps({"__type": fault.code, "message": fault.message}).encode()
        return fault.status, body, {"Content-Type": "application/x-amz-json-1.1"}
    data = ERROR_XML.format(code=fault.code, message=fault.message).encode()
    return fault.status, data, {"Content-Type": "text/xml"}


def _cloudfront_error(status: int, code: str, message: str) -> Reply:
    body = CLOUDFRONT_ERROR.format(code=code, message=message).encode()
    return status, body, {"Content-Type": "text/xml"}


def aws_refusal(
    upstream: str, operation: str, path: str, body: bytes, headers: Any
) -> Reply | None:
    """AWS's answer where moto would let through a request that AWS refuses; else None."""
    if operation == "ChangeResourceRecordSets":
        return _cname_conflict(upstream, path, body)
    if operation == "DeleteDistribution":
        cloudfront = _direct("cloudfront", upstream)
        try:
            answer = cloudfront.get_distribution_config(Id=path.rsplit("/", 1)[1])
        except Exception:
            return None  # moto answers NoSuchDistribution itself
        if answer["DistributionConfig"]["Enabled"]:
            return _cloudfront_error(
                409,
                "DistributionNotDisabled",
                "The distribution you are trying to delete has not been disabled.",
            )
        if headers.get("If-Match") != answer["ETag"]:
            return _cloudfront_error(
                412,
                "PreconditionFailed",
                "The precondition given in one or more of the request-header fields evaluated "
                "to false.",
            )
    if operation == "DeleteCertificate":
        arn = json.loads(body or b"{}").get("CertificateArn")
        cloudfront = _direct("cloudfront", upstream)
        for item in cloudfront.list_distributions()["DistributionList"].get("Items") or []:
            config = cloudfront.get_distribution_config(Id=item["Id"])["DistributionConfig"]
            if config.get("ViewerCertificate", {}).get("ACMCertificateArn") == arn:
                error = {
                    "__type": "ResourceInUseException",
                    "message": f"Certificate {arn} is in use by CloudFront.",
                }
                return (
                    400,
                    json.dumps(error).encode(),
                    {"Content-Type": "application/x-amz-json-1.1"},
                )
    return None


def _cname_conflict(upstream: str, path: str, body: bytes) -> Reply | None:
    """InvalidChangeBatch for a CNAME planned beside another set at its name or a set planned
    beside a CNAME, with AWS's message; moto accepts both."""
    import xml.etree.ElementTree as ET

    ns = "{https://route53.amazonaws.com/doc/2013-04-01/}"
    zone_id = path.split("/")[3]
    changes = ET.fromstring(body).iter(f"{ns}Change")
    wanted = [
        (
            c.findtext(f"{ns}Action"),
            c.findtext(f"{ns}ResourceRecordSet/{ns}Name") or "",
            c.findtext(f"{ns}ResourceRecordSet/{ns}Type") or "",
        )
        for c in changes
    ]
    going = {(n.rstrip(".").lower(), t) for a, n, t in wanted if a == "DELETE"}
    route53 = _direct("route53", upstream)
    sets = route53.list_resource_record_sets(HostedZoneId=zone_id)["ResourceRecordSets"]
    for action, name, rtype in wanted:
        if action == "DELETE":
            continue
        for rrset in sets:
            other = (rrset["Name"].rstrip(".").lower(), rrset["Type"])
            if other[0] != name.rstrip(".").lower() or other[1] == rtype or other in going:
                continue
            if rtype == "CNAME" or other[1] == "CNAME":
                message = (
                    f"RRSet of type {rtype} with DNS name {name} is not permitted because a "
                    f"conflicting RRSet of type {other[1]} with the same DNS name already exists"
                )
                error = ERROR_XML.format(code="InvalidChangeBatch", message=message)
                return 400, error.encode(), {"Content-Type": "text/xml"}
    return None


@dataclass
class MotoRoute53:
    """What a test gets: the endpoint to give boto3, a boto3 client, and the fault proxy."""

    proxy: Route53Proxy

    @property
    def url(self) -> str:
        return self.proxy.url

    def client(self) -> Any:
        import boto3

        return boto3.client(
            "route53",
            region_name="us-east-1",
            endpoint_url=moto_url(),
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )

    def create_zone(self, name: str, *, private: bool = False) -> str:
        """A hosted zone (public unless asked); returns its ID without `/hostedzone/`."""
        kwargs: dict[str, Any] = {"Name": name, "CallerReference": f"{name}-{time.time_ns()}"}
        if private:
            kwargs["HostedZoneConfig"] = {"PrivateZone": True, "Comment": "private"}
            kwargs["VPC"] = {"VPCRegion": "us-east-1", "VPCId": "vpc-12345678"}
        answer = self.client().create_hosted_zone(**kwargs)
        return str(answer["HostedZone"]["Id"]).rsplit("/", 1)[-1]

    def put(self, zone_id: str, name: str, rtype: str, values: list[str], ttl: int = 300) -> None:
        """Write an RRset straight to moto (test setup, not counted)."""
        records = [{"Value": v} for v in values]
        rrset = {"Name": name, "Type": rtype, "TTL": ttl, "ResourceRecords": records}
        self.change(zone_id, "UPSERT", rrset)

    def put_alias(
        self, zone_id: str, name: str, target: str, *, target_zone: str, rtype: str = "A"
    ) -> None:
        """Create an alias record set to `target` (in the hosted zone `target_zone`)."""
        alias = {"HostedZoneId": target_zone, "DNSName": target, "EvaluateTargetHealth": False}
        self.change(zone_id, "CREATE", {"Name": name, "Type": rtype, "AliasTarget": alias})

    def change(self, zone_id: str, action: str, rrset: dict[str, Any]) -> None:
        """One change to one record set, straight to moto."""
        self.client().change_resource_record_sets(
            HostedZoneId=zone_id,
            ChangeBatch={"Changes": [{"Action": action, "ResourceRecordSet": rrset}]},
        )

    def rrsets(self, zone_id: str) -> list[dict[str, Any]]:
        sets: list[dict[str, Any]] = []
        for page in (
            self.client().get_paginator("list_resource_record_sets").paginate(HostedZoneId=zone_id)
        ):
            sets.extend(page["ResourceRecordSets"])
        return sets


def reset_moto() -> None:
    """Forget every zone moto holds (its state is process-wide)."""
    url = urlsplit(moto_url())
    conn = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port)
    conn.request("POST", "/moto-api/reset")
    conn.getresponse().read()
    conn.close()


@contextmanager
def moto_route53(monkeypatch: pytest.MonkeyPatch) -> Iterator[MotoRoute53]:
    """A fresh moto Route 53 behind the fault proxy, with boto3 pointed at it through the env.

    Use it from a fixture: `with moto_route53(monkeypatch) as r53: yield r53`.
    """
    reset_moto()
    proxy = Route53Proxy(moto_url()).start()
    for var in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_CONFIG_FILE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    monkeypatch.setenv("AWS_ENDPOINT_URL_ROUTE_53", proxy.url)
    try:
        yield MotoRoute53(proxy)
    finally:
        proxy.stop()


@dataclass
class MotoAws(MotoRoute53):
    """Route 53, ACM and CloudFront on moto behind one proxy, with helpers to look inside."""

    def acm(self, region: str = "us-east-1") -> Any:
        return _direct_region("acm", region)

    def cloudfront(self) -> Any:
        return _direct("cloudfront", moto_url())

    def certificates(self) -> list[dict[str, Any]]:
        """Every certificate moto holds in us-east-1 (any status, any key type)."""
        return list(self.acm().list_certificates()["CertificateSummaryList"])

    def distributions(self) -> list[dict[str, Any]]:
        """Every distribution with its config (moto's list leaves the config out)."""
        cloudfront = self.cloudfront()
        found = []
        for item in cloudfront.list_distributions()["DistributionList"].get("Items") or []:
            answer = cloudfront.get_distribution(Id=item["Id"])
            found.append(answer["Distribution"])
        return found

    def operations(self) -> set[str]:
        """The IAM actions of every call received: `acm:RequestCertificate`, …"""
        return {f"{service}:{op}" for service, op, _ in self.proxy.calls if service}

    def deploy_after(self, polls: int) -> None:
        """A distribution says InProgress for `polls` reads after each change, then Deployed."""
        transition = {"progression": "manual", "times": polls}
        _moto_api("set-transition", {"model_name": DISTRIBUTION_MODEL, "transition": transition})


DISTRIBUTION_MODEL = "cloudfront::distribution"


def _direct_region(service: str, region: str) -> Any:
    import boto3

    return cast(Any, boto3).client(
        service,
        region_name=region,
        endpoint_url=moto_url(),
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def _moto_api(action: str, body: dict[str, Any]) -> None:
    url = urlsplit(moto_url())
    conn = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port)
    conn.request("POST", f"/moto-api/state-manager/{action}", body=json.dumps(body))
    conn.getresponse().read()
    conn.close()


@contextmanager
def moto_aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[MotoAws]:
    """A fresh moto (Route 53, ACM, CloudFront) behind the proxy, boto3 pointed at it.

    ACM issues a requested certificate at the first look (`MOTO_ACM_VALIDATION_WAIT=0`); use
    `proxy.acm_pending_polls` to make it wait a number of polls instead.
    """
    import moto.settings

    monkeypatch.setenv("MOTO_ACM_VALIDATION_WAIT", "0")
    monkeypatch.setattr(moto.settings, "ACM_VALIDATION_WAIT", 0)  # the in-process server
    with moto_route53(monkeypatch) as r53:
        monkeypatch.setenv("AWS_ENDPOINT_URL_ACM", r53.url)
        monkeypatch.setenv("AWS_ENDPOINT_URL_CLOUDFRONT", r53.url)
        try:
            yield MotoAws(r53.proxy)
        finally:
            _moto_api("unset-transition", {"model_name": DISTRIBUTION_MODEL})


if __name__ == "__main__":
    import sys

    # ACM issues a certificate this many seconds after the request (read when moto loads).
    os.environ.setdefault("MOTO_ACM_VALIDATION_WAIT", "10")
    proxy = Route53Proxy(moto_url()).start()
    helper = MotoRoute53(proxy)
    out = [
        f"AWS_ENDPOINT_URL_ROUTE_53={proxy.url}",
        f"AWS_ENDPOINT_URL_ACM={proxy.url}",
        f"AWS_ENDPOINT_URL_CLOUDFRONT={proxy.url}",
        "AWS_ACCESS_KEY_ID=testing",
        "AWS_SECRET_ACCESS_KEY=testing",
    ]
    for zone in sys.argv[1:] or ["example.test"]:
        out.append(f"# hosted zone {zone}: {helper.create_zone(zone)}")
    sys.stdout.write("\n".join(out) + "\n")
    sys.stdout.flush()
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        proxy.stop()
