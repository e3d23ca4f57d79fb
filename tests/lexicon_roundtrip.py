"""The checks every host written through dns-lexicon passes, each against that host's own fake.

- `check_round_trip`: a sample record of every type the host's row declares (names with
  underscores, the apex, a DKIM-length TXT where the row says long TXT is proven, MX with its
  priority where declared) is planned, applied, confirmed by reading back ("N of N changes exactly
  as given"), re-planned as nothing to do, reverted (confirmed too) and the names end as they
  began; then each sample is changed once in place (an update) and reverted.
- `check_refused`: every type the row leaves out, and a TXT too long where long TXT is not
  proven, is a conflict in the plan that points to the host's own page: nothing is sent.
- `check_shapes`: every request the fake saw matches one of the shapes its reference documents.
- `check_quirk`: a way the host stores other than it was sent is caught by the read-back.
- `check_failure`: a read the host refuses is a sentence that shows no secret.

`LexiconCase` gathers what those checks need of one host (its fake, its plugin, its reference,
its quirks and its sentences); each tests/test_lexicon_<host>.py declares its own `CASE`, and
tests/test_lexicon_hosts.py runs the shared checks over all of them.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Generic, Protocol, Self, TypeVar

import pytest
import requests

from providers.lexicon.plugin import LexiconProvider
from tests.keys import DKIM_2048
from tests.roundtrip import apply_records, check_caught, revert_latest
from wizard.journal import Journal
from wizard.model.errors import ProviderError
from wizard.model.records import RECORD_TYPES, Record
from wizard.plan import build_plan


def samples(provider: LexiconProvider, zone: str) -> list[Record]:
    """One record per declared type, as a vendor's page gives them."""
    host = provider.host
    # Where the backend rewrites a set's other values at one TTL when it removes a value
    # (Gandi), that is the only TTL a value can be added beside others and reverted at exactly;
    # a host whose backend cannot set a TTL takes records as a vendor usually gives them: none.
    ttl = (host.set_rewrite_ttl or max(3600, host.ttl_range[0])) if host.ttl_settable else None
    by_type: dict[str, list[Record]] = {
        "A": [Record("A", f"track.{zone}", "192.0.2.10", ttl)],
        "AAAA": [Record("AAAA", f"track6.{zone}", "2001:db8::10", ttl)],
        "CNAME": [
            Record("CNAME", f"links.{zone}", "e.customeriomail.com", ttl),
            Record("CNAME", f"pendo._domainkey.{zone}", "pendo.domainkey.pendo.io", ttl),
        ],
        "TXT": [
            Record("TXT", zone, "v=spf1 include:mailgun.org ~all", ttl),
            Record("TXT", f"_dmarc.{zone}", "v=DMARC1; p=none; rua=mailto:d@example.net", ttl),
        ],
        "MX": [Record("MX", f"bounce.{zone}", "feedback-smtp.us-east-1.amazonses.com", ttl, 10)],
        "NS": [Record("NS", f"sub.{zone}", "ns1.example.net", ttl)],
        "SRV": [Record("SRV", f"_sip._tcp.{zone}", "5 5060 sip.example.net", ttl, 10)],
        "CAA": [Record("CAA", f"certs.{zone}", '0 issue "letsencrypt.org"', ttl)],
    }
    if host.long_txt:
        by_type["TXT"].append(Record("TXT", f"s1._domainkey.{zone}", DKIM_2048, ttl))
    out: list[Record] = []
    for rtype in sorted(host.record_types):
        out.extend(by_type[rtype])
    return out


@dataclass
class RoundTrip:
    """What one round trip saw: the confirmation lines of each apply and revert."""

    lines: list[str] = field(default_factory=list)


def check_round_trip(provider: LexiconProvider, zone: str) -> RoundTrip:
    """Apply every sample, confirm, revert, confirm; then update each in place and revert."""
    records = samples(provider, zone)
    names = sorted({r.name for r in records})
    seen = RoundTrip()

    def held() -> set[Record]:
        return set(provider.list_records(zone, names).records)

    start = held()
    journal = Journal()
    _, applied = apply_records(provider, zone, records, journal)
    assert applied.confirmed is not None, applied
    count = len(records)
    assert applied.confirmed.confirmed == applied.confirmed.total == count, applied.confirmed
    seen.lines.append(applied.confirmed.line)
    listed = held()
    # Each record as the vendor gave it (a record given no TTL holds the host's own).
    missing = [
        r for r in records if not any(h.same_data(r) and r.ttl in (None, h.ttl) for h in listed)
    ]
    assert not missing, f"the host does not list what was written: {missing}"
    again = build_plan(provider, zone, records)
    assert not again.changes, [str(c) for c in again.changes]

    changed = [_changed(r) for r in records if r.type in ("A", "AAAA", "CNAME")]
    if changed:
        _, updated = apply_records(provider, zone, changed, journal)
        assert updated.confirmed is not None
        assert updated.confirmed.confirmed == updated.confirmed.total == len(changed)
        seen.lines.append(updated.confirmed.line)
        back = revert_latest(provider, journal)
        assert back.confirmed is not None and back.confirmed.confirmed == len(changed)

    reverted = revert_latest(provider, journal)
    assert reverted.confirmed is not None
    assert reverted.confirmed.confirmed == reverted.confirmed.total == count
    seen.lines.append(reverted.confirmed.line)
    assert held() == start
    return seen


