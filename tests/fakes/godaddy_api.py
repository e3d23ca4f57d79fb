"""A local GoDaddy Domains API v1 (DNS records part) on 127.0.0.1, for tests and benchmarks.

Written from GoDaddy's published reference: records live under
`/v1/domains/{domain}/records[/{type}[/{name}]]`, names are relative to the domain (`@` is the
apex), auth is `Authorization: sso-key KEY:SECRET`, and errors are JSON `{"code", "message"}`.
`PATCH /records` adds, `PUT /records/{type}/{name}` replaces every value of that type and name,
`DELETE /records/{type}/{name}` removes them all.

Faults are queued with `inject()`; `write_requests` counts PATCH/PUT/DELETE requests received.
`quirk` makes the fake take an add and store something else, as hosts behind some APIs do
(dns-lexicon's backends, for one), so the read-back is seen catching it: "drop-priority" keeps
an MX with priority 0, "ignore-create" answers an add as done and keeps nothing, "replace-set"
lets an add replace every record of its type and name (as backends that update by name do).
Given a `bind` target (tests/bind.py's BindServer), every accepted write is passed on to BIND as
a TSIG-signed dynamic update, so a test can see the records in DNS.

Start it by hand for a demo::

    python -m tests.fakes.godaddy_api example.test      # prints the base URL, key and secret
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from tests.fakes.faults import take_fault
from tests.fakes.passthrough import Served, pass_on
from tests.fakes.serving import LocalServer

TYPES = ("A", "AAAA", "CNAME", "MX", "NS", "SOA", "SRV", "TXT", "CAA")
WRITE_METHODS = ("PATCH", "PUT", "DELETE")


@dataclass
class Fault:
    """One injected answer. `skip` matching requests pass first; then `times` get the fault."""

    status: int
    code: str
    message: str
    method: str | None = None  # None: any method; "WRITE": any of PATCH/PUT/DELETE
    times: int = 1
    skip: int = 0
    stall: float = 0.0  # seconds to hold the request before answering (a hung server)
    retry_after: int | None = None
    #: Send these bytes as the body instead of GoDaddy's JSON (an HTML page from a proxy).
    raw: bytes | None = None
    #: Do the request for real, then stall: the write happens but the answer comes too late.
    after: bool = False

    def matches(self, method: str) -> bool:
        if self.method is None:
            return True
        if self.method == "WRITE":
            return method in WRITE_METHODS
        return self.method == method


@dataclass
class GoDaddyAPI(LocalServer):
    """The fake API. `domains` maps a domain to its records (GoDaddy JSON dicts)."""

    domains: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    key: str = "test-key-0123"
    secret: str = "test-secret-s3cr3t-4567"
    #: Domains whose records answer 403 ACCESS_DENIED (an account under GoDaddy's API threshold).
    denied: set[str] = field(default_factory=set)
    #: Seconds after a zone edit during which a further write answers 409, as GoDaddy does.
    conflict_window: float = 0.0
    #: Domains GoDaddy will not change: every write answers a lasting 409 ("not eligible").
    ineligible: set[str] = field(default_factory=set)
    #: What the listing's `offset` means: a page number from 1 (godaddypy, terraform) or, as
    #: GoDaddy's published description says, the number of results to skip.
    offset_meaning: str = "page"
    write_requests: int = 0
    requests: list[tuple[str, str]] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    #: Store something other than what an add asked for (see the module docstring).
    quirk: str | None = None
    #: Pass accepted writes on to this BIND server (a tests.fakes.bind.BindServer).
    bind: Any = None
    _server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _released: threading.Event = field(default_factory=threading.Event)
    _last_edit: dict[str, float] = field(default_factory=dict)

    # -- control ---------------------------------------------------------------------------
    @property
    def url(self) -> str:
        """The base URL to give godaddypy's `api_base_url` (it appends `v1`)."""
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> GoDaddyAPI:
        class Handler(_Handler):
            api = self

        self._released.clear()
        self._serve(Handler)
        return self

    def stop(self) -> None:
        self._released.set()  # let stalled requests finish
        super().stop()

    def inject(
        self,
        status: int,
        code: str | None = None,
        message: str | None = None,
        *,
        method: str | None = None,
        times: int = 1,
        skip: int = 0,
        stall: float = 0.0,
        retry_after: int | None = None,
        after: bool = False,
    ) -> None:
        """Queue a fault: the next matching request (after `skip`) answers `status`.

        With `after`, the request is carried out and only its answer is held for `stall`.
        """
        defaults = {
            401: ("UNABLE_TO_AUTHENTICATE", "Unable to authenticate"),
            403: ("ACCESS_DENIED", "Authenticated user is not allowed access"),
            404: (
                "UNKNOWN_DOMAIN",
                "The given domain is not registered, or does not have a zone file",
            ),
            409: ("CONFLICT", "The zone was just edited; try again in a few seconds"),
            422: ("INVALID_BODY", "Request body doesn't fulfill schema"),
            429: ("TOO_MANY_REQUESTS", "Too many requests received within interval"),
            500: ("INTERNAL_SERVER_ERROR", "Internal server error"),
            502: ("BAD_GATEWAY", "Bad gateway"),
            503: ("SERVICE_UNAVAILABLE", "Service unavailable"),
        }
        d_code, d_message = defaults.get(status, ("ERROR", "Error"))
        if status == 429 and retry_after is None:
            retry_after = 1
        with self._lock:
            self.faults.append(
                Fault(
                    status,
                    code or d_code,
                    message or d_message,
                    method,
                    times,
                    skip,
                    stall,
                    retry_after,
                    after=after,
                )
            )

    def records(self, domain: str) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(r) for r in self.domains.get(domain, [])]

    # -- request handling ------------------------------------------------------------------
    def _take_fault(self, method: str) -> Fault | None:
        with self._lock:
            return take_fault(self.faults, lambda fault: fault.matches(method))

    def handle(
        self, method: str, path: str, query: dict[str, list[str]], auth: str, body: Any
    ) -> tuple[int, Any]:
        with self._lock:
            self.requests.append((method, path))
            if method in WRITE_METHODS:
                self.write_requests += 1
        fault = self._take_fault(method)
        if fault is not None and fault.after:
            result = self._real(method, path, query, auth, body)
            self._released.wait(fault.stall)
            return result
        if fault is not None:
            if fault.stall:
                self._released.wait(fault.stall)
            payload: dict[str, Any] = {"code": fault.code, "message": fault.message}
            if fault.retry_after is not None:
                payload["retryAfterSec"] = fault.retry_after
            if fault.raw is not None:
                return fault.status, fault.raw
            return fault.status, payload
        return self._real(method, path, query, auth, body)

    def _real(
        self, method: str, path: str, query: dict[str, list[str]], auth: str, body: Any
    ) -> tuple[int, Any]:
        if auth != f"sso-key {self.key}:{self.secret}":
            return 401, _err("UNABLE_TO_AUTHENTICATE", "Unable to authenticate")
        parts = [unquote(p) for p in path.strip("/").split("/")]
        if len(parts) < 4 or parts[:2] != ["v1", "domains"] or parts[3] != "records":
            return 404, _err("NOT_FOUND", "The requested resource was not found")
        domain = parts[2].lower()
        rtype = parts[4].upper() if len(parts) > 4 else None
        name = parts[5].lower() if len(parts) > 5 else None
        if len(parts) > 6 or (rtype is not None and rtype not in TYPES):
            return 404, _err("NOT_FOUND", "The requested resource was not found")
        with self._lock:
            if domain not in self.domains:
                return 404, _err(
                    "UNKNOWN_DOMAIN",
                    "The given domain is not registered, or does not have a zone file",
                )
            if domain in self.denied:
                return 403, _err("ACCESS_DENIED", "Authenticated user is not allowed access")
            if method == "GET":
                return 200, self._get(domain, rtype, name, query)
            if method in WRITE_METHODS and domain in self.ineligible:
                return 409, _err(
                    "CONFLICT", "The given domain is not eligible to have its records changed"
                )
            if method in WRITE_METHODS:
                edited = self._last_edit.get(domain)
                if edited is not None and time.monotonic() - edited < self.conflict_window:
                    return 409, _err("CONFLICT", "The zone was just edited; try again shortly")
            if method == "PATCH" and rtype is None:
                result = self._patch(domain, body)
            elif method == "PUT" and rtype is not None:
                result = self._put(domain, rtype, name, body)
            elif method == "DELETE" and rtype is not None and name is not None:
                result = self._delete(domain, rtype, name)
            else:
                return 405, _err("METHOD_NOT_ALLOWED", "Method not allowed")
            if result[0] < 300:
                self._last_edit[domain] = time.monotonic()
            return result

    def _get(
        self, domain: str, rtype: str | None, name: str | None, query: dict[str, list[str]]
    ) -> list[dict[str, Any]]:
        found = [
            dict(r)
            for r in self.domains[domain]
            if (rtype is None or r["type"] == rtype) and (name is None or r["name"] == name)
        ]
        limit = int(query.get("limit", ["500"])[0])
        if self.offset_meaning == "skip":
            skip = max(0, int(query.get("offset", ["0"])[0]))
            return found[skip : skip + limit]
        # godaddypy documents `offset` as a page number starting at 1.
        page = max(1, int(query.get("offset", ["1"])[0]))
        return found[(page - 1) * limit : page * limit]

    def _validate(
        self, items: Any, rtype: str | None = None, name: str | None = None
    ) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
        problems: list[dict[str, str]] = []
        records: list[dict[str, Any]] = []
        if not isinstance(items, list):
            return [], [{"path": "body", "code": "UNEXPECTED_TYPE", "message": "must be an array"}]
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                problems.append({"path": f"[{i}]", "code": "UNEXPECTED_TYPE", "message": "object"})
                continue
            record = {
                "type": str(item.get("type", rtype or "")).upper(),
                "name": str(item.get("name", name or "")).lower(),
                "data": item.get("data"),
                "ttl": item.get("ttl", 3600),
            }
            if rtype is not None and record["type"] != rtype:
                problems.append({"path": f"[{i}].type", "code": "MISMATCH", "message": "type"})
            if name is not None and record["name"] != name:
                problems.append({"path": f"[{i}].name", "code": "MISMATCH", "message": "name"})
            if record["type"] not in TYPES:
                problems.append({"path": f"[{i}].type", "code": "UNEXPECTED_VALUE", "message": ""})
            if not record["name"] or any(c.isspace() for c in record["name"]):
                problems.append({"path": f"[{i}].name", "code": "INVALID_VALUE", "message": ""})
            if not isinstance(record["data"], str) or not record["data"]:
                problems.append({"path": f"[{i}].data", "code": "MISSING_VALUE", "message": ""})
            if not isinstance(record["ttl"], int) or record["ttl"] < 600:
                problems.append(
                    {"path": f"[{i}].ttl", "code": "INVALID_VALUE", "message": "ttl >= 600"}
                )
            if record["type"] in ("MX", "SRV"):
                record["priority"] = item.get("priority")
            if record["type"] == "SRV":
                record.update({f: item.get(f) for f in ("service", "protocol", "weight", "port")})
            for f, kind in REQUIRED.get(record["type"], ()):
                value = item.get(f)
                if not isinstance(value, kind) or value in ("", None):
                    problems.append({"path": f"[{i}].{f}", "code": "MISSING_VALUE", "message": ""})
            port = item.get("port")
            if record["type"] == "SRV" and isinstance(port, int) and not 1 <= port <= 65535:
                problems.append({"path": f"[{i}].port", "code": "INVALID_VALUE", "message": ""})
            if record["type"] == "CAA":
                # The live v1 API answers 422 to any CAA record in a write (lexicon, pull
                # requests #506 and #545, 2020: "The GoDaddy API breaks (returning 422) if you
                # try to submit a CAA record"); CAA records already in a zone are still listed.
                problems.append({"path": f"[{i}].type", "code": "INVALID_VALUE", "message": ""})
            records.append(record)
        return records, problems

    def _check_zone(self, records: list[dict[str, Any]]) -> str | None:
        names: dict[str, list[str]] = {}
        seen: set[tuple[Any, ...]] = set()
        for r in records:
            names.setdefault(_owner(r), []).append(r["type"])
            ident = (
                r["type"],
                _owner(r),
                r["data"],
                r.get("priority"),
                r.get("weight"),
                r.get("port"),
            )
            if ident in seen:
                return "Another record with the same attributes already exists"
            seen.add(ident)
        for name, types in names.items():
            if "CNAME" in types and len(types) > 1:
                return f"A CNAME at {name} cannot sit beside other records"
        return None

    def _commit(self, domain: str, records: list[dict[str, Any]]) -> tuple[int, Any]:
        problem = self._check_zone(records)
        if problem:
            return 422, _err("DUPLICATE_RECORD" if "same" in problem else "INVALID_BODY", problem)
        before = self.domains[domain]
        self.domains[domain] = records
        self._write_through(domain, before, records)
        return 200, None

    def _patch(self, domain: str, body: Any) -> tuple[int, Any]:
        records, problems = self._validate(body)
        if problems:
            return 422, _err("INVALID_BODY", "Request body doesn't fulfill schema", problems)
        if self.quirk == "ignore-create":
            return 200, None
        current = [dict(r) for r in self.domains[domain]]
        for record in records:
            if self.quirk == "drop-priority" and record["type"] == "MX":
                record["priority"] = 0
            if self.quirk == "replace-set":
                key = (record["type"], record["name"])
                current = [r for r in current if (r["type"], r["name"]) != key]
        return self._commit(domain, current + records)

    def _put(self, domain: str, rtype: str, name: str | None, body: Any) -> tuple[int, Any]:
        if name is None:
            records, problems = self._validate(body, rtype)
        else:
            records, problems = self._validate(body, rtype, name)
        if problems:
            return 422, _err("INVALID_BODY", "Request body doesn't fulfill schema", problems)
        kept = [
            r
            for r in self.domains[domain]
            if not (r["type"] == rtype and (name is None or r["name"] == name))
        ]
        return self._commit(domain, kept + records)

    def _delete(self, domain: str, rtype: str, name: str) -> tuple[int, Any]:
        before = self.domains[domain]
        kept = [r for r in before if not (r["type"] == rtype and r["name"] == name)]
        if len(kept) == len(before):
            return 404, _err("NOT_FOUND", f"No {rtype} record named {name}")
        self.domains[domain] = kept
        self._write_through(domain, before, kept)
        return 204, None

    def _write_through(
        self, domain: str, before: list[dict[str, Any]], after: list[dict[str, Any]]
    ) -> None:
        """Replace in BIND every (name, type) set that this write changed."""

        def served(r: dict[str, Any]) -> list[Served]:
            if r["type"] == "SOA":  # BIND keeps its own
                return []
            owner = domain if _owner(r) == "@" else f"{_owner(r)}.{domain}"
            return [(f"{owner}.", r["type"], int(r["ttl"]), _rdata(domain, r))]

        pass_on(self.bind, domain, before, after, served)


