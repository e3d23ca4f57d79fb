"""A local INWX DomRobot XML-RPC API on 127.0.0.1, for the lexicon backend's tests.

Built from INWX's published reference, https://www.inwx.com/en/help/apidoc (chapter 2.15,
"Nameserver": `nameserver.info`, `createRecord`, `updateRecord`, `deleteRecord`; the `account`
methods), its official clients (python-client: `account.login`, then `account.unlock` with a TOTP
from the shared secret when `resData.tfa` is not "0", the session kept in a cookie) and answers
the live API gave that others recorded (dns-lexicon's cassettes, client issues):

- One path, `/xmlrpc/`; every answer is a struct with `code` (1000 success, 1500 logged out,
  2xxx failure), `msg`, and `resData` where there is data.
- A call is authenticated by the session cookie `account.login` set (once unlocked, for an
  account with two-factor login), or by `user` and `pass` among its own parameters (what
  dns-lexicon's backend sends with every call). Wrong credentials: 2200 "Authentication error";
  an account with two-factor login not yet unlocked: 2200 with the reason "You need to unlock
  your account with your mobile TAN."; neither cookie nor credentials: 2002 "Command use error".
- `nameserver.info` needs `domain` (or `roId`); an unknown one is 2303 "Object does not exist".
  It filters by `recordId`, `type`, `name` (`*` is a wildcard), `content`, `ttl`, `prio`, and
  lists `record` (with `count`) only when something matched. Names are stored and listed fully
  qualified; `content` is listed as stored (text1024), `ttl` and `prio` as ints.
- `createRecord`: `type` and `content` required, `name` (relative, full, or none for the apex),
  `ttl` (default 3600; below 300 or above 864000 is 2004 "Parameter value range error"), `prio`
  (default 0). A record equal in name, type and content to one held is 2302 "Object exists".
  Answers `resData.id`.
- `updateRecord`: `id` required (an int or an array of ints), the rest optional; a TTL below 300
  is ignored, not refused (as the live API does); a result equal to another record is 2302.
- `deleteRecord`: `id`; an unknown id is 2303.
- An int parameter sent as a string of digits is taken as that int (dns-lexicon sends `prio` as
  a string); anything else where an int belongs is 2005 "Parameter value syntax error".

`requests_seen` keeps every call (method, path, params, whether a cookie came) for shape checks.
`quirk` makes the fake store something other than what it was sent: "drop-prio" keeps every
MX at prio 0, "ttl-default" ignores the sent TTL and keeps 3600, "ignore-create" answers a
create with an id and keeps nothing.
"""

from __future__ import annotations

import base64
import fnmatch
import hashlib
import hmac
import secrets
import struct
import threading
import time
from dataclasses import dataclass, field
from socketserver import ThreadingMixIn
from typing import Any, Self
from xmlrpc.server import SimpleXMLRPCRequestHandler, SimpleXMLRPCServer

from tests.fakes.lexicon.api import FakeAPI

PATH = "/xmlrpc/"
#: `recordType` in the reference.
RECORD_TYPES = frozenset(
    {
        "A", "AAAA", "AFSDB", "ALIAS", "CAA", "CERT", "CNAME", "HINFO", "KEY", "LOC", "MX",
        "NAPTR", "NS", "OPENPGPKEY", "PTR", "RP", "SMIMEA", "SOA", "SRV", "SSHFP", "TLSA", "TXT",
        "URI", "URL",
    }
)  # fmt: skip
TTL_RANGE = (300, 864000)
#: The longest `content` nameserver.info can list (its type is text1024).
CONTENT_MAX = 1024
COOKIE = "domrobot"


@dataclass(frozen=True)
class Seen:
    """One call as the fake received it (XML-RPC: the method called, its parameters)."""

    method: str
    path: str
    params: dict[str, Any]
    cookie: bool


