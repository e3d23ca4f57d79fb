"""A local netcup CCP DNS API (the JSON web service) on 127.0.0.1, for the lexicon backend's tests.

Built from netcup's published reference, https://ccp.netcup.net/run/webservice/servers/endpoint.php
(the types `Responsemessage`, `Dnsrecord`, `Dnsrecordset`, `Dnszone`; the functions `login`,
`logout`, `infoDnsZone`, `infoDnsRecords`, `updateDnsRecords`), and from answers the real service
gave that others recorded (dns-lexicon's cassettes, netcup client projects' issues):

- Every call is `POST …/endpoint.php?JSON` with `{"action": NAME, "param": {...}}`; the answer is
  always HTTP 200 with a `Responsemessage`: `status` ("success" / "error"), `statuscode` (2000 on
  success), `shortmessage`, `longmessage`, `responsedata` (an object, or "" on an error).
- `login` takes `customernumber`, `apikey`, `apipassword` and answers `apisessionid`; wrong
  credentials answer statuscode 4013 "Validation Error." (with a rate-limit sentence: the real
  service's misleading text). Every other call takes `customernumber`, `apikey` and
  `apisessionid`; a session it does not know answers 4001 "The session id is not in a valid
  format.".
- A zone the customer does not have answers 5031 ("Domain not found."); a zone with no record at
  all answers `infoDnsRecords` with 5029, an error (the real service's way to say "empty").
- A `Dnsrecord` has `id`, `hostname` ("@" for the apex, else relative), `type`, `priority` and
  `destination` (strings, ids too), `deleterecord` and a read-only `state`. It has NO TTL: the
  zone's `ttl` (a string in `infoDnsZone`) is the TTL of every record in it.
- `updateDnsRecords` takes `dnsrecordset: {"dnsrecords": [...]}`: a record without id is created,
  one with an id is changed, or deleted with `deleterecord: true`; `hostname`, `type` and
  `destination` are required even to delete, `priority` for MX. It answers every record of the
  zone.

Where the reference names no code for a refusal (a record missing a field, an unknown id), the
fake answers statuscode 4013 "Validation Error." like the service's other input refusals.

`requests_seen` keeps every request (method, path, query, body) so a test can check its shape.
`quirk` makes the fake store something other than what it was sent: "drop-priority" keeps an MX
at priority "0", "ignore-create" answers a create as done and keeps nothing. (netcup also drops
backslashes from TXT values, DNSControl's netcup provider says; the wizard refuses a TXT value
holding one on every host written through dns-lexicon, so it is never sent.)
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from typing import Any, ClassVar
from urllib.parse import urlsplit

from tests.fakes.lexicon.api import FakeAPI, QuietHandler

PATH = "/run/webservice/servers/endpoint.php"
#: `recordtypes` in the reference.
RECORD_TYPES = frozenset(
    {"A", "AAAA", "MX", "CNAME", "CAA", "SRV", "TXT", "TLSA", "NS", "DS", "OPENPGPKEY", "SMIMEA"}
)
RATE_LIMIT_TEXT = (
    "More than 180 requests per minute. Please wait and retry later. Please contact our "
    "customer service to find out if the limitation of requests can be increased."
)


@dataclass(frozen=True)
class Seen:
    """One request as the fake received it (`query`: the query string as sent)."""

    method: str
    path: str
    query: str
    body: Any


class _Handler(QuietHandler):
    api: ClassVar[NetcupAPI]

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        split = urlsplit(self.path)
        raw = self.read_body()
        try:
            body: Any = json.loads(raw or b"null")
        except ValueError:
            body = raw.decode("utf-8", "replace")
        self.api.requests_seen.append(Seen("POST", split.path, split.query, body))
        if split.path != PATH or split.query != "JSON":
            # Without ?JSON the endpoint is the SOAP service: a JSON client gets no JSON.
            self.send(500, b"<SOAP-ENV:Fault>Bad Request</SOAP-ENV:Fault>", "text/xml")
            return
        answer = self.api.answer(body)
        self.send(200, json.dumps(answer).encode(), "application/json")

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        split = urlsplit(self.path)
        self.api.requests_seen.append(Seen("GET", split.path, split.query, None))
        self.send(
            200,
            b"<html>DomainWebservice SOAP WebService interface description</html>",
            "text/html",
        )


@dataclass
class NetcupAPI(FakeAPI[Seen]):
    """The fake service. `zones` maps a zone to its records (netcup `Dnsrecord` dicts)."""

    #: The endpoint as lexicon's `api_endpoint` option takes it (with `?JSON`).
    base_path = f"{PATH}?JSON"
    handler_class = _Handler

    zones: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    customer: str = "12345"
    api_key: str = "test-api-key-0123456789"
    api_password: str = "test-api-password-s3cr3t"
    #: The zone TTL `infoDnsZone` reports: the TTL every record of the zone is served with.
    zone_ttl: int = 86400
    sessions: set[str] = field(default_factory=set)
    _next_id: int = 4_000_000

    def add(
        self, zone: str, hostname: str, rtype: str, destination: str, priority: str = "0"
    ) -> str:
        """Put a record in a zone directly (a test's starting state); returns its id."""
        with self._lock:
            record = self._new(hostname, rtype, destination, priority)
            self.zones.setdefault(zone, []).append(record)
            return str(record["id"])

    def records(self, zone: str) -> list[dict[str, Any]]:
        """A copy of the zone's records, as the service holds them."""
        with self._lock:
            return [dict(r) for r in self.zones.get(zone, [])]

    # -- the service ----------------------------------------------------------------------------
    def _new(self, hostname: str, rtype: str, destination: str, priority: str) -> dict[str, Any]:
        self._next_id += 1
        return {
            "id": str(self._next_id),
            "hostname": hostname,
            "type": rtype,
            "priority": priority,
            "destination": destination,
            "deleterecord": False,
            "state": "yes",
        }

    def answer(self, body: Any) -> dict[str, Any]:
        """The Responsemessage for one posted body."""
        if not isinstance(body, dict) or not isinstance(body.get("param"), dict):
            return _error(
                "", 4013, "Validation Error.", "JSON decode failed while validating request."
            )
        action = str(body.get("action", ""))
        param: dict[str, Any] = body["param"]
        with self._lock:
            if action == "login":
                return self._login(param)
            if not self._in_session(param):
                return _error(
                    action,
                    4001,
                    "Api session id in invalid format",
                    "The session id is not in a valid format.",
                )
            if action == "logout":
                self.sessions.discard(str(param.get("apisessionid")))
                return _ok(
                    action, "Logout successful", "Session has been terminated successful.", ""
                )
            zone = str(param.get("domainname", "")).lower()
            if (
                action in ("infoDnsZone", "infoDnsRecords", "updateDnsRecords")
                and zone not in self.zones
            ):
                return _error(
                    action,
                    5031,
                    "Getting DNS zone failed",
                    "Can not get DNS records for zone.  Domain not found.",
                )
            if action == "infoDnsZone":
                return _ok(
                    action,
                    "DNS zone found",
                    "DNS zone was found.",
                    {
                        "name": zone,
                        "ttl": str(self.zone_ttl),
                        "serial": "2026120501",
                        "refresh": "28800",
                        "retry": "7200",
                        "expire": "1209600",
                        "dnssecstatus": False,
                    },
                )
            if action == "infoDnsRecords":
                held = self.zones[zone]
                if not held:
                    return _error(
                        action, 5029, "DNS records not found", "No DNS records found for this zone."
                    )
                return _ok(
                    action,
                    "DNS records found",
                    "DNS Records for this zone were found.",
                    {"dnsrecords": [dict(r) for r in held]},
                )
            if action == "updateDnsRecords":
                return self._update(zone, param)
        return _error(action, 4013, "Validation Error.", f"Action {action!r} is not available.")

    def _login(self, param: dict[str, Any]) -> dict[str, Any]:
        given = (
            str(param.get("customernumber", "")),
            str(param.get("apikey", "")),
            str(param.get("apipassword", "")),
        )
        if given != (self.customer, self.api_key, self.api_password):
            return _error("", 4013, "Validation Error.", RATE_LIMIT_TEXT)
        session = secrets.token_urlsafe(36)[:50]
        self.sessions.add(session)
        return _ok(
            "login",
            "Login successful",
            "Session has been created successful.",
            {"apisessionid": session},
        )

    def _in_session(self, param: dict[str, Any]) -> bool:
        return (
            str(param.get("customernumber", "")) == self.customer
            and str(param.get("apikey", "")) == self.api_key
            and str(param.get("apisessionid", "")) in self.sessions
        )

    def _update(self, zone: str, param: dict[str, Any]) -> dict[str, Any]:
        action = "updateDnsRecords"
        recordset = param.get("dnsrecordset")
        given = recordset.get("dnsrecords") if isinstance(recordset, dict) else None
        if not isinstance(given, list) or not given:
            return _error(action, 4013, "Validation Error.", "Parameter dnsrecordset is invalid.")
        held = self.zones[zone]
        staged = [dict(r) for r in held]
        for item in given:
            refusal = _refusal(item)
            if refusal:
                return _error(action, 4013, "Validation Error.", refusal)
            ident = str(item.get("id") or "")
            if ident:
                index = next((i for i, r in enumerate(staged) if r["id"] == ident), None)
                if index is None:
                    return _error(
                        action, 4013, "Validation Error.", f"DNS record {ident} not found."
                    )
                if item.get("deleterecord") is True:
                    del staged[index]
                    continue
                staged[index] = dict(staged[index], **self._kept(item))
                continue
            if item.get("deleterecord") is True:
                return _error(action, 4013, "Validation Error.", "A record to delete needs its id.")
            if self.quirk == "ignore-create":
                continue
            kept = self._kept(item)
            staged.append(
                self._new(kept["hostname"], kept["type"], kept["destination"], kept["priority"])
            )
        held[:] = staged
        return _ok(
            action,
            "DNS records successful updated",
            "The given DNS records for this zone were updated.",
            {"dnsrecords": [dict(r) for r in held]},
        )

    def _kept(self, item: dict[str, Any]) -> dict[str, Any]:
        """What the service stores of a sent record, by `quirk`."""
        rtype = str(item["type"]).upper()
        destination = str(item["destination"])
        priority = str(item.get("priority") or "0")
        if self.quirk == "drop-priority" and rtype == "MX":
            priority = "0"
        return {
            "hostname": str(item["hostname"]),
            "type": rtype,
            "destination": destination,
            "priority": priority,
        }


def _refusal(item: Any) -> str | None:
    """Why the service refuses one sent Dnsrecord, or None."""
    if not isinstance(item, dict):
        return "A DNS record must be an object."
    for key in ("hostname", "type", "destination"):
        if not isinstance(item.get(key), str) or not item[key]:
            return f"DNS record field {key} is missing."
    if str(item["type"]).upper() not in RECORD_TYPES:
        return f"DNS record type {item['type']} is not supported."
    if str(item["type"]).upper() == "MX" and not str(item.get("priority") or "").isdigit():
        return "A priority is required for MX records."
    if "deleterecord" in item and not isinstance(item["deleterecord"], bool):
        return "DNS record field deleterecord must be a boolean."
    return None


def _message(
    action: str, status: str, code: int, short: str, long: str, data: Any
) -> dict[str, Any]:
    return {
        "serverrequestid": secrets.token_urlsafe(21)[:28],
        "clientrequestid": "",
        "action": action,
        "status": status,
        "statuscode": code,
        "shortmessage": short,
        "longmessage": long,
        "responsedata": data,
    }


def _ok(action: str, short: str, long: str, data: Any) -> dict[str, Any]:
    return _message(action, "success", 2000, short, long, data)


def _error(action: str, code: int, short: str, long: str) -> dict[str, Any]:
    return _message(action, "error", code, short, long, "")
