"""A local Cloudflare API v4 for tests, following the published API's shapes.

Envelope `{success, errors, messages, result, result_info}`; bearer-token auth as the real API
answers it: a malformed Authorization header is 400 code 6003 "Invalid request headers" (chain
6111), a well-formed unknown token 403 code 9109 "Invalid access token", a token without DNS
edit 403 code 10000; `GET /zones?name=`; record listing with `name` / `name.exact` / `type`
filters and `page` / `per_page`; the atomic `POST /zones/{id}/dns_records/batch` (deletes,
patches, puts, posts, in that order) of at most `max_batch` records (200 on the Free plan);
TTL 1 or 60-86400 (`min_ttl` 30 for an Enterprise zone), else 400 code 9021; error 81058 for
an identical record (same content and TTL), 81057 for the same content with other settings,
81053 / 81054 for a CNAME beside other records. TXT content is kept as sent, quoted or not, and
compared by meaning. SRV and CAA take their `data` object (a missing field is 400 code 9101,
one error per field) and answer with `content` built from it, as Cloudflare does. Quoted TXT
content is parsed as RFC 1035 character-strings (decimal `\\DDD`); content that does not parse
(`\\303`, an octal escape read as decimal, is no byte) is 400 code 1004 "DNS Validation Error".
Faults are queued with `inject()`; `write_requests` counts batch and record writes received.

`quirk` makes the fake take a write and store something else, as a host that alters values does,
so the read-back is seen catching it: "strip-txt" keeps a TXT value without its last
character, "ttl" stores every TTL as 300, "ignore-create" answers a post as done and keeps
nothing.

Given a `bind` target (tests/bind.py's BindServer), every accepted batch is passed on to BIND,
as Cloudflare's name servers would serve it: TTL 1 ("automatic") becomes 300, and a proxied
record answers with an address of Cloudflare's edge instead of its own data.
"""

from __future__ import annotations

import functools
import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

from tests.fakes.passthrough import Served, pass_on
from tests.fakes.serving import LocalServer


@dataclass
class Fault:
    status: int
    code: int = 0
    message: str = "injected"
    path_contains: str = ""
    stall: float = 0.0
    retry_after: int | None = None
    #: Let this many matching requests through first (fail the second batch: skip=1).
    skip: int = 0


