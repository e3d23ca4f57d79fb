"""`tracking-wizard watch`: see records go live on the authoritative servers and resolvers.

A live table in a terminal, one JSON object per pair and sweep with `--json`, and with
`--once` a single sweep whose exit status says whether every record is live everywhere. The
watch itself is set up by `wizard.app.watching`, as in the TUI; this module reads the
arguments and prints.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.commands import EXIT_OK, EXIT_PROBLEM, flags, report_error
from wizard.model.errors import UsageError, WizardError

if TYPE_CHECKING:
    from rich.console import RenderableType

    from wizard.app.watching import WatchSession
    from wizard.model.records import Finding
    from wizard.model.servers import Server
    from wizard.watch import Expectation, ServerSpec, Sweep


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
    parser.add_argument(
        "--domain", type=flags.domain_name, help="complete relative names in FILE with this domain"
    )
    flags.servers(
        parser,
        "--authoritative",
        flags.AUTHORITATIVE_ENV,
        "ask this authoritative server instead of the zone's name servers",
    )
    flags.resolvers(
        parser, "watch this resolver instead of the public ones and the system resolver"
    )
    parser.add_argument("--authoritative-only", action="store_true", help="ask no resolvers at all")
    parser.add_argument(
        "--no-guard",
        action="store_true",
        help="ask resolvers before the authoritative servers serve a record (may leave a "
        "cached 'does not exist' behind for the zone's negative TTL)",
    )
    parser.add_argument(
        "--doh",
        action="store_true",
        help="ask public resolvers over DNS-over-HTTPS from the start (they are anyway once "
        "port 53 goes unanswered, as in offices that block DNS to them)",
    )
    parser.add_argument("--once", action="store_true", help="one sweep; exit 0 when all live")
    parser.add_argument(
        "--timeout",
        type=flags.seconds,
        default=72 * 3600.0,
        metavar="S",
        help="stop waiting after S seconds (default 72 h)",
    )
    parser.add_argument(
        "--query-timeout",
        type=flags.seconds,
        default=2.0,
        metavar="S",
        help="seconds to wait for each answer (default 2)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON lines")


def run(args: argparse.Namespace) -> int:
    try:
        expectations, input_findings, zone = _expectations(args)
        authoritative, resolvers = _servers(args)
    except WizardError as err:
        return report_error(err)
    return asyncio.run(_run(args, expectations, input_findings, zone, authoritative, resolvers))


# ---------------------------------------------------------------------------------------------
# Inputs


def _expectations(
    args: argparse.Namespace,
) -> tuple[list[Expectation], list[Finding], str | None]:
    """What to watch (from FILE or the journal), the input's findings, and the zone."""
    from wizard.app.watching import expectations_for_records, last_apply_expectations

    if args.last and args.file:
        raise UsageError("Give either FILE or --last, not both.")
    if args.last:
        from wizard.datadir import default_journal_path
        from wizard.journal import Journal

        expectations, zone = last_apply_expectations(Journal(default_journal_path()))
        return expectations, [], args.domain or zone
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
    return expectations_for_records(records), findings, args.domain


def _servers(args: argparse.Namespace) -> tuple[list[Server] | None, list[Server] | None]:
    """The authoritative servers and resolvers given by flag or environment (None: find)."""
    from wizard.model.servers import servers_from

    return (
        servers_from(args.authoritative, flags.AUTHORITATIVE_ENV),
        servers_from(args.resolver, flags.RESOLVERS_ENV),
    )


# ---------------------------------------------------------------------------------------------
# Running and showing


