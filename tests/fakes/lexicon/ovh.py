"""A local OVHcloud API v1 (the /domain/zone part) on 127.0.0.1, for dns-lexicon's `ovh` backend.

Built from OVHcloud's published API (console: https://eu.api.ovh.com/console/?section=%2Fdomain,
signing: https://help.ovhcloud.com/csm/en-gb-api-getting-started-ovhcloud-api?id=kb_article_view&sysparm_article=KB0042784)
and from what clients record of the live API (lexicon's recorded cassettes, python-ovh's error
mapping, dnscontrol's OVH provider, lexicon pull request #65):

- every call but `GET /auth/time` is signed: `X-Ovh-Application` (application key),
  `X-Ovh-Consumer` (consumer key), `X-Ovh-Timestamp` and `X-Ovh-Signature`, which is `$1$` and the
  SHA-1 hex of `APP_SECRET+CONSUMER_KEY+METHOD+FULL_URL+BODY+TIMESTAMP` (FULL_URL with its query
  string exactly as sent). A wrong application key answers 403 INVALID_KEY, an unknown consumer
  key 403 INVALID_CREDENTIAL, a timestamp far from the server's clock 400 QUERY_TIME_OUT, a bad
  signature 400 INVALID_SIGNATURE, and a call outside the consumer key's access rules 403
  NOT_GRANTED_CALL (errors are `{"errorCode", "httpCode", "message"}`);
- `GET /domain/zone` lists zone names; `GET /domain/zone/{zone}/status` says `isDeployed`;
  `GET /domain/zone/{zone}/record?fieldType=&subDomain=` lists record ids (numbers), each read by
  `GET .../record/{id}` as `{id, zone, subDomain, fieldType, target, ttl}` (subDomain relative,
  "" at the apex; ttl 0 means the zone's default); `POST .../record` creates one and answers it;
  `PUT .../record/{id}` and `DELETE .../record/{id}` answer `null`; an unknown zone or record is
  404 `{"class": "Client::NotFound", "message"}` and a bad body 400 `Client::BadRequest`;
- a change is only served once `POST /domain/zone/{zone}/refresh` is called (`pending` here);
- since late 2025 OVH wraps a TXT target in double quotes when it is sent without them, on the
  create's answer and on every read (lexicon pull request #65: sent `test`, read `"test"`);
- an MX target carries its priority: `10 mail.example.com.` (dnscontrol sends it so).

`quirk` makes the fake take a write and keep something else, so the read-back is seen catching
it: "ttl-zero" keeps every new record at ttl 0 (the zone default), "drop-priority" keeps an MX at
priority 0, "ignore-create" answers a create and keeps nothing, "split-txt" keeps a TXT longer
than 255 characters as several quoted strings.
"""

from __future__ import annotations

import fnmatch
import hashlib
import re
import time
from dataclasses import dataclass, field
from typing import Any

from tests.fakes.lexicon.api import JSONAPI, Request, Seen

#: zone.NamedResolutionFieldTypeEnum, as the API console lists it.
FIELD_TYPES = (
    "A",
    "AAAA",
    "CAA",
    "CNAME",
    "DKIM",
    "DMARC",
    "DNAME",
    "HTTPS",
    "LOC",
    "MX",
    "NAPTR",
    "NS",
    "PTR",
    "RP",
    "SPF",
    "SRV",
    "SSHFP",
    "SVCB",
    "TLSA",
    "TXT",
)

#: The access rules a consumer key is given when the fake is not told otherwise: what the
#: wizard's OVH row asks a person to grant (lexicon 3.25 also lists every zone: GET /domain/zone).
DEFAULT_RULES: tuple[tuple[str, str], ...] = (
    ("GET", "/domain/zone"),
    ("GET", "/domain/zone/*"),
    ("POST", "/domain/zone/*"),
    ("PUT", "/domain/zone/*"),
    ("DELETE", "/domain/zone/*"),
)

_SUBDOMAIN = re.compile(r"^[A-Za-z0-9_*.-]*$")
_MX = re.compile(r"^\d{1,5} \S+$")


