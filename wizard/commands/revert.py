"""`tracking-wizard revert`: undo the latest apply (for a zone) from the journal.

The inverse is checked against the DNS host's current state first, so it is right after a crash
at any point and a second revert does nothing.
"""

from __future__ import annotations

import argparse
import json
import sys

from wizard.commands import EXIT_OK, EXIT_PROBLEM, report_error, review_undo
from wizard.model.errors import ProviderError, UsageError, WizardError
from wizard.model.words import counted


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--zone", help="undo the latest apply in this zone")
    parser.add_argument("--id", dest="apply_id", help="undo this apply (see `journal`)")
    parser.add_argument("--yes", action="store_true", help="do it without asking")
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    from wizard.app import reverting
    from wizard.commands.https import revert_run
    from wizard.journal import Journal

    journal = Journal()
    https_code = revert_run(args, journal)  # an HTTPS run goes with its AWS resources
    if https_code is not None:
        return https_code
    try:
        applied = reverting.target(journal, apply_id=args.apply_id, zone=args.zone)
        if applied is None:
            if args.json:
                print(json.dumps({"apply_id": None, "changes": []}))
            else:
                print("Nothing to revert: the journal has no apply left to undo.")
            return EXIT_OK
        provider, rplan = reverting.review(applied)
    except UsageError as err:
        print(str(err), file=sys.stderr)
        return EXIT_PROBLEM
    except WizardError as err:
        return report_error(err)
    try:
        refused = review_undo(
            args,
            f"Undo apply {applied.apply_id} in {rplan.zone} ({applied.setup.provider_id}):",
            [*map(str, rplan.changes), *(f"skip: {line}" for line in rplan.skipped)],
            rplan.conflicts,
            f"Make {counted(len(rplan.changes), 'change')}?",
            writes=bool(rplan.changes),
            nothing_was="written",
        )
        if refused is not None:
            return refused
        result = reverting.revert(provider, rplan, journal)
        if result.error is not None:
            retry = isinstance(result.error, ProviderError)
            again = "Run `tracking-wizard revert` again once the host answers." if retry else None
            return report_error(result.error, again)
        if args.json:
            print(json.dumps({**rplan.to_json(), "revert_id": result.revert_id}, indent=2))
        elif rplan.changes:
            print(f"Reverted: {counted(len(rplan.changes), 'change')} written.")
            if result.confirmation:
                print(f"{result.confirmation}.")
        else:
            print("Nothing to undo: the zone already looks as it did before.")
        return EXIT_PROBLEM if rplan.conflicts else EXIT_OK
    finally:
        provider.close()
