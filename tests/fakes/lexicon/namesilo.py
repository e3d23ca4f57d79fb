"""A local NameSilo API (the DNS operations) on 127.0.0.1, for the lexicon tests.

Written from NameSilo's published reference, https://www.namesilo.com/api-reference
(operations getDomainInfo, dnsListRecords, dnsAddRecord, dnsUpdateRecord, dnsDeleteRecord, and
its table of reply codes), with the sample replies the reference prints:
- every operation is `GET /api/OPERATION?version=1&type=xml&key=KEY&...`; the answer is HTTP 200
  whatever happened, and says how it went in `<namesilo><reply><code>` and `<detail>`:
  300 success; 102/103 version missing or invalid; 104/105 type missing or invalid; 107 unknown
  operation; 108 a parameter missing; 109 no key; 110 invalid key; 200 "Domain is not active, or
  does not belong to this user"; 280 "DNS modification error" (a write refused);
- dnsAddRecord takes `domain`, `rrtype`, `rrhost` (relative, empty at the apex), `rrvalue`,
  `rrttl` (3600 to 2592001, default 7207) and, for MX only, `rrdistance` (default 10); it
  answers the new `record_id`. dnsUpdateRecord takes `rrid` with `rrhost` and `rrvalue` (and
  `rrttl`, `rrdistance`); the type cannot change. dnsDeleteRecord takes `rrid`;
- dnsListRecords lists `<resource_record>` elements: `record_id`, `type`, `host` (fully
  qualified), `value`, `ttl`, `distance`. No pagination.
An identical record (type, host, value) is refused with 280, as an add the host will not take.

`requests_seen` keeps every request (method, path, query) so a test can check each against the
reference. `quirk` makes the fake take an add and store something else, so the read-back is seen
catching it: "ignore-create" answers 300 and keeps nothing, "refuse-adds" answers every add 280
(a zone NameSilo will not change; lexicon's backend swallows a 280 on create), "auto-ttl" keeps
every add at 7207 (NameSilo's automatic TTL adjustment).
"""

from __future__ import annotations

import ipaddress
import itertools
from dataclasses import dataclass, field
from typing import ClassVar
from urllib.parse import parse_qs, unquote, urlsplit
from xml.sax.saxutils import escape

from tests.fakes.lexicon.api import FakeAPI, QuietHandler

#: The record types NameSilo's DNS manager takes.
RECORD_TYPES = frozenset({"A", "AAAA", "CNAME", "MX", "TXT", "SRV", "CAA"})
TTL_RANGE = (3600, 2592001)
DEFAULT_TTL = 7207
DEFAULT_DISTANCE = 10
OPERATIONS = frozenset(
    {"getDomainInfo", "dnsListRecords", "dnsAddRecord", "dnsUpdateRecord", "dnsDeleteRecord"}
)
#: NameSilo's own name servers, as a new domain lists them.
NAME_SERVERS = ("ns1.dnsowl.com", "ns2.dnsowl.com", "ns3.dnsowl.com")


@dataclass(frozen=True)
class Seen:
    """One request as the fake received it (NameSilo takes no body)."""

    method: str
    path: str
    query: dict[str, list[str]]


class _Handler(QuietHandler):
    api: ClassVar[NameSiloAPI]

    def _serve(self) -> None:
        split = urlsplit(self.path)
        self.read_body()
        try:
            text = self.api.handle(
                self.command, split.path, parse_qs(split.query, keep_blank_values=True)
            )
            status = 200
        except Exception as exc:  # a broken fixture answers 500 rather than hanging up
            status, text = 500, type(exc).__name__
        self.send(status, text.encode(), "text/xml; charset=utf-8")

    do_GET = do_POST = _serve  # noqa: N815