def _changed(record: Record) -> Record:
    """The same record with another value of its kind: a vendor's page changed since."""
    other = {"A": "192.0.2.20", "AAAA": "2001:db8::20", "CNAME": "t.example-vendor.net"}
    return replace(record, value=other[record.type])


def check_refused(provider: LexiconProvider, zone: str) -> dict[str, str]:
    """Every type outside the row, and an unproven long TXT, is a conflict; returns each
    refused type's reason ("TXT": the long one's)."""
    host = provider.host
    outside = [t for t in RECORD_TYPES if t not in host.record_types]
    records = [
        Record(
            t, f"refused-{t.lower()}.{zone}", _value(t), 3600, 10 if t in ("MX", "SRV") else None
        )
        for t in outside
    ]
    if "TXT" in host.record_types and not host.long_txt:
        records.append(Record("TXT", f"s1._domainkey.{zone}", DKIM_2048, 3600))
    plan = build_plan(provider, zone, records)
    assert len(plan.conflicts) == len(records), [str(i) for i in plan.items]
    assert not plan.changes
    return {i.record.type: i.reason or "" for i in plan.conflicts}


def _value(rtype: str) -> str:
    return {
        "A": "192.0.2.1",
        "AAAA": "2001:db8::1",
        "CNAME": "x.example.net",
        "TXT": "x",
        "MX": "mx.example.net",
        "NS": "ns.example.net",
        "SRV": "5 5060 sip.example.net",
        "CAA": '0 issue "letsencrypt.org"',
    }[rtype]


@dataclass(frozen=True)
class Shape:
    """One request the host's reference documents: method, path pattern, body fields."""

    method: str
    path: str  # a regular expression matched against the whole path
    #: Body fields that must be present, with the JSON type each must have.
    required: Mapping[str, type | tuple[type, ...]] = field(default_factory=dict)
    #: Every field the body may have; None: not checked.
    allowed: frozenset[str] | None = None


def check_shapes(seen: Iterable[tuple[str, str, Any]], shapes: Sequence[Shape]) -> int:
    """Every (method, path, body) matches a documented shape; returns how many were checked."""
    count = 0
    for method, path, body in seen:
        fits = [s for s in shapes if s.method == method and re.fullmatch(s.path, path)]
        assert fits, f"{method} {path} is not a request the reference documents"
        shape = fits[0]
        fields = body if isinstance(body, Mapping) else {}
        for name, kind in shape.required.items():
            assert name in fields, f"{method} {path}: {name!r} missing from {body}"
            assert isinstance(fields[name], kind), f"{method} {path}: {name!r} is {fields[name]!r}"
        if shape.allowed is not None:
            extra = set(fields) - shape.allowed
            assert not extra, f"{method} {path}: fields the reference does not have: {extra}"
        count += 1
    return count


class Fake(Protocol):
    """A local stand-in for a host's API: served inside a `with` block, `quirk` switchable."""

    quirk: str | None

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...


F = TypeVar("F", bound=Fake)


def http_requests(fake: Any) -> list[tuple[str, str, Any]]:
    """Every request the fake saw, as (method, path, body) for `check_shapes`."""
    return [(s.method, s.path, s.body) for s in fake.requests_seen]


def http_writes(fake: Any) -> list[tuple[str, str, Any]]:
    """The requests that could change something: all but GETs."""
    return [r for r in http_requests(fake) if r[0] != "GET"]


@dataclass(frozen=True)
class Quirk:
    """Something the host (or its backend) keeps other than it was sent, and what the read-back
    must say of it: `said[0]` is what the host holds instead, the rest more of the sentence."""

    name: str  # the fake's `quirk` to switch on (unless `always`); the test's id
    record: Record
    said: tuple[str, ...]
    always: bool = False  # the host or its backend always does it: nothing to switch
    prepare: Callable[[Any], None] | None = None  # what the zone holds first


def check_quirk(provider: LexiconProvider, fake: Fake, zone: str, quirk: Quirk) -> str:
    """The apply with the quirk on fails at the read-back and its revert restores the name
    (`check_caught`); returns the sentence."""
    if quirk.prepare is not None:
        quirk.prepare(fake)

    def switch(on: bool) -> None:
        if not quirk.always:
            fake.quirk = quirk.name if on else None

    record = quirk.record
    message = check_caught(provider, zone, [record.name], [record], switch, quirk.said[0])
    for words in quirk.said[1:]:
        assert words in message, message
    return message


