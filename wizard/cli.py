"""`tracking-wizard`: no arguments opens the wizard; subcommands do each step from the shell.

Each subcommand lives in `wizard.commands.<name>` and is imported only when it runs, so
`--help` and `records` never pay for textual, boto3, cloudflare or godaddypy.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from wizard import __version__
from wizard.commands import EXIT_CODES_HELP, EXIT_FAILED, EXIT_USAGE, settings_help

#: name -> one line of help. The module `wizard.commands.<name>` provides
#: `add_arguments(parser)` and `run(args) -> int`.
SUBCOMMANDS: dict[str, str] = {
    "records": "show which records a paste holds, exactly as they will be written",
    "zone": "find the zone that holds a name, its name servers and its DNS host",
    "plan": "compare the records with what the DNS host has now",
    "apply": "write the planned records through a DNS host plugin",
    "revert": "undo what apply wrote, from the journal",
    "journal": "list the changes the wizard has made",
    "watch": "watch records appear on the authoritative servers and public resolvers",
    "check": "check a tracking host is ready for links: DNS, HTTP, HSTS, certificate",
    "https": "HTTPS for a tracking host: ACM certificate, CloudFront distribution, DNS record",
    "demo": "open the wizard in demo mode, on a built-in DNS server",
    "serve": "serve the wizard to a browser tab (the demo by default)",
}

#: The subcommands that read or write the journal (TRACKING_WIZARD_DATA_DIR says where).
JOURNALLED = frozenset({"apply", "revert", "journal", "watch", "https"})


def build_parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tracking-wizard",
        description="Put a vendor's tracking-domain and email-identity DNS records in place, "
        "watch them go live, and roll them back. With no command, the wizard opens.",
        epilog=settings_help.main_epilog() + "\n\n" + EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="open the wizard in demo mode (no account, no network)"
    )
    parser.add_argument(
        "--real",
        action="store_true",
        help="open the wizard on your own domain, even with nothing configured yet (without "
        "--demo or --real, a first run asks which)",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="open the wizard watching the last setup again (after 'Leave, resume later')",
    )
    parser.add_argument(
        "--doh",
        action="store_true",
        help="in the wizard, ask public resolvers over DNS-over-HTTPS from the start "
        "(where an office blocks DNS to them); without it, only when port 53 goes unanswered",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    chosen = next((a for a in argv if not a.startswith("-")), None)
    for name, help_text in SUBCOMMANDS.items():
        sub_parser = sub.add_parser(
            name,
            help=help_text,
            description=help_text[0].upper() + help_text[1:] + ".",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        if name == chosen:
            module = importlib.import_module(f"wizard.commands.{name}")
            module.add_arguments(sub_parser)
            dests = {action.dest for action in sub_parser._actions}
            sub_parser.epilog = settings_help.epilog(dests, uses_journal=name in JOURNALLED)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(args_list)
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    if args.demo and args.real:
        parser.print_usage(sys.stderr)
        print("tracking-wizard: --demo and --real cannot go together.", file=sys.stderr)
        return EXIT_USAGE
    command = args.command or ("demo" if args.demo else None)
    if command is None:
        from wizard.commands import tui

        return tui.run(args)
    module = importlib.import_module(f"wizard.commands.{command}")
    try:
        result: int = module.run(args)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        return _reader_gone()
    return result


#: The status a shell reports for a program stopped by SIGPIPE (128 + 13).
EXIT_READER_GONE = 141


def _reader_gone() -> int:
    """The reader of our output left (`watch ... | head`): end quietly, as `cat` would.

    Standard output is pointed at /dev/null so the interpreter's final flush of what is still
    buffered cannot fail with a second BrokenPipeError on the way out.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_READER_GONE


if __name__ == "__main__":
    raise SystemExit(main())
