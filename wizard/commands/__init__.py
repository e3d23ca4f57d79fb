"""The subcommands, one module each, and the exit codes they share."""

from __future__ import annotations

import sys

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
  2  usage error
  3  a DNS host or DNS lookup failed (the message says what to do)
  4  refused: the plan changes existing records and --replace or confirmation was missing"""


def report_error(err: WizardError) -> int:
    """Print an error as a person reads it and return its exit code."""
    print(f"{err.title}: {err}", file=sys.stderr)
    return EXIT_USAGE if isinstance(err, UsageError) else EXIT_FAILED
