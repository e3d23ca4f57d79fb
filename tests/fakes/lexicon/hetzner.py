"""A local Hetzner Cloud DNS API (zones and RRSets) on 127.0.0.1, for dns-lexicon's `hetzner`.

Hetzner has two DNS APIs: the old DNS Console one (dns.hetzner.com/api/v1, record ids,
`Auth-API-Token`), whose zones are being moved into Hetzner Console, and the Cloud API's zones
(api.hetzner.cloud/v1/zones, RRSets addressed by name and type, `Authorization: Bearer`). This
fake is the Cloud one, built from https://docs.hetzner.cloud/reference/cloud#zones (Zones,
Zone RRSets, Zone Actions; the generated `hcloud` crate 0.25 carries the same descriptions) and
checked against the live answers recorded in dns-lexicon's cassettes (tests/fixtures/cassettes/
hetzner, January 2026):

- `GET /zones/{id_or_name}` answers `{"zone": {"id": <int>, "name", "ttl", …}}`, or 404
  `{"error": {"code": "not_found", "message": "Zone not found", "details": null}}`;
- `GET /zones/{id}/rrsets?name=&type=&page=&per_page=` lists `{"name", "type", "ttl",
  "records": [{"value", "comment"}], …}` 25 to a page, `meta.pagination` saying which;
  names are relative, `@` for the apex; a TTL of null means the zone's default;
- `POST /zones/{id}/rrsets/{name}/{type}/actions/add_records` (`ttl`, `records`) makes the RRSet
  or adds to it (a TTL given must equal the set's own), `set_records` replaces its records,
  `remove_records` takes some out (the set goes with its last), `change_ttl` sets its TTL, and
  `DELETE /zones/{id}/rrsets/{name}/{type}` drops it: each answers 201 `{"action": {…}}`, an
  action "running" that `GET /zones/actions/{id}` later shows "success";
- names are lower case, end neither with a dot nor with the zone's name; TTLs are 60 to
  2147483647; records must not be empty nor repeat a value; TXT values are quoted strings of at
  most 255 characters each; a CNAME stands alone at its name, with one record;
- a wrong token answers 401 `unauthorized`, a read-only token's write 403 `forbidden`, a body
  the API cannot take 400 `invalid_input`, an unknown path 404 `not_found`.

Hetzner documents that a target without a trailing dot is relative to the zone ("ftp IN CNAME
ftp.example.org" resolves to ftp.example.org.<zone>); values are kept exactly as sent.

`quirk` makes the fake store something else, so a test sees the read-back catch it: "ignore-ttl"
makes new sets with the zone's default TTL (null), "txt-escapes" keeps TXT in the canonical
presentation form a DNS server would print (bytes outside printable ASCII as \\DDD), "lost-add"
finishes an add's action as a success and keeps nothing.
Every request is kept in `requests_seen` (method, path, query, body) for the shape checks.
"""

from __future__ import annotations

import ipaddress
import itertools
import json
import re
from dataclasses import dataclass, field
from typing import Any, Self
from urllib.parse import unquote

from tests.fakes.lexicon.api import JSONAPI, Request, Seen

PREFIX = "/v1/zones"
TYPES = frozenset(
    {"A", "AAAA", "CAA", "CNAME", "DS", "HINFO", "HTTPS", "MX", "NS", "PTR", "RP", "SOA"}
    | {"SRV", "SVCB", "TLSA", "TXT"}
)
TTL_RANGE = (60, 2147483647)
PER_PAGE = 25
#: One or more quoted strings, separated by spaces; inside, a backslash escapes one character.
QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
TXT_VALUE = re.compile(r'"(?:[^"\\]|\\.)*"(?: +"(?:[^"\\]|\\.)*")*')
HOST = re.compile(r"(?:[a-z0-9_*](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.?)+|@", re.IGNORECASE)


def _error(status: int, code: str, message: str) -> tuple[int, dict[str, Any]]:
    return status, {"error": {"code": code, "message": message, "details": None}}


def _invalid(message: str) -> tuple[int, dict[str, Any]]:
    return _error(400, "invalid_input", message)


