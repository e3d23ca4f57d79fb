"""`tracking-wizard records [FILE|-]`: what a paste holds, exactly as it will be written.

The `--json` shape is a contract other tools rely on:
`{"records": [{type, name, value, ttl, priority}],
  "findings": [{level, line, field, code, message}]}`.
"""

from __future__ import annotations

import argparse
import json
import sys

from wizard.commands import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, flags
from wizard.model.records import Finding, Record, has_errors


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", nargs="?", default="-", help="the pasted records; - or nothing reads stdin"
    )
    parser.add_argument(
        "--domain",
        type=flags.domain_name,
        help="your domain, for relative names such as `links` or `@`",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")


def read_input(path: str) -> str:
    """The paste from a file or stdin; raises OSError with the reason."""
    if path == "-":
        return sys.stdin.read()
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def run(args: argparse.Namespace) -> int:
    from wizard.paste import parse_paste

    try:
        text = read_input(args.file)
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        print(f"Cannot read {args.file}: {reason}", file=sys.stderr)
        return EXIT_USAGE
    records, findings = parse_paste(text, args.domain)
    if args.json:
        print(
            json.dumps(
                {
                    "records": [r.to_json() for r in records],
                    "findings": [f.to_json() for f in findings],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        print_table(records, findings)
    return EXIT_PROBLEM if has_errors(findings) else EXIT_OK


def print_table(records: list[Record], findings: list[Finding]) -> None:
    if records:
        rows = [
            (
                r.type,
                r.name,
                r.value if r.priority is None else f"{r.priority} {r.value}",
                "auto" if r.ttl is None else str(r.ttl),
            )
            for r in records
        ]
        header = ("TYPE", "NAME", "VALUE", "TTL")
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
        for row in [header, *rows]:
            print(f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}")
    else:
        print("No records understood.")
    if findings:
        print()
        for finding in findings:
            # Each message starts by naming its line ("Line 4: ...").
            print(f"{finding.level.upper():<7} {finding.message}")
