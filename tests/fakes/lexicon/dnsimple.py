"""A local DNSimple API v2 (accounts, domains, zone records) on 127.0.0.1, for the lexicon tests.

Written from DNSimple's published reference, not from any client:
- https://developer.dnsimple.com/v2/ (auth, response codes, error bodies, pagination)
- https://developer.dnsimple.com/v2/zones/records/ and the `ZoneRecord`, `ZoneRecordCreate`,
  `ZoneRecordUpdate` and `TTL` schemas of https://developer.dnsimple.com/v2/openapi.yml
- https://developer.dnsimple.com/v2/accounts/ (`GET /accounts`), /v2/domains/ (`name_like`)
- https://support.dnsimple.com/articles/txt-record-format/ (TXT serialisation, 1000 characters)
- https://support.dnsimple.com/articles/what-is-ttl/ (TTLs from 1 minute to 3 days)

What it holds to, as the real API does:
- `Authorization: Bearer TOKEN`; anything else answers 401 `{"message": "Authentication failed"}`.
  The token is an account token: the account id in a path must be its own (else 404).
- Every success is `{"data": ...}`; lists add `pagination` and answer 30 per page unless
  `per_page` (at most 100) says otherwise. A DELETE answers 204 with no body.
- An unknown zone answers 404 `{"message": "Zone `NAME` not found"}`; an unknown record
  `{"message": "Record `ID` not found"}`.
- A create or update that breaks the schema answers 400 `{"message": "Validation failed",
  "errors": {field: [sentence]}}`: `name`, `type` and `content` are required on create, `ttl` and
  `priority` must be JSON integers, `type` one of the schema's types, the TTL 60..259200.
- TXT content (since December 2023): an unquoted value is serialised, `"` and `\\` escaped and the
  whole wrapped in double quotes, and read back in that form; a value already in double quotes
  is kept verbatim; more than 1000 characters after serialising is refused.
- System records (SOA, apex NS) are listed with `system_record: true` and cannot be changed.

`requests_seen` keeps every request (method, path, query, JSON body) so a test can check each
against the reference. `quirk` makes the fake take a write and store something else, so the
read-back is seen catching it: "drop-priority" keeps an MX at priority 0, "ignore-create"
answers a create 201 and keeps nothing, "split-long-txt" cuts a quoted TXT string longer than
255 characters into 255-character strings (the reference says DNSimple "may" do so).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from tests.fakes.lexicon.api import JSONAPI, Request, Seen

#: `ZoneRecordType` in the OpenAPI document.
RECORD_TYPES = frozenset(
    {
        "A", "AAAA", "ALIAS", "CAA", "CNAME", "DNSKEY", "DS", "HINFO", "MX", "NAPTR", "NS",
        "POOL", "PTR", "SOA", "SPF", "SRV", "SSHFP", "TXT", "URL",
    }
)  # fmt: skip
#: The TTLs DNSimple supports: one minute to three days.
TTL_RANGE = (60, 259200)
#: The longest TXT content, after serialising.
TXT_MAX = 1000
#: The DNSimple name servers a new zone lists at its apex.
NAME_SERVERS = (
    "ns1.dnsimple-edge.com",
    "ns2.dnsimple-edge.net",
    "ns3.dnsimple-edge.io",
    "ns4.dnsimple-edge.org",
)
STAMP = "2026-01-01T00:00:00Z"


@dataclass
class DNSimpleAPI(JSONAPI[Seen]):
    """The fake API. `zones` maps a zone name to its records, in DNSimple's JSON shape."""

    #: The API base, as lexicon's `api_endpoint` option takes it (paths follow `/v2`).
    base_path = "/v2"
    content_type = "application/json; charset=utf-8"
    keep_blank_values = True

    zones: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    token: str = "dnsimple-account-token-0123456789"
    account_id: int = 1010
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))

    # -- control ---------------------------------------------------------------------------
    def add_zone(self, zone: str, records: list[tuple[str, str, str, int, int | None]]) -> None:
        """A hosted zone with its SOA and apex NS, then `(type, name, content, ttl, prio)`."""
        with self._lock:
            held = [
                self._record(zone, "SOA", "", f"{NAME_SERVERS[0]} admin.dnsimple.com 1 86400 "
                             "7200 604800 300", 3600, None, system=True),
            ]  # fmt: skip
            held += [
                self._record(zone, "NS", "", ns, 3600, None, system=True) for ns in NAME_SERVERS
            ]
            held += [self._record(zone, t, n, c, ttl, p) for t, n, c, ttl, p in records]
            self.zones[zone] = held

    def records(self, zone: str) -> list[dict[str, Any]]:
        """What the zone holds now (copies), system records included."""
        with self._lock:
            return [dict(r) for r in self.zones.get(zone, [])]

    # -- the API ---------------------------------------------------------------------------
    def _record(
        self,
        zone: str,
        rtype: str,
        name: str,
        content: str,
        ttl: int,
        priority: int | None,
        *,
        system: bool = False,
    ) -> dict[str, Any]:
        return {
            "id": next(self._ids),
            "zone_id": zone,
            "parent_id": None,
            "name": name,
            "content": content,
            "ttl": ttl,
            "priority": priority,
            "type": rtype,
            "regions": ["global"],
            "system_record": system,
            "created_at": STAMP,
            "updated_at": STAMP,
        }

    def answer(self, request: Request) -> tuple[int, Any]:
        if not request.is_json:
            return 400, {"message": "Problems parsing JSON"}
        method, path, query, body = request.method, request.path, request.query, request.body
        with self._lock:
            if request.auth != f"Bearer {self.token}":
                return 401, {"message": "Authentication failed"}
            parts = [unquote(p) for p in path.strip("/").split("/")]
            if not parts or parts[0] != "v2":
                return 404, {"message": "Not Found"}
            parts = parts[1:]
            if parts == ["whoami"] and method == "GET":
                return 200, {"data": {"user": None, "account": self._account()}}
            if parts == ["accounts"] and method == "GET":
                return 200, _page([self._account()], query)
            if not parts or parts[0] != str(self.account_id):
                return 404, {"message": f"Account `{parts[0] if parts else ''}` not found"}
            rest = parts[1:]
            if rest == ["domains"] and method == "GET":
                return 200, self._domains(query)
            if len(rest) >= 3 and rest[0] == "zones" and rest[2] == "records":
                return self._records(method, rest[1].lower(), rest[3:], query, body)
            return 404, {"message": "Not Found"}

    def _account(self) -> dict[str, Any]:
        return {
            "id": self.account_id,
            "email": "owner@example.test",
            "plan_identifier": "solo-v2-monthly",
            "created_at": STAMP,
            "updated_at": STAMP,
        }

    def _domains(self, query: dict[str, list[str]]) -> dict[str, Any]:
        like = _one(query, "name_like")
        names = sorted(z for z in self.zones if like is None or like in z)
        domains = [
            {
                "id": 180000 + index,
                "account_id": self.account_id,
                "registrant_id": None,
                "name": name,
                "unicode_name": name,
                "state": "hosted",
                "auto_renew": False,
                "private_whois": False,
                "expires_on": None,
                "expires_at": None,
                "created_at": STAMP,
                "updated_at": STAMP,
            }
            for index, name in enumerate(names)
        ]
        return _page(domains, query)

    def _records(
        self,
        method: str,
        zone: str,
        tail: list[str],
        query: dict[str, list[str]],
        body: Any,
    ) -> tuple[int, Any]:
        if zone not in self.zones:
            return 404, {"message": f"Zone `{zone}` not found"}
        held = self.zones[zone]
        if not tail:
            if method == "GET":
                return 200, _page(_filtered(held, query), query)
            if method == "POST":
                return self._create(zone, held, body)
            return 405, {"message": "Method Not Allowed"}
        found = next((r for r in held if str(r["id"]) == tail[0]), None)
        if found is None or len(tail) > 1:
            return 404, {"message": f"Record `{tail[0]}` not found"}
        if method == "GET":
            return 200, {"data": dict(found)}
        if found["system_record"]:
            return 400, {"message": "System records cannot be changed", "errors": {}}
        if method == "DELETE":
            held.remove(found)
            return 204, None
        if method == "PATCH":
            return self._update(found, body)
        return 405, {"message": "Method Not Allowed"}

    def _create(self, zone: str, held: list[dict[str, Any]], body: Any) -> tuple[int, Any]:
        if not isinstance(body, dict):
            return 400, {"message": "Validation failed", "errors": {"base": ["invalid body"]}}
        errors: dict[str, list[str]] = {}
        for key in ("name", "type", "content"):
            if key not in body:
                errors[key] = ["can't be blank"]
            elif not isinstance(body[key], str):
                errors[key] = ["is not a string"]
        if errors:
            return _invalid(errors)
        rtype = body["type"].upper()
        if rtype not in RECORD_TYPES or rtype == "SOA":
            return _invalid({"record_type": ["unsupported"]})
        checked = _checked(rtype, body, new=True)
        if isinstance(checked, dict):
            return _invalid(checked)
        content, ttl, priority = self._quirked(rtype, *checked)
        record = self._record(zone, rtype, body["name"].lower(), content, ttl, priority)
        if self.quirk != "ignore-create":
            held.append(record)
        return 201, {"data": dict(record)}

    def _quirked(
        self, rtype: str, content: str, ttl: int, priority: int | None
    ) -> tuple[str, int, int | None]:
        """What a quirky host stores instead of what it was asked."""
        if self.quirk == "drop-priority" and rtype == "MX":
            priority = 0
        if self.quirk == "split-long-txt" and rtype == "TXT":
            content = split_long_strings(content)
        return content, ttl, priority

    def _update(self, found: dict[str, Any], body: Any) -> tuple[int, Any]:
        if not isinstance(body, dict):
            return 400, {"message": "Validation failed", "errors": {"base": ["invalid body"]}}
        merged = {
            "content": found["content"],
            "ttl": found["ttl"],
            "priority": found["priority"],
            **body,
        }
        if "name" in body and not isinstance(body["name"], str):
            return _invalid({"name": ["is not a string"]})
        checked = _checked(found["type"], merged, new=False)
        if isinstance(checked, dict):
            return _invalid(checked)
        content, ttl, priority = self._quirked(found["type"], *checked)
        found.update(content=content, ttl=ttl, priority=priority, updated_at=STAMP)
        if "name" in body:
            found["name"] = body["name"].lower()
        return 200, {"data": dict(found)}


