"""A local Vultr API v2 (DNS part) on 127.0.0.1, for the dns-lexicon `vultr` backend's tests.

Built from Vultr's published reference, https://www.vultr.com/api/#tag/dns (the same OpenAPI
document the generated clients carry: github.com/vultr/vultr-python-client,
openapi-client/docs/apis/tags/DnsApi.md and docs/models/DnsRecord.md, Meta.md), and from what
the live API was recorded answering (dns-lexicon's cassettes under
tests/fixtures/cassettes/vultr/, 2021; DNSControl's providers/vultr; lego issue #939):

- `Authorization: Bearer KEY`; errors are JSON `{"error": "...", "status": N}`.
- `GET /v2/domains` and `GET /v2/domains/{domain}/records` are cursor-paged: `per_page`
  (default 100, at most 500) and `cursor`; `meta.links.next` is the next cursor, "" on the
  last page. The domain is named by itself in the path; an unknown one is 404.
- `POST /v2/domains/{domain}/records` takes `name` (relative, "" for the apex), `type`, `data`,
  optional `ttl` and `priority` (required for MX and SRV) and answers 201 `{"record": {...}}`.
  A record is `{id (a UUID), type, name, data, priority, ttl}`; records Vultr made itself carry
  priority -1, the others the priority sent or 0.
- TXT `data` must be enclosed in double quotes (400 "Unable to add record: Record data must be
  enclosed in quotes") and may hold none inside; it is kept and listed with its quotes. One
  quoted string may be longer than 255 characters (DNSControl joins a long TXT into one).
- CNAME, MX and NS targets carry no trailing dot.
- `GET`/`PATCH`/`DELETE /v2/domains/{domain}/records/{id}`: PATCH takes any of name, data,
  ttl, priority and answers 204, DELETE answers 204; an unknown id is 404.

`requests_seen` records every request (method, path, query, body) so a test can check each one
against the reference. `quirk` makes the fake keep something other than what a create asked
for, as a host can: "unquoted-txt" keeps a TXT value without the quotes it was sent in (what
lego #939 saw on the older API; the backend then cuts one character off each end on reading),
"default-ttl" ignores the TTL sent and keeps Vultr's default of 300.
"""

from __future__ import annotations

import base64
import ipaddress
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from tests.fakes.lexicon.api import JSONAPI, Request
from tests.fakes.lexicon.api import Seen as Seen  # the tests check requests by it

#: The types the reference lists for a record.
TYPES = ("A", "AAAA", "CNAME", "NS", "MX", "SRV", "TXT", "CAA", "SSHFP")
#: Vultr's default TTL for the records it makes itself (the recorded zones show 300).
DEFAULT_TTL = 300
MAX_PER_PAGE = 500


def default_records() -> list[dict[str, Any]]:
    """What a new Vultr zone holds: its two name servers, made by Vultr (priority -1)."""
    return [
        _record("NS", "", "ns1.vultr.com", priority=-1, ttl=DEFAULT_TTL),
        _record("NS", "", "ns2.vultr.com", priority=-1, ttl=DEFAULT_TTL),
    ]


def _record(rtype: str, name: str, data: str, *, priority: int, ttl: int) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "type": rtype,
        "name": name,
        "data": data,
        "priority": priority,
        "ttl": ttl,
    }


def _err(status: int, message: str) -> tuple[int, dict[str, Any]]:
    return status, {"error": message, "status": status}


