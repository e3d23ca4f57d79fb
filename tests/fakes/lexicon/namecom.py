"""A local Name.com API v4 (domains and DNS records) on 127.0.0.1.

Built from Name.com's reference, https://www.name.com/api-docs (overview: auth, errors,
pagination) and https://www.name.com/api-docs/DNS (ListRecords, GetRecord, CreateRecord,
UpdateRecord, DeleteRecord), with the shapes of real answers as recorded by dns-lexicon's
cassettes (tests/fixtures/cassettes/namecom in github.com/AnalogJ/lexicon) and what DNSControl's
namedotcom provider found in use. What it holds to, because the real API does:

- HTTP Basic auth, username and API token; anything else is a 401. Every non-200 answer is an
  ErrorMessage `{"message", "details"?}`. A POST or PUT without `Content-Type:
  application/json` answers 403 (the overview says so).
- `GET /v4/domains` and `GET /v4/domains/{domain}/records` are paginated: `page` (from 1) and
  `perPage` (default 1000); while more follow, the answer carries `nextPage` and `lastPage`.
- A record is `{"id", "domainName", "host", "fqdn", "type", "answer", "ttl", "priority"?}`:
  `host` relative to the zone ("" at the apex), `fqdn` always ending in ".", fields at their
  default value omitted (so `priority` only on MX and SRV). Types A, AAAA, ANAME, CNAME, MX, NS,
  SRV, TXT. CNAME/ANAME/MX/NS targets are absolute: a trailing dot is dropped on storing
  (DNSControl adds it back on reading).
- `POST /v4/domains/{domain}/records` creates (200, the record); the same type, host and answer
  a second time is a 400 `{"message": "Invalid Argument", "details": "Parameter Value Error -
  Duplicate Record"}`. TTL at least 300; none given is 300. `PUT .../records/{id}` replaces that
  record; `DELETE .../records/{id}` answers 200 `{}`; an unknown id is a 404.
- A TXT answer is kept as sent (bare in, bare out in the cassettes); longer than 512 encoded
  characters is refused (DNSControl's MaxLengthNDC: "undocumented… this seems to work").

The exact wording of the 401 and 404 messages is not in the reference; the shape is.

`quirk` makes the fake store or show something other than what was asked, as a host can, so the
read-back is seen catching it: "ignore-create" answers a create as done and keeps nothing,
"default-ttl" stores every record with TTL 300 whatever was sent, "quoted-txt" lists TXT
answers in double quotes (lexicon's backend does not take them off).
"""

from __future__ import annotations

import base64
import itertools
from dataclasses import dataclass, field
from typing import Any, Self
from urllib.parse import unquote

from tests.fakes.lexicon import api
from tests.fakes.lexicon.api import JSONAPI, Request

TYPES = ("A", "AAAA", "ANAME", "CNAME", "MX", "NS", "SRV", "TXT")
TARGET_TYPES = ("ANAME", "CNAME", "MX", "NS")
TTL_MIN, TTL_DEFAULT = 300, 300
TXT_MAX = 512
PER_PAGE = 1000


@dataclass(frozen=True)
class Seen(api.Seen):
    """One request as the fake received it, with the Content-Type it said its body was."""

    content_type: str


def invalid(details: str) -> dict[str, str]:
    return {"message": "Invalid Argument", "details": details}


class Invalid(Exception):
    """A body the API refuses: 400 with `invalid(details)`."""