def totp(secret: str, at: float | None = None) -> str:
    """The 6-digit TOTP (RFC 6238, SHA-1, 30 s) for a base32 shared secret, as INWX expects."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 15
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


class _Refused(Exception):
    def __init__(self, code: int, msg: str, reason: str | None = None) -> None:
        super().__init__(msg)
        self.answer: dict[str, Any] = {"code": code, "msg": msg}
        if reason:
            self.answer["reason"] = reason


@dataclass
class InwxAPI(FakeAPI[Seen]):
    """The fake API. `zones` maps a domain to its records (INWX record structs)."""

    base_path = PATH

    zones: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    user: str = "tester"
    password: str = "test-password-s3cr3t"
    #: A base32 shared secret: the account has two-factor login (mobile TAN) switched on.
    shared_secret: str | None = None
    #: Session id -> unlocked (False while an account with two-factor login awaits its TAN).
    sessions: dict[str, bool] = field(default_factory=dict)
    _next_id: int = 16800
    #: An XML-RPC server, not the HTTP one the other fakes serve with.
    _server: Any = field(default=None, init=False, repr=False)

    def add(
        self, zone: str, name: str, rtype: str, content: str, ttl: int = 3600, prio: int = 0
    ) -> int:
        """Put a record in a zone directly (a test's starting state); returns its id."""
        with self._lock:
            record = self._new(zone, name, rtype, content, ttl, prio)
            self.zones.setdefault(zone, []).append(record)
            return int(record["id"])

    def records(self, zone: str) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(r) for r in self.zones.get(zone, [])]

    def start(self) -> Self:
        server = _Server(
            ("127.0.0.1", 0), requestHandler=_handler(self), logRequests=False, allow_none=True
        )
        server.daemon_threads = True
        self._server = server
        threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    # -- the API --------------------------------------------------------------------------------
    def call(
        self, method: str, params: dict[str, Any], session: str | None
    ) -> tuple[dict[str, Any], str | None]:
        """The answer to one call, and a session id to set as cookie (after a login)."""
        with self._lock:
            try:
                if method == "account.login":
                    return self._login(params)
                if method == "account.unlock":
                    return self._unlock(params, session), None
                self._authenticate(params, session)
                if method == "account.logout":
                    if session is not None:
                        self.sessions.pop(session, None)
                    return {
                        "code": 1500,
                        "msg": "Command completed successfully; ending session",
                    }, None
                handler = {
                    "nameserver.info": self._info,
                    "nameserver.createRecord": self._create,
                    "nameserver.updateRecord": self._update,
                    "nameserver.deleteRecord": self._delete,
                }.get(method)
                if handler is None:
                    raise _Refused(2000, "Unknown command")
                return handler(params), None
            except _Refused as refused:
                return refused.answer, None

    def _login(self, params: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
        if (params.get("user"), params.get("pass")) != (self.user, self.password):
            raise _Refused(2200, "Authentication error")
        session = secrets.token_hex(16)
        self.sessions[session] = self.shared_secret is None
        tfa = "0" if self.shared_secret is None else "GOOGLE-AUTH"
        data = {"customerId": 1135959, "accountId": 1135959, "tfa": tfa}
        return {"code": 1000, "msg": "Command completed successfully", "resData": data}, session

    def _unlock(self, params: dict[str, Any], session: str | None) -> dict[str, Any]:
        if session is None or session not in self.sessions:
            raise _Refused(2002, "Command use error")
        now = time.time()
        codes = (
            {totp(self.shared_secret, now + step) for step in (-30, 0, 30)}
            if self.shared_secret
            else set()
        )
        if str(params.get("tan", "")).zfill(6) not in codes:
            raise _Refused(2200, "Authentication error", "Invalid TAN.")
        self.sessions[session] = True
        return {"code": 1000, "msg": "Command completed successfully"}

    def _authenticate(self, params: dict[str, Any], session: str | None) -> None:
        if "user" in params or "pass" in params:
            if (params.get("user"), params.get("pass")) != (self.user, self.password):
                raise _Refused(2200, "Authentication error")
            if self.shared_secret is not None:
                raise _Refused(
                    2200,
                    "Authentication error",
                    "You need to unlock your account with your mobile TAN.",
                )
            return
        if session is None or session not in self.sessions:
            raise _Refused(2002, "Command use error")
        if not self.sessions[session]:
            raise _Refused(
                2200,
                "Authentication error",
                "You need to unlock your account with your mobile TAN.",
            )

    def _zone(self, params: dict[str, Any]) -> str:
        domain = params.get("domain")
        if not isinstance(domain, str) or not domain:
            raise _Refused(
                2003,
                "Required parameter missing",
                "The request requires either the domain or roid.",
            )
        zone = domain.lower()
        if zone not in self.zones:
            raise _Refused(2303, "Object does not exist")
        return zone

    def _info(self, params: dict[str, Any]) -> dict[str, Any]:
        zone = self._zone(params)
        matched = []
        for record in self.zones[zone]:
            if "recordId" in params and record["id"] != _int(params["recordId"], "recordId"):
                continue
            if "type" in params and record["type"] != str(params["type"]).upper():
                continue
            if "name" in params and not fnmatch.fnmatchcase(
                record["name"], str(params["name"]).lower()
            ):
                continue
            if "content" in params and record["content"] != params["content"]:
                continue
            if "ttl" in params and record["ttl"] != _int(params["ttl"], "ttl"):
                continue
            if "prio" in params and record["prio"] != _int(params["prio"], "prio"):
                continue
            matched.append(dict(record))
        data: dict[str, Any] = {"roId": 2238, "domain": zone, "type": "MASTER"}
        if matched:
            data.update(count=len(matched), record=matched)
        return {"code": 1000, "msg": "Command completed successfully", "resData": data}

    def _create(self, params: dict[str, Any]) -> dict[str, Any]:
        zone = self._zone(params)
        rtype = _required(params, "type").upper()
        content = _required(params, "content")
        if rtype not in RECORD_TYPES:
            raise _Refused(
                2005, "Parameter value syntax error", "The following parameter is invalid: type"
            )
        ttl = _int(params.get("ttl", 3600), "ttl")
        prio = _int(params.get("prio", 0), "prio")
        if not TTL_RANGE[0] <= ttl <= TTL_RANGE[1]:
            raise _Refused(
                2004, "Parameter value range error", "The following parameter is invalid: ttl"
            )
        if len(content) > CONTENT_MAX:
            raise _Refused(
                2004, "Parameter value range error", "The following parameter is invalid: content"
            )
        name = _full(zone, params.get("name"))
        if self.quirk == "ttl-default":
            ttl = 3600
        if self.quirk == "drop-prio" and rtype == "MX":
            prio = 0
        record = self._new(zone, name, rtype, content, ttl, prio)
        if any(_same(record, held) for held in self.zones[zone]):
            self._next_id -= 1
            raise _Refused(2302, "Object exists")
        if self.quirk != "ignore-create":
            self.zones[zone].append(record)
        return {
            "code": 1000,
            "msg": "Command completed successfully",
            "resData": {"id": record["id"]},
        }

    def _update(self, params: dict[str, Any]) -> dict[str, Any]:
        ids = params.get("id")
        wanted = [_int(i, "id") for i in (ids if isinstance(ids, list) else [ids])]
        found = [(zone, r) for zone, held in self.zones.items() for r in held if r["id"] in wanted]
        if ids is None or len(found) != len(wanted):
            raise _Refused(2303, "Object does not exist")
        for zone, record in found:
            changed = dict(record)
            if "name" in params:
                changed["name"] = _full(zone, params["name"])
            if "type" in params:
                changed["type"] = str(params["type"]).upper()
            if "content" in params:
                changed["content"] = str(params["content"])
            if "prio" in params:
                changed["prio"] = (
                    0
                    if self.quirk == "drop-prio" and changed["type"] == "MX"
                    else _int(params["prio"], "prio")
                )
            if "ttl" in params and _int(params["ttl"], "ttl") >= TTL_RANGE[0]:
                changed["ttl"] = min(_int(params["ttl"], "ttl"), TTL_RANGE[1])
            if any(_same(changed, held) for held in self.zones[zone] if held is not record):
                raise _Refused(2302, "Object exists")
            record.update(changed)
        return {"code": 1000, "msg": "Command completed successfully"}

    def _delete(self, params: dict[str, Any]) -> dict[str, Any]:
        ident = _int(_required_any(params, "id"), "id")
        for held in self.zones.values():
            for index, record in enumerate(held):
                if record["id"] == ident:
                    del held[index]
                    return {"code": 1000, "msg": "Command completed successfully"}
        raise _Refused(2303, "Object does not exist")

    def _new(
        self, zone: str, name: str, rtype: str, content: str, ttl: int, prio: int
    ) -> dict[str, Any]:
        self._next_id += 1
        return {
            "id": self._next_id,
            "name": _full(zone, name),
            "type": rtype,
            "content": content,
            "ttl": ttl,
            "prio": prio,
        }


def _same(one: dict[str, Any], other: dict[str, Any]) -> bool:
    return all(one[k] == other[k] for k in ("name", "type", "content"))


def _full(zone: str, name: Any) -> str:
    text = str(name or "").strip().rstrip(".").lower()
    if text in ("", "@") or text == zone:
        return zone
    return text if text.endswith("." + zone) else f"{text}.{zone}"


def _required_any(params: dict[str, Any], key: str) -> Any:
    if params.get(key) in (None, ""):
        raise _Refused(2003, "Required parameter missing", f"Missing parameter: {key}")
    return params[key]


def _required(params: dict[str, Any], key: str) -> str:
    value = _required_any(params, key)
    if not isinstance(value, str):
        raise _Refused(
            2005, "Parameter value syntax error", f"The following parameter is invalid: {key}"
        )
    return value


def _int(value: Any, key: str) -> int:
    if isinstance(value, bool):
        raise _Refused(
            2005, "Parameter value syntax error", f"The following parameter is invalid: {key}"
        )
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    raise _Refused(
        2005, "Parameter value syntax error", f"The following parameter is invalid: {key}"
    )


class _Server(ThreadingMixIn, SimpleXMLRPCServer):
    pass


def _handler(api: InwxAPI) -> type[SimpleXMLRPCRequestHandler]:
    class Handler(SimpleXMLRPCRequestHandler):
        rpc_paths = (PATH,)
        _set_session: str | None = None

        def _dispatch(self, method: str, params: tuple[Any, ...]) -> Any:
            session = self._session()
            given = params[0] if params and isinstance(params[0], dict) else {}
            api.requests_seen.append(Seen(method, self.path, dict(given), session is not None))
            answer, self._set_session = api.call(method, given, session)
            return answer

        def _session(self) -> str | None:
            for part in (self.headers.get("Cookie") or "").split(";"):
                name, _, value = part.strip().partition("=")
                if name == COOKIE and value:
                    return value
            return None

        def end_headers(self) -> None:
            if self._set_session is not None:
                self.send_header(
                    "Set-Cookie", f"{COOKIE}={self._set_session}; path=/; secure; HttpOnly"
                )
                self._set_session = None
            super().end_headers()

    return Handler