def _rdata(domain: str, record: dict[str, Any]) -> Any:
    """GoDaddy's JSON record as a dnspython rdata (TXT split into 255-byte strings)."""
    import dns.rdata

    from tests.fakes.bind import txt_rdata

    rtype = record["type"]
    data = str(record["data"])
    if rtype == "TXT":
        return txt_rdata(data)
    if rtype in ("CNAME", "NS", "MX", "SRV"):
        target = domain if data == "@" else data.rstrip(".")
        text = f"{target}."
        if rtype == "MX":
            text = f"{record.get('priority', 10)} {text}"
        if rtype == "SRV":
            fields = (record["priority"], record["weight"], record["port"])
            text = " ".join(str(f) for f in fields) + (" ." if text == "." else f" {text}")
        return dns.rdata.from_text("IN", rtype, text)
    return dns.rdata.from_text("IN", rtype, data)


#: Fields a record of these types must carry, beside type, name and data: GoDaddy's DNSRecord
#: (Domains API v1 description) has `priority` for MX and SRV and `service`, `protocol`, `port`
#: and `weight` for SRV only; a missing one is 422 INVALID_BODY naming the field.
REQUIRED: dict[str, tuple[tuple[str, type], ...]] = {
    "MX": (("priority", int),),
    "SRV": (
        ("service", str),
        ("protocol", str),
        ("priority", int),
        ("weight", int),
        ("port", int),
    ),
}


