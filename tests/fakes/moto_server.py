"""moto's Route 53 server on loopback, behind a proxy that injects faults and counts writes.

boto3 talks HTTP to the proxy (`AWS_ENDPOINT_URL_ROUTE_53`), which forwards to
`moto.server.ThreadedMotoServer` unless a queued fault answers first with Route 53's XML error
shape. `write_requests` counts ChangeResourceRecordSets calls received.

Start it by hand for a demo::

    python -m tests.fakes.moto_server example.test   # prints the endpoint and the hosted zone ID
"""

from __future__ import annotations

import http.client
import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import pytest

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


@dataclass
class Route53Proxy:
    """Forwards to moto; answers injected faults; counts writes."""

    upstream: str
    write_requests: int = 0
    #: Like real Route 53, answer PENDING to the change and to this many `get_change` polls
    #: (moto itself says INSYNC at once).
    pending_polls: int = 0
    requests: list[tuple[str, str]] = field(default_factory=list)
    faults: list[R53Fault] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _released: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> Route53Proxy:
        proxy = self

        class Handler(_ProxyHandler):
            pass

        Handler.proxy = proxy
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        self._released.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

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
                    after=after,
                )
            )

    def take_fault(self, is_write: bool) -> R53Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.write_only and not is_write:
                    continue
                if fault.skip > 0:
                    fault.skip -= 1
                    return None
                fault.times -= 1
                if fault.times <= 0:
                    self.faults.remove(fault)
                return fault
        return None


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
        with self.proxy._lock:
            self.proxy.requests.append((self.command, path))
            if is_write:
                self.proxy.write_requests += 1
        fault = self.proxy.take_fault(is_write)
        if fault is not None and not fault.after:
            if fault.stall:
                self.proxy._released.wait(fault.stall)
            data = ERROR_XML.format(code=fault.code, message=fault.message).encode()
            self._reply(fault.status, data, {"Content-Type": "text/xml"})
            return
        up = urlsplit(self.proxy.upstream)
        conn = http.client.HTTPConnection(up.hostname or "127.0.0.1", up.port, timeout=30)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host",)}
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
        if fault is not None:  # an `after` fault: done upstream, answered too late
            self.proxy._released.wait(fault.stall)
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
        self.client().change_resource_record_sets(
            HostedZoneId=zone_id,
            ChangeBatch={
                "Changes": [
                    {
                        "Action": "UPSERT",
                        "ResourceRecordSet": {
                            "Name": name,
                            "Type": rtype,
                            "TTL": ttl,
                            "ResourceRecords": [{"Value": v} for v in values],
                        },
                    }
                ]
            },
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


if __name__ == "__main__":
    import sys

    proxy = Route53Proxy(moto_url()).start()
    helper = MotoRoute53(proxy)
    out = [
        f"AWS_ENDPOINT_URL_ROUTE_53={proxy.url}",
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
