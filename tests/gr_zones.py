"""Hypothesis strategies for the GoDaddy and Route 53 tests: a valid zone and changes to it.

The changes follow the same rules the plan enforces (a CNAME alone at its name, none at the
apex), since neither fake API nor moto is the thing that should catch those.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

from wizard.model.changes import Change, create, delete, update
from wizard.model.records import Record

LABELS = ("@", "www", "data", "_dmarc", "s1._domainkey", "em")
TXT_VALUES = (
    "v=spf1 include:_spf.example.net ~all",
    "google-site-verification=abc",
    "pendo-domain-verification=1",
    "v=DMARC1; p=none",
    'quote " and \\ backslash',
    "k=rsa; p=" + "Q" * 300,
)
A_VALUES = ("192.0.2.1", "192.0.2.2", "198.51.100.7")
TARGETS = ("cname.pendo-dev.io", "web.example.net", "u123.wl.sendgrid.net")
MX_VALUES = ((10, "mail.example.net"), (20, "mx2.example.net"))


@dataclass(frozen=True)
class Case:
    zone: str
    existing: tuple[Record, ...]
    changes: tuple[Change, ...]


def fqdn(label: str, zone: str) -> str:
    return zone if label == "@" else f"{label}.{zone}"


@st.composite
def record_at(draw: st.DrawFn, name: str, rtype: str, ttl: int) -> Record:
    if rtype == "TXT":
        return Record("TXT", name, draw(st.sampled_from(TXT_VALUES)), ttl=ttl)
    if rtype == "A":
        return Record("A", name, draw(st.sampled_from(A_VALUES)), ttl=ttl)
    if rtype == "MX":
        prio, host = draw(st.sampled_from(MX_VALUES))
        return Record("MX", name, host, ttl=ttl, priority=prio)
    return Record("CNAME", name, draw(st.sampled_from(TARGETS)), ttl=ttl)


@st.composite
def cases(draw: st.DrawFn, zone: str = "example.test") -> Case:
    existing: list[Record] = []
    plan: list[Change] = []
    for label in LABELS:
        name = fqdn(label, zone)
        cname_ok = label != "@"
        if cname_ok and draw(st.booleans()) and draw(st.booleans()):
            old = draw(record_at(name, "CNAME", 3600))
            existing.append(old)
            action = draw(st.sampled_from(("keep", "update", "delete")))
            if action == "update":
                new = draw(record_at(name, "CNAME", 3600))
                if not new.same_data(old):
                    plan.append(update(old, new))
            elif action == "delete":
                plan.append(delete(old))
            continue
        for rtype in ("TXT", "A", "MX"):
            ttl = draw(st.sampled_from((600, 3600)))
            values = draw(st.lists(record_at(name, rtype, ttl), max_size=3))
            held: list[Record] = []
            for r in values:
                if not any(r.same_data(h) for h in held):
                    held.append(r)
            existing.extend(held)
            for r in held:
                if draw(st.integers(0, 3)) == 0:
                    plan.append(delete(r))
            for r in draw(st.lists(record_at(name, rtype, ttl), max_size=2)):
                if not any(r.same_data(h) for h in held) and not any(
                    c.new is not None and c.new.same_data(r) for c in plan
                ):
                    plan.append(create(r))
        has_other = any(r.name == name for r in existing)
        if cname_ok and not has_other and draw(st.booleans()):
            plan.append(create(draw(record_at(name, "CNAME", 3600))))
            # a CNAME alone: drop the creates of other types at this name
            plan = [c for c in plan if c.record.name != name or c.record.type == "CNAME"]
    return Case(zone, tuple(existing), tuple(plan))


def expected_after(case: Case) -> set[tuple[str, str, str, int | None]]:
    """What the zone holds once the changes are made: (type, name, value, priority)."""

    def ident(r: Record) -> tuple[str, str, str, int | None]:
        return (r.type, r.name, r.value, r.priority)

    held = {ident(r) for r in case.existing}
    for change in case.changes:
        if change.existing is not None:
            held.discard(ident(change.existing))
        if change.new is not None:
            held.add(ident(change.new))
    return held