def _owner(record: dict[str, Any]) -> str:
    """The owner relative to the domain: an SRV record's service and protocol come first."""
    if record["type"] != "SRV":
        return str(record["name"])
    labels = [str(record.get(f) or "").lower() for f in ("service", "protocol")]
    rest = [] if record["name"] == "@" else [str(record["name"])]
    return ".".join(labels + rest)


def _err(code: str, message: str, fields: list[dict[str, str]] | None = None) -> dict[str, Any]:
    payload: dict[str, Any] = {"code": code, "message": message}
    if fields:
        payload["fields"] = fields
    return payload


class _Handler(BaseHTTPRequestHandler):
    api: GoDaddyAPI
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        return

    def _serve(self) -> None:
        split = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except json.JSONDecodeError:
            self._send(400, _err("INVALID_BODY", "Request body is not JSON"))
            return
        try:
            status, payload = self.api.handle(
                self.command,
                split.path,
                parse_qs(split.query),
                self.headers.get("Authorization", ""),
                body,
            )
        except Exception as exc:  # a broken fixture answers 500 rather than hanging up
            status, payload = 500, _err("INTERNAL_SERVER_ERROR", type(exc).__name__)
        self._send(status, payload)

    def _send(self, status: int, payload: Any) -> None:
        if isinstance(payload, bytes):
            data, kind = payload, "text/html"
        else:
            data, kind = (
                b"" if payload is None else json.dumps(payload).encode(),
                "application/json",
            )
        self.send_response(status)
        if status == 429 and isinstance(payload, dict):
            self.send_header("Retry-After", str(payload.get("retryAfterSec", 1)))
        if data:
            self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if data:
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                return  # the client gave up waiting (a timeout test)

    do_GET = do_PATCH = do_PUT = do_DELETE = do_POST = _serve  # noqa: N815


