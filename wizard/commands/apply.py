"""`tracking-wizard apply FILE --provider P`: write the planned records, journalled.

Creates need confirmation (`--yes`, or a yes at the terminal); replacing an existing value also
needs `--replace`. Without a terminal and without `--yes`, nothing is written (exit 4).
"""

from __future__ import annotations

import argparse
import json
import sys

from wizard.commands import EXIT_FAILED, EXIT_OK, EXIT_PROBLEM, EXIT_REFUSED, confirm, report_error
from wizard.commands.plan import Loaded, add_common, print_plan, with_loaded
from wizard.model.words import counted


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_common(parser)
    parser.add_argument("--yes", action="store_true", help="confirm the writes without asking")
    parser.add_argument(
        "--replace", action="store_true", help="also allow replacing existing values (updates)"
    )


def manual(loaded: Loaded, as_json: bool) -> int:
    """The manual host: print what to enter by hand; nothing is written."""
    from wizard.app.planning import manual_host, manual_steps, to_enter

    host = manual_host(loaded.provider, loaded.host)
    steps = manual_steps(to_enter(loaded.plan), loaded.plan.zone, host)
    if as_json:
        print(
            json.dumps(
                {
                    "plan": loaded.plan.to_json(),
                    "host": host.id if host else None,
                    "docs_title": host.docs_title if host else None,
                    "instructions": [
                        {
                            "type": s.type,
                            "host_field": s.host_field,
                            "value": s.value,
                            "priority": s.priority,
                            "ttl": s.ttl,
                            "warning": s.warning,
                        }
                        for s in steps
                    ],
                },
                indent=2,
            )
        )
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


@with_loaded
def run(args: argparse.Namespace, loaded: Loaded) -> int:
    from wizard.app.applying import apply_reviewed
    from wizard.journal import Journal

    plan = loaded.plan
    provider = loaded.provider
    try:
        if not args.json:
            print_plan(plan, loaded.findings)
        if plan.has_conflicts:
            print("Nothing was written: resolve the conflicts above first.", file=sys.stderr)
            return EXIT_PROBLEM
        if not provider.capabilities.writes:
            return manual(loaded, args.json)
        if not plan.changes:
            if args.json:
                print(json.dumps({"plan": plan.to_json(), "apply_id": None, "written": []}))
            else:
                print("Nothing to write: every record is already there.")
            return EXIT_OK
        questions = [f"Write {counted(len(plan.changes), 'change')} to {provider.display_name}?"]
        if plan.updates and not args.replace:
            if args.yes or not sys.stdin.isatty():
                listed = "\n".join(f"  {i.change}" for i in plan.updates if i.change)
                print(
                    "Refused: these existing records would change, and --replace was not "
                    f"given. Nothing was written.\n{listed}",
                    file=sys.stderr,
                )
                return EXIT_REFUSED
            questions.insert(0, f"Replace {counted(len(plan.updates), 'existing value')} as shown?")
        refused = confirm(
            *questions,
            yes=args.yes,
            nothing_was="written",
            again="--yes (and --replace to allow updates)",
        )
        if refused is not None:
            return refused
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
        if args.json:
            print(
                json.dumps(
                    {
                        "plan": plan.to_json(),
                        "apply_id": result.apply_id,
                        "written": [c.to_json() for c in result.written],
                    },
                    indent=2,
                )
            )
        else:
            written = counted(len(result.written), "change")
            print(f"Done: {written} written (journal id {result.apply_id}).")
            if result.confirmation:
                print(f"{result.confirmation}.")
            print("Undo with: tracking-wizard revert")
        return EXIT_OK
    finally:
        provider.close()
