"""From pasted text to a reviewed plan: the steps `plan`, `apply` and the TUI share.

Manual instructions live here too, so neither face reaches into a concrete provider.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from providers.base import Provider
from providers.hosts import DnsHost
from providers.manual import Instruction, ManualProvider, instructions
from wizard.model.names import normalize_name
from wizard.model.records import Finding, Record, has_errors
from wizard.model.servers import Server
from wizard.plan import Plan, build_plan
from wizard.zones import ZoneInfo, find_zone, make_resolver


@dataclass(frozen=True)
class Pasted:
    """What a paste holds: the records exactly as given, and every doubt about them."""

    records: tuple[Record, ...]
    findings: tuple[Finding, ...]
    #: The paste line each record starts on, in the order of `records` (empty: not known).
    lines: tuple[int, ...] = ()

    @property
    def usable(self) -> bool:
        """True when there is something to plan and nothing blocks it."""
        return bool(self.records) and not has_errors(self.findings)


def read_records(text: str, domain: str | None = None) -> Pasted:
    from wizard.paste import parse_paste_lines

    lined, findings = parse_paste_lines(text, domain)
    return Pasted(tuple(r for _, r in lined), tuple(findings), tuple(line for line, _ in lined))


def zone_for(records: Sequence[Record], resolvers: Sequence[Server] | None) -> ZoneInfo:
    """The zone holding the records' shortest name, its name servers and DNS host."""
    shortest = min((r.name for r in records), key=lambda n: n.count("."))
    return find_zone(shortest, make_resolver(list(resolvers) if resolvers else None))


def plan_at(
    provider: Provider, zone: str, records: Sequence[Record], *, replace_sets: bool = False
) -> Plan:
    """What writing `records` into `zone` at `provider` would do, record by record."""
    return build_plan(provider, zone, records, replace_sets=replace_sets)


def manual_host(provider: Provider, found: DnsHost | None) -> DnsHost | None:
    """The DNS host to give instructions for: the one the person named, else the one found."""
    if isinstance(provider, ManualProvider) and provider.host is not None:
        return provider.host
    return found


def manual_steps(records: Sequence[Record], zone: str, host: DnsHost | None) -> list[Instruction]:
    """What to type into the host's panel for each record, with underscore warnings."""
    return instructions(list(records), zone, host)


def to_enter(plan: Plan) -> list[Record]:
    """The records a person still has to enter by hand: the plan's creates and updates."""
    return [i.record for i in plan.items if i.kind in ("create", "update")]


@dataclass(frozen=True)
class Split:
    """A plan whose only conflicts are records the host cannot write exactly: the rest is
    written through its API, these are entered by hand in its panel."""

    #: The plan without the refused records: the writes, with the reviewed plan's digest.
    plan: Plan
    #: The records written through the API (the apply re-reads the host against these).
    through_api: tuple[Record, ...]
    #: The refused records exactly as given, for the manual step.
    by_hand: tuple[Record, ...]
    #: Why the host cannot write each of them, in the plan's words.
    reasons: tuple[str, ...]


def split(plan: Plan, records: Sequence[Record]) -> Split | None:
    """Write what the host can, and leave to the person's hands what it cannot; None when the
    plan has another kind of conflict (or none)."""
    if not plan.splittable:
        return None
    refused = plan.host_cannot

    def is_refused(record: Record) -> bool:
        given = replace(record, name=normalize_name(record.name))
        return any(given.same_data(i.record) for i in refused)

    by_hand = tuple(r for r in records if is_refused(r))
    through_api = tuple(r for r in records if not is_refused(r))
    reasons = tuple(dict.fromkeys(i.reason for i in refused))
    return Split(plan.writable(), through_api, by_hand, reasons)