@dataclass
class OVHAPI(JSONAPI[Seen]):
    """The fake API. `zones` maps a zone name to its records in OVH's own JSON shape."""

    #: The API base, as in lexicon's ENDPOINTS (`https://eu.api.ovh.com/1.0`).
    base_path = "/1.0"
    content_type = "application/json; charset=utf-8"
    keep_blank_values = True
    unquote_path = True
    #: A PUT, a DELETE or a refresh answers the JSON `null`, not an empty body.
    sends_null = True

    zones: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    application_key: str = "ovh-app-key-0123"
    application_secret: str = "ovh-app-secret-s3cr3t-4567"
    consumer_key: str = "ovh-consumer-key-89ab"
    #: The consumer key's access rules: (METHOD, path pattern with `*`), as OVH grants them.
    rules: tuple[tuple[str, str], ...] = DEFAULT_RULES
    #: Zones that exist but are not deployed (status isDeployed false).
    undeployed: set[str] = field(default_factory=set)
    #: Seconds the server's clock is ahead of this machine's (the client must ask /auth/time).
    clock_offset: int = 0
    #: How far (seconds) a request's timestamp may be from the server's clock.
    time_window: int = 180
    #: Zones with changes not yet made live by POST /refresh.
    pending: set[str] = field(default_factory=set)
    refreshes: int = 0
    _next_id: int = 5_390_000_000

    def records(self, zone: str) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(r) for r in self.zones.get(zone, [])]

    def add(self, zone: str, field_type: str, sub: str, target: str, ttl: int = 0) -> int:
        """Put a record in the zone directly (a zone's existing state), as OVH would keep it."""
        with self._lock:
            return self._store(zone, field_type, sub, target, ttl)

    # -- request handling ------------------------------------------------------------------
    def answer(self, request: Request) -> tuple[int, Any]:
        method, target, path, query = request.method, request.target, request.path, request.query
        headers = {k.lower(): v for k, v in request.headers.items()}
        raw, body = request.raw, request.body
        if not path.startswith("/1.0/"):
            return 404, _not_found("Got an invalid (or empty) URL")
        route = path[len("/1.0") :]
        now = int(time.time()) + self.clock_offset
        if route == "/auth/time" and method == "GET":
            return 200, now
        problem = self._check_auth(method, target, headers, raw, route, now)
        if problem is not None:
            return problem
        with self._lock:
            return self._route(method, route, query, body)

    def _check_auth(
        self,
        method: str,
        target: str,
        headers: dict[str, str],
        raw: bytes,
        route: str,
        now: int,
    ) -> tuple[int, Any] | None:
        app = headers.get("x-ovh-application", "")
        if app != self.application_key:
            return 403, _auth("INVALID_KEY", "403 Forbidden", "Invalid application key")
        consumer = headers.get("x-ovh-consumer", "")
        if consumer != self.consumer_key:
            return 403, _auth(
                "INVALID_CREDENTIAL", "403 Forbidden", "This credential does not exist"
            )
        stamp = headers.get("x-ovh-timestamp", "")
        if not stamp.isdigit() or abs(int(stamp) - now) > self.time_window:
            return 400, _auth("QUERY_TIME_OUT", "400 Bad Request", "Query out of time")
        full_url = f"http://127.0.0.1:{self.port}{target}"
        signed = "+".join(
            [self.application_secret, consumer, method, full_url, raw.decode(), stamp]
        )
        expected = "$1$" + hashlib.sha1(signed.encode()).hexdigest()  # noqa: S324 - OVH's scheme
        if headers.get("x-ovh-signature", "") != expected:
            return 400, _auth("INVALID_SIGNATURE", "400 Bad Request", "Invalid signature")
        plain = route.rstrip("/") or "/"
        if not any(m == method and fnmatch.fnmatchcase(plain, p) for m, p in self.rules):
            return 403, _auth("NOT_GRANTED_CALL", "403 Forbidden", "This call has not been granted")
        return None

    def _route(
        self, method: str, route: str, query: dict[str, list[str]], body: Any
    ) -> tuple[int, Any]:
        parts = [p for p in route.split("/") if p]
        if parts[:2] != ["domain", "zone"]:
            return 404, _not_found("Got an invalid (or empty) URL")
        if len(parts) == 2:
            if method == "GET":
                return 200, sorted(self.zones)
            return 405, _not_found("Method not allowed")
        zone = parts[2].lower()
        if zone not in self.zones:
            return 404, _not_found("This service does not exist")
        rest = parts[3:]
        if rest == [] and method == "GET":
            return 200, {"name": zone, "dnssecSupported": True, "hasDnsAnycast": False}
        if rest == ["status"] and method == "GET":
            deployed = zone not in self.undeployed
            return 200, {"isDeployed": deployed, "warnings": [], "errors": []}
        if rest == ["refresh"] and method == "POST":
            self.pending.discard(zone)
            self.refreshes += 1
            return 200, None
        if rest == ["record"] and method == "GET":
            return 200, self._list(zone, query)
        if rest == ["record"] and method == "POST":
            return self._create(zone, body)
        if len(rest) == 2 and rest[0] == "record":
            record = self._find(zone, rest[1])
            if record is None:
                return 404, _not_found(f"The requested object (id = {rest[1]}) does not exist")
            if method == "GET":
                return 200, dict(record)
            if method == "PUT":
                return self._update(zone, record, body)
            if method == "DELETE":
                self.zones[zone].remove(record)
                self.pending.add(zone)
                return 200, None
        return 404, _not_found("Got an invalid (or empty) URL")

    def _list(self, zone: str, query: dict[str, list[str]]) -> list[int]:
        field_type = query.get("fieldType", [None])[0]
        sub = query.get("subDomain", [None])[0]
        return [
            int(r["id"])
            for r in self.zones[zone]
            if (field_type is None or r["fieldType"] == field_type)
            and (sub is None or r["subDomain"].lower() == sub.lower())
        ]

    def _find(self, zone: str, ident: str) -> dict[str, Any] | None:
        for record in self.zones[zone]:
            if str(record["id"]) == ident:
                return record
        return None

    def _create(self, zone: str, body: Any) -> tuple[int, Any]:
        if not isinstance(body, dict):
            return 400, _bad("Invalid JSON received")
        missing = [k for k in ("fieldType", "target") if k not in body]
        if missing:
            return 400, _bad(f"Missing parameter(s): {', '.join(missing)}")
        field_type, sub = body["fieldType"], body.get("subDomain", "")
        target, ttl = body["target"], body.get("ttl", 0)
        problem = _validate(field_type, sub, target, ttl)
        if problem:
            return 400, _bad(problem)
        if self.quirk == "ignore-create":
            self._next_id += 1
            return 200, _shape(self._next_id, zone, field_type, sub, target, ttl)
        if self.quirk == "ttl-zero":
            ttl = 0
        if self.quirk == "drop-priority" and field_type == "MX":
            target = "0 " + target.split(" ", 1)[1]
        ident = self._store(zone, field_type, sub, target, ttl)
        self.pending.add(zone)
        return 200, dict(self._find(zone, str(ident)) or {})

    def _update(self, zone: str, record: dict[str, Any], body: Any) -> tuple[int, Any]:
        if not isinstance(body, dict):
            return 400, _bad("Invalid JSON received")
        sub = body.get("subDomain", record["subDomain"])
        target = body.get("target", record["target"])
        ttl = body.get("ttl", record["ttl"])
        problem = _validate(record["fieldType"], sub, target, ttl)
        if problem:
            return 400, _bad(problem)
        record.update(subDomain=sub, target=self._kept_target(record["fieldType"], target), ttl=ttl)
        self.pending.add(zone)
        return 200, None

    def _store(self, zone: str, field_type: str, sub: str, target: str, ttl: int) -> int:
        self._next_id += 1
        kept = self._kept_target(field_type, target)
        self.zones.setdefault(zone, []).append(
            _shape(self._next_id, zone, field_type, sub, kept, ttl)
        )
        return self._next_id

    def _kept_target(self, field_type: str, target: str) -> str:
        """What OVH keeps for `target`: a TXT is wrapped in quotes unless it came quoted."""
        if field_type != "TXT":
            return target
        quoted = len(target) >= 2 and target[0] == target[-1] == '"'
        text = target[1:-1] if quoted else target
        if self.quirk == "split-txt" and len(text) > 255:
            chunks = [text[i : i + 255] for i in range(0, len(text), 255)]
            return " ".join(f'"{c}"' for c in chunks)
        return target if quoted else f'"{target}"'

    def crashed(self, exc: Exception) -> tuple[int, Any]:
        return 500, {"class": "Server::InternalServerError", "message": str(exc)}


