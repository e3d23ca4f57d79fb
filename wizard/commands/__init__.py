"""The subcommands, one module each, and the exit codes they share."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from typing import Any

from wizard.model.errors import UsageError, WizardError

EXIT_OK = 0
#: Something needs the user's attention: error findings, records not yet live, a failed check.
EXIT_PROBLEM = 1
EXIT_USAGE = 2
#: The work could not be done: a DNS host or DNS lookup error. Nothing half-written is left
#: behind without a journal entry that `revert` can use.
EXIT_FAILED = 3
#: The plan was refused: updates without --replace, or no confirmation.
EXIT_REFUSED = 4

EXIT_CODES_HELP = """exit status:
  0  done, nothing needs attention
  1  something needs attention (error findings, records not live yet, a failed check)
  2  usage error: a flag, value, setting or file (the message names it and why)
  3  a DNS host or DNS lookup failed (the message says what to do)
  4  refused: the plan changes existing records and --replace or confirmation was missing"""


def print_listing(heading: str, lines: Iterable[str]) -> None:
    """A heading with its items indented under it: what a command is about to do, or did."""
    print(heading)
    for line in lines:
        print(f"  {line}")


def ask(question: str) -> bool:
    print(f"{question} [y/N] ", end="", flush=True)
    answer = sys.stdin.readline().strip().lower()
    return answer in ("y", "yes")


def confirm(*questions: str, yes: bool, nothing_was: str, again: str = "--yes") -> int | None:
    """Ask each question at the terminal: None once all are answered yes (or `--yes` was given).

    Otherwise the refusal is printed and EXIT_REFUSED returned; without a terminal nothing is
    asked, since a script that forgot `--yes` must not hang on a question.
    """
    if yes:
        return None
    if not sys.stdin.isatty():
        print(
            f"Refused: no terminal to ask for confirmation. Nothing was {nothing_was}; run "
            f"again with {again}.",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    for question in questions:
        if not ask(question):
            print(f"Nothing was {nothing_was}.")
            return EXIT_REFUSED
    return None


def review_undo(
    args: argparse.Namespace,
    heading: str,
    lines: Iterable[str],
    conflicts: Iterable[str],
    question: str,
    *,
    writes: bool,
    nothing_was: str,
) -> int | None:
    """Show what an undo will do and what stands in its way (not with --json) and ask, unless it
    `writes` nothing: None to go ahead, else the refusal's exit code."""
    if not args.json:
        print_listing(heading, [*lines, *(f"CONFLICT: {line}" for line in conflicts)])
    return confirm(question, yes=args.yes or not writes, nothing_was=nothing_was)


def report_error(err: WizardError, then: str | None = None) -> int:
    """Print an error as a person reads it (and `then`, what to do next); return its exit code."""
    print(f"{err.title}: {err}", file=sys.stderr)
    if then:
        print(then, file=sys.stderr)
    return EXIT_USAGE if isinstance(err, UsageError) else EXIT_FAILED


def error_json(err: WizardError | None) -> dict[str, str] | None:
    """An error in a command's JSON: its title and sentence (never a secret), or null."""
    return None if err is None else {"title": err.title, "message": str(err)}


def refusal_json(nothing_was: str, again: str = "--yes") -> dict[str, str]:
    """The error of a `--json` run refused for want of a confirmation (exit 4)."""
    return {
        "title": "Refused",
        "message": f"Nothing was {nothing_was}: no confirmation was given; run again with {again}.",
    }


def print_json(document: dict[str, Any]) -> None:
    """A command's one JSON document on standard output."""
    print(json.dumps(document, indent=2, ensure_ascii=False))
