"""`tracking-wizard revert`: undo the latest apply (for a zone) from the journal.

The inverse is checked against the DNS host's current state first, so it is right after a crash
at any point and a second revert does nothing.
"""

from __future__ import annotations

import argparse
import json
import sys

from wizard.commands import EXIT_FAILED, EXIT_OK, EXIT_PROBLEM, EXIT_REFUSED, report_error
from wizard.commands.apply import ask
from wizard.model.errors import ProviderError, WizardError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--zone", help="undo the latest apply in this zone")
    parser.add_argument("--id", dest="apply_id", help="undo this apply (see `journal`)")
    parser.add_argument("--yes", action="store_true", help="do it without asking")
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    from wizard.journal import Journal
    from wizard.rollback import latest_revertible, plan_revert, provider_for, revert_apply

    journal = Journal()
    try:
        if args.apply_id:
            applied = journal.get(args.apply_id)
            if applied is None:
                print(f"The journal has no apply {args.apply_id}.", file=sys.stderr)
                return EXIT_PROBLEM
        else:
            applied = latest_revertible(journal, args.zone)
        if applied is None:
            if args.json:
                print(json.dumps({"apply_id": None, "changes": []}))
            else:
                print("Nothing to revert: the journal has no apply left to undo.")
            return EXIT_OK
        provider = provider_for(applied)
    except WizardError as err:
        return report_error(err)
    try:
        try:
            rplan = plan_revert(provider, applied)
        except ProviderError as err:
            return report_error(err)
        if not args.json:
            print(f"Undo apply {applied.apply_id} in {rplan.zone} ({applied.setup.provider_id}):")
            for change in rplan.changes:
                print(f"  {change}")
            for line in rplan.skipped:
                print(f"  skip: {line}")
            for line in rplan.conflicts:
                print(f"  CONFLICT: {line}")
        if rplan.changes and not args.yes:
            if not sys.stdin.isatty():
                print(
                    "Refused: no terminal to ask for confirmation. Nothing was written; run "
                    "again with --yes.",
                    file=sys.stderr,
                )
                return EXIT_REFUSED
            if not ask(f"Make these {len(rplan.changes)} change(s)?"):
                print("Nothing was written.")
                return EXIT_REFUSED
        try:
            result = revert_apply(provider, rplan, journal, digest=rplan.digest)
        except ProviderError as err:
            print(f"{err.title}: {err}", file=sys.stderr)
            print("Run `tracking-wizard revert` again once the host answers.", file=sys.stderr)
            return EXIT_FAILED
        except WizardError as err:
            return report_error(err)
        if args.json:
            print(json.dumps({**rplan.to_json(), "revert_id": result.apply_id}, indent=2))
        elif rplan.changes:
            print(f"Reverted: {len(rplan.changes)} change(s) written.")
        else:
            print("Nothing to undo: the zone already looks as it did before.")
        return EXIT_PROBLEM if rplan.conflicts else EXIT_OK
    finally:
        provider.close()