@dataclass
class HetznerCloudAPI(JSONAPI[Seen]):
    """The fake API. `zones` maps a zone name to its RRSets, in the API's own shape."""

    #: The address the backend's `API_ENDPOINT` takes (it ends in /v1/zones).
    base_path = PREFIX
    keep_blank_values = True

    zones: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: A Cloud API token is 64 characters (the old DNS Console's were 32).
    token: str = "hc" + "4" * 62
    #: A token of the same project made with "Read" only.
    read_only_token: str = "ro" + "5" * 62
    #: How many times `GET /zones/actions/{id}` shows an action still running.
    action_polls: int = 1
    _ids: dict[str, int] = field(default_factory=dict)
    _actions: dict[int, dict[str, Any]] = field(default_factory=dict)
    _action_ids: itertools.count[int] = field(
        default_factory=lambda: itertools.count(604989101982297)
    )

    def start(self) -> Self:
        for number, name in enumerate(sorted(self.zones), start=53091):
            self._ids.setdefault(name, number)
        return super().start()

    def rrsets(self, zone: str) -> list[dict[str, Any]]:
        with self._lock:
            copied: list[dict[str, Any]] = json.loads(json.dumps(self.zones.get(zone, [])))
            return copied

    # -- request handling ------------------------------------------------------------------
    def answer(self, request: Request) -> tuple[int, dict[str, Any]]:
        if not request.is_json:
            return _error(400, "json_error", "invalid JSON")
        method, path, query, body = request.method, request.path, request.query, request.body
        auth = request.auth
        with self._lock:
            if auth not in (f"Bearer {self.token}", f"Bearer {self.read_only_token}"):
                return _error(401, "unauthorized", "unable to authenticate")
            if not path.startswith(PREFIX + "/"):
                return _error(404, "not_found", "not found")
            parts = [unquote(p) for p in path[len(PREFIX) + 1 :].split("/")]
            if method != "GET" and auth == f"Bearer {self.read_only_token}":
                return _error(403, "forbidden", "insufficient permissions for this request")
            if len(parts) == 2 and parts[0] == "actions" and method == "GET":
                return self._action(parts[1])
            zone = self._zone(parts[0])
            if zone is None:
                return _error(404, "not_found", "Zone not found")
            if len(parts) == 1 and method == "GET":
                return 200, {"zone": self._zone_json(zone)}
            if parts[1:] == ["rrsets"] and method == "GET":
                return self._list(zone, query)
            if len(parts) >= 4 and parts[1] == "rrsets" and all(parts[2:4]):
                name, rtype = parts[2], parts[3]
                if len(parts) == 4 and method == "DELETE":
                    return self._delete(zone, name, rtype)
                if len(parts) == 6 and parts[4] == "actions" and method == "POST":
                    return self._rrset_action(zone, name, rtype, parts[5], body)
            return _error(404, "not_found", "not found")

    def _zone(self, id_or_name: str) -> str | None:
        for name, number in self._ids.items():
            if id_or_name in (name, str(number)):
                return name
        return None

    def _zone_json(self, zone: str) -> dict[str, Any]:
        ns = ["hydrogen.ns.hetzner.com.", "oxygen.ns.hetzner.com.", "helium.ns.hetzner.de."]
        return {
            "id": self._ids[zone],
            "name": zone,
            "mode": "primary",
            "ttl": 86400,
            "labels": {},
            "primary_nameservers": [],
            "protection": {"delete": False},
            "status": "ok",
            "authoritative_nameservers": {"assigned": ns, "delegated": ns},
            "record_count": sum(len(s["records"]) for s in self.zones[zone]),
            "registrar": "other",
        }

    def _list(self, zone: str, query: dict[str, list[str]]) -> tuple[int, dict[str, Any]]:
        name = query.get("name", [None])[0]
        types = query.get("type", [])
        try:
            page = int(query.get("page", ["1"])[0])
            per_page = int(query.get("per_page", [str(PER_PAGE)])[0])
        except ValueError:
            return _invalid("invalid pagination")
        if page < 1 or not 1 <= per_page <= 100:
            return _invalid("invalid pagination")
        found = [
            self._rrset_json(zone, s)
            for s in sorted(self.zones[zone], key=lambda s: (s["name"], s["type"]))
            if (name is None or s["name"] == name) and (not types or s["type"] in types)
        ]
        last = max(1, -(-len(found) // per_page))
        pagination = {
            "page": page,
            "per_page": per_page,
            "previous_page": page - 1 if page > 1 else None,
            "next_page": page + 1 if page < last else None,
            "last_page": last,
            "total_entries": len(found),
        }
        chunk = found[(page - 1) * per_page : page * per_page]
        return 200, {"meta": {"pagination": pagination}, "rrsets": chunk}

    def _rrset_json(self, zone: str, rrset: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": f"{rrset['name']}/{rrset['type']}",
            "name": rrset["name"],
            "type": rrset["type"],
            "ttl": rrset["ttl"],
            "labels": {},
            "protection": {"change": False},
            "records": [dict(r) for r in rrset["records"]],
            "zone": self._ids[zone],
        }

    def _find(self, zone: str, name: str, rtype: str) -> dict[str, Any] | None:
        return next((s for s in self.zones[zone] if s["name"] == name and s["type"] == rtype), None)

    def _check_name(self, zone: str, name: str, rtype: str) -> str | None:
        if rtype not in TYPES or rtype == "SOA":
            return f"invalid RRSet type {rtype!r}"
        if name != name.lower() or name.endswith(".") or not HOST.fullmatch(name):
            return "name must be lower case and must not end with a dot"
        if name == zone or name.endswith("." + zone):
            return "name must not end with the zone name"
        return None

    def _values(self, rtype: str, body: Any, *, key: str = "records") -> list[str] | str:
        """The record values a body carries, or why they are refused."""
        items = body.get(key) if isinstance(body, dict) else None
        if not isinstance(items, list) or not items:
            return "records must not be empty"
        values: list[str] = []
        for item in items:
            value = item.get("value") if isinstance(item, dict) else None
            if not isinstance(value, str):
                return "record value must be a string"
            problem = _check_value(rtype, value)
            if problem:
                return problem
            if value in values:
                return "records must only contain distinct values"
            values.append(value)
        return values

    def _stored(self, rtype: str, value: str) -> str:
        if rtype == "TXT" and self.quirk == "txt-escapes":
            return _canonical_txt(value)
        return value

    def _rrset_action(
        self, zone: str, name: str, rtype: str, verb: str, body: Any
    ) -> tuple[int, dict[str, Any]]:
        problem = self._check_name(zone, name, rtype)
        if problem:
            return _invalid(problem)
        rrset = self._find(zone, name, rtype)
        ttl = body.get("ttl") if isinstance(body, dict) else None
        if ttl is not None and (
            not isinstance(ttl, int) or not TTL_RANGE[0] <= ttl <= TTL_RANGE[1]
        ):
            return _invalid(f"ttl must be between {TTL_RANGE[0]} and {TTL_RANGE[1]}")
        if verb == "change_ttl":
            if rrset is None:
                return _error(404, "not_found", "RRSet not found")
            rrset["ttl"] = ttl
            return self._started(zone, "change_rrset_ttl")
        values = self._values(rtype, body)
        if isinstance(values, str):
            return _invalid(values)
        if verb == "add_records":
            return self._add(zone, name, rtype, rrset, values, ttl)
        if rrset is None:
            return _error(404, "not_found", "RRSet not found")
        if verb == "set_records":
            if rtype == "CNAME" and len(values) > 1:
                return _invalid("a CNAME RRSet holds one record")
            rrset["records"] = [{"value": self._stored(rtype, v), "comment": ""} for v in values]
            return self._started(zone, "set_rrset_records")
        if verb == "remove_records":
            held = [r["value"] for r in rrset["records"]]
            if any(v not in held for v in values):
                return _invalid("record value not found in RRSet")
            rrset["records"] = [r for r in rrset["records"] if r["value"] not in values]
            if not rrset["records"]:
                self.zones[zone].remove(rrset)
            return self._started(zone, "remove_rrset_records")
        return _error(404, "not_found", "not found")

    def _add(
        self,
        zone: str,
        name: str,
        rtype: str,
        rrset: dict[str, Any] | None,
        values: list[str],
        ttl: int | None,
    ) -> tuple[int, dict[str, Any]]:
        others = {s["type"] for s in self.zones[zone] if s["name"] == name} - {rtype}
        if (rtype == "CNAME" and others) or (rtype != "CNAME" and "CNAME" in others):
            return _invalid("a CNAME RRSet cannot share its name with other RRSets")
        if rtype == "CNAME" and (len(values) > 1 or rrset is not None):
            return _invalid("a CNAME RRSet holds one record")
        if self.quirk == "lost-add":
            return self._started(zone, "add_rrset_records")
        if rrset is None:
            kept_ttl = None if self.quirk == "ignore-ttl" else ttl
            rrset = {"name": name, "type": rtype, "ttl": kept_ttl, "records": []}
            self.zones[zone].append(rrset)
        elif ttl is not None and rrset["ttl"] is not None and rrset["ttl"] != ttl:
            return _invalid("ttl must be the same as the TTL of the existing RRSet")
        held = [r["value"] for r in rrset["records"]]
        for value in values:
            stored = self._stored(rtype, value)
            if stored in held:
                return _invalid("records must only contain distinct values")
            rrset["records"].append({"value": stored, "comment": ""})
        return self._started(zone, "add_rrset_records")

    def _delete(self, zone: str, name: str, rtype: str) -> tuple[int, dict[str, Any]]:
        rrset = self._find(zone, name, rtype)
        if rrset is None:
            return _error(404, "not_found", "RRSet not found")
        self.zones[zone].remove(rrset)
        return self._started(zone, "delete_rrset")

    def _started(self, zone: str, command: str) -> tuple[int, dict[str, Any]]:
        number = next(self._action_ids)
        action = {
            "id": number,
            "command": command,
            "status": "running",
            "progress": 0,
            "started": "2026-12-05T10:00:00Z",
            "finished": None,
            "error": None,
            "resources": [{"id": self._ids[zone], "type": "zone"}],
            "_polls": self.action_polls,
        }
        self._actions[number] = action
        if self.action_polls <= 0:
            action.update(status="success", progress=100, finished="2026-12-05T10:00:01Z")
        return 201, {"action": _public(action)}

    def _action(self, ident: str) -> tuple[int, dict[str, Any]]:
        action = self._actions.get(int(ident)) if ident.isdigit() else None
        if action is None:
            return _error(404, "not_found", "Action not found")
        if action["_polls"] > 0:
            action["_polls"] -= 1
            action["progress"] = 50
        if action["_polls"] <= 0:
            action.update(status="success", progress=100, finished="2026-12-05T10:00:01Z")
        return 200, {"action": _public(action)}

    def crashed(self, exc: Exception) -> tuple[int, Any]:
        return _error(500, "server_error", type(exc).__name__)


def _public(action: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in action.items() if not k.startswith("_")}


def _check_value(rtype: str, value: str) -> str | None:
    """Why the API refuses `value` for `rtype`, or None."""
    if rtype == "A":
        try:
            ipaddress.IPv4Address(value)
        except ValueError:
            return "invalid IPv4 address"
    elif rtype == "AAAA":
        try:
            ipaddress.IPv6Address(value)
        except ValueError:
            return "invalid IPv6 address"
    elif rtype in ("CNAME", "NS"):
        if not HOST.fullmatch(value):
            return f"invalid {rtype} target"
    elif rtype == "MX":
        preference, _, target = value.partition(" ")
        if not preference.isdigit() or int(preference) > 65535 or not HOST.fullmatch(target):
            return "MX value must be 'PREFERENCE TARGET'"
    elif rtype == "TXT":
        if not TXT_VALUE.fullmatch(value):
            return "TXT value must consist of quoted strings"
        if any(len(s) > 255 for s in QUOTED.findall(value)):
            return "TXT strings must be at most 255 characters"
    return None


def _canonical_txt(value: str) -> str:
    """The value as a DNS server prints it: each string's bytes, printable ASCII kept."""
    out: list[str] = []
    for chunk in QUOTED.findall(value):
        data = re.sub(r"\\(.)", r"\1", chunk).encode()
        out.append('"' + "".join(_escaped(b) for b in data) + '"')
    return " ".join(out)


def _escaped(byte: int) -> str:
    if byte in (0x22, 0x5C):
        return "\\" + chr(byte)
    return chr(byte) if 0x20 <= byte < 0x7F else f"\\{byte:03d}"


def sample_zone() -> list[dict[str, Any]]:
    """What a zone made in Hetzner Console holds before anyone edits it."""
    ns = ["helium.ns.hetzner.de.", "hydrogen.ns.hetzner.com.", "oxygen.ns.hetzner.com."]
    soa = "hydrogen.ns.hetzner.com. dns.hetzner.com. 2026120501 86400 10800 3600000 3600"
    return [
        {"name": "@", "type": "NS", "ttl": None, "records": [{"value": v} for v in ns]},
        {"name": "@", "type": "SOA", "ttl": None, "records": [{"value": soa}]},
    ]
