"""`tracking-wizard plan FILE --provider P`: what apply would do, record by record, writing nothing.

The loading steps here (paste, provider, zone, plan) are shared with `apply`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from providers.base import Provider
from providers.hosts import DnsHost
from providers.options import SettingError
from wizard.commands import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, flags, print_json, report_error
from wizard.model.errors import UsageError, WizardError
from wizard.model.records import Finding, Record, has_errors
from wizard.plan import Plan


def add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the vendor's records as pasted (a file, or - for stdin)")
    parser.add_argument(
        "--domain", type=flags.domain_name, help="the domain that relative names belong to"
    )
    flags.dns_host(
        parser, zone_help="the zone to write in (default: found from DNS)", settings=True
    )
    flags.resolvers(parser, "DNS server for finding the zone")
    parser.add_argument(
        "--replace-sets",
        action="store_true",
        help="replace whole TXT/MX/A/AAAA sets instead of adding to them (removes other values)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_common(parser)


@dataclass(frozen=True)
class Loaded:
    records: tuple[Record, ...]
    findings: tuple[Finding, ...]
    provider: Provider
    plan: Plan
    #: The DNS host recognised from the zone's NS records, when the zone was looked up.
    host: DnsHost | None = None


class Stop(Exception):
    """Carries an exit code out of the loading steps once the message is printed; `unplanned`
    is the plan's JSON shape with nothing planned, when the paste itself stopped it."""

    def __init__(self, code: int, unplanned: dict[str, Any] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.unplanned = unplanned


def unplanned_json(args: argparse.Namespace, findings: tuple[Finding, ...]) -> dict[str, Any]:
    """`plan --json` when the paste stopped it: Plan.to_json's keys, nothing planned."""
    return {
        "zone": args.zone,
        "provider": args.provider,
        "digest": None,
        "replace_sets": args.replace_sets,
        "items": [],
        "findings": [f.to_json() for f in findings],
        "summary": dict.fromkeys(("create", "present", "update", "conflict"), 0),
    }


def read_text(path: str) -> str:
    try:
        if path == "-":
            return sys.stdin.read()
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        raise UsageError(f"Cannot read {path}: {reason}.") from None


def load(args: argparse.Namespace) -> Loaded:
    """Paste -> records -> provider -> zone -> plan; prints and raises Stop on any problem."""
    from wizard.app.planning import plan_at, read_records, zone_for
    from wizard.credentials import assignments, make_provider
    from wizard.model.servers import servers_from

    try:  # usage first: the settings and the file, before the paste is judged
        provider = make_provider(args.provider, assignments(args.set))
        pasted = read_records(read_text(args.file), args.domain)
    except SettingError as err:
        where = None if err.unknown else where_to_set(args.provider, err.setting)
        raise Stop(report_error(err, where)) from None
    except WizardError as err:
        raise Stop(report_error(err)) from None
    if has_errors(pasted.findings) or not pasted.records:
        provider.close()
        if has_errors(pasted.findings):
            print("The paste has problems, so nothing was planned or written:", file=sys.stderr)
        else:
            print("No records were found in the paste.", file=sys.stderr)
        for finding in pasted.findings:
            print(f"  {finding}", file=sys.stderr)
        raise Stop(EXIT_PROBLEM, unplanned_json(args, pasted.findings))
    try:
        host: DnsHost | None = None
        if args.zone:
            zone = args.zone
        else:
            found = zone_for(pasted.records, servers_from(args.resolver, flags.RESOLVERS_ENV))
            zone, host = found.zone, found.host
        plan = plan_at(provider, zone, pasted.records, replace_sets=args.replace_sets)
    except WizardError as err:
        provider.close()
        raise Stop(report_error(err)) from None
    return Loaded(pasted.records, pasted.findings, provider, plan, host)


def where_to_set(provider_id: str, setting: str) -> str:
    """Where a refused setting is given: its flag and its variable (settings in `--help`)."""
    from wizard.credentials import env_var

    return (
        f"The setting {setting} is given as --set {setting}=VALUE or in "
        f"{env_var(provider_id, setting)}; `tracking-wizard plan --help` lists every DNS "
        "host's settings."
    )


LABELS = {
    "create": "create",
    "present": "already there",
    "update": "REPLACE",
    "conflict": "CONFLICT",
}


#: Under a record the host cannot write exactly: how to add it by hand through the wizard.
BY_HAND_HINT = (
    "By hand: `tracking-wizard apply FILE --provider manual` with just this record, "
    'or the TUI plan\'s "add by hand".'
)


def print_plan(plan: Plan, findings: tuple[Finding, ...] = ()) -> None:
    print(f"Zone {plan.zone} at {plan.provider_id} (plan {plan.digest}):")
    for item in plan.items:
        rec = item.record
        prio = f"{rec.priority} " if rec.priority is not None else ""
        print(f"  {LABELS[item.kind]:<13} {rec.name} {rec.type} {prio}{rec.value}")
        if item.reason and item.kind != "present":
            print(f"                {item.reason}")
        if item.host_cannot:
            print(f"                {BY_HAND_HINT}")
    for finding in (*findings, *plan.findings):
        print(f"  {finding}")
    from wizard.app.presentation import plan_counts

    print(f"In all: {plan_counts(plan)}.")


def with_loaded(
    unplanned: Callable[[dict[str, Any]], dict[str, Any]] = lambda plan: plan,
) -> Callable[[Callable[[argparse.Namespace, Loaded], int]], Callable[[argparse.Namespace], int]]:
    """A command's `run` that loads first (see `load`): on a problem, its exit code instead,
    and with `--json` the command's shape built by `unplanned` when the paste stopped it."""

    def wrap(
        step: Callable[[argparse.Namespace, Loaded], int],
    ) -> Callable[[argparse.Namespace], int]:
        def run(args: argparse.Namespace) -> int:
            try:
                loaded = load(args)
            except Stop as stop:
                if args.json and stop.unplanned is not None:
                    print_json(unplanned(stop.unplanned))
                return stop.code
            return step(args, loaded)

        return run

    return wrap


@with_loaded()
def run(args: argparse.Namespace, loaded: Loaded) -> int:
    plan = loaded.plan
    if args.json:
        print_json(plan.to_json())
    else:
        print_plan(plan, loaded.findings)
        if not plan.provider_id or not loaded.provider.capabilities.writes:
            print("This host is written by hand: `apply` shows what to enter.")
    loaded.provider.close()
    return EXIT_PROBLEM if plan.has_conflicts else EXIT_OK


__all__ = ["EXIT_USAGE", "Loaded", "Stop", "add_common", "load", "print_plan", "run", "with_loaded"]
