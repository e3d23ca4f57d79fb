"""`tracking-wizard journal`: every apply and revert the wizard has made, newest last."""

from __future__ import annotations

import argparse

from wizard.commands import EXIT_OK, print_json, report_error
from wizard.model.errors import WizardError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    from wizard.journal import Journal

    journal = Journal()
    try:
        applies = journal.applies()
    except WizardError as err:
        return report_error(err)
    if args.json:
        print_json({"path": str(journal.path), "applies": [a.to_json() for a in applies]})
        return EXIT_OK
    if not applies:
        print(f"The journal is empty ({journal.path}).")
        return EXIT_OK
    print(f"Journal: {journal.path}")
    for a in applies:
        s = a.setup
        what = f"revert of {s.reverts}" if s.reverts else "apply"
        print(f"{s.time}  {a.apply_id}  {what}  {s.zone} via {s.provider_id}  [{a.status}]")
        for change in a.changes:
            print(f"    {change}")
    return EXIT_OK
