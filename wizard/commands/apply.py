"""`tracking-wizard apply FILE --provider P`: write the planned records, journalled.

Creates need confirmation (`--yes`, or a yes at the terminal); replacing an existing value also
needs `--replace`. Without a terminal and without `--yes`, nothing is written (exit 4).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from typing import Any

from wizard.commands import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_PROBLEM,
    EXIT_REFUSED,
    confirm,
    error_json,
    print_json,
    refusal_json,
    report_error,
)
from wizard.commands.plan import Loaded, add_common, print_plan, with_loaded
from wizard.model.changes import Change
from wizard.model.words import counted


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_common(parser)
    parser.add_argument("--yes", action="store_true", help="confirm the writes without asking")
    parser.add_argument(
        "--replace", action="store_true", help="also allow replacing existing values (updates)"
    )


def apply_json(
    plan: dict[str, Any],
    *,
    apply_id: str | None = None,
    written: Iterable[Change] = (),
    by_hand: dict[str, Any] | None = None,
    error: dict[str, str] | None = None,
) -> dict[str, Any]:
    """`apply --json`, the same keys whatever the outcome. `plan` is `plan --json`'s shape;
    `apply_id` the journal's id (null when nothing was sent); `written` the changes the host
    confirmed; `by_hand` what to enter at a host the wizard does not write (the manual
    plugin), else null; `error` why it stopped (a refusal, a conflict, a host failure)."""
    return {
        "plan": plan,
        "apply_id": apply_id,
        "written": [c.to_json() for c in written],
        "by_hand": by_hand,
        "error": error,
    }


def _unplanned(plan: dict[str, Any]) -> dict[str, Any]:
    said = "The paste has problems (see the plan's findings), so nothing was written."
    return apply_json(plan, error={"title": "Paste not understood", "message": said})


def manual(loaded: Loaded, as_json: bool) -> int:
    """The manual host: print what to enter by hand; nothing is written."""
    from wizard.app.planning import manual_host, manual_steps, to_enter

    host = manual_host(loaded.provider, loaded.host)
    steps = manual_steps(to_enter(loaded.plan), loaded.plan.zone, host)
    if as_json:
        by_hand = {
            "host": host.id if host else None,
            "docs_title": host.docs_title if host else None,
            "instructions": [
                {
                    "record": s.record.to_json(),
                    "type": s.type,
                    "host_field": s.host_field,
                    "value": s.value,
                    "priority": s.priority,
                    "ttl": s.ttl,
                    "warning": s.warning,
                }
                for s in steps
            ],
        }
        print_json(apply_json(loaded.plan.to_json(), by_hand=by_hand))
        return EXIT_OK
    where = host.name if host else "your DNS host"
    print(f"Nothing is written automatically. Add these records in {where}'s DNS panel:")
    if host and host.docs_title:
        print(f'(Its guide: "{host.docs_title}")')
    for number, step in enumerate(steps, start=1):
        print(f"\n{number}.")
        for line in step.lines():
            print(f"   {line}")
    present = loaded.plan.count("present")
    if present:
        print(f"\n{counted(present, 'record is', 'records are')} already there.")
    return EXIT_OK


@with_loaded(_unplanned)
def run(args: argparse.Namespace, loaded: Loaded) -> int:
    from wizard.app.applying import apply_reviewed
    from wizard.journal import Journal

    plan = loaded.plan
    provider = loaded.provider

    def stopped(code: int, error: dict[str, str], apply_id: str | None = None) -> int:
        """Nothing (more) was written: say so in the JSON too; the exit code."""
        if args.json:
            print_json(apply_json(plan.to_json(), apply_id=apply_id, error=error))
        return code

    try:
        if not args.json:
            print_plan(plan, loaded.findings)
        if plan.has_conflicts:
            said = "Nothing was written: resolve the conflicts above first."
            print(said, file=sys.stderr)
            return stopped(EXIT_PROBLEM, {"title": "Conflicting records", "message": said})
        if not provider.capabilities.writes:
            return manual(loaded, args.json)
        if not plan.changes:
            if args.json:
                print_json(apply_json(plan.to_json()))
            else:
                print("Nothing to write: every record is already there.")
            return EXIT_OK
        questions = [f"Write {counted(len(plan.changes), 'change')} to {provider.display_name}?"]
        again = "--yes (and --replace to allow updates)"
        if plan.updates and not args.replace:
            if args.yes or not sys.stdin.isatty():
                listed = "\n".join(f"  {i.change}" for i in plan.updates if i.change)
                said = (
                    "Refused: these existing records would change, and --replace was not "
                    f"given. Nothing was written.\n{listed}"
                )
                print(said, file=sys.stderr)
                return stopped(EXIT_REFUSED, {"title": "Refused", "message": said})
            questions.insert(0, f"Replace {counted(len(plan.updates), 'existing value')} as shown?")
        refused = confirm(*questions, yes=args.yes, nothing_was="written", again=again)
        if refused is not None:
            return stopped(refused, refusal_json("written", again))
        # past the refusal above, updates without --replace were confirmed at the terminal
        confirm_updates = args.replace or bool(plan.updates)
        progress = None if args.json else (lambda line: print(line, flush=True))
        result = apply_reviewed(
            provider,
            plan,
            Journal(),
            loaded.records,
            confirm_updates=confirm_updates,
            progress=progress,
        )
        if args.json:
            print_json(
                apply_json(
                    plan.to_json(),
                    apply_id=result.apply_id,
                    written=result.written,
                    error=error_json(result.error),
                )
            )
        if result.error is not None:
            if result.refused:
                report_error(result.error)
                return EXIT_REFUSED
            print(f"{result.error.title}: {result.error}", file=sys.stderr)
            if result.may_have_landed:
                print(
                    "The journal holds this attempt: `tracking-wizard revert --id "
                    f"{result.apply_id}` undoes any part that reached the DNS host.",
                    file=sys.stderr,
                )
            return EXIT_FAILED
        if not args.json:
            written = counted(len(result.written), "change")
            print(f"Done: {written} written (journal id {result.apply_id}).")
            if result.confirmation:
                print(f"{result.confirmation}.")
            print("Undo with: tracking-wizard revert")
        return EXIT_OK
    finally:
        provider.close()
