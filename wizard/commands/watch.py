"""`tracking-wizard watch`: see records go live on the authoritative servers and resolvers.

A live table in a terminal, one JSON object per pair and sweep with `--json`, and with
`--once` a single sweep whose exit status says whether every record is live everywhere.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard.commands import EXIT_OK, EXIT_PROBLEM, report_error
from wizard.model.errors import UsageError, WizardError

if TYPE_CHECKING:
    from rich.console import RenderableType

    from wizard.model.changes import Change
    from wizard.model.records import Finding
    from wizard.propagation import Expectation, PairResult, ServerSpec, Sweep

STATUS_MARK = {
    "match": "✓",
    "missing": "✗",
    "wrong": "≠",
    "pending": "…",
    "error": "!",
    "waiting": "·",
}
STATUS_STYLE = {
    "match": "green",
    "missing": "red",
    "wrong": "red",
    "pending": "yellow",
    "error": "magenta",
    "waiting": "dim",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="the records, as pasted from the vendor ('-' for standard input)",
    )
    parser.add_argument(
        "--last", action="store_true", help="watch the records of the last apply (journal)"
    )
    parser.add_argument("--domain", help="complete relative names in FILE with this domain")
    parser.add_argument(
        "--authoritative",
        action="append",
        metavar="HOST[:PORT]",
        help="ask this authoritative server instead of the zone's name servers (repeatable; "
        "also TRACKING_WIZARD_AUTHORITATIVE, comma-separated)",
    )
    parser.add_argument(
        "--resolver",
        action="append",
        metavar="HOST[:PORT]",
        help="watch this resolver instead of the public ones and the system resolver "
        "(repeatable; also TRACKING_WIZARD_RESOLVERS, comma-separated)",
    )
    parser.add_argument("--authoritative-only", action="store_true", help="ask no resolvers at all")
    parser.add_argument(
        "--no-guard",
        action="store_true",
        help="ask resolvers before the authoritative servers serve a record (may leave a "
        "cached 'does not exist' behind for the zone's negative TTL)",
    )
    parser.add_argument("--once", action="store_true", help="one sweep; exit 0 when all live")
    parser.add_argument(
        "--timeout",
        type=float,
        default=72 * 3600.0,
        metavar="S",
        help="stop waiting after S seconds (default 72 h)",
    )
    parser.add_argument(
        "--query-timeout",
        type=float,
        default=2.0,
        metavar="S",
        help="seconds to wait for each answer (default 2)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON lines")


def run(args: argparse.Namespace) -> int:
    try:
        expectations, input_findings = _expectations(args)
        watcher, zone = _watcher(args, expectations)
    except WizardError as err:
        return report_error(err)
    for finding in input_findings:
        print(str(finding), file=sys.stderr)
    return asyncio.run(_run(args, watcher, zone))


# ---------------------------------------------------------------------------------------------
# Inputs


def _expectations(args: argparse.Namespace) -> tuple[list[Expectation], list[Finding]]:
    from wizard.propagation import Expectation

    if args.last and args.file:
        raise UsageError("Give either FILE or --last, not both.")
    if args.last:
        expectations, zone = _from_journal()
        if not args.domain:
            args.domain = zone
        return expectations, []
    if not args.file:
        raise UsageError("Say what to watch: a FILE with the records, '-' for stdin, or --last.")
    from wizard.paste import parse_paste

    if args.file == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"Cannot read {args.file}: {exc.strerror or exc}.") from None
        except UnicodeDecodeError:
            raise UsageError(f"{args.file} is not UTF-8 text.") from None
    records, findings = parse_paste(text, args.domain)
    if not records:
        details = "\n".join(str(f) for f in findings)
        raise UsageError(f"No records found in {args.file}." + (f"\n{details}" if details else ""))
    return [Expectation(r) for r in records], findings


def _from_journal() -> tuple[list[Expectation], str]:
    """The records of the last apply in the journal, and its zone."""
    from wizard.journal import Journal, default_journal_path

    applies = [a for a in Journal(default_journal_path()).applies() if a.changes]
    if not applies:
        raise UsageError("The journal holds no apply yet: nothing to watch. Give a FILE instead.")
    last = applies[-1]
    return expectations_for_changes(last.changes, revert=last.setup.reverts is not None), (
        last.setup.zone
    )


def expectations_for_changes(changes: Sequence[Change], *, revert: bool) -> list[Expectation]:
    """What a finished apply should look like in DNS: created and updated values present,
    deleted ones gone; after a revert, an updated name back at its prior value."""
    from wizard.propagation import Expectation

    result: list[Expectation] = []
    for change in changes:
        if change.action == "create" and change.new is not None:
            result.append(Expectation(change.new))
        elif change.action == "delete" and change.existing is not None:
            result.append(Expectation(change.existing, present=False))
        elif change.new is not None and change.existing is not None:
            if revert:
                result.append(Expectation(change.existing, present=False, prior=change.new))
            else:
                result.append(Expectation(change.new))
    return result


def _watcher(
    args: argparse.Namespace, expectations: Sequence[Expectation]
) -> tuple[Any, str | None]:
    from wizard.model.servers import servers_from
    from wizard.propagation import (
        Watcher,
        discover_authoritative,
        given_authoritative_specs,
        resolver_specs,
    )

    if args.timeout <= 0 or args.query_timeout <= 0:
        raise UsageError("--timeout and --query-timeout must be more than 0 seconds.")
    resolver_servers = servers_from(args.resolver, "TRACKING_WIZARD_RESOLVERS")
    given = servers_from(args.authoritative, "TRACKING_WIZARD_AUTHORITATIVE")
    zone: str | None = args.domain.strip().rstrip(".").lower() if args.domain else None
    authoritative: list[ServerSpec]
    if given is not None:
        authoritative = given_authoritative_specs(given, zone)
    else:
        from wizard.zones import make_resolver

        resolver = make_resolver(resolver_servers, timeout=args.query_timeout * 2)
        names = [e.record.name for e in expectations]
        authoritative, zones = discover_authoritative(names, resolver)
        if not authoritative:
            raise UsageError(
                "No address was found for the zone's name servers; name them with "
                "--authoritative HOST[:PORT]."
            )
        if zone is None and len(zones) == 1:
            zone = next(iter(zones))
    resolvers = [] if args.authoritative_only else resolver_specs(resolver_servers)
    watcher = Watcher(
        expectations,
        authoritative,
        resolvers,
        guard_negative_cache=not args.no_guard,
        query_timeout=args.query_timeout,
    )
    return watcher, zone


# ---------------------------------------------------------------------------------------------
# Running and showing


async def _run(args: argparse.Namespace, watcher: Any, zone: str | None) -> int:
    from wizard.diagnosis import diagnose_sweep

    live = None
    if not args.json and sys.stdout.isatty():
        from rich.live import Live

        live = Live(refresh_per_second=4, transient=False)
    previous: dict[tuple[Expectation, ServerSpec], str] = {}

    def on_sweep(sweep: Sweep) -> None:
        if args.json:
            for result in sweep.results:
                print(json.dumps({"sweep": sweep.number, **result.to_json()}), flush=True)
            print(json.dumps(sweep.summary_json()), flush=True)
        elif live is not None:
            live.update(_table(sweep, watcher.guard_note))
        else:
            _print_changes(sweep, previous)

    if args.once:
        final = await watcher.sweep()
        on_sweep(final)
    elif live is not None:
        with live:
            final = await watcher.watch(on_sweep, ceiling=args.timeout)
    else:
        final = await watcher.watch(on_sweep, ceiling=args.timeout)
    diagnoses = {} if final.all_good else await diagnose_sweep(final, zone=zone)
    if args.json:
        findings = [
            {"record": str(e.record), **f.to_json()} for e, fs in diagnoses.items() for f in fs
        ]
        print(json.dumps({"final": True, **final.summary_json(), "findings": findings}))
    else:
        if live is None:
            print(final.summary())
        for expectation, found in diagnoses.items():
            print(f"{expectation.record}:")
            for finding in found:
                print(f"  {finding.level}: {finding.message}")
    return EXIT_OK if final.all_good else EXIT_PROBLEM


def _cell(result: PairResult) -> str:
    text = f"{STATUS_MARK[result.status]} {result.status}"
    if result.status == "pending" and result.eta is not None:
        from wizard.propagation import format_duration

        text += f" ({format_duration(result.eta)})"
    return text


def _table(sweep: Sweep, guard_note: str | None) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    servers = list(dict.fromkeys(r.server for r in sweep.results))
    table = Table(title=f"Sweep {sweep.number}", expand=False)
    table.add_column("record", overflow="fold")
    for spec in servers:
        table.add_column(Text(spec.label), overflow="fold")
    for expectation in sweep.expectations:
        by_server = {r.server: r for r in sweep.for_expectation(expectation)}
        cells: list[Text] = []
        for spec in servers:
            result = by_server.get(spec)
            if result is None:
                cells.append(Text(""))
            else:
                cells.append(Text(_cell(result), style=STATUS_STYLE[result.status]))
        table.add_row(Text(str(expectation)), *cells)
    parts: list[RenderableType] = [table]
    notes = [r for r in sweep.results if r.status not in ("match", "waiting")]
    for result in notes[:12]:
        note = f"{result.expectation.record.name} @ {result.server.label}: {result.detail}"
        parts.append(Text(note, style=STATUS_STYLE[result.status]))
    if len(notes) > 12:
        parts.append(Text(f"... and {len(notes) - 12} more", style="dim"))
    parts.append(Text(sweep.summary()))
    if guard_note and any(r.status == "waiting" for r in sweep.results):
        parts.append(Text(guard_note, style="dim"))
    return Group(*parts)


def _print_changes(sweep: Sweep, previous: dict[tuple[Expectation, ServerSpec], str]) -> None:
    for result in sweep.results:
        key = (result.expectation, result.server)
        if previous.get(key) == result.status:
            continue
        previous[key] = result.status
        print(
            f"sweep {sweep.number}: {result.expectation} @ {result.server.label}: "
            f"{_cell(result)} - {result.detail}",
            flush=True,
        )