def _checked(
    rtype: str, body: dict[str, Any], *, new: bool
) -> tuple[str, int, int | None] | dict[str, list[str]]:
    """The content, TTL and priority a write stores, or the validation errors it answers."""
    errors: dict[str, list[str]] = {}
    content = body.get("content")
    if not isinstance(content, str) or not content:
        errors["content"] = ["can't be blank"]
    ttl = body.get("ttl", 3600) if new else body.get("ttl")
    if ttl is None:
        ttl = 3600
    if isinstance(ttl, bool) or not isinstance(ttl, int):
        errors["ttl"] = ["is not a number"]
    elif not TTL_RANGE[0] <= ttl <= TTL_RANGE[1]:
        errors["ttl"] = [f"must be between {TTL_RANGE[0]} and {TTL_RANGE[1]}"]
    priority = body.get("priority")
    if priority is not None and (isinstance(priority, bool) or not isinstance(priority, int)):
        errors["priority"] = ["is not a number"]
    elif isinstance(priority, int) and not 0 <= priority <= 65535:
        errors["priority"] = ["must be between 0 and 65535"]
    if rtype == "MX" and priority is None:
        priority = 0  # the schema's default
    if errors:
        return errors
    assert isinstance(content, str) and isinstance(ttl, int)
    if rtype == "TXT":
        stored = _serialised_txt(content)
        if stored is None:
            return {"content": ['Txt must be wrapped between double-quotes ("")']}
        if len(stored) > TXT_MAX:
            return {"content": [f"is too long (maximum is {TXT_MAX} characters)"]}
        content = stored
    return content, ttl, priority if rtype in ("MX", "SRV") else None