@dataclass(frozen=True)
class Failure:
    """A read the host refuses, and how the wizard must say so: raised as `error`, its sentence
    holding each of `said`, none of the settings given wrong and none of the secrets."""

    name: str  # the test's id
    error: type[ProviderError]
    said: tuple[str, ...]
    settings: Mapping[str, str] = field(default_factory=dict)  # credentials given wrong
    zone: str | None = None  # the zone read; None: the case's own
    prepare: Callable[[Any], None] | None = None  # the host's state that makes it refuse


@dataclass(frozen=True)
class LexiconCase(Generic[F]):
    """What the shared checks need of one host, declared once in that host's test module."""

    plugin: type[LexiconProvider]
    fake: Callable[[], F]  # the fake, not yet started, holding the case's zone
    settings: Callable[[F], dict[str, str]]  # good credentials and the fake's address
    #: The row's record types and long-TXT flag, and the round trip's confirmation lines.
    record_types: frozenset[str]
    long_txt: bool
    lines: tuple[str, ...]
    #: Each refused type ("TXT": the long one) with words its reason must hold.
    refused: Mapping[str, tuple[str, ...]]
    wrong_credentials: tuple[Failure, ...]
    unreadable_zones: tuple[Failure, ...]
    quirks: tuple[Quirk, ...] = ()
    zone: str = "example.test"
    #: What of the fake's own records a round trip must leave as it found them.
    untouched: Callable[[F], object] | None = None
    writes: Callable[[F], list[Any]] = http_writes  # requests that could change something
    #: The reference's shapes (None: the host's module checks its requests its own way), the
    #: requests to check, how many a round trip makes at least, the HTTP methods it must use,
    #: and what else its requests must show.
    shapes: Sequence[Shape] | None = None
    requests: Callable[[F], list[tuple[str, str, Any]]] = http_requests
    more_than: int = 10
    methods: frozenset[str] = frozenset()
    requests_also: Callable[[F], None] | None = None
    #: Sets of name servers the zone step must name this host from.
    name_servers: tuple[tuple[str, ...], ...] = ()

    @property
    def id(self) -> str:
        return self.plugin.host.id

    def provider(self, fake: F, **settings: str) -> LexiconProvider:
        """The plugin aimed at the fake, with its good credentials but for `settings`."""
        return self.plugin({**self.settings(fake), **settings})


def secrets(provider: LexiconProvider) -> list[str]:
    """The values of the provider's secret settings: never to be shown in a sentence."""
    return [
        str(provider.settings[o.name])
        for o in provider.options
        if o.secret and o.name in provider.settings
    ]


def check_failure(case: LexiconCase[F], fake: F, failure: Failure) -> str:
    """Reading a zone fails as `failure` says, in a sentence without a secret; returns it."""
    if failure.prepare is not None:
        failure.prepare(fake)
    provider = case.provider(fake, **failure.settings)
    zone = failure.zone or case.zone
    with pytest.raises(failure.error) as caught:
        provider.list_records(zone, [zone])
    text = str(caught.value)
    for words in failure.said:
        assert words in text, text
    for secret in [*failure.settings.values(), *secrets(provider)]:
        assert secret not in text, f"a secret shown: {text}"
    return text


def lexicon_backend(name: str, zone: str, auth: Mapping[str, str], **options: object) -> Any:
    """dns-lexicon's own backend `name`, configured as the plugin configures it (TTL 600 unless
    `options` say); the caller aims it at its fake (each backend names its endpoint its own way)."""
    from lexicon.config import ConfigResolver

    given = {"provider_name": name, "domain": zone, "ttl": 600, **options, name: dict(auth)}
    config = ConfigResolver().with_dict(given)  # type: ignore[no-untyped-call]
    return importlib.import_module(f"lexicon._private.providers.{name}").Provider(config)


def drive_backend(backend: Any, zone: str) -> None:
    """Every call the plugin makes of a backend: create (at the apex too), list, update, delete."""
    backend.authenticate()
    backend.create_record("TXT", f"_dmarc.{zone}", "v=DMARC1; p=none")
    backend.create_record("CNAME", f"em.{zone}", "u1.wl.sendgrid.net")
    backend.create_record("A", zone, "192.0.2.7")
    (txt,) = backend.list_records("TXT", f"_dmarc.{zone}")
    backend.update_record(txt["id"], "TXT", f"_dmarc.{zone}", "v=DMARC1; p=reject")
    backend.delete_record(txt["id"])


def check_backend_refusals(wrong_credentials: Any, unknown_zone: Any) -> None:
    """The backend itself: wrong credentials are an HTTP 401, an unknown zone its own error."""
    from lexicon.exceptions import AuthenticationError

    with pytest.raises(requests.HTTPError) as denied:
        wrong_credentials.authenticate()
    assert denied.value.response is not None
    assert denied.value.response.status_code == 401
    with pytest.raises(AuthenticationError, match="Domain not found"):
        unknown_zone.authenticate()