def _int(value: Any) -> int | None:
    """A uint32 as the API reads it: a JSON number, or a string of digits; None if neither."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and 0 <= value < 2**32:
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


@dataclass
class NameComAPI(JSONAPI[Seen]):
    """The fake API. `domains` maps a zone to its records, in Name.com's JSON shape."""

    #: The base URL, as `https://api.name.com/v4` is for the real API.
    base_path = "/v4"

    domains: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    username: str = "tracking-test"
    token: str = "0123456789abcdef0123456789abcdef01234567"
    #: Domains of the account, listed by GET /v4/domains (default: the zones, in order).
    account: list[str] | None = None
    #: Records or domains per page when the request gives no `perPage` (the API's is 1000).
    per_page: int = PER_PAGE
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(178073536))

    def start(self) -> Self:
        for zone, records in self.domains.items():
            for record in records:
                self._complete(zone, record)
        return super().start()

    def add(self, zone: str, record: dict[str, Any]) -> dict[str, Any]:
        """Put a record in a zone as if made in the panel (an id, fqdn and domainName given)."""
        with self._lock:
            self.domains.setdefault(zone, []).append(self._complete(zone, record))
            return dict(record)

    def records(self, zone: str) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(r) for r in self.domains[zone]]

    def _complete(self, zone: str, record: dict[str, Any]) -> dict[str, Any]:
        record.setdefault("id", next(self._ids))
        record["domainName"] = zone
        host = record.get("host", "")
        record["fqdn"] = f"{host}.{zone}." if host else f"{zone}."
        return record

    # -- request handling ------------------------------------------------------------------
    def seen(self, request: Request) -> Seen:
        content_type = request.headers.get("Content-Type", "")
        return Seen(request.method, request.path, request.query, request.body, content_type)

    def answer(self, request: Request) -> tuple[int, Any]:
        if not request.is_json:
            return 400, invalid("Parameter Value Error - Invalid JSON")
        method, path, query, body = request.method, request.path, request.query, request.body
        content_type = request.headers.get("Content-Type", "")
        with self._lock:
            expected = base64.b64encode(f"{self.username}:{self.token}".encode()).decode()
            if request.auth != f"Basic {expected}":
                return 401, {"message": "Unauthenticated"}
            if method in ("POST", "PUT") and content_type.split(";")[0].strip() != (
                "application/json"
            ):
                return 403, {"message": "Forbidden"}
            parts = [unquote(p) for p in path.strip("/").split("/")]
            if parts[:2] != ["v4", "domains"]:
                return 404, {"message": "Not Found"}
            if len(parts) == 2 and method == "GET":
                account = self.account if self.account is not None else list(self.domains)
                listed = [{"domainName": d, "locked": True, "autorenewEnabled": True}
                          for d in account]  # fmt: skip
                return 200, _page(listed, "domains", query, self.per_page)
            zone = parts[2].lower() if len(parts) > 2 else ""
            if zone not in self.domains or len(parts) < 4 or parts[3] != "records":
                return 404, {"message": "Not Found", "details": "Domain not found"}
            if len(parts) == 4:
                if method == "GET":
                    shown = [self._shown(r) for r in self.domains[zone]]
                    return 200, _page(shown, "records", query, self.per_page)
                if method == "POST":
                    return self._create(zone, body)
                return 405, {"message": "Method Not Allowed"}
            if len(parts) != 5 or not parts[4].isdigit():
                return 404, {"message": "Not Found"}
            record = next((r for r in self.domains[zone] if r["id"] == int(parts[4])), None)
            if record is None:
                return 404, {"message": "Not Found", "details": "Record not found"}
            if method == "GET":
                return 200, self._shown(record)
            if method == "DELETE":
                self.domains[zone].remove(record)
                return 200, {}
            if method == "PUT":
                return self._update(zone, record, body)
            return 405, {"message": "Method Not Allowed"}

    def _shown(self, record: dict[str, Any]) -> dict[str, Any]:
        shown = {k: v for k, v in record.items() if v not in ("", 0, None)}
        if self.quirk == "quoted-txt" and record["type"] == "TXT":
            shown["answer"] = f'"{record["answer"]}"'
        return shown

    def _fields(self, body: Any, base: dict[str, Any] | None) -> dict[str, Any]:
        """The record a create or update body asks for; Invalid if the API refuses it."""
        if not isinstance(body, dict):
            raise Invalid("Parameter Value Error - Invalid JSON")
        merged = dict(base or {})
        for key in ("host", "type", "answer"):
            if key in body:
                if not isinstance(body[key], str):
                    raise Invalid(f"Parameter Value Error - Invalid {key}")
                merged[key] = body[key]
        rtype = str(merged.get("type", "")).upper()
        if rtype not in TYPES:
            raise Invalid("Parameter Value Error - Invalid Type")
        answer = merged.get("answer", "")
        if not answer:
            raise Invalid("Parameter Value Error - Answer is required")
        if rtype in TARGET_TYPES:
            answer = answer.rstrip(".")
        if rtype == "TXT" and len(answer) + 2 + answer.count('"') > TXT_MAX:
            raise Invalid("Parameter Value Error - Answer too long")
        ttl: int | None = TTL_DEFAULT
        if body.get("ttl") is not None:
            ttl = _int(body["ttl"])
            if ttl is None:
                raise Invalid("Parameter Value Error - Invalid TTL")
            if ttl < TTL_MIN:
                raise Invalid(f"Parameter Value Error - TTL must be at least {TTL_MIN}")
        priority = 0
        if rtype in ("MX", "SRV") and body.get("priority") is not None:
            found = _int(body["priority"])
            if found is None or found > 65535:
                raise Invalid("Parameter Value Error - Invalid Priority")
            priority = found
        host = str(merged.get("host", "")).lower().strip(".")
        if host == "@":
            host = ""
        if self.quirk == "default-ttl":
            ttl = TTL_DEFAULT
        return {"host": host, "type": rtype, "answer": answer, "ttl": ttl, "priority": priority}

    def _clash(self, zone: str, new: dict[str, Any], skip: dict[str, Any] | None) -> Any:
        for r in self.domains[zone]:
            if r is skip or r["host"] != new["host"]:
                continue
            if (r["type"], r["answer"]) == (new["type"], new["answer"]):
                return invalid("Parameter Value Error - Duplicate Record")
            if "CNAME" in (r["type"], new["type"]):
                return invalid("Parameter Value Error - CNAME conflicts with other records")
        return None

    def _create(self, zone: str, body: Any) -> tuple[int, Any]:
        try:
            new = self._fields(body, None)
        except Invalid as exc:
            return 400, invalid(str(exc))
        clash = self._clash(zone, new, None)
        if clash is not None:
            return 400, clash
        record = self._complete(zone, new)
        if self.quirk != "ignore-create":
            self.domains[zone].append(record)
        return 200, self._shown(record)

    def _update(self, zone: str, record: dict[str, Any], body: Any) -> tuple[int, Any]:
        try:
            new = self._fields(body, record)
        except Invalid as exc:
            return 400, invalid(str(exc))
        clash = self._clash(zone, new, record)
        if clash is not None:
            return 400, clash
        record.update(new)  # UpdateRecord replaces the record with the one sent
        self._complete(zone, record)
        return 200, self._shown(record)


def _page(
    items: list[dict[str, Any]], key: str, query: dict[str, list[str]], default: int
) -> dict[str, Any]:
    page = max(1, int(query.get("page", ["1"])[0] or 1))
    per_page = max(1, int(query.get("perPage", [str(default)])[0] or default))
    last = max(1, -(-len(items) // per_page))
    answer: dict[str, Any] = {key: items[(page - 1) * per_page : page * per_page]}
    if page < last:
        answer["nextPage"] = page + 1
        answer["lastPage"] = last
    return answer
