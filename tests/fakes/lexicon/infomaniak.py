"""A local Infomaniak API (v1 product and domain DNS records) on 127.0.0.1, for dns-lexicon's
`infomaniak` backend.

Built from Infomaniak's published API rules (https://developer.infomaniak.com/getting-started:
JSON bodies, `Authorization: Bearer TOKEN`, every answer `{"result": "success", "data": …}` or
`{"result": "error", "error": {"code", "description"[, "errors"]}}`, 60 requests a minute) and
from what clients record of the live v1 endpoints the backend calls (lexicon's recorded
cassettes; lego's Infomaniak client and its error fixtures):

- `GET /1/product?service_name=domain&customer_name=ZONE` lists the account's domain products
  with that name (`{id, customer_name, service_name, …}`); an unknown name is an empty list;
- `GET /1/domain/{id}/dns/record` lists every record as `{id (a string), source (relative),
  source_idn (the full name), type, ttl, ttl_idn, target, target_idn, priority, updated_at,
  dyndns_id}`; `priority` is its own field (10 unless given), never part of the target;
- `POST /1/domain/{id}/dns/record` `{type, source, target, ttl}` answers 201 with the new id as
  a string; `GET`, `PUT` (`{ttl, source, target}`) and `DELETE` on `.../record/{rid}` read,
  replace and remove one record (`data: true`);
- a missing or wrong token is 401 (`not_authorized`), an unknown domain or record 404
  (`object_not_found`), a body that fails validation 422 (`validation_failed` with `errors`).

The TTL bounds (60 to 86400 s) are those Infomaniak states for its DNS records; the 401 code for
a bad token is inferred from the documented error shape (no recorded answer names it).

`quirk` makes the fake take a write and keep something else, so the read-back is seen catching
it: "ttl-default" keeps every new record at 3600 s whatever was sent, "ignore-create" answers a
create with an id and keeps nothing.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

from tests.fakes.lexicon.api import JSONAPI, Request, Seen

TYPES = (
    "A",
    "AAAA",
    "CAA",
    "CNAME",
    "DNAME",
    "DS",
    "MX",
    "NS",
    "SMIMEA",
    "SRV",
    "SSHFP",
    "TLSA",
    "TXT",
)
TTL_MIN, TTL_MAX = 60, 86400
_SOURCE = re.compile(r"^(\.|[A-Za-z0-9_*-]+(\.[A-Za-z0-9_*-]+)*)?$")


@dataclass
class InfomaniakAPI(JSONAPI[Seen]):
    """The fake API. `zones` maps a zone name to its records in Infomaniak's JSON shape."""

    # The API base is the bare address, as the backend's ENDPOINT (`https://api.infomaniak.com`).
    keep_blank_values = True
    unquote_path = True

    zones: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    token: str = "infomaniak-token-0123456789"
    #: Product ids of the zones, as Infomaniak numbers its domain products.
    ids: dict[str, int] = field(default_factory=dict)
    _next_id: int = 10_041_100

    def __post_init__(self) -> None:
        for n, zone in enumerate(sorted(self.zones)):
            self.ids.setdefault(zone, 890_190 + n)

    def records(self, zone: str) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(r) for r in self.zones.get(zone, [])]

    # -- request handling ------------------------------------------------------------------
    def answer(self, request: Request) -> tuple[int, Any]:
        method, path, query, body = request.method, request.path, request.query, request.body
        if request.auth != f"Bearer {self.token}":
            return 401, _error("not_authorized", "Authorization required")
        parts = [p for p in path.split("/") if p]
        with self._lock:
            if parts == ["1", "product"] and method == "GET":
                return 200, _ok(self._products(query))
            if len(parts) < 5 or parts[:2] != ["1", "domain"] or parts[3:5] != ["dns", "record"]:
                return 404, _error("not_found", "Route not found")
            zone = self._zone(parts[2])
            if zone is None:
                return 404, _error("object_not_found", "Object not found")
            if len(parts) == 5 and method == "GET":
                return 200, _ok([dict(r) for r in self.zones[zone]])
            if len(parts) == 5 and method == "POST":
                return self._create(zone, body)
            if len(parts) == 6:
                record = next((r for r in self.zones[zone] if r["id"] == parts[5]), None)
                if record is None:
                    return 404, _error("object_not_found", "Object not found")
                if method == "GET":
                    return 200, _ok(dict(record))
                if method == "PUT":
                    return self._update(zone, record, body)
                if method == "DELETE":
                    self.zones[zone].remove(record)
                    return 200, _ok(True)
            return 405, _error("method_not_allowed", "Method not allowed")

    def _products(self, query: dict[str, list[str]]) -> list[dict[str, Any]]:
        service = query.get("service_name", [None])[0]
        name = query.get("customer_name", [None])[0]
        if service not in (None, "domain"):
            return []
        return [
            {
                "id": self.ids[zone],
                "account_id": 1578,
                "service_id": 14,
                "service_name": "domain",
                "customer_name": zone,
                "internal_name": None,
                "maintenance": False,
                "locked": False,
                "rights": {"technical": True},
            }
            for zone in sorted(self.zones)
            if name is None or zone == name.lower()
        ]

    def _zone(self, ident: str) -> str | None:
        return next((z for z, i in self.ids.items() if str(i) == ident and z in self.zones), None)

    def _create(self, zone: str, body: Any) -> tuple[int, Any]:
        problems = _validate(body, create=True)
        if problems:
            return 422, _error("validation_failed", "Validation failed", problems)
        self._next_id += 1
        if self.quirk == "ignore-create":
            return 201, _ok(str(self._next_id))
        ttl = 3600 if self.quirk == "ttl-default" else body.get("ttl", 3600)
        self.zones[zone].append(
            _shape(str(self._next_id), zone, body["type"], body["source"], body["target"], ttl)
        )
        return 201, _ok(str(self._next_id))

    def _update(self, zone: str, record: dict[str, Any], body: Any) -> tuple[int, Any]:
        problems = _validate(body, create=False)
        if problems:
            return 422, _error("validation_failed", "Validation failed", problems)
        source = body.get("source", record["source"])
        new = _shape(
            record["id"],
            zone,
            record["type"],
            source,
            body.get("target", record["target"]),
            body.get("ttl", record["ttl"]),
        )
        record.update(new)
        return 200, _ok(True)

    def crashed(self, exc: Exception) -> tuple[int, Any]:
        return 500, _error("internal_error", type(exc).__name__)