@dataclass
class NameSiloAPI(FakeAPI[Seen]):
    """The fake API. `zones` maps a domain to its records, in NameSilo's own fields."""

    #: The API base, as lexicon's `api_endpoint` option takes it (operations follow).
    base_path = "/api"
    handler_class = _Handler

    zones: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    key: str = "namesilo0key0123456789abcd"
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(0x5A17E0))

    # -- control ---------------------------------------------------------------------------

    def add_zone(self, domain: str, records: list[tuple[str, str, str, int, int]]) -> None:
        """A domain in the account with `(type, relative host, value, ttl, distance)` records."""
        with self._lock:
            self.zones[domain] = [
                self._record(domain, rtype, host, value, ttl, distance)
                for rtype, host, value, ttl, distance in records
            ]

    def records(self, domain: str) -> list[dict[str, str]]:
        """What the domain holds now (copies)."""
        with self._lock:
            return [dict(r) for r in self.zones.get(domain, [])]

    # -- the API ---------------------------------------------------------------------------
    def _record(
        self, domain: str, rtype: str, host: str, value: str, ttl: int, distance: int
    ) -> dict[str, str]:
        return {
            "record_id": f"{next(self._ids):032x}",
            "type": rtype,
            "host": f"{host}.{domain}" if host else domain,
            "value": value,
            "ttl": str(ttl),
            "distance": str(distance),
        }

    def handle(self, method: str, path: str, query: dict[str, list[str]]) -> str:
        with self._lock:
            self.requests_seen.append(Seen(method, path, query))
            operation = unquote(path.rstrip("/").rsplit("/", 1)[-1])
            reply = self._reply(method, path, operation, {k: v[0] for k, v in query.items()})
            return _document(operation, reply)

    def _reply(self, method: str, path: str, operation: str, q: dict[str, str]) -> str:
        if not path.startswith("/api/") or method != "GET":
            return _code(107, "Invalid API operation")
        if "version" not in q:
            return _code(102, "No version specified")
        if q["version"] != "1":
            return _code(103, "Invalid API version")
        if "type" not in q:
            return _code(104, "No type specified")
        if q["type"] != "xml":
            return _code(105, "Invalid API type")
        if operation not in OPERATIONS:
            return _code(107, "Invalid API operation")
        if not q.get("key"):
            return _code(109, "No API key specified")
        if q["key"] != self.key:
            return _code(110, "Invalid API Key")
        domain = q.get("domain", "").lower()
        if not domain:
            return _code(108, "Missing parameter(s) for specified operation")
        if domain not in self.zones:
            return _code(200, "Domain is not active, or does not belong to this user")
        held = self.zones[domain]
        if operation == "getDomainInfo":
            return _code(300, "success") + _domain_info()
        if operation == "dnsListRecords":
            return _code(300, "success") + "".join(_resource_record(r) for r in held)
        if operation == "dnsDeleteRecord":
            found = _by_id(held, q.get("rrid"))
            if found is None:
                return _code(280, "DNS modification error: invalid record id")
            held.remove(found)
            return _code(300, "success")
        if operation == "dnsAddRecord":
            return self._add(domain, held, q)
        return self._update(domain, held, q)

    def _add(self, domain: str, held: list[dict[str, str]], q: dict[str, str]) -> str:
        if any(k not in q for k in ("rrtype", "rrhost", "rrvalue")):
            return _code(108, "Missing parameter(s) for specified operation")
        rtype = q["rrtype"].upper()
        if rtype not in RECORD_TYPES:
            return _code(280, "DNS modification error: unsupported record type")
        checked = _checked(rtype, q)
        if isinstance(checked, str):
            return _code(280, f"DNS modification error: {checked}")
        value, ttl, distance = checked
        host = q["rrhost"].strip().lower()
        full = f"{host}.{domain}" if host else domain
        if any(r["type"] == rtype and r["host"] == full and r["value"] == value for r in held):
            return _code(280, "DNS modification error: the record already exists")
        if self.quirk == "refuse-adds":
            return _code(280, "DNS modification error")
        if self.quirk == "auto-ttl":
            ttl = DEFAULT_TTL
        record = self._record(domain, rtype, host, value, ttl, distance)
        if self.quirk != "ignore-create":
            held.append(record)
        return _code(300, "success") + f"<record_id>{record['record_id']}</record_id>"

    def _update(self, domain: str, held: list[dict[str, str]], q: dict[str, str]) -> str:
        if any(k not in q for k in ("rrid", "rrhost", "rrvalue")):
            return _code(108, "Missing parameter(s) for specified operation")
        found = _by_id(held, q["rrid"])
        if found is None:
            return _code(280, "DNS modification error: invalid record id")
        checked = _checked(found["type"], q)
        if isinstance(checked, str):
            return _code(280, f"DNS modification error: {checked}")
        value, ttl, distance = checked
        host = q["rrhost"].strip().lower()
        found.update(
            host=f"{host}.{domain}" if host else domain,
            value=value,
            ttl=str(ttl),
            distance=str(distance),
        )
        return _code(300, "success") + f"<record_id>{found['record_id']}</record_id>"


def _checked(rtype: str, q: dict[str, str]) -> tuple[str, int, int] | str:
    """The value, TTL and distance a write stores, or why NameSilo refuses it."""
    value = q["rrvalue"]
    if not value:
        return "empty value"
    try:
        if rtype == "A":
            ipaddress.IPv4Address(value)
        elif rtype == "AAAA":
            ipaddress.IPv6Address(value)
    except ValueError:
        return "invalid address"
    if rtype in ("CNAME", "MX"):
        value = value.rstrip(".")
    try:
        ttl = int(q.get("rrttl") or DEFAULT_TTL)
    except ValueError:
        return "invalid TTL"
    if not TTL_RANGE[0] <= ttl <= TTL_RANGE[1]:
        return f"TTL must be between {TTL_RANGE[0]} and {TTL_RANGE[1]}"
    distance = 0
    if rtype == "MX":
        try:
            distance = int(q.get("rrdistance") or DEFAULT_DISTANCE)
        except ValueError:
            return "invalid distance"
    return value, ttl, distance


def _by_id(held: list[dict[str, str]], rrid: str | None) -> dict[str, str] | None:
    return next((r for r in held if r["record_id"] == rrid), None)


def _code(code: int, detail: str) -> str:
    return f"<code>{code}</code><detail>{escape(detail)}</detail>"


def _resource_record(record: dict[str, str]) -> str:
    fields = ("record_id", "type", "host", "value", "ttl", "distance")
    inner = "".join(f"<{k}>{escape(record[k])}</{k}>" for k in fields)
    return f"<resource_record>{inner}</resource_record>"


def _domain_info() -> str:
    servers = "".join(
        f'<nameserver position="{i}">{ns.upper()}</nameserver>'
        for i, ns in enumerate(NAME_SERVERS, start=1)
    )
    return (
        "<created>2020-01-01</created><expires>2030-01-01</expires><status>Active</status>"
        "<locked>Yes</locked><private>Yes</private><auto_renew>Yes</auto_renew>"
        f"<traffic_type>Custom DNS</traffic_type><nameservers>{servers}</nameservers>"
    )


def _document(operation: str, reply: str) -> str:
    return (
        '<?xml version="1.0"?><namesilo><request>'
        f"<operation>{escape(operation)}</operation><ip>127.0.0.1</ip></request>"
        f"<reply>{reply}</reply></namesilo>"
    )
