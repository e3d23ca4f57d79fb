"""`tracking-wizard revert`: undo the latest apply (for a zone) from the journal.

The inverse is checked against the DNS host's current state first, so it is right after a crash
at any point and a second revert does nothing. `--json` prints one shape whatever was undone
(an apply, an HTTPS run, or nothing): see `revert_json`.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import Any, Literal

from wizard.commands import (
    EXIT_OK,
    EXIT_PROBLEM,
    EXIT_REFUSED,
    error_json,
    flags,
    print_json,
    refusal_json,
    report_error,
    review_undo,
)
from wizard.model.changes import Change
from wizard.model.errors import ProviderError, WizardError
from wizard.model.records import Record
from wizard.model.words import counted


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--zone", type=flags.domain_name, help="undo the latest apply in this zone")
    parser.add_argument("--id", dest="apply_id", help="undo this apply (see `journal`)")
    parser.add_argument("--yes", action="store_true", help="do it without asking")
    parser.add_argument("--json", action="store_true", help="print JSON")


def revert_json(
    target: Literal["apply", "https"] | None,
    *,
    apply_id: str | None = None,
    zone: str | None = None,
    provider: str | None = None,
    changes: Iterable[Change] = (),
    steps: Iterable[str] = (),
    skipped: Iterable[str] = (),
    conflicts: Iterable[str] = (),
    by_hand: Iterable[Record] = (),
    revert_id: str | None = None,
    error: dict[str, str] | None = None,
) -> dict[str, Any]:
    """`revert --json`, the same keys whatever the outcome. `target`: what was undone (an
    apply of records, an HTTPS run), null when the journal had nothing left to undo; `changes`:
    the DNS changes written; `steps`: an HTTPS run's undoing in words; `revert_id`: the
    journal's id for this revert, null when nothing was written."""
    return {
        "target": target,
        "apply_id": apply_id,
        "zone": zone,
        "provider": provider,
        "changes": [c.to_json() for c in changes],
        "steps": list(steps),
        "skipped": list(skipped),
        "conflicts": list(conflicts),
        "by_hand": [r.to_json() for r in by_hand],
        "revert_id": revert_id,
        "error": error,
    }


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
                print_json(revert_json(None, zone=args.zone))
            else:
                print("Nothing to revert: the journal has no apply left to undo.")
            return EXIT_OK
        provider, rplan = reverting.review(applied)
    except WizardError as err:
        return report_error(err)

    def shaped(revert_id: str | None = None, error: dict[str, str] | None = None) -> None:
        print_json(
            revert_json(
                "apply",
                apply_id=applied.apply_id,
                zone=rplan.zone,
                provider=applied.setup.provider_id,
                changes=rplan.changes,
                skipped=rplan.skipped,
                conflicts=rplan.conflicts,
                revert_id=revert_id,
                error=error,
            )
        )

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
            if args.json and refused == EXIT_REFUSED:
                shaped(error=refusal_json("written"))
            return refused
        result = reverting.revert(provider, rplan, journal)
        if args.json:
            shaped(result.revert_id, error_json(result.error))
        if result.error is not None:
            retry = isinstance(result.error, ProviderError)
            again = "Run `tracking-wizard revert` again once the host answers." if retry else None
            return report_error(result.error, again)
        if not args.json:
            written = counted(len(rplan.changes), "change")
            print(
                f"Reverted: {written} written."
                if rplan.changes
                else "Nothing to undo: the zone already looks as it did before."
            )
            if rplan.changes and result.confirmation:
                print(f"{result.confirmation}.")
        return EXIT_PROBLEM if rplan.conflicts else EXIT_OK
    finally:
        provider.close()