@dataclass
class CloudflareAPI(LocalServer):
    """`zones` maps a zone name to its starting records (dicts with type, name, content...)."""

    zones: dict[str, list[dict[str, Any]]]
    token: str = field(default_factory=lambda: "cf-" + uuid.uuid4().hex)
    read_only_token: str = field(default_factory=lambda: "ro-" + uuid.uuid4().hex)
    write_requests: int = 0
    requests: list[tuple[str, str]] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    #: Pass accepted batches on to this BIND server (a tests.fakes.bind.BindServer).
    bind: Any = None
    #: Records one batch may hold: 200 on the Free plan, 3,500 on paid plans.
    max_batch: int = 200
    #: The lowest TTL besides 1 ("automatic"): 60, or 30 on an Enterprise zone.
    min_ttl: int = 60
    #: Store something other than what a write asked for (see the module docstring).
    quirk: str | None = None
    #: Answer the good token as one whose IP filtering leaves out this address (9109).
    refused_location: str | None = None
    _server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.zone_ids = {name: uuid.uuid4().hex for name in self.zones}
        self.records: dict[str, dict[str, dict[str, Any]]] = {}
        for name, records in self.zones.items():
            zid = self.zone_ids[name]
            self.records[zid] = {}
            for record in records:
                self._store(zid, name, record)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/client/v4"

    def inject(self, status: int, **kwargs: Any) -> None:
        self.faults.append(Fault(status, **kwargs))

    def _store(self, zid: str, zone: str, body: dict[str, Any]) -> dict[str, Any]:
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        record = {
            "id": uuid.uuid4().hex,
            "zone_id": zid,
            "zone_name": zone,
            "type": body["type"],
            "name": body["name"].rstrip(".").lower(),
            "content": body.get("content", ""),
            "ttl": body.get("ttl", 1),
            "proxied": bool(body.get("proxied", False)),
            "proxiable": body["type"] in ("A", "AAAA", "CNAME"),
            "settings": {},
            "meta": {},
            "comment": None,
            "tags": [],
            "created_on": now,
            "modified_on": now,
        }
        if body["type"] == "MX":
            record["priority"] = body.get("priority", 0)
        if body["type"] in DATA_FIELDS:
            record.update(_from_data(body))
        self.records[zid][record["id"]] = record
        return record

    def zone_records(self, zone: str) -> list[dict[str, Any]]:
        return list(self.records[self.zone_ids[zone]].values())

    # -- validation, as Cloudflare does it -------------------------------------------------

    def _conflict(self, zid: str, body: dict[str, Any], ignore: set[str]) -> tuple[int, str] | None:
        name = body["name"].rstrip(".").lower()
        same = [
            r for r in self.records[zid].values() if r["name"] == name and r["id"] not in ignore
        ]
        for r in same:
            if r["type"] == body["type"] and _meaning(r) == _meaning(body):
                if int(r.get("ttl") or 1) == int(body.get("ttl") or 1):
                    return 81058, "A record with the same settings already exists."
                return 81057, "An identical record already exists."
        if body["type"] == "CNAME" and same:
            return 81053, "An A, AAAA, or CNAME record with that host already exists."
        if any(r["type"] == "CNAME" for r in same):
            return 81054, "A CNAME record with that host already exists."
        return None

    def batch(self, zid: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """All or nothing: work on a copy, commit only when every step passed."""
        zone = next(n for n, i in self.zone_ids.items() if i == zid)
        saved = {k: dict(v) for k, v in self.records[zid].items()}
        result: dict[str, list[dict[str, Any]]] = {
            "deletes": [],
            "patches": [],
            "puts": [],
            "posts": [],
        }
        try:
            count = sum(len(body.get(k) or []) for k in result)
            if count > self.max_batch:
                raise _Refusal(
                    400,
                    1004,
                    f"DNS Validation Error: a batch may hold at most {self.max_batch} records "
                    f"on this zone's plan ({count} given).",
                )
            for key in ("patches", "puts", "posts"):
                for item in body.get(key) or []:
                    missing = _missing_data(item) if key != "patches" else []
                    if missing:
                        raise _Refusal(400, 9101, missing[0], missing)
                    if item.get("type") == "TXT" and not _parses(str(item.get("content", ""))):
                        raise _Refusal(
                            400,
                            1004,
                            "DNS Validation Error: the content of a TXT record must be quoted "
                            "character strings (RFC 1035).",
                        )
                    ttl = int(item.get("ttl") or 1)
                    if ttl != 1 and not self.min_ttl <= ttl <= 86400:
                        raise _Refusal(
                            400,
                            9021,
                            f"Invalid TTL. Must be between {self.min_ttl} and 86400 seconds, "
                            "or 1 for Automatic.",
                        )
            for item in body.get("deletes") or []:
                record = self.records[zid].pop(item["id"], None)
                if record is None:
                    raise _Refusal(404, 81044, "Record does not exist.")
                result["deletes"].append(record)
            for key in ("patches", "puts"):
                for item in body.get(key) or []:
                    record = self.records[zid].get(item["id"])
                    if record is None:
                        raise _Refusal(404, 81044, "Record does not exist.")
                    merged = {**record, **item} if key == "patches" else {**item}
                    merged.setdefault("name", record["name"])
                    merged.setdefault("type", record["type"])
                    if merged["type"] in DATA_FIELDS:
                        missing = _missing_data(merged)
                        if missing:
                            raise _Refusal(400, 9101, missing[0], missing)
                        merged.update(_from_data(merged))
                    found = self._conflict(zid, merged, {record["id"]})
                    if found:
                        raise _Refusal(400, *found)
                    record.update({k: v for k, v in merged.items() if k != "id"})
                    result[key].append(record)
            for item in body.get("posts") or []:
                found = self._conflict(zid, item, set())
                if found:
                    raise _Refusal(400, *found)
                stored = self._store(zid, zone, self._altered(item))
                if self.quirk == "ignore-create":
                    del self.records[zid][stored["id"]]
                result["posts"].append(stored)
        except _Refusal as refusal:
            self.records[zid] = saved
            messages = refusal.messages or [refusal.message]
            return refusal.status, envelope(
                None, [{"code": refusal.code, "message": m} for m in messages]
            )
        self._write_through(zone, list(saved.values()), list(self.records[zid].values()))
        return 200, envelope(result)

    def _altered(self, item: dict[str, Any]) -> dict[str, Any]:
        """What this fake keeps of a posted record, by its `quirk`."""
        if self.quirk == "ttl":
            return {**item, "ttl": 300}
        if self.quirk == "strip-txt" and item.get("type") == "TXT":
            content = str(item.get("content", ""))
            return {**item, "content": content[:-2] + content[-1:]}  # inside the last quote
        return item

    def _write_through(
        self, zone: str, before: list[dict[str, Any]], after: list[dict[str, Any]]
    ) -> None:
        """Replace in BIND every (name, type) set as Cloudflare would now serve it."""
        pass_on(self.bind, zone, before, after, _served)

    # -- serving ----------------------------------------------------------------------------

    def start(self) -> CloudflareAPI:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def _reply(
                self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
            ) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

            def _handle(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                url = urlparse(self.path)
                api.requests.append((method, url.path))
                writes = method != "GET"
                if writes:
                    api.write_requests += 1
                for fault in list(api.faults):
                    if fault.path_contains in url.path:
                        if fault.skip:
                            fault.skip -= 1
                            continue
                        api.faults.remove(fault)
                        if fault.stall:
                            time.sleep(fault.stall)
                        headers = (
                            {"Retry-After": str(fault.retry_after)} if fault.retry_after else {}
                        )
                        self._reply(
                            fault.status,
                            envelope(None, [{"code": fault.code, "message": fault.message}]),
                            headers,
                        )
                        return
                auth = self.headers.get("Authorization", "")
                if not WELL_FORMED.fullmatch(auth):
                    chain = [{"code": 6111, "message": "Invalid format for Authorization header"}]
                    error = {"code": 6003, "message": "Invalid request headers"}
                    self._reply(400, envelope(None, [{**error, "error_chain": chain}]))
                    return
                if auth not in (f"Bearer {api.token}", f"Bearer {api.read_only_token}"):
                    self._reply(
                        403, envelope(None, [{"code": 9109, "message": "Invalid access token"}])
                    )
                    return
                if api.refused_location is not None:
                    message = f"Cannot use the access token from location: {api.refused_location}"
                    self._reply(403, envelope(None, [{"code": 9109, "message": message}]))
                    return
                if writes and auth == f"Bearer {api.read_only_token}":
                    self._reply(
                        403, envelope(None, [{"code": 10000, "message": "Authentication error"}])
                    )
                    return
                with api._lock:
                    status, body = api.route(
                        method, url.path, parse_qs(url.query), json.loads(raw) if raw else {}
                    )
                self._reply(status, body)

            def do_GET(self) -> None:  # noqa: N802
                self._handle("GET")

            def do_POST(self) -> None:  # noqa: N802
                self._handle("POST")

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return

        self._serve(Handler)
        return self

    def route(
        self, method: str, path: str, query: dict[str, list[str]], body: dict[str, Any]
    ) -> tuple[int, dict[str, Any]]:
        parts = path.removeprefix("/client/v4").strip("/").split("/")
        if method == "GET" and parts == ["zones"]:
            name = (query.get("name") or [""])[0]
            zones = [
                {"id": i, "name": n, "status": "active"}
                for n, i in self.zone_ids.items()
                if not name or n == name
            ]
            page = int((query.get("page") or ["1"])[0])
            per_page = int((query.get("per_page") or ["20"])[0])
            chunk = zones[(page - 1) * per_page : page * per_page]
            return 200, envelope(chunk, info=(page, per_page, len(zones)))
        if len(parts) >= 3 and parts[0] == "zones" and parts[2] == "dns_records":
            zid = parts[1]
            if zid not in self.records:
                return 404, envelope(
                    None,
                    [
                        {
                            "code": 7003,
                            "message": "Could not route to "
                            f"/zones/{zid}, perhaps your object identifier "
                            "is invalid?",
                        }
                    ],
                )
            if method == "GET" and len(parts) == 3:
                return 200, self.list(zid, query)
            if method == "POST" and parts[3:] == ["batch"]:
                return self.batch(zid, body)
        return 404, envelope(None, [{"code": 7000, "message": "No route for that URI"}])

    def list(self, zid: str, query: dict[str, list[str]]) -> dict[str, Any]:
        names: list[str | None] = [*(query.get("name.exact") or query.get("name") or []), None]
        types: list[str | None] = [*(query.get("type") or []), None]
        name, rtype = names[0], types[0]
        page = int((query.get("page") or ["1"])[0])
        per_page = int((query.get("per_page") or ["100"])[0])
        found = [
            r
            for r in self.records[zid].values()
            if (name is None or r["name"] == name.lower()) and (rtype is None or r["type"] == rtype)
        ]
        chunk = found[(page - 1) * per_page : page * per_page]
        return envelope(chunk, info=(page, per_page, len(found)))


#: What Cloudflare takes as a bearer token: `Bearer` and one run of token characters.
WELL_FORMED = re.compile(r"Bearer [A-Za-z0-9_\-]+")

EDGE_ADDRESS = "104.16.0.1"  # stands for any of Cloudflare's edge addresses


def _edge() -> Any:
    import dns.rdata

    return dns.rdata.from_text("IN", "A", EDGE_ADDRESS)


def _served(record: dict[str, Any]) -> list[Served]:
    """How Cloudflare's name servers answer for a record: TTL 1 ("automatic") is 300, and a
    proxied record answers with an edge address instead of its own data."""
    ttl = 300 if int(record.get("ttl") or 1) == 1 else int(record["ttl"])
    if record.get("proxied"):
        return [(f"{record['name']}.", "A", ttl, _edge())]
    return [(f"{record['name']}.", record["type"], ttl, _rdata(record))]


def _rdata(record: dict[str, Any]) -> Any:
    """Cloudflare's JSON record as a dnspython rdata. TXT content may come quoted or not."""
    import dns.rdata

    from tests.fakes.bind import txt_rdata

    content = str(record["content"])
    if record["type"] == "TXT":
        if content.startswith('"'):
            return dns.rdata.from_text("IN", "TXT", content)
        return txt_rdata(content)
    if record["type"] in ("CNAME", "MX", "SRV"):
        target = content.rstrip(".") + "."
        if record["type"] == "MX":
            target = f"{record.get('priority', 0)} {target}"
        return dns.rdata.from_text("IN", record["type"], target)
    return dns.rdata.from_text("IN", record["type"], content)


#: The `data` fields Cloudflare requires for these types (cloudflare-python 5.x,
#: types/dns/srv_record_param.py and caa_record_param.py). A missing one is refused with code
#: 9101 "<field> is a required data field.", one error per field, as the live API answered in
#: github.com/5aaee9/Dnsflare/issues/42 (2025); `content` is then ignored.
DATA_FIELDS: dict[str, tuple[str, ...]] = {
    "SRV": ("priority", "weight", "port", "target"),
    "CAA": ("flags", "tag", "value"),
}


def _missing_data(item: dict[str, Any]) -> list[str]:
    fields = DATA_FIELDS.get(str(item.get("type", "")), ())
    data = item["data"] if isinstance(item.get("data"), dict) else {}
    return [f"{f} is a required data field." for f in fields if data.get(f) in (None, "")]


def _from_data(body: dict[str, Any]) -> dict[str, Any]:
    """`data`, `content` and `priority` as Cloudflare answers them for an SRV or CAA record.

    SRV `content` is "priority weight port target" (the SDK's SRVRecord.content: "Priority,
    weight, port, and SRV target"), the priority also at the top level; CAA `content` is the
    formatted record, `0 issue "letsencrypt.org"`.
    """
    import dns.rdata

    data = dict(body["data"])
    if body["type"] == "SRV":
        data = {k: int(data[k]) if k != "target" else str(data[k]) for k in DATA_FIELDS["SRV"]}
        content = f"{data['priority']} {data['weight']} {data['port']} {data['target']}"
        return {"data": data, "content": content, "priority": data["priority"]}
    data = {"flags": int(data["flags"]), "tag": str(data["tag"]), "value": str(data["value"])}
    tag, value = data["tag"].encode(), data["value"].encode()
    wire = bytes([data["flags"], len(tag)]) + tag + value
    return {"data": data, "content": dns.rdata.from_wire("IN", "CAA", wire, 0, len(wire)).to_text()}


def _parses(content: str) -> bool:
    """Quoted TXT content that is RFC 1035 character-strings (unquoted content is taken)."""
    import dns.exception

    if not content.startswith('"'):
        return True
    try:
        _rdata({"type": "TXT", "content": content})
    except dns.exception.DNSException:
        return False
    return True


def _meaning(record: dict[str, Any]) -> str:
    """What a record says, for the duplicate check: TXT quoted or not, names without the dot,
    SRV and CAA by their data (the target a name, the CAA tag without case)."""
    data = record.get("data") if isinstance(record.get("data"), dict) else None
    if record.get("type") == "SRV" and data:
        target = str(data.get("target", "")).rstrip(".").lower()
        return f"{data.get('priority')} {data.get('weight')} {data.get('port')} {target}"
    if record.get("type") == "CAA" and data:
        return f"{data.get('flags')} {str(data.get('tag')).lower()} {data.get('value')}"
    content = str(record.get("content", ""))
    if record.get("type") == "TXT" and content.startswith('"'):
        return _quoted_txt(content)
    return f"{record.get('priority', '')} {content.rstrip('.').lower()}"


@functools.lru_cache(maxsize=4096)
def _quoted_txt(content: str) -> str:
    return b"".join(_rdata({"type": "TXT", "content": content}).strings).decode(errors="replace")


class _Refusal(Exception):
    def __init__(
        self, status: int, code: int, message: str, messages: list[str] | None = None
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        #: Several errors of one code, each its own entry (one per missing data field).
        self.messages = messages or []


def envelope(
    result: Any,
    errors: list[dict[str, Any]] | None = None,
    info: tuple[int, int, int] | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "success": not errors,
        "errors": errors or [],
        "messages": [],
        "result": result,
    }
    if info is not None:
        page, per_page, total = info
        body["result_info"] = {
            "page": page,
            "per_page": per_page,
            "count": max(0, min(per_page, total - (page - 1) * per_page)),
            "total_count": total,
            "total_pages": max(1, -(-total // per_page)),
        }
    return body