def _serialised_txt(content: str) -> str | None:
    """TXT content as DNSimple stores it, or None for a quoted value that is not well formed."""
    if not content.startswith('"'):
        escaped = content.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"'
    # Serialised input: one or more quoted strings, inner quotes escaped.
    index, length = 0, len(content)
    while index < length:
        if content[index] != '"':
            return None
        index += 1
        while index < length and content[index] != '"':
            index += 2 if content[index] == "\\" else 1
        if index >= length:
            return None
        index += 1
        while index < length and content[index] == " ":
            index += 1
    return content


def split_long_strings(content: str) -> str:
    """A quoted TXT value with each string over 255 characters cut into 255-character strings."""
    if not (content.startswith('"') and content.endswith('"')) or '" "' in content:
        return content
    inner = content[1:-1]
    if len(inner) <= 255:
        return content
    return " ".join(f'"{inner[i : i + 255]}"' for i in range(0, len(inner), 255))


def _filtered(held: list[dict[str, Any]], query: dict[str, list[str]]) -> list[dict[str, Any]]:
    """The zone's records by the reference's filters (`name`, `name_like`, `type`), by id."""
    name, like, rtype = _one(query, "name"), _one(query, "name_like"), _one(query, "type")
    return [
        dict(r)
        for r in sorted(held, key=lambda r: int(r["id"]))
        if (name is None or r["name"] == name.lower())
        and (like is None or like.lower() in r["name"])
        and (rtype is None or r["type"] == rtype.upper())
    ]


def _page(items: list[dict[str, Any]], query: dict[str, list[str]]) -> dict[str, Any]:
    """One page of a list, as every DNSimple listing answers: 30 a page unless asked."""
    per_page = min(int(_one(query, "per_page") or 30), 100)
    page = max(int(_one(query, "page") or 1), 1)
    total_pages = max((len(items) + per_page - 1) // per_page, 1)
    start = (page - 1) * per_page
    return {
        "data": items[start : start + per_page],
        "pagination": {
            "current_page": page,
            "per_page": per_page,
            "total_entries": len(items),
            "total_pages": total_pages,
        },
    }


def _one(query: dict[str, list[str]], key: str) -> str | None:
    values = query.get(key)
    return values[0] if values else None


def _invalid(errors: dict[str, list[str]]) -> tuple[int, Any]:
    return 400, {"message": "Validation failed", "errors": errors}
