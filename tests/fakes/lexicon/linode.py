"""A local Linode API v4 (Domains part) on 127.0.0.1, for the dns-lexicon `linode` backend's tests.

Built from Linode's published reference, https://techdocs.akamai.com/linode-api/reference/
(get-domains, get-domain-records, post-domain-record, put-domain-record,
delete-domain-record; the same OpenAPI document as github.com/linode/linode-api-docs
openapi.yaml), and from what the live API was recorded answering (dns-lexicon's cassettes under
tests/fixtures/cassettes/linode/; DNSControl's providers/linode):

- `Authorization: Bearer TOKEN`; errors are JSON `{"errors": [{"reason": ..., "field": ...}]}`
  (401 "Invalid Token", 404 "Not found", 400 naming the field).
- Lists are paged: `page` (from 1) and `page_size` (25 to 500, default 100); the answer is
  `{"data": [...], "page", "pages", "results"}`. `GET /v4/domains` takes an `X-Filter` header
  (JSON, e.g. `{"domain": "example.com"}`; `domain` is filterable). A domain is named by its
  numeric `id` in paths; an unknown id is 404.
- `POST /v4/domains/{id}/records` takes `type` (A, AAAA, NS, MX, CNAME, TXT, SRV, PTR, CAA),
  `name` (relative, at most 100 characters, "" for the apex), `target` (at most 65535
  characters; the IP address for A/AAAA; a valid domain for CNAME, MX, NS, where a trailing
  period is accepted), `ttl_sec`, `priority` (0-255, MX defaults to 0) and answers 200 with the
  record. `ttl_sec` is one of 0 (the Domain's default), 300, 3600, 7200, 14400, 28800, 57600,
  86400, 172800, 345600, 604800, 1209600, 2419200; any other value is rounded up to the next
  one (DNSControl: 301 → 3600). A CNAME name must be unique.
- TXT targets are stored exactly as sent, quotes included (a quote sent is a quote served).
- `PUT /v4/domains/{id}/records/{recordId}` changes the fields given (null leaves one as it
  is; a record's type cannot change) and answers 200 with the record; `DELETE` answers 200 `{}`.
- The zone's NS records at the apex (ns1-ns5.linode.com) are served but never listed.

`requests_seen` records every request (method, path, query, body, X-Filter) so a test can check
each one against the reference. `quirk` makes the fake keep something other than what a create
asked for, as a host can: "truncate-txt" keeps only the first 255 characters of a TXT target,
"ignore-create" answers a create as done and keeps nothing.
"""

from __future__ import annotations

import ipaddress
import itertools
import json
import math
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from tests.fakes.lexicon import api
from tests.fakes.lexicon.api import JSONAPI, Request

TYPES = ("A", "AAAA", "NS", "MX", "CNAME", "TXT", "SRV", "PTR", "CAA")
#: The TTLs a record may have; 0 is "the Domain's default".
TTLS = (0, 300, 3600, 7200, 14400, 28800, 57600, 86400, 172800, 345600, 604800, 1209600, 2419200)
NAME_MAX = 100
TARGET_MAX = 65535
PAGE_SIZES = (25, 500)
_ids = itertools.count(9_295_000)


@dataclass(frozen=True)
class Seen(api.Seen):
    """One request as the fake received it (`filter`: the X-Filter header, parsed, or None)."""

    filter: Any


def _x_filter(request: Request) -> Any:
    """The X-Filter header parsed from JSON, or None; ValueError if it is not JSON."""
    header = request.headers.get("X-Filter")
    return json.loads(header) if header else None


def round_ttl(ttl: int) -> int:
    """Linode's rounding: up to the next allowed TTL, the largest past the end."""
    return next((t for t in TTLS if t >= ttl), TTLS[-1])


def _errors(status: int, reason: str, field_name: str | None = None) -> tuple[int, Any]:
    error: dict[str, str] = {"reason": reason}
    if field_name:
        error["field"] = field_name
    return status, {"errors": [error]}