def _validate(field_type: Any, sub: Any, target: Any, ttl: Any) -> str | None:
    if not isinstance(field_type, str) or field_type not in FIELD_TYPES:
        return (
            f"[fieldType] Given data ({field_type}) does not belong to the "
            "zone.NamedResolutionFieldTypeEnum enumeration"
        )
    if not isinstance(sub, str) or not _SUBDOMAIN.match(sub):
        return f"[subDomain] Given data ({sub}) is not a valid subdomain"
    if not isinstance(target, str) or not target:
        return "[target] Given data is not a valid string"
    if not isinstance(ttl, int) or isinstance(ttl, bool) or ttl < 0:
        return f"[ttl] Given data ({ttl}) is not a valid long"
    if field_type == "MX" and not _MX.match(target):
        return f"Invalid MX target: {target}"
    return None


def _shape(
    ident: int, zone: str, field_type: str, sub: str, target: str, ttl: int
) -> dict[str, Any]:
    return {
        "id": ident,
        "zone": zone,
        "subDomain": sub,
        "fieldType": field_type,
        "target": target,
        "ttl": ttl,
    }


def _auth(code: str, http: str, message: str) -> dict[str, str]:
    return {"errorCode": code, "httpCode": http, "message": message}


def _not_found(message: str) -> dict[str, str]:
    return {"class": "Client::NotFound", "message": message}


def _bad(message: str) -> dict[str, str]:
    return {"class": "Client::BadRequest", "message": message}


def sample_zone(zone: str) -> list[dict[str, Any]]:
    """A small zone as OVH keeps it: its name servers, a web host, SPF (quoted, as read)."""
    return [
        _shape(5_300_000_001, zone, "NS", "", "dns200.anycast.me.", 0),
        _shape(5_300_000_002, zone, "NS", "", "ns200.anycast.me.", 0),
        _shape(5_300_000_003, zone, "A", "", "192.0.2.10", 3600),
        _shape(5_300_000_004, zone, "CNAME", "www", f"{zone}.", 3600),
        _shape(5_300_000_005, zone, "MX", "", "1 mx1.mail.ovh.net.", 3600),
        _shape(5_300_000_006, zone, "TXT", "", '"v=spf1 include:mx.ovh.com ~all"', 600),
    ]
