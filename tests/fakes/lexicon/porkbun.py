"""A local Porkbun API v3 (the DNS part) on 127.0.0.1, for dns-lexicon's `porkbun` backend.

Built from Porkbun's reference, https://porkbun.com/api/json/v3/documentation (with its DNS
pages at https://porkbun.com/llms/dns and the OpenAPI spec at
https://porkbun.com/api/json/v3/spec), and checked against the live answers recorded in
dns-lexicon's own test cassettes (tests/fixtures/cassettes/porkbun, v3.25):

- every call is a POST of JSON carrying `apikey` and `secretapikey` (the newer `X-API-Key` and
  `X-Secret-API-Key` headers are taken too); wrong keys answer HTTP 400
  `{"status": "ERROR", "message": "Invalid API key. (002)"}`;
- `/ping` answers `{"status": "SUCCESS", "yourIp": …}`;
- `/dns/retrieve/{domain}` lists `{"id", "name", "type", "content", "ttl", "prio", "notes"}`,
  every field a string (`prio` "0" on records that have none, null on Porkbun's own NS), names
  fully qualified; a domain not in the account answers 400 "Invalid domain.", one whose API
  access is off answers 400 "Domain is not opted in to API access.";
- `/dns/create/{domain}` takes `name` (relative, empty for the apex), `type`, `content`, `ttl`,
  `prio`, `notes` and answers `{"status": "SUCCESS", "id": <number>}`; `/dns/edit/{domain}/{id}`
  rewrites that one record; `/dns/delete/{domain}/{id}` removes it.

What the reference leaves open is answered the unkinder way: a TTL under the documented minimum
(600) is stored as 600, TXT content loses surrounding white space (dnscontrol's Porkbun auditor
refuses TXT with a trailing space for this reason), and a CNAME beside another record, or a
record that repeats one already there, is refused with Porkbun's "unable to create" error.

`quirk` makes the fake store something other than what a write asked for, so a test sees the
read-back catch it: "drop-priority" keeps an MX with priority 0, "ignore-ttl" keeps every record
at 600, "ignore-edit" answers an edit as done and keeps the old record.
Every request is kept in `requests_seen` (method, path, query, body) for the shape checks.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from tests.fakes.lexicon.api import JSONAPI, Request, Seen

PREFIX = "/api/json/v3"
#: The types Porkbun's create call lists.
TYPES = frozenset(
    {"A", "MX", "CNAME", "ALIAS", "TXT", "NS", "AAAA", "SRV", "TLSA", "CAA", "HTTPS", "SVCB"}
)
MIN_TTL = 600
BAD_KEY = "Invalid API key. (002)"
UNABLE = "We were unable to create the DNS record."


def _error(message: str) -> tuple[int, dict[str, Any]]:
    return 400, {"status": "ERROR", "message": message}


@dataclass
class PorkbunAPI(JSONAPI[Seen]):
    """The fake API. `domains` maps a domain to its records, in Porkbun's own listing shape."""

    #: The address the backend's `api_endpoint` takes.
    base_path = PREFIX

    domains: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    api_key: str = "pk1_" + "5" * 64
    secret_key: str = "sk1_" + "7" * 64
    #: Domains in the account whose API access switch is off.
    opted_out: set[str] = field(default_factory=set)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(432480875))

    def records(self, domain: str) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(r) for r in self.domains.get(domain, [])]

    def add(self, domain: str, rtype: str, name: str, content: str, ttl: int = 600) -> str:
        """Put a record in as if made in Porkbun's panel; returns its id."""
        with self._lock:
            record = self._record(domain, rtype, name, content, ttl, None)
            self.domains.setdefault(domain, []).append(record)
            return str(record["id"])

    # -- request handling ------------------------------------------------------------------
    def answer(self, request: Request) -> tuple[int, dict[str, Any]]:
        method, path, headers, body = request.method, request.path, request.headers, request.body
        with self._lock:
            if not path.startswith(PREFIX + "/"):
                return 404, {"status": "ERROR", "message": "Invalid API endpoint."}
            parts = [unquote(p) for p in path[len(PREFIX) + 1 :].split("/")]
            if method != "POST":
                return 405, {"status": "ERROR", "message": "Use POST."}
            if not isinstance(body, dict):
                return _error("Invalid JSON.")
            key = body.get("apikey", headers.get("X-API-Key"))
            secret = body.get("secretapikey", headers.get("X-Secret-API-Key"))
            if key != self.api_key or secret != self.secret_key:
                return _error(BAD_KEY)
            if parts == ["ping"]:
                return 200, {"status": "SUCCESS", "yourIp": "127.0.0.1"}
            if len(parts) < 3 or parts[0] != "dns":
                return 404, {"status": "ERROR", "message": "Invalid API endpoint."}
            verb, domain, rest = parts[1], parts[2].lower(), parts[3:]
            if domain not in self.domains:
                return _error("Invalid domain.")
            if domain in self.opted_out:
                return _error("Domain is not opted in to API access.")
            if verb == "retrieve" and len(rest) <= 1:
                found = [dict(r) for r in self.domains[domain] if not rest or r["id"] == rest[0]]
                return 200, {"status": "SUCCESS", "cloudflare": "disabled", "records": found}
            if verb == "create" and not rest:
                return self._create(domain, body)
            if verb == "edit" and len(rest) == 1:
                return self._edit(domain, rest[0], body)
            if verb == "delete" and len(rest) == 1:
                return self._delete(domain, rest[0])
            return 404, {"status": "ERROR", "message": "Invalid API endpoint."}

    def _fields(self, body: dict[str, Any]) -> tuple[str, str, str, int, int | None] | str:
        """The record a create or edit asks for, or the reason it is refused."""
        rtype = str(body.get("type", "")).upper()
        if rtype not in TYPES:
            return "Invalid type."
        name = body.get("name", "")
        content = body.get("content")
        if not isinstance(name, str) or not isinstance(content, str):
            return "Invalid record."
        if rtype == "TXT":
            content = content.strip()
        if not content:
            return "Content is required."
        try:
            ttl = int(body.get("ttl", MIN_TTL))
            prio = int(body["prio"]) if body.get("prio") not in (None, "") else None
        except (TypeError, ValueError):
            return "Invalid record."
        return rtype, name.lower().strip("."), content, max(ttl, MIN_TTL), prio

    def _record(
        self, domain: str, rtype: str, name: str, content: str, ttl: int, prio: int | None
    ) -> dict[str, Any]:
        if self.quirk == "drop-priority" and rtype == "MX":
            prio = 0
        if self.quirk == "ignore-ttl":
            ttl = MIN_TTL
        return {
            "id": str(next(self._ids)),
            "name": f"{name}.{domain}" if name else domain,
            "type": rtype,
            "content": content,
            "ttl": str(ttl),
            "prio": str(prio or 0),
            "notes": "",
        }

    def _clash(self, domain: str, record: dict[str, Any], skip: str | None = None) -> bool:
        """A CNAME beside another record at its name, or the same record twice."""
        for held in self.domains[domain]:
            if held["id"] == skip or held["name"] != record["name"]:
                continue
            if "CNAME" in (held["type"], record["type"]):
                return True
            if held["type"] == record["type"] and held["content"] == record["content"]:
                return True
        return False

    def _create(self, domain: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        asked = self._fields(body)
        if isinstance(asked, str):
            return _error(f"Create error: {asked}")
        record = self._record(domain, *asked)
        if self._clash(domain, record):
            return _error(f"Create error: {UNABLE}")
        self.domains[domain].append(record)
        return 200, {"status": "SUCCESS", "id": int(record["id"])}

    def _edit(self, domain: str, ident: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        held = next((r for r in self.domains[domain] if r["id"] == ident), None)
        if held is None:
            return _error("Edit error: Invalid record ID.")
        asked = self._fields(body)
        if isinstance(asked, str):
            return _error(f"Edit error: {asked}")
        record = self._record(domain, *asked) | {"id": ident}
        if self._clash(domain, record, skip=ident):
            return _error("Edit error: We were unable to edit the DNS record.")
        if self.quirk != "ignore-edit":
            held.update(record)
        return 200, {"status": "SUCCESS"}

    def _delete(self, domain: str, ident: str) -> tuple[int, dict[str, Any]]:
        before = self.domains[domain]
        kept = [r for r in before if r["id"] != ident]
        if len(kept) == len(before):
            return _error("Delete error: Invalid record ID.")
        self.domains[domain] = kept
        return 200, {"status": "SUCCESS"}

    def crashed(self, exc: Exception) -> tuple[int, Any]:
        return 500, {"status": "ERROR", "message": type(exc).__name__}


def default_records(domain: str) -> list[dict[str, Any]]:
    """What a Porkbun zone holds before anyone edits it (as its listing shows it)."""
    ns = ("curitiba", "fortaleza", "maceio", "salvador")
    return [
        {
            "id": str(421642428 + i),
            "name": domain,
            "type": "NS",
            "content": f"{n}.ns.porkbun.com",
            "ttl": "86400",
            "prio": None,
            "notes": None,
        }
        for i, n in enumerate(ns)
    ] + [
        {
            "id": "421658077",
            "name": domain,
            "type": "ALIAS",
            "content": "pixie.porkbun.com",
            "ttl": "600",
            "prio": "0",
            "notes": None,
        },
        {
            "id": "421671186",
            "name": f"*.{domain}",
            "type": "CNAME",
            "content": "pixie.porkbun.com",
            "ttl": "600",
            "prio": "0",
            "notes": "",
        },
    ]