def record(rtype: str, name: str, target: str, *, ttl_sec: int = 0, priority: int = 0) -> Any:
    """A record in Linode's shape, with a fresh id."""
    return {
        "id": next(_ids),
        "type": rtype,
        "name": name,
        "target": target,
        "priority": priority,
        "weight": 0,
        "port": 0,
        "service": None,
        "protocol": None,
        "tag": None,
        "ttl_sec": ttl_sec,
        "created": "2026-01-01T00:00:00",
        "updated": "2026-01-01T00:00:00",
    }


@dataclass
class Zone:
    """One Domain: its id, name and records (the apex NS records are implicit, never listed)."""

    id: int
    domain: str
    records: list[dict[str, Any]]

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "domain": self.domain,
            "type": "master",
            "status": "active",
            "soa_email": f"hostmaster@{self.domain}",
            "description": "",
            "group": "",
            "tags": [],
            "ttl_sec": 0,
            "refresh_sec": 0,
            "retry_sec": 0,
            "expire_sec": 0,
            "master_ips": [],
            "axfr_ips": [],
        }


@dataclass
class LinodeAPI(JSONAPI[Seen]):
    """The fake API. `zones` maps a domain name to its Zone."""

    #: The API base the backend's `api_endpoint` takes (its paths do not start with "/").
    base_path = "/v4/"

    zones: dict[str, Zone] = field(default_factory=dict)
    token: str = "linode-test-token-0123456789abcdef0123456789abcdef01234567"
    #: Items per page when the request gives no `page_size` (Linode's default is 100).
    page_size: int = 100
    _domain_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1065421))

    def add_zone(self, domain: str, records: list[dict[str, Any]] | None = None) -> Zone:
        with self._lock:
            zone = Zone(next(self._domain_ids), domain, [dict(r) for r in records or []])
            self.zones[domain] = zone
            return zone

    def records(self, domain: str) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(r) for r in self.zones[domain].records]

    # -- request handling ------------------------------------------------------------------
    def seen(self, request: Request) -> Seen:
        try:
            x_filter = _x_filter(request)
        except ValueError:
            x_filter = request.headers.get("X-Filter")
        return Seen(request.method, request.path, request.query, request.body, x_filter)

    def answer(self, request: Request) -> tuple[int, Any]:
        try:
            x_filter = _x_filter(request)
        except ValueError:
            return _errors(400, "Invalid JSON")
        if not request.is_json:
            return _errors(400, "Invalid JSON")
        method, path, query, body = request.method, request.path, request.query, request.body
        with self._lock:
            if request.auth != f"Bearer {self.token}":
                return _errors(401, "Invalid Token")
            parts = [unquote(p) for p in path.strip("/").split("/")]
            if parts[:2] != ["v4", "domains"]:
                return _errors(404, "Not found")
            if len(parts) == 2 and method == "GET":
                return self._list_domains(query, x_filter)
            if len(parts) < 4 or parts[3] != "records" or len(parts) > 5:
                return _errors(404, "Not found")
            zone = next((z for z in self.zones.values() if str(z.id) == parts[2]), None)
            if zone is None:
                return _errors(404, "Not found")
            if len(parts) == 4:
                if method == "GET":
                    return self._page([dict(r) for r in zone.records], query)
                if method == "POST":
                    return self._create(zone, body)
                return _errors(405, "Method Not Allowed")
            found = next((r for r in zone.records if str(r["id"]) == parts[4]), None)
            if found is None:
                return _errors(404, "Not found")
            if method == "GET":
                return 200, dict(found)
            if method == "PUT":
                return self._update(zone, found, body)
            if method == "DELETE":
                zone.records.remove(found)
                return 200, {}
            return _errors(405, "Method Not Allowed")

    def _list_domains(self, query: dict[str, list[str]], x_filter: Any) -> tuple[int, Any]:
        zones = [z.summary() for z in self.zones.values()]
        if x_filter is not None:
            if not isinstance(x_filter, dict) or set(x_filter) - {"domain", "type", "tags"}:
                return _errors(400, "Cannot filter on that field", "X-Filter")
            zones = [z for z in zones if all(z.get(k) == v for k, v in x_filter.items())]
        return self._page(zones, query)

    def _page(self, items: list[dict[str, Any]], query: dict[str, list[str]]) -> tuple[int, Any]:
        try:
            page = int(query.get("page", ["1"])[0])
            size = int(query.get("page_size", [str(self.page_size)])[0])
        except ValueError:
            return _errors(400, "Must be an integer", "page")
        if "page_size" in query and not PAGE_SIZES[0] <= size <= PAGE_SIZES[1]:
            return _errors(400, "Must be between 25 and 500", "page_size")
        pages = max(1, math.ceil(len(items) / size))
        if page < 1 or page > pages:
            return _errors(400, f"Must be between 1 and {pages}", "page")
        chunk = items[(page - 1) * size : page * size]
        return 200, {"data": chunk, "page": page, "pages": pages, "results": len(items)}

    def _validate(self, rtype: Any, name: Any, target: Any, ttl: Any) -> tuple[int, Any] | None:
        if rtype not in TYPES:
            return _errors(400, "Invalid record type", "type")
        if not isinstance(name, str) or len(name) > NAME_MAX:
            return _errors(400, f"Length must be {NAME_MAX} characters or less", "name")
        if rtype == "CNAME" and not name:
            return _errors(400, "A CNAME record requires a name", "name")
        if not isinstance(target, str) or not target:
            return _errors(400, "target is required", "target")
        if len(target) > TARGET_MAX:
            return _errors(400, f"Length must be {TARGET_MAX} characters or less", "target")
        if rtype in ("A", "AAAA"):
            try:
                version: int = ipaddress.ip_address(target).version
            except ValueError:
                version = 0
            if version != (4 if rtype == "A" else 6):
                return _errors(400, f"Must be a valid IPv{4 if rtype == 'A' else 6} address")
        if rtype in ("CNAME", "MX", "NS"):
            labels = target.removesuffix(".").split(".")
            if len(labels) < 2 or not all(labels) or any(" " in label for label in labels):
                return _errors(400, "Must be a valid domain", "target")
        if ttl is not None and (not isinstance(ttl, int) or isinstance(ttl, bool) or ttl < 0):
            return _errors(400, "Must be an integer", "ttl_sec")
        return None

    def _create(self, zone: Zone, body: Any) -> tuple[int, Any]:
        if not isinstance(body, dict):
            return _errors(400, "Invalid JSON")
        rtype, name = body.get("type"), body.get("name") or ""
        target, ttl = body.get("target"), body.get("ttl_sec")
        refused = self._validate(rtype, name, target, ttl)
        if refused:
            return refused
        assert isinstance(rtype, str) and isinstance(target, str)  # _validate checked both
        same_name = [r for r in zone.records if r["name"] == name]
        if rtype == "CNAME" and same_name:
            return _errors(400, "Record conflict - CNAMES must be unique", "name")
        if any(r["type"] == "CNAME" for r in same_name):
            return _errors(400, "Record conflict - CNAMES must be unique", "name")
        priority = body.get("priority") or 0
        if not isinstance(priority, int) or not 0 <= priority <= 255:
            return _errors(400, "Must be between 0 and 255", "priority")
        if self.quirk == "truncate-txt" and rtype == "TXT":
            target = target[:255]
        new = record(rtype, name, target, ttl_sec=round_ttl(ttl or 0), priority=priority)
        if self.quirk != "ignore-create":
            zone.records.append(new)
        return 200, dict(new)

    def _update(self, zone: Zone, found: dict[str, Any], body: Any) -> tuple[int, Any]:
        if not isinstance(body, dict):
            return _errors(400, "Invalid JSON")
        if body.get("type") not in (None, found["type"]):
            return _errors(400, "A record's type cannot be changed", "type")
        new = dict(found)
        for key in ("name", "target", "ttl_sec", "priority"):
            if body.get(key) is not None:
                new[key] = body[key]
        refused = self._validate(new["type"], new["name"], new["target"], new["ttl_sec"])
        if refused:
            return refused
        new["ttl_sec"] = round_ttl(new["ttl_sec"])
        found.update(new)
        return 200, dict(found)

    def crashed(self, exc: Exception) -> tuple[int, Any]:
        return _errors(500, type(exc).__name__)