def sample_records() -> list[dict[str, Any]]:
    """A small realistic zone: SPF beside a verification TXT at the apex, MX, a web host."""
    return [
        {"type": "A", "name": "@", "data": "192.0.2.1", "ttl": 600},
        {"type": "NS", "name": "@", "data": "ns01.domaincontrol.com", "ttl": 3600},
        {"type": "NS", "name": "@", "data": "ns02.domaincontrol.com", "ttl": 3600},
        {"type": "TXT", "name": "@", "data": "v=spf1 include:_spf.example.net ~all", "ttl": 3600},
        {"type": "TXT", "name": "@", "data": "google-site-verification=abc123", "ttl": 3600},
        {"type": "MX", "name": "@", "data": "mail.example.test", "ttl": 3600, "priority": 10},
        {"type": "CNAME", "name": "www", "data": "@", "ttl": 3600},
    ]


if __name__ == "__main__":
    import sys

    api = GoDaddyAPI({d: sample_records() for d in (sys.argv[1:] or ["example.test"])}).start()
    sys.stdout.write(
        f"GoDaddy API at {api.url}\nTRACKING_WIZARD_GODADDY_API_URL={api.url}\n"
        f"GODADDY_API_KEY={api.key}\nGODADDY_API_SECRET={api.secret}\n"
    )
    sys.stdout.flush()
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        api.stop()
