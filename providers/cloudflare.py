"""Cloudflare, through the official `cloudflare` SDK (5.x): one batch request per provider call.

Records are always written DNS-only (`proxied: false`): a proxied record answers with
Cloudflare's addresses instead of the vendor's CNAME, and the vendor's verification fails.
Limits the core reads from the capabilities: at most 200 records per batch (the Free plan's
limit; paid plans take 3,500) and TTL 60-86400 (1 is "automatic"; only Enterprise goes to 30).
TXT content is written as quoted character strings, as the current schema asks ("quoted
'character strings' (RFC 1035)"), a byte outside printable ASCII as RFC 1035's decimal `\\DDD`
(`\\195\\169` for "é"; octal would read back as other bytes), and read in either form. SRV
and CAA are written and read through their `data` fields, never `content`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

from providers.base import ALL_RECORD_TYPES, Capabilities, Existing, Progress, Provider
from providers.options import Option, SecretOption, TextOption
from wizard.model.changes import Change
from wizard.model.errors import (
    AuthError,
    Conflict,
    PermissionDenied,
    ProviderError,
    RateLimited,
    ZoneNotFound,
)
from wizard.model.fields import Caa, Srv, caa_fields, srv_fields
from wizard.model.names import normalize_name
from wizard.model.rdata import decode_txt, encode_txt
from wizard.model.records import RECORD_TYPES, Finding, Record
from wizard.model.words import counted

#: Cloudflare's own API, the `base_url` option's default.
API_BASE_URL = "https://api.cloudflare.com/client/v4"

PERMISSION_HINT = (
    "Create an API token with the permission Zone → DNS → Edit for this zone "
    "(My Profile → API Tokens → Create Token → 'Edit zone DNS')."
)


def every_page(fetch: Callable[[int], Any]) -> list[Any]:
    """Read pages until `result_info.total_pages`: the SDK's own iterator asks for one more,
    empty, page after the last, which would double the reads for a small record set."""
    items: list[Any] = []
    page_number = 1
    while True:
        page = fetch(page_number)
        items.extend(page.result or [])
        info = page.result_info
        total_pages = getattr(info, "total_pages", None) if info is not None else None
        if not page.result or total_pages is None or page_number >= int(total_pages):
            return items
        page_number += 1


#: Error codes that mean the token itself is bad or malformed, whatever the HTTP status:
#: 9109 "Invalid access token" (403), 6003 "Invalid request headers" (400, chain 6111).
TOKEN_CODES = frozenset({9109, 6003, 6111})
#: 9109 also answers a good token used from an address its IP filtering does not allow:
#: "Cannot use the access token from location: 203.0.113.7" (403).
LOCATION_CODE = 9109

#: "The record already exists" / "An identical record already exists".
DUPLICATE_CODES = frozenset({81057, 81058})


def _codes(err: Any) -> set[int]:
    body = getattr(err, "body", None)
    errors = body.get("errors") if isinstance(body, dict) else None
    codes: set[int] = set()
    for item in errors if isinstance(errors, list) else ():
        if isinstance(item, dict) and str(item.get("code", "")).isdigit():
            codes.add(int(item["code"]))
    return codes


def _content(rtype: str, content: str) -> str:
    """Our value from Cloudflare's `content`: TXT quoted or not, names without the dot."""
    if rtype == "TXT":
        quoted = len(content) >= 2 and content.startswith('"') and content.endswith('"')
        return decode_txt(content, decimal=True) if quoted else content
    return content.rstrip(".")


def _value(rtype: str, item: Any) -> tuple[str, int | None]:
    """Our value and priority from one listed record: SRV and CAA from their `data` fields."""
    data = getattr(item, "data", None)
    if data is not None and not isinstance(data, dict):
        data = data.to_dict() if hasattr(data, "to_dict") else vars(data)
    if rtype == "SRV" and data:
        target = normalize_name(str(data["target"])) or "."
        srv = Srv(int(data["priority"]), int(data["weight"]), int(data["port"]), target)
        return srv.value, srv.priority
    if rtype == "CAA" and data:
        return Caa(int(data["flags"]), str(data["tag"]), str(data["value"])).text, None
    priority = int(item.priority) if rtype == "MX" and item.priority is not None else None
    return _content(rtype, str(item.content)), priority


def _data(record: Record) -> dict[str, Any]:
    """The `data` object Cloudflare takes for SRV and CAA (cloudflare-python 5.x,
    types/dns/srv_record_param.py: priority, weight, port, target; caa_record_param.py: flags,
    tag, value). The record's name carries _service._proto; `content` is Cloudflare's own."""
    if record.type == "SRV":
        srv = srv_fields(record.priority, record.value)
        return {
            "priority": srv.priority,
            "weight": srv.weight,
            "port": srv.port,
            "target": srv.target,
        }
    caa = caa_fields(record.value)
    return {"flags": caa.flags, "tag": caa.tag, "value": caa.value}


