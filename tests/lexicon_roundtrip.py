"""The checks every host written through dns-lexicon passes, each against that host's own fake.

- `check_round_trip`: a sample record of every type the host's row declares (names with
  underscores, the apex, a DKIM-length TXT where the row says long TXT is proven, MX with its
  priority where declared) is planned, applied, confirmed by reading back ("N of N changes exactly
  as given"), re-planned as nothing to do, reverted (confirmed too) and the names end as they
  began; then each sample is changed once in place (an update) and reverted.
- `check_refused`: every type the row leaves out, and a TXT too long where long TXT is not
  proven, is a conflict in the plan that points to the host's own page: nothing is sent.
- `check_shapes`: every request the fake saw matches one of the shapes its reference documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from providers.lexicon.plugin import LexiconProvider
from tests.keys import DKIM_2048
from tests.roundtrip import apply_records, revert_latest
from wizard.journal import Journal
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
    assert held() >= set(records) - set(), "the host does not list what was written"
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


def check_refused(provider: LexiconProvider, zone: str) -> list[str]:
    """Every type outside the row, and an unproven long TXT, is a conflict; returns reasons."""
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
    return [i.reason or "" for i in plan.conflicts]


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
