"""A local Gandi LiveDNS v5 API (the REST one at api.gandi.net/v5/livedns) on 127.0.0.1.

Built from Gandi's reference, https://api.gandi.net/docs/livedns/ (and
https://api.gandi.net/docs/authentication/), with the shapes of real answers as recorded by
dns-lexicon's own integration cassettes (tests/fixtures/cassettes/gandi/REST-IntegrationTests in
github.com/AnalogJ/lexicon). What it holds to, because the real API does:

- Records are record SETS: one object per name and type, `{"rrset_name", "rrset_type",
  "rrset_ttl", "rrset_values": [...]}`, the apex named "@". One TTL per set.
- `GET /domains/{fqdn}` is the domain (404 `HTTPNotFound` for a zone the token cannot see);
  `GET /domains/{fqdn}/records[/{name}[/{type}]]` lists all sets, the sets at a name, or the
  one set (404 `dns-record` "Can't find the DNS record NAME/TYPE in the zone").
- `POST .../records/{name}/{type}` creates a set (201 `{"message": "DNS Record Created"}`; 409
  if the set exists); `PUT` replaces the set's values AND its TTL: a PUT without `rrset_ttl`
  gives the set the default TTL, 10800 (seen in the cassettes: a set written with 3600 reads
  10800 after lexicon's PUT without a TTL). `DELETE .../{name}/{type}` removes the set,
  `DELETE .../{name}` every set at the name; both answer 204 with no body.
- TTL 300 to 2592000 seconds; anything else, a value list that is empty, not strings or
  repeating a value, or an MX value that is not "PRIORITY TARGET" (the priority travels in the
  value), is a 400 `HTTPBadRequest` with an `errors` list.
- TXT values are stored in double quotes when sent bare (`"\\"token\\""` in every listing);
  one longer than 255 characters is kept as 255-character quoted strings (`"…" "…"`), the only
  way a TXT record can carry it.
- CNAME/MX/NS values are zone-file data: a target without a trailing dot is relative to the
  zone, so it is kept as sent and means `target.zone`.
- Auth: `Authorization: Bearer <personal access token>` (or the deprecated `Apikey <key>`);
  anything else answers 401 `HTTPUnauthorized`; a token without rights on the domain 403.

lexicon sends the rrset name relative to the zone, which is the empty string at the apex where
Gandi's name is "@"; the fake, not knowing better, treats an empty name segment as a path that
does not exist (404), so an apex write fails loudly instead of landing somewhere.

`quirk` makes the fake store something other than what was asked, as a host can, so the
read-back is seen catching it: "bare-txt" keeps TXT values without their quotes (lexicon then
cuts the first and last character of each on reading), "keep-ttl" ignores `rrset_ttl` on a
write and keeps the set's old TTL (10800 for a new set).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote

from tests.fakes.lexicon import api
from tests.fakes.lexicon.api import JSONAPI, Request

PREFIX = "/v5/livedns"
TYPES = ("A", "AAAA", "ALIAS", "CAA", "CNAME", "DNAME", "DS", "MX", "NS", "PTR", "SPF", "SRV",
         "SSHFP", "TLSA", "TXT", "WKS")  # fmt: skip
TTL_MIN, TTL_MAX, TTL_DEFAULT = 300, 2592000, 10800


@dataclass(frozen=True)
class Seen(api.Seen):
    """One request as the fake received it, with the Authorization header it carried."""

    auth: str


def _error(code: int, message: str, obj: str, cause: str, **extra: Any) -> dict[str, Any]:
    return {"code": code, "message": message, "object": obj, "cause": cause, **extra}


def not_found() -> dict[str, Any]:
    return _error(404, "The resource could not be found.", "HTTPNotFound", "Not Found")


def bad_request(name: str, description: str) -> dict[str, Any]:
    return _error(
        400,
        "Bad Request",
        "HTTPBadRequest",
        "Bad Request",
        errors=[{"location": "body", "name": name, "description": description}],
    )


def quoted(value: str) -> str:
    """A bare TXT value as Gandi stores it: in quotes, split every 255 characters."""
    if value.startswith('"'):
        return value
    chunks = [value[i : i + 255] for i in range(0, len(value), 255)] or [""]
    return " ".join('"' + c.replace("\\", "\\\\").replace('"', '\\"') + '"' for c in chunks)


@dataclass
class GandiLiveDNS(JSONAPI[Seen]):
    """The fake API. `domains` maps a zone to its record sets, in Gandi's JSON shape."""

    #: The base URL, as `https://api.gandi.net/v5/livedns` is for the real API.
    base_path = PREFIX
    content_type = "application/json; charset=utf-8"

    domains: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: A personal access token (lexicon sends "Bearer" for a key longer than 24 characters).
    token: str = "pat_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
    #: The deprecated API key, sent as "Apikey" (24 characters or fewer); None: refused.
    api_key: str | None = None
    #: Zones the token may not touch (a token scoped to other domains): 403.
    denied: set[str] = field(default_factory=set)

    def rrsets(self, zone: str) -> list[dict[str, Any]]:
        """A copy of the zone's record sets, for a test to compare with."""
        with self._lock:
            return [dict(s, rrset_values=list(s["rrset_values"])) for s in self.domains[zone]]

    # -- request handling ------------------------------------------------------------------
    def seen(self, request: Request) -> Seen:
        return Seen(request.method, request.path, request.query, request.body, request.auth)

    def answer(self, request: Request) -> tuple[int, Any]:
        if not request.is_json:
            return 400, bad_request("body", "Invalid JSON body")
        with self._lock:
            return self._handle(request.method, request.path, request.auth, request.body)

    def _authorised(self, auth: str) -> bool:
        if auth == f"Bearer {self.token}":
            return True
        return self.api_key is not None and auth == f"Apikey {self.api_key}"

    def _handle(self, method: str, path: str, auth: str, body: Any) -> tuple[int, Any]:
        if not self._authorised(auth):
            return 401, _error(
                401,
                "The server could not verify that you authorized to access the document you "
                "requested. Either you supplied the wrong credentials (e.g., bad api key), or "
                "your access token has expired",
                "HTTPUnauthorized",
                "Unauthorized",
            )
        if not path.startswith(PREFIX + "/domains/"):
            return 404, not_found()
        parts = [unquote(p) for p in path[len(PREFIX + "/domains/") :].split("/")]
        zone = parts[0].lower()
        if zone not in self.domains:
            return 404, not_found()
        if zone in self.denied:
            return 403, _error(
                403, "Access was denied to this resource.", "HTTPForbidden", "Forbidden"
            )
        if len(parts) == 1:
            if method != "GET":
                return 405, _error(405, "Method Not Allowed", "HTTPMethodNotAllowed", "")
            return 200, self._domain(zone)
        if parts[1] != "records" or len(parts) > 4 or any(p == "" for p in parts[2:]):
            return 404, not_found()
        name = parts[2].lower() if len(parts) > 2 else None
        rtype = parts[3].upper() if len(parts) > 3 else None
        if rtype is not None and rtype not in TYPES:
            return 404, not_found()
        sets = self.domains[zone]
        if method == "GET":
            return self._get(zone, sets, name, rtype)
        if name is None:
            return 405, _error(405, "Method Not Allowed", "HTTPMethodNotAllowed", "")
        if method == "DELETE":
            kept = [s for s in sets if not _at(s, name, rtype)]
            if len(kept) == len(sets):
                return 404, _missing(name, rtype)
            self.domains[zone] = kept
            return 204, None
        if method == "PUT" and rtype is None:
            return self._put_name(zone, name, body)
        if method in ("POST", "PUT") and rtype is not None:
            return self._write(zone, name, rtype, body, create=method == "POST")
        return 405, _error(405, "Method Not Allowed", "HTTPMethodNotAllowed", "")

    def _domain(self, zone: str) -> dict[str, Any]:
        base = f"https://api.gandi.net/v5/livedns/domains/{zone}"
        return {
            "fqdn": zone,
            "automatic_snapshots": True,
            "domain_href": base,
            "domain_keys_href": f"{base}/keys",
            "domain_records_href": f"{base}/records",
        }

    def _get(
        self, zone: str, sets: list[dict[str, Any]], name: str | None, rtype: str | None
    ) -> tuple[int, Any]:
        found = [_shown(zone, s) for s in sets if name is None or _at(s, name, rtype)]
        if rtype is None:
            return 200, found
        if not found:
            return 404, _missing(name or "", rtype)
        return 200, found[0]

    def _values(self, rtype: str, body: Any) -> tuple[list[str], int | None] | dict[str, Any]:
        """The set's new values and TTL from a body, or the 400 answer."""
        if not isinstance(body, dict):
            return bad_request("body", "Invalid JSON body")
        values = body.get("rrset_values")
        if not isinstance(values, list) or not values:
            return bad_request("rrset_values", "Required, a non-empty list of strings")
        if not all(isinstance(v, str) and v for v in values):
            return bad_request("rrset_values", "Each value must be a non-empty string")
        ttl = body.get("rrset_ttl")
        if ttl is not None and (
            isinstance(ttl, bool) or not isinstance(ttl, int) or not TTL_MIN <= ttl <= TTL_MAX
        ):
            return bad_request("rrset_ttl", f"Must be an integer from {TTL_MIN} to {TTL_MAX}")
        for key in ("rrset_type", "rrset_name"):
            if key in body and not isinstance(body[key], str):
                return bad_request(key, "Must be a string")
        if rtype == "MX" and not all(re.fullmatch(r"\d{1,5} \S+", v) for v in values):
            return bad_request("rrset_values", "An MX value is 'PRIORITY TARGET'")
        if rtype == "TXT":
            values = [v if self.quirk == "bare-txt" else quoted(v) for v in values]
        if len(set(values)) != len(values):
            return bad_request("rrset_values", "Duplicate values")
        return values, ttl

    def _write(
        self, zone: str, name: str, rtype: str, body: Any, *, create: bool
    ) -> tuple[int, Any]:
        parsed = self._values(rtype, body)
        if isinstance(parsed, dict):
            return 400, parsed
        values, ttl = parsed
        sets = self.domains[zone]
        current = next((s for s in sets if _at(s, name, rtype)), None)
        if create and current is not None:
            return 409, _error(
                409, "A DNS record already exists with that name and type",
                "HTTPConflict", "Conflict",
            )  # fmt: skip
        others = {s["rrset_type"] for s in sets if s["rrset_name"] == name and s is not current}
        if (rtype == "CNAME" and others) or ("CNAME" in others):
            return 409, _error(
                409, "A CNAME record cannot coexist with other records at the same name",
                "HTTPConflict", "Conflict",
            )  # fmt: skip
        if self.quirk == "keep-ttl":
            ttl = current["rrset_ttl"] if current is not None else TTL_DEFAULT
        elif ttl is None:
            ttl = TTL_DEFAULT  # the reference's default, for a PUT as for a POST
        new = {"rrset_name": name, "rrset_type": rtype, "rrset_ttl": ttl, "rrset_values": values}
        if current is None:
            sets.append(new)
        else:
            sets[sets.index(current)] = new
        return 201, {"message": "DNS Record Created"}

    def _put_name(self, zone: str, name: str, body: Any) -> tuple[int, Any]:
        items = body.get("items") if isinstance(body, dict) else None
        if not isinstance(items, list):
            return 400, bad_request("items", "Required, a list of record sets")
        kept = [s for s in self.domains[zone] if s["rrset_name"] != name]
        for item in items:
            rtype = str(item.get("rrset_type", "")).upper() if isinstance(item, dict) else ""
            if rtype not in TYPES:
                return 400, bad_request("rrset_type", "Unknown type")
            parsed = self._values(rtype, item)
            if isinstance(parsed, dict):
                return 400, parsed
            values, ttl = parsed
            kept.append(
                {
                    "rrset_name": name,
                    "rrset_type": rtype,
                    "rrset_ttl": TTL_DEFAULT if ttl is None else ttl,
                    "rrset_values": values,
                }
            )
        self.domains[zone] = kept
        return 201, {"message": "DNS Record Created"}


def _at(rrset: dict[str, Any], name: str, rtype: str | None) -> bool:
    return rrset["rrset_name"] == name and (rtype is None or rrset["rrset_type"] == rtype)


def _missing(name: str, rtype: str | None) -> dict[str, Any]:
    return _error(
        404,
        f"Can't find the DNS record {name}/{rtype} in the zone",
        "dns-record",
        "Not Found",
    )


def _shown(zone: str, rrset: dict[str, Any]) -> dict[str, Any]:
    href = (
        f"https://api.gandi.net/v5/livedns/domains/{zone}/records/"
        f"{quote(rrset['rrset_name'], safe='')}/{rrset['rrset_type']}"
    )
    return {**rrset, "rrset_values": list(rrset["rrset_values"]), "rrset_href": href}