async def _run(
    args: argparse.Namespace,
    expectations: list[Expectation],
    input_findings: list[Finding],
    zone: str | None,
    authoritative: list[Server] | None,
    resolvers: list[Server] | None,
) -> int:
    from wizard.app.presentation import summary, summary_json
    from wizard.app.watching import open_watch

    try:
        session = await open_watch(
            expectations,
            zone=zone,
            authoritative=authoritative,
            resolvers=resolvers,
            ask_resolvers=not args.authoritative_only,
            guard_negative_cache=not args.no_guard,
            query_timeout=args.query_timeout,
            doh=args.doh,
        )
    except WizardError as err:
        return report_error(err)
    for finding in input_findings:
        print(str(finding), file=sys.stderr)
    final, live = await _watch(args, session)
    diagnoses = {} if final.all_good else await session.diagnose(final)
    if args.json:
        findings = [
            {"record": e.record.to_json(), **f.to_json()} for e, fs in diagnoses.items() for f in fs
        ]
        print(json.dumps({"final": True, **summary_json(final), "findings": findings}))
    else:
        if not live:
            print(summary(final))
        for expectation, found in diagnoses.items():
            print(f"{expectation.record}:")
            for finding in found:
                print(f"  {finding.level}: {finding.message}")
    return EXIT_OK if final.all_good else EXIT_PROBLEM


async def _watch(args: argparse.Namespace, session: WatchSession) -> tuple[Sweep, bool]:
    """One sweep or the whole watch, shown as it goes; True with it when shown live."""
    from wizard.app.presentation import summary_json

    live = None
    if not args.json and sys.stdout.isatty():
        from rich.live import Live

        live = Live(refresh_per_second=4, transient=False)
    previous: dict[tuple[Expectation, ServerSpec], str] = {}

    def on_sweep(sweep: Sweep) -> None:
        if args.json:
            for result in sweep.results:
                print(json.dumps({"sweep": sweep.number, **result.to_json()}), flush=True)
            print(json.dumps(summary_json(sweep)), flush=True)
        elif live is not None:
            live.update(_table(sweep, session.guard_note))
        else:
            _print_changes(sweep, previous)

    if args.once:
        final = await session.sweep()
        on_sweep(final)
    elif live is not None:
        with live:
            final = await session.watch(on_sweep, ceiling=args.timeout)
    else:
        final = await session.watch(on_sweep, ceiling=args.timeout)
    return final, live is not None


def _table(sweep: Sweep, guard_note: str | None) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from wizard.app.presentation import STATUS_STYLE, cell, column_label, summary, via_https

    servers = sweep.servers
    table = Table(title=f"Sweep {sweep.number}", expand=False)
    table.add_column("record", overflow="fold")
    for spec in servers:
        table.add_column(Text(column_label(spec, via_https(sweep, spec))), overflow="fold")
    for expectation in sweep.expectations:
        by_server = {r.server: r for r in sweep.for_expectation(expectation)}
        cells: list[Text] = []
        for spec in servers:
            result = by_server.get(spec)
            if result is None:
                cells.append(Text(""))
            else:
                shown = cell(result)
                cells.append(Text(shown.text, style=shown.style))
        table.add_row(Text(str(expectation)), *cells)
    parts: list[RenderableType] = [table]
    notes = [r for r in sweep.results if r.status not in ("match", "waiting")]
    for result in notes[:12]:
        note = f"{result.expectation.record.name} @ {result.server.label}: {result.detail}"
        parts.append(Text(note, style=STATUS_STYLE[result.status]))
    if len(notes) > 12:
        parts.append(Text(f"... and {len(notes) - 12} more", style="dim"))
    parts.append(Text(summary(sweep)))
    if guard_note and any(r.status == "waiting" for r in sweep.results):
        parts.append(Text(guard_note, style="dim"))
    return Group(*parts)


def _print_changes(sweep: Sweep, previous: dict[tuple[Expectation, ServerSpec], str]) -> None:
    from wizard.app.presentation import VIA_HTTPS, cell

    for result in sweep.results:
        key = (result.expectation, result.server)
        if previous.get(key) == result.status:
            continue
        previous[key] = result.status
        print(
            f"sweep {sweep.number}: {result.expectation} @ {result.server.label}"
            f"{f' ({VIA_HTTPS})' if result.via_https else ''}: "
            f"{cell(result).text} - {result.detail}",
            flush=True,
        )