def _location_refusal(err: Any) -> str | None:
    """Cloudflare's own message when it refused the token for where it was used from."""
    body = getattr(err, "body", None)
    errors = body.get("errors") if isinstance(body, dict) else None
    for item in errors if isinstance(errors, list) else ():
        message = str(item.get("message", "")) if isinstance(item, dict) else ""
        if str(item.get("code")) == str(LOCATION_CODE) and "from location" in message:
            return message
    return None


def _messages(err: Any) -> str:
    """What Cloudflare said in an error answer: each message with its code."""
    body = getattr(err, "body", None)
    errors = body.get("errors") if isinstance(body, dict) else None
    if isinstance(errors, list) and errors:
        return "; ".join(f"{e.get('message', '')} [{e.get('code', '')}]" for e in errors)
    return str(getattr(err, "message", "") or type(err).__name__)


class CloudflareProvider(Provider):
    id = "cloudflare"
    display_name = "Cloudflare"
    options: ClassVar[tuple[Option, ...]] = (
        SecretOption(
            "api_token",
            "API token",
            "A Cloudflare API token (not the Global API Key).",
            env=("CLOUDFLARE_API_TOKEN",),
            where=(
                "dash.cloudflare.com → My Profile → API Tokens → Create Token → the 'Edit zone "
                "DNS' template. Least privilege: Zone → DNS → Edit, Zone Resources: Include → "
                "Specific zone → this zone only."
            ),
        ),
        TextOption(
            "base_url",
            "API address",
            "Cloudflare's API v4. Change it only to go through another address (a proxy, or "
            "a local test API).",
            required=False,
            env=("CLOUDFLARE_BASE_URL",),
            default=API_BASE_URL,
            advanced=True,
        ),
    )
    #: TTL 60-86400 or 1 ("automatic"), from the TTL field of the published schema ("Setting
    #: to 1 means 'automatic'. Value must be between 60 and 86400, with the minimum reduced to
    #: 30 for Enterprise zones"); the plan moves 30-59 up to 60 on every plan, and says so.
    capabilities: ClassVar[Capabilities] = Capabilities(
        record_types=ALL_RECORD_TYPES, max_batch=200, ttl_range=(60, 86400), automatic_ttl=1
    )
    timeout = 20.0

    def __init__(self, settings: Mapping[str, str] | None = None) -> None:
        super().__init__(settings)
        self._client: Any = None
        self._zone_ids: dict[str, str] = {}
        #: Each record as last read, with its Cloudflare ID.
        self._ids: list[tuple[Record, str]] = []

    def client(self) -> Any:
        if self._client is None:
            import cloudflare

            self._client = cloudflare.Cloudflare(
                api_token=self.text("api_token"),
                base_url=self.text("base_url"),
                timeout=self.timeout,
                max_retries=0,
            )
        return self._client

    def _call(self, what: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """Run one SDK call, turning its errors into sentences."""
        import cloudflare

        try:
            return fn(*args, **kwargs)
        except cloudflare.APIStatusError as err:
            raise self._refusal(what, err) from None
        except cloudflare.APITimeoutError:
            raise ProviderError(
                f"Cloudflare did not answer in {self.timeout:g} s while {what}. The change may "
                "or may not have been made: run `tracking-wizard revert` or try again.",
                title="No answer",
            ) from None
        except cloudflare.APIConnectionError:
            raise ProviderError(
                f"Could not reach Cloudflare at {self.text('base_url')} while {what}. Check "
                "the network, and the API address if you changed it.",
                title="Cloudflare unreachable",
            ) from None

    def _refusal(self, what: str, err: Any) -> ProviderError:
        """The error for one refused request, by Cloudflare's error codes first, then status."""
        import cloudflare

        codes = _codes(err)
        location = _location_refusal(err)
        if location is not None:
            return PermissionDenied(
                f"Cloudflare refused {what}: {location} [{LOCATION_CODE}]. The token is valid, "
                "but its Client IP Address Filtering does not allow this address: add it to the "
                "token (My Profile → API Tokens → Edit), or run the wizard from an allowed one.",
                title="Token not allowed from here",
            )
        if isinstance(err, cloudflare.AuthenticationError) or (
            codes & TOKEN_CODES and not isinstance(err, cloudflare.RateLimitError)
        ):
            return AuthError(
                f"Cloudflare did not accept the API token while {what}. {PERMISSION_HINT}"
            )
        if codes & DUPLICATE_CODES:
            return Conflict(
                f"Cloudflare refused {what}: the record is already there ({_messages(err)}). "
                "Plan again: the wizard then counts it as present."
            )
        if isinstance(err, cloudflare.PermissionDeniedError):
            return PermissionDenied(
                f"Cloudflare refused {what}: the token lacks the permission. {PERMISSION_HINT} "
                f"({_messages(err)})"
            )
        if isinstance(err, cloudflare.RateLimitError):
            retry = err.response.headers.get("retry-after")
            return RateLimited(
                f"Cloudflare asks to slow down while {what}. Wait a minute and run it again; "
                "nothing after this point was written.",
                retry_after=float(retry) if retry and retry.isdigit() else None,
            )
        return ProviderError(f"Cloudflare refused {what} ({err.status_code}): {_messages(err)}.")

    def zone_id(self, zone: str) -> str:
        if zone not in self._zone_ids:
            zones = self._call(
                f"finding the zone {zone}",
                lambda: every_page(lambda p: self.client().zones.list(name=zone, page=p)),
            )
            found = [z for z in zones if str(z.name).lower() == zone]
            if not found:
                raise ZoneNotFound(
                    f"No zone {zone} in this Cloudflare account. Check the domain, or that the "
                    "token covers this zone."
                )
            self._zone_ids[zone] = str(found[0].id)
        return self._zone_ids[zone]

    def _record(self, item: Any) -> Record | None:
        rtype = str(item.type)
        if rtype not in RECORD_TYPES:
            return None
        ttl = None if int(item.ttl or 1) == 1 else int(item.ttl)
        value, priority = _value(rtype, item)
        record = Record(rtype, str(item.name).lower(), value, ttl, priority)
        self._ids.insert(0, (record, str(item.id)))  # the newest read first
        return record

    def _list_records(self, zone: str, names: Sequence[str]) -> Existing:
        zone_id = self.zone_id(zone)
        records: list[Record] = []
        findings: list[Finding] = []
        for name in names:
            items = self._call(
                f"reading the records at {name}",
                lambda n=name: every_page(
                    lambda p: self.client().dns.records.list(
                        zone_id=zone_id, name={"exact": n}, per_page=100, page=p
                    )
                ),
            )
            for item in items:
                record = self._record(item)
                if record is None:
                    continue
                records.append(record)
                if getattr(item, "proxied", False):
                    findings.append(
                        Finding(
                            "warning",
                            "proxied",
                            f"{record.name} ({record.type}) is proxied by Cloudflare (orange "
                            "cloud): it answers with Cloudflare's addresses and hides the CNAME, "
                            "so the vendor's check fails. Set it to 'DNS only'.",
                            field="name",
                        )
                    )
        return Existing(tuple(records), tuple(findings))

    def _body(self, record: Record) -> dict[str, Any]:
        body: dict[str, Any] = {"type": record.type, "name": record.name, "ttl": record.ttl or 1}
        if record.type in ("SRV", "CAA"):
            body["data"] = _data(record)
        else:
            txt = record.type == "TXT"
            body["content"] = encode_txt(record.value, decimal=True) if txt else record.value
        if record.type in ("A", "AAAA", "CNAME"):
            body["proxied"] = False
        if record.type == "MX":
            body["priority"] = record.priority or 0
        return body

    def _id_of(self, zone: str, record: Record) -> str:
        found = self._known_id(record)
        if found is None:
            self._list_records(zone, (record.name,))
            found = self._known_id(record)
        if found is None:
            raise ProviderError(f"Cloudflare no longer has {record}; nothing to change there.")
        return found

    def _known_id(self, record: Record) -> str | None:
        return next((i for r, i in self._ids if r.same_data(record)), None)

    def _apply(self, zone: str, changes: Sequence[Change], progress: Progress) -> None:
        zone_id = self.zone_id(zone)
        deletes, patches, posts = [], [], []
        for change in changes:
            if change.action == "create" and change.new is not None:
                posts.append(self._body(change.new))
            elif change.action == "delete" and change.existing is not None:
                deletes.append({"id": self._id_of(zone, change.existing)})
            elif change.existing is not None and change.new is not None:
                patches.append({"id": self._id_of(zone, change.existing), **self._body(change.new)})
        progress(f"Sending {counted(len(changes), 'change')} to Cloudflare in one batch…")
        kwargs: dict[str, Any] = {"zone_id": zone_id}
        for key, items in (("deletes", deletes), ("patches", patches), ("posts", posts)):
            if items:
                kwargs[key] = items
        self._call("writing the records", self.client().dns.records.batch, **kwargs)
        self._ids.clear()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