def _validate(body: Any, *, create: bool) -> list[dict[str, Any]]:
    if not isinstance(body, dict):
        return [_problem("body", "attribute_required", "A JSON object is required")]
    problems: list[dict[str, Any]] = []
    required = ("type", "source", "target") if create else ()
    for name in required:
        if name not in body:
            problems.append(
                _problem(name, "attribute_required", f"The {name} attribute is required")
            )
    rtype = body.get("type")
    if "type" in body and rtype not in TYPES:
        problems.append(_problem("type", "attribute_invalid", "The type attribute is invalid"))
    source = body.get("source")
    if "source" in body and (not isinstance(source, str) or not _SOURCE.match(source)):
        problems.append(_problem("source", "attribute_invalid", "The source attribute is invalid"))
    target = body.get("target")
    if "target" in body and (not isinstance(target, str) or not target):
        problems.append(_problem("target", "attribute_invalid", "The target attribute is invalid"))
    if rtype in ("MX", "CNAME", "NS") and isinstance(target, str) and " " in target.strip():
        # The priority is its own field: "10 mail.example.com" is not a host name.
        problems.append(_problem("target", "attribute_invalid", "The target must be a host name"))
    ttl = body.get("ttl")
    if "ttl" in body and (not isinstance(ttl, int) or isinstance(ttl, bool)):
        problems.append(
            _problem("ttl", "attribute_invalid", "The ttl attribute must be an integer")
        )
    elif isinstance(ttl, int) and ttl < TTL_MIN:
        problems.append(
            _problem("ttl", "attribute_min_value", f"The ttl must be at least {TTL_MIN}", TTL_MIN)
        )
    elif isinstance(ttl, int) and ttl > TTL_MAX:
        problems.append(
            _problem("ttl", "attribute_max_value", f"The ttl may be at most {TTL_MAX}", TTL_MAX)
        )
    return problems


def _problem(
    attribute: str, code: str, description: str, bound: int | None = None
) -> dict[str, Any]:
    context: dict[str, Any] = {"attribute": attribute}
    if bound is not None:
        context["min_value" if code == "attribute_min_value" else "max_value"] = bound
    return {"code": code, "description": description, "context": context}


def _shape(ident: str, zone: str, rtype: str, source: str, target: str, ttl: int) -> dict[str, Any]:
    """A record as the listing answers it ("." or "" is the apex)."""
    relative = "." if source in ("", ".") else source.lower()
    full = zone if relative == "." else f"{relative}.{zone}"
    return {
        "id": ident,
        "source": relative,
        "source_idn": full,
        "type": rtype,
        "ttl": ttl,
        "ttl_idn": f"{ttl} s.",
        "target_idn": target,
        "updated_at": int(time.time()),
        "dyndns_id": None,
        "priority": 10,
        "target": target,
    }


def _ok(data: Any) -> dict[str, Any]:
    return {"result": "success", "data": data}


def _error(
    code: str, description: str, errors: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "description": description}
    if errors:
        error["errors"] = errors
    return {"result": "error", "error": error}


def sample_zone(zone: str) -> list[dict[str, Any]]:
    """A small zone as Infomaniak lists it: a web host, its www alias, SPF."""
    return [
        _shape("10041035", zone, "A", ".", "192.0.2.20", 3600),
        _shape("10041036", zone, "CNAME", "www", zone, 3600),
        _shape("10041037", zone, "TXT", ".", "v=spf1 include:spf.infomaniak.ch -all", 3600),
    ]
