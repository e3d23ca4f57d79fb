"""GoDaddy's Domains API (v1, DNS records) with `requests`: timeouts, retries, clear errors.

Four REST calls are all the wizard needs, and godaddypy would have to be bent (its private
`_request_submit`) to get a timeout, a status code or a Retry-After header, so they are made
here on a `requests.Session`. GoDaddy's write endpoints work on whole (type, name) sets:
`PUT /records/{type}/{name}` replaces every value and `DELETE` removes them all. So a change to
one value of a multi-value name is written as the full new set, computed from a fresh read, and
the other values stay. An SRV record's `name` leaves out its _service._protocol labels (they
are fields of their own), so one (SRV, name) set may hold several services; the full-set write
carries the others over like any other value.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar
from urllib.parse import quote, unquote

from providers.base import ALL_RECORD_TYPES, Capabilities, Existing, Progress, Provider
from providers.godaddy_errors import godaddy_error, is_transient_conflict, retry_after
from providers.options import Option, SecretOption, TextOption
from wizard.model.changes import Change
from wizard.model.errors import AuthError, ProviderError
from wizard.model.fields import caa_fields, srv_fields
from wizard.model.names import normalize_name
from wizard.model.records import RECORD_TYPES, Record
from wizard.model.words import counted

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.godaddy.com/"
API_URL_ENV = "TRACKING_WIZARD_GODADDY_API_URL"
#: GoDaddy refuses TTLs below 600 seconds; 3600 is its panel's default.
MIN_TTL = 600
#: No upper bound is published; RFC 2181's largest TTL.
MAX_TTL = 2147483647
DEFAULT_TTL = 3600
PAGE_SIZE = 500
#: 500 × 100 records: far beyond any zone the wizard writes to.
MAX_PAGES = 100

Key = tuple[str, str]  # (type, name relative to the zone)


class GoDaddyProvider(Provider):
    id: ClassVar[str] = "godaddy"
    display_name: ClassVar[str] = "GoDaddy"
    options: ClassVar[tuple[Option, ...]] = (
        SecretOption(
            "api_key",
            "API key",
            "Your production key from developer.godaddy.com → API Keys.",
            env=("GODADDY_API_KEY",),
            where=(
                "developer.godaddy.com/keys → Create New API Key → Environment: Production (an "
                "OTE key only reaches GoDaddy's test system). GoDaddy keys cannot be narrowed to "
                "one domain: the key can change every domain in the account, so delete it when "
                "you are done. The API answers only accounts with 10 or more domains or a "
                "Discount Domain Club plan."
            ),
        ),
        SecretOption(
            "api_secret",
            "API secret",
            "The secret shown once, beside the key, when you created it.",
            env=("GODADDY_API_SECRET",),
        ),
        TextOption(
            "api_url",
            "API address",
            "Only for testing; leave empty for GoDaddy's own API.",
            required=False,
            advanced=True,
        ),
    )
    #: Every type but CAA: the v1 API answers 422 to a CAA record in a write (lexicon's GoDaddy
    #: provider, pull requests #506 and #545), so a planned CAA is a conflict that sends the
    #: person to GoDaddy's DNS page. CAA records already in the zone are read.
    #: TTL 600 and up and SRV ports 1-65535, as the Domains API v1 description has them: the
    #: plan moves a lower TTL up to 600 and says so, and refuses an SRV with port 0 (the "no
    #: service" record `0 0 0 .`), which the API answers with 422.
    capabilities: ClassVar[Capabilities] = Capabilities(
        record_types=ALL_RECORD_TYPES - {"CAA"},
        ttl_range=(MIN_TTL, MAX_TTL),
        srv_port_zero=False,
    )

    #: Seconds to wait for GoDaddy to connect and to answer.
    timeout: float = 20.0
    #: How often a 409 (zone busy after an edit) is retried, and the first pause (it doubles).
    conflict_retries: int = 5
    conflict_backoff: float = 1.0
    #: A 429 asking for at most this many seconds' pause is waited out, this many times.
    rate_limit_wait: float = 10.0
    rate_limit_retries: int = 2

    def __init__(self, settings: Mapping[str, str] | None = None) -> None:
        super().__init__(settings)
        self._session: Any = None

    # -- plumbing ------------------------------------------------------------------------
    @property
    def api_url(self) -> str:
        url = self.text("api_url") or os.environ.get(API_URL_ENV) or DEFAULT_API_URL
        return url if url.endswith("/") else url + "/"

    def session(self) -> Any:
        """A `requests.Session` carrying GoDaddy's `sso-key` header, made once."""
        if self._session is not None:
            return self._session
        key, secret = self.text("api_key"), self.text("api_secret")
        if not key or not secret:
            raise AuthError(
                "GoDaddy needs an API key and secret. Create them at developer.godaddy.com "
                "(API Keys, Production) and set GODADDY_API_KEY and GODADDY_API_SECRET."
            )
        import requests

        self._session = requests.Session()
        self._session.headers.update(
            {"Authorization": f"sso-key {key}:{secret}", "Accept": "application/json"}
        )
        return self._session

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
        self._session = None

    def _domain_of(self, url: str) -> str:
        rest = url.removeprefix(self.api_url).removeprefix("v1/domains/")
        return unquote(rest.split("/", 1)[0]) if rest != url else ""

    def _url(self, domain: str, rtype: str | None = None, name: str | None = None) -> str:
        path = f"v1/domains/{quote(domain)}/records"
        for part in (rtype, name):
            if part is not None:
                path += "/" + quote(part, safe="@*")
        return self.api_url + path

    def _send(self, method: str, url: str, **kw: Any) -> Any:
        """One HTTP request with a timeout; 409 retried with backoff, other errors mapped."""
        import requests

        session = self.session()
        delay = self.conflict_backoff
        rate_waits = 0
        attempt = -1
        while True:
            attempt += 1
            try:
                response = session.request(method, url, timeout=self.timeout, **kw)
            except requests.Timeout:
                what = (
                    "The write may or may not have been made; read the zone before retrying."
                    if method != "GET"
                    else "Nothing was changed."
                )
                raise ProviderError(
                    f"GoDaddy did not answer within {self.timeout:g} seconds. {what}",
                    title="GoDaddy did not answer",
                ) from None
            except requests.RequestException as exc:
                raise ProviderError(
                    f"Could not reach GoDaddy's API at {self.api_url} "
                    f"({type(exc).__name__}). Check the network and try again.",
                    title="GoDaddy unreachable",
                ) from None
            if (
                response.status_code == 409
                and attempt < self.conflict_retries
                and is_transient_conflict(response)
            ):
                log.info("GoDaddy answered 409 (zone busy after an edit); retrying in %.1fs", delay)
                time.sleep(delay)
                delay *= 2
                continue
            if response.status_code == 429 and rate_waits < self.rate_limit_retries:
                pause = retry_after(response)
                if pause is not None and pause <= self.rate_limit_wait:
                    log.info("GoDaddy answered 429; waiting %.1fs as it asked", pause)
                    rate_waits += 1
                    time.sleep(pause)
                    continue
            if response.status_code >= 400:
                raise godaddy_error(response, self._domain_of(url))
            return response

    def _get_records(self, domain: str, *, limit: int, offset: int | None = None) -> list[Any]:
        params = {"limit": limit} if offset is None else {"offset": offset, "limit": limit}
        response = self._send("GET", self._url(domain), params=params)
        try:
            batch = response.json()
        except ValueError:
            batch = None
        if not isinstance(batch, list):
            raise ProviderError("GoDaddy answered the record list with something unexpected.")
        return batch

    # -- names and records -----------------------------------------------------------------
    @staticmethod
    def relative(zone: str, name: str) -> str:
        zone, name = normalize_name(zone), normalize_name(name)
        if name == zone:
            return "@"
        if not name.endswith("." + zone):
            raise ProviderError(f"The name {name} is not inside the zone {zone}.")
        return name[: -len(zone) - 1]

    @staticmethod
    def absolute(zone: str, relative: str) -> str:
        zone = normalize_name(zone)
        rel = normalize_name(relative)
        return zone if rel in ("@", "") else f"{rel}.{zone}"

    def _to_record(self, zone: str, item: dict[str, Any]) -> Record | None:
        rtype = str(item.get("type", "")).upper()
        if rtype not in RECORD_TYPES:
            return None
        data = str(item.get("data", ""))
        if rtype in ("CNAME", "MX", "NS", "SRV"):
            data = self.absolute(zone, data) if data.strip() == "@" else normalize_name(data)
        priority = item.get("priority") if rtype in ("MX", "SRV") else None
        name = self.absolute(zone, str(item.get("name", "@")))
        if rtype == "SRV":
            labels = [_underscored(item.get(f)) for f in ("service", "protocol")]
            name = ".".join([*labels, name])
            data = f"{item.get('weight')} {item.get('port')} {data or '.'}"
        elif rtype == "CAA":
            data = _caa_text(data)
        ttl = item.get("ttl")
        return Record(
            type=rtype,
            name=name,
            value=data,
            ttl=int(ttl) if isinstance(ttl, int) else None,
            priority=int(priority) if isinstance(priority, int) else None,
        )

    def _to_item(self, zone: str, record: Record) -> dict[str, Any]:
        ttl = DEFAULT_TTL if record.ttl is None else record.ttl
        data = record.value
        item: dict[str, Any] = {"type": record.type, "name": self._api_name(zone, record)}
        if record.type == "SRV":
            # GoDaddy's DNSRecord (Domains API v1 description): `service` and `protocol` apart
            # from `name`, `data` the target, and `priority`, `weight`, `port` of their own.
            srv = srv_fields(record.priority, record.value)
            if srv.port == 0:  # the base refuses it first; never sent, whoever calls
                raise ProviderError(f"GoDaddy does not take an SRV record with port 0 ({record}).")
            data = srv.target
            labels = self.relative(zone, record.name).split(".")
            item.update(service=labels[0], protocol=labels[1], priority=srv.priority)
            item.update(weight=srv.weight, port=srv.port)
        if record.type in ("CNAME", "MX", "NS", "SRV") and _same_name(data, zone):
            data = "@"  # GoDaddy's own spelling of the apex as a target
        item.update(data=data, ttl=ttl)
        if record.type == "MX":
            item["priority"] = record.priority if record.priority is not None else 10
        return item

    def _api_name(self, zone: str, record: Record) -> str:
        """GoDaddy's `name` for a record: relative to the zone; for SRV without the leading
        _service._protocol labels, which go in fields of their own."""
        name = self.relative(zone, record.name)
        if record.type != "SRV":
            return name
        labels = name.split(".")
        if name == "@" or len(labels) < 2 or not all(x.startswith("_") for x in labels[:2]):
            raise ProviderError(
                f"GoDaddy writes an SRV record as service, protocol and name, so its name must "
                f"start with _service._protocol; {record.name} does not."
            )
        return ".".join(labels[2:]) or "@"

    def _read_zone(self, zone: str) -> list[dict[str, Any]]:
        """Every record of the zone exactly once; also the credential check before writes.

        GoDaddy's description calls `offset` the number of results to skip, while godaddypy and
        terraform treat it as a page number. The first page is asked without it; the second as
        page 2. A page 2 that repeats page 1 means `offset` skips records, and the rest is read
        by skip count. After that, a repeat means records moved during the read, which could
        also hide some, so the read is refused rather than planned from.
        """
        first = self._get_records(zone, limit=PAGE_SIZE)
        items, seen = self._unique(first, set(), check=False)
        if len(first) < PAGE_SIZE:
            return items
        batch = self._get_records(zone, limit=PAGE_SIZE, offset=2)
        by_skip = any(_ident(i) in seen for i in batch)
        new, seen = self._unique(batch, seen, check=False)
        items += new
        page = 2
        while len(batch) == PAGE_SIZE and page < MAX_PAGES:
            page += 1
            offset = len(items) if by_skip else page
            batch = self._get_records(zone, limit=PAGE_SIZE, offset=offset)
            new, seen = self._unique(batch, seen, check=True)
            items += new
        return items

    @staticmethod
    def _unique(
        batch: list[Any], seen: set[str], *, check: bool
    ) -> tuple[list[dict[str, Any]], set[str]]:
        fresh: list[dict[str, Any]] = []
        for item in batch:
            if not isinstance(item, dict):
                continue
            ident = _ident(item)
            if ident in seen:
                if check:
                    raise ProviderError(
                        "GoDaddy's record list changed while it was read (a record came twice "
                        "across pages, so another may be missing). Nothing was written; try "
                        "again in a minute.",
                        title="GoDaddy's list moved",
                    )
                continue
            seen.add(ident)
            fresh.append(item)
        return fresh, seen

    # -- the contract ----------------------------------------------------------------------
    def _list_records(self, zone: str, names: Sequence[str]) -> Existing:
        wanted = set(names)
        found: list[Record] = []
        for item in self._read_zone(zone):
            record = self._to_record(zone, item)
            if record is not None and record.name in wanted and record not in found:
                found.append(record)
        return Existing(tuple(found))

    def _check_credentials(self, zone: str) -> None:
        self._get_records(zone, limit=1)

    def _apply(self, zone: str, changes: Sequence[Change], progress: Progress) -> None:
        progress("Reading the zone from GoDaddy…")
        current: dict[Key, list[dict[str, Any]]] = {}
        for item in self._read_zone(zone):  # a read before any write proves the credentials
            key = (str(item.get("type", "")).upper(), str(item.get("name", "")).lower())
            current.setdefault(key, []).append(item)

        target: dict[Key, list[dict[str, Any]]] = {}
        for change in changes:
            record = change.record
            key = (record.type, self._api_name(zone, record))
            items = target.setdefault(key, list(current.get(key, [])))
            if change.existing is not None:
                items[:] = [i for i in items if not self._same(zone, i, change.existing)]
            if change.new is not None and not any(self._same(zone, i, change.new) for i in items):
                items.append(self._to_item(zone, change.new))

        adds: list[dict[str, Any]] = []
        for (rtype, name), items in target.items():
            before = current.get((rtype, name), [])
            kept = all(any(self._same_items(zone, b, i) for i in items) for b in before)
            new = [i for i in items if not any(self._same_items(zone, i, b) for b in before)]
            if kept and not new:
                continue  # already as wanted
            if kept:
                adds.extend(new)
            elif not items:
                progress(f"Deleting {rtype} at {name} on GoDaddy…")
                self._send("DELETE", self._url(zone, rtype, name))
            else:
                progress(f"Writing {counted(len(items), rtype + ' value')} at {name} on GoDaddy…")
                body = [{k: v for k, v in i.items() if k not in ("type", "name")} for i in items]
                self._send("PUT", self._url(zone, rtype, name), json=body)
        if adds:
            progress(f"Adding {counted(len(adds), 'record')} on GoDaddy…")
            self._send("PATCH", self._url(zone), json=adds)

    def _same(self, zone: str, item: dict[str, Any], record: Record) -> bool:
        mine = self._to_record(zone, item)
        return mine is not None and mine.same_data(record)

    def _same_items(self, zone: str, a: dict[str, Any], b: dict[str, Any]) -> bool:
        ra, rb = self._to_record(zone, a), self._to_record(zone, b)
        if ra is None or rb is None:
            return a == b
        return ra.same_data(rb)


def _underscored(label: object) -> str:
    text = str(label or "").strip().lower()
    return text if text.startswith("_") else "_" + text


def _same_name(data: str, zone: str) -> bool:
    return normalize_name(data) == normalize_name(zone)


def _caa_text(data: str) -> str:
    """A CAA `data` in our form (dnspython's presentation form); as given if it is not one."""
    try:
        return caa_fields(data).text
    except ValueError:
        return data


def _ident(item: dict[str, Any]) -> str:
    """What makes a record itself: name, type, data (and the rest of its fields)."""
    return repr(sorted((str(k), str(v)) for k, v in item.items()))
