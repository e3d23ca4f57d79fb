"""A local DigitalOcean API v2 (domain records) on 127.0.0.1, for the dns-lexicon backend's tests.

Written from DigitalOcean's published reference (https://docs.digitalocean.com/reference/api/
digitalocean/#tag/Domain-Records, and pydo's generated reference of the same operations):
- auth `Authorization: Bearer TOKEN`; a wrong token answers 401
  `{"id": "Unauthorized", "message": "Unable to authenticate you"}`;
- `GET /v2/domains/{d}` → `{"domain": {...}}`, 404 `{"id": "not_found", ...}` for another;
- `GET /v2/domains/{d}/records?page=&per_page=` (20 a page by default, 200 at most) →
  `{"domain_records": [...], "links": {"pages": {"next": URL, ...}}, "meta": {"total": N}}`;
- `POST /v2/domains/{d}/records` → 201 `{"domain_record": {...}}`; `PUT …/records/{id}` → 200;
  `DELETE …/records/{id}` → 204 with no body; an unknown id → 404;
- a record is `{id, type, name, data, priority, port, ttl, weight, flags, tag}`; names are
  relative, `@` is the apex; TTL at least 30; MX and SRV need a priority; a CNAME, MX or NS
  target must be a full name ending in a dot (or `@`), and is listed back without the dot;
  every refusal is 422 `{"id": "unprocessable_entity", "message": …}`.

Given a `bind` target (tests/fakes/bind.py's BindServer), every accepted write is passed on to
BIND as a signed update, so a test (or the wizard's watch) sees the records in DNS.

`requests_seen` keeps (method, path, query, body) of every request. `quirk` makes the host keep
something else than it was sent, as a backend or host can: "strip-txt-quotes" drops the first and
last character of a TXT value (lexicon's `_clean_TXT_record` does that on read at some hosts),
"ttl-1800" stores every new record with DigitalOcean's default TTL whatever was sent.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from tests.fakes.lexicon.api import JSONAPI, Request, Seen
from tests.fakes.passthrough import Served, pass_on

TYPES = ("A", "AAAA", "CAA", "CNAME", "MX", "NS", "SOA", "SRV", "TXT")
TARGETS = ("CNAME", "MX", "NS", "SRV")
PAGE = 20


NOT_FOUND = "The resource you requested could not be found."


def _error(status: int, ident: str, message: str) -> tuple[int, dict[str, str]]:
    return status, {"id": ident, "message": message}


@dataclass
class DigitalOceanAPI(JSONAPI[Seen]):
    """The fake API. `domains` maps a domain to its records (DigitalOcean JSON dicts)."""

    base_path = "/v2"

    domains: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    token: str = "dop_v1_test0123456789abcdef"
    #: Seconds to hold every request before answering: a host that takes the connection and
    #: says nothing.
    stall: float = 0.0
    bind: Any = None
    _next_id: int = 28448429

    def add_domain(self, domain: str, *records: dict[str, Any]) -> None:
        self.domains[domain] = [
            {
                "id": self._new_id(),
                "type": "NS",
                "name": "@",
                "data": "ns1.digitalocean.com",
                "priority": None,
                "port": None,
                "ttl": 1800,
                "weight": None,
                "flags": None,
                "tag": None,
            },
        ]
        for record in records:
            self.domains[domain].append(self._stored(record))

    def records(self, domain: str) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(r) for r in self.domains[domain]]

    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def _stored(self, body: dict[str, Any]) -> dict[str, Any]:
        record = {
            key: body.get(key)
            for key in ("type", "name", "data", "priority", "port", "ttl", "weight", "flags", "tag")
        }
        record["id"] = self._new_id()
        if record["ttl"] is None:
            record["ttl"] = 1800
        if record["type"] in TARGETS and record["data"] != "@":
            record["data"] = str(record["data"]).removesuffix(".")
        return record

    def answer(self, request: Request) -> tuple[int, Any]:
        if self.stall:
            time.sleep(self.stall)
        if not request.is_json:
            return _error(400, "bad_request", "Unable to parse request body.")
        if request.auth != f"Bearer {self.token}":
            return _error(401, "Unauthorized", "Unable to authenticate you")
        parts = request.path.strip("/").split("/")
        if parts[:2] != ["v2", "domains"] or len(parts) < 3:
            return _error(404, "not_found", NOT_FOUND)
        domain, method = parts[2], request.method
        with self._lock:
            if domain not in self.domains:
                return _error(404, "not_found", NOT_FOUND)
            records = self.domains[domain]
            before = [dict(r) for r in records]
            reply: tuple[int, Any]
            if len(parts) == 3 and method == "GET":
                reply = 200, {"domain": {"name": domain, "ttl": 1800, "zone_file": ""}}
            elif len(parts) == 4 and parts[3] == "records":
                reply = self._records(method, domain, records, request.query, request.body)
            elif len(parts) == 5 and parts[3] == "records":
                reply = self._one(method, records, parts[4], request.body)
            else:
                reply = _error(404, "not_found", NOT_FOUND)
            if method != "GET":
                pass_on(self.bind, domain, before, records, lambda r: _served(domain, r))
            return reply

    def _records(
        self,
        method: str,
        domain: str,
        records: list[dict[str, Any]],
        query: dict[str, list[str]],
        body: Any,
    ) -> tuple[int, Any]:
        if method == "GET":
            page = int(query.get("page", ["1"])[0])
            per_page = min(int(query.get("per_page", [str(PAGE)])[0]), 200)
            start = (page - 1) * per_page
            pages: dict[str, str] = {}
            if start + per_page < len(records):
                pages["next"] = (
                    f"{self.url}/domains/{domain}/records?page={page + 1}&per_page={per_page}"
                )
            return 200, {
                "domain_records": records[start : start + per_page],
                "links": {"pages": pages},
                "meta": {"total": len(records)},
            }
        if method != "POST":
            return _error(405, "method_not_allowed", "Method not allowed.")
        if not isinstance(body, dict):
            return _error(422, "unprocessable_entity", "Type can't be blank")
        reason = _refusal(body)
        if reason:
            return _error(422, "unprocessable_entity", reason)
        record = self._stored(body)
        if self.quirk == "ttl-1800":
            record["ttl"] = 1800
        if self.quirk == "strip-txt-quotes" and record["type"] == "TXT":
            record["data"] = record["data"][1:-1]
        records.append(record)
        return 201, {"domain_record": record}

    def _one(
        self, method: str, records: list[dict[str, Any]], ident: str, body: Any
    ) -> tuple[int, Any]:
        found = next((r for r in records if str(r["id"]) == ident), None)
        if found is None:
            return _error(404, "not_found", NOT_FOUND)
        if method == "GET":
            return 200, {"domain_record": found}
        if method == "DELETE":
            records.remove(found)
            return 204, None
        if method not in ("PUT", "PATCH"):
            return _error(405, "method_not_allowed", "Method not allowed.")
        if not isinstance(body, dict):
            return _error(422, "unprocessable_entity", "Nothing to update")
        reason = _refusal(body, found)
        if reason:
            return _error(422, "unprocessable_entity", reason)
        updated = self._stored({**found, **body})
        updated["id"] = found["id"]
        records[records.index(found)] = updated
        return 200, {"domain_record": updated}


def _refusal(body: dict[str, Any], existing: dict[str, Any] | None = None) -> str | None:
    """Why DigitalOcean answers 422 to this record body, or None."""
    merged = {**(existing or {}), **body}
    rtype = merged.get("type")
    if rtype not in TYPES:
        return "Type is not included in the list"
    name = merged.get("name")
    if not isinstance(name, str) or not name:
        return "Name can't be blank"
    data = merged.get("data")
    if not isinstance(data, str) or not data:
        return "Data can't be blank"
    ttl = merged.get("ttl")
    if ttl is not None and (not isinstance(ttl, int) or ttl < 30):
        return "Ttl must be greater than or equal to 30"
    if rtype in ("MX", "SRV") and not isinstance(merged.get("priority"), int):
        return "Priority is not a number"
    if rtype in ("CNAME", "MX", "NS") and data != "@" and not data.endswith("."):
        return "Data needs to end with a dot (.)"
    return None


def _served(domain: str, record: dict[str, Any]) -> list[Served]:
    """How DigitalOcean's name servers answer for a record (`@` is the apex)."""
    import dns.rdata

    from tests.fakes.bind import txt_rdata

    name = record["name"]
    owner = f"{domain}." if name == "@" else f"{name}.{domain}."
    rtype, data = record["type"], str(record["data"])
    if rtype == "SOA" or (rtype == "NS" and name == "@"):
        return []  # the zone's own: BIND keeps its own
    if rtype == "TXT":
        rdata = txt_rdata(data)
    elif rtype in ("CNAME", "NS"):
        rdata = dns.rdata.from_text("IN", rtype, f"{domain}." if data == "@" else f"{data}.")
    elif rtype == "MX":
        rdata = dns.rdata.from_text("IN", "MX", f"{record['priority']} {data}.")
    else:
        rdata = dns.rdata.from_text("IN", rtype, data)
    return [(owner, rtype, int(record["ttl"]), rdata)]