@dataclass
class VultrAPI(JSONAPI[Seen]):
    """The fake API. `domains` maps a zone to its records, in Vultr's own JSON shape."""

    #: The API base the backend's `api_endpoint` takes (its paths start with "/").
    base_path = "/v2"

    domains: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    key: str = "VULTRTESTKEY0123456789ABCDEFGHIJKLMN"
    #: Records (or domains) per page when the request gives no `per_page`.
    per_page: int = 100

    def add_zone(self, domain: str, records: list[dict[str, Any]] | None = None) -> None:
        """A zone as Vultr makes it (its NS records), plus `records` given in Vultr's shape."""
        with self._lock:
            self.domains[domain] = default_records() + [
                {"id": str(uuid.uuid4()), **r} for r in records or []
            ]

    def records(self, domain: str) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(r) for r in self.domains.get(domain, [])]

    # -- request handling ------------------------------------------------------------------
    def answer(self, request: Request) -> tuple[int, Any]:
        if not request.is_json:
            return _err(400, "Invalid JSON body.")
        method, path, query, body = request.method, request.path, request.query, request.body
        with self._lock:
            if request.auth != f"Bearer {self.key}":
                return _err(401, "Invalid API token.")
            parts = [unquote(p) for p in path.strip("/").split("/")]
            if parts[:2] != ["v2", "domains"]:
                return _err(404, "Not found")
            if len(parts) == 2 and method == "GET":
                return self._page("domains", self._domain_list(), query)
            if len(parts) < 4 or parts[3] != "records" or len(parts) > 5:
                return _err(404, "Not found")
            domain = parts[2].lower()
            if domain not in self.domains:
                return _err(404, "Domain not found.")
            if len(parts) == 4:
                if method == "GET":
                    return self._page("records", [dict(r) for r in self.domains[domain]], query)
                if method == "POST":
                    return self._create(domain, body)
                return _err(405, "Method not allowed")
            record = next((r for r in self.domains[domain] if r["id"] == parts[4]), None)
            if record is None:
                return _err(404, "Record not found.")
            if method == "GET":
                return 200, {"record": dict(record)}
            if method == "PATCH":
                return self._patch(domain, record, body)
            if method == "DELETE":
                self.domains[domain].remove(record)
                return 204, None
            return _err(405, "Method not allowed")

    def _domain_list(self) -> list[dict[str, Any]]:
        return [
            {"domain": d, "date_created": "2026-01-01T00:00:00+00:00", "dns_sec": "disabled"}
            for d in sorted(self.domains)
        ]

    def _page(
        self, key: str, items: list[dict[str, Any]], query: dict[str, list[str]]
    ) -> tuple[int, Any]:
        """One cursor page: the cursor is opaque to clients (here, an offset in base64)."""
        try:
            per_page = int(query.get("per_page", [str(self.per_page)])[0])
            cursor = query.get("cursor", [""])[0]
            start = int(base64.b64decode(cursor).decode()) if cursor else 0
        except ValueError:
            return _err(400, "Invalid pagination parameters.")
        if not 1 <= per_page <= MAX_PER_PAGE:
            return _err(400, f"per_page must be between 1 and {MAX_PER_PAGE}.")
        end = start + per_page
        links = {
            "next": base64.b64encode(str(end).encode()).decode() if end < len(items) else "",
            "prev": base64.b64encode(str(max(0, start - per_page)).encode()).decode()
            if start
            else "",
        }
        return 200, {key: items[start:end], "meta": {"total": len(items), "links": links}}

    def _create(self, domain: str, body: Any) -> tuple[int, Any]:
        if not isinstance(body, dict):
            return _err(400, "Invalid JSON body.")
        rtype, name, data = body.get("type"), body.get("name"), body.get("data")
        ttl, priority = body.get("ttl", DEFAULT_TTL), body.get("priority")
        if not isinstance(rtype, str) or rtype not in TYPES:
            return _err(400, "Unable to add record: Invalid record type")
        if not isinstance(name, str):
            return _err(400, "Unable to add record: name is required")
        if not isinstance(data, str) or not data:
            return _err(400, "Unable to add record: data is required")
        if not isinstance(ttl, int) or isinstance(ttl, bool) or ttl < 0:
            return _err(400, "Unable to add record: Invalid TTL")
        if priority is not None and (not isinstance(priority, int) or priority < 0):
            return _err(400, "Unable to add record: Invalid priority")
        if rtype in ("MX", "SRV") and priority is None:
            return _err(400, "Unable to add record: priority is required for MX and SRV")
        problem = _check_data(rtype, data)
        if problem:
            return _err(400, f"Unable to add record: {problem}")
        if rtype == "CNAME" and any(r["name"] == name for r in self.domains[domain]):
            return _err(400, "Unable to add record: A CNAME cannot sit beside other records")
        if any(r["name"] == name and r["type"] == "CNAME" for r in self.domains[domain]):
            return _err(400, "Unable to add record: A CNAME already exists at this name")
        if self.quirk == "unquoted-txt" and rtype == "TXT":
            data = data[1:-1]
        if self.quirk == "default-ttl":
            ttl = DEFAULT_TTL
        record = _record(rtype, name, data, priority=priority or 0, ttl=ttl)
        self.domains[domain].append(record)
        return 201, {"record": dict(record)}

    def _patch(self, domain: str, record: dict[str, Any], body: Any) -> tuple[int, Any]:
        if not isinstance(body, dict):
            return _err(400, "Invalid JSON body.")
        unknown = set(body) - {"name", "data", "ttl", "priority"}
        if unknown:
            return _err(400, f"Unable to update record: unknown field {sorted(unknown)[0]}")
        new = dict(record)
        for key, kind in (("name", str), ("data", str), ("ttl", int), ("priority", int)):
            if key in body:
                if not isinstance(body[key], kind) or isinstance(body[key], bool):
                    return _err(400, f"Unable to update record: Invalid {key}")
                new[key] = body[key]
        problem = _check_data(new["type"], new["data"])
        if problem:
            return _err(400, f"Unable to update record: {problem}")
        record.update(new)
        return 204, None

    def crashed(self, exc: Exception) -> tuple[int, Any]:
        return _err(500, type(exc).__name__)


def _check_data(rtype: str, data: str) -> str | None:
    """Why Vultr refuses `data` for `rtype`, or None."""
    if rtype == "TXT":
        if len(data) < 2 or not (data.startswith('"') and data.endswith('"')):
            return "Record data must be enclosed in quotes"
        if '"' in data[1:-1]:
            return "Record data may not contain quotes"
        return None
    if rtype in ("A", "AAAA"):
        try:
            address = ipaddress.ip_address(data)
        except ValueError:
            return "Invalid IP address"
        if address.version != (4 if rtype == "A" else 6):
            return "Invalid IP address"
        return None
    if rtype in ("CNAME", "MX", "NS"):
        labels = data.split(".")
        if data.endswith(".") or not all(labels) or any(" " in label for label in labels):
            return "Invalid hostname"
    return None
