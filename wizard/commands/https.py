"""`tracking-wizard https HOST --vendor V --provider P`: HTTPS for a tracking host in one step.

An ACM certificate (validated by a record at the DNS host), a CloudFront distribution in front
of the vendor's tracking origin, and HOST pointed at it; every AWS resource journalled first, so
`tracking-wizard revert` removes it all. Asks before making anything unless `--yes`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from wizard.app.presentation import CHECK_MARK
from wizard.commands import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_PROBLEM,
    EXIT_REFUSED,
    confirm,
    error_json,
    flags,
    print_json,
    print_listing,
    refusal_json,
    report_error,
    review_undo,
)
from wizard.model.errors import UsageError, WizardError
from wizard.model.words import counted

if TYPE_CHECKING:
    from wizard.app.https import HttpsOutcome, HttpsPreview
    from wizard.https.progress import Progress
    from wizard.journal import Journal


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "host", type=flags.domain_name, help="the tracking host, such as links.example.com"
    )
    parser.add_argument(
        "--vendor", required=True, help="pendo-us, pendo-eu, customerio-us or customerio-eu"
    )
    flags.dns_host(
        parser, zone_help="the zone holding HOST (default: found from DNS)", settings=False
    )
    parser.add_argument("--yes", action="store_true", help="make it all without asking")
    parser.add_argument(
        "--replace", action="store_true", help="allow replacing a CNAME already at HOST"
    )
    parser.add_argument(
        "--older-domain",
        action="store_true",
        help="Customer.io: the domain was added before Customer.io issued certificates itself",
    )
    parser.add_argument(
        "--aws-profile", help="AWS profile (default: the AWS credential chain, AWS_PROFILE, SSO)"
    )
    flags.resolvers(parser, "DNS server for finding the zone")
    flags.servers(
        parser,
        "--authoritative",
        flags.AUTHORITATIVE_ENV,
        "with --provider manual: the server to watch for the records you enter",
    )
    flags.https_check(parser, " in the HTTPS check")
    parser.add_argument("--json", action="store_true", help="print JSON")


def _say(args: argparse.Namespace) -> Callable[[Progress], None]:
    def show(event: Progress) -> None:
        if not args.json:
            print(f"  {event.text}", flush=True)

    return show


def run(args: argparse.Namespace) -> int:
    from wizard.app import https
    from wizard.credentials import make_provider
    from wizard.https.aws import Aws
    from wizard.journal import Journal
    from wizard.model.servers import servers_from
    from wizard.readiness import Reach, parse_resolve
    from wizard.vendors import load_profile

    try:
        profile = load_profile(args.vendor)
        offer = https.offer(profile)
        if not offer.offered:
            raise UsageError(offer.reason)
        if offer.confirm and not args.older_domain:
            said = f"{offer.reason}\nNothing was made. {offer.confirm} If so, run again with "
            return _refused(args, said + "--older-domain.")
        try:
            reach = Reach(
                parse_resolve(args.resolve), https_port=args.https_port, cacert=args.cacert
            )
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        authoritative = servers_from(args.authoritative, flags.AUTHORITATIVE_ENV)
        zone = args.zone or _zone(args)
        provider = make_provider(args.provider)
    except WizardError as err:
        return report_error(err)
    journal = Journal()
    try:
        seen = https.preview(args.host, zone, profile, provider, journal)
        if seen.error is not None:
            return report_error(seen.error)
        code = _confirm(args, seen)
        if code is not None:
            return code
        outcome = https.set_up_https(
            args.host,
            zone,
            profile,
            provider,
            journal=journal,
            aws=Aws(args.aws_profile),
            report=_say(args),
            confirm_replace=bool(seen.replaced),
            authoritative=authoritative,
            reach=reach,
        )
    finally:
        provider.close()
    return _finish(args, outcome)


def _zone(args: argparse.Namespace) -> str:
    from wizard.model.servers import servers_from
    from wizard.zones import find_zone, make_resolver

    servers = servers_from(args.resolver, flags.RESOLVERS_ENV)
    return find_zone(args.host, make_resolver(servers)).zone


def _confirm(args: argparse.Namespace, seen: HttpsPreview) -> int | None:
    """Print what will be made and get a yes; an exit code when the answer is no."""
    assert seen.target is not None
    if not args.json:
        if seen.continues:
            print(f"Continuing run {seen.continues}; what exists already is reused.")
        print_listing(
            f"HTTPS for {seen.target.host} makes:",
            [*(f"- {line}" for line in seen.lines), *(f"REPLACE {r}" for r in seen.replaced)],
        )
    if seen.conflicts:
        said = "\n".join(f"Nothing was made: {line}" for line in seen.conflicts)
        return _refused(args, said, EXIT_PROBLEM, title="Conflicting records")
    if seen.replaced and not args.replace and (args.yes or not sys.stdin.isatty()):
        return _refused(
            args,
            f"Refused: {seen.target.host} already has a record that would be replaced, and "
            "--replace was not given. Nothing was made.",
        )
    questions = ["Make these in your AWS account and at your DNS host?"]
    if seen.replaced and not args.replace:
        questions.insert(0, "Replace the record shown?")
    refused = confirm(*questions, yes=args.yes, nothing_was="made")
    if refused == EXIT_REFUSED and args.json:
        print_json({**_nothing_made(args), "error": refusal_json("made")})
    return refused


def _nothing_made(args: argparse.Namespace) -> dict[str, Any]:
    """`https --json` when nothing was started: the same keys as a run's outcome."""
    from wizard.app.https import HttpsOutcome

    return HttpsOutcome(None, args.host).to_json()


def _refused(
    args: argparse.Namespace, said: str, code: int = EXIT_REFUSED, title: str = "Refused"
) -> int:
    """Say why nothing was made (on stderr, and in the JSON with `--json`); its exit code."""
    print(said, file=sys.stderr)
    if args.json:
        print_json({**_nothing_made(args), "error": {"title": title, "message": said}})
    return code


def _finish(args: argparse.Namespace, outcome: HttpsOutcome) -> int:
    if args.json:
        print_json(outcome.to_json())
    if outcome.error is not None:
        print(f"{outcome.error.title}: {outcome.error}", file=sys.stderr)
        if outcome.refused:
            return EXIT_REFUSED
        if outcome.run_id:
            print(
                f"The journal holds run {outcome.run_id}: run the same command again to "
                f"continue it, or `tracking-wizard revert --id {outcome.run_id}` to remove "
                "everything it made.",
                file=sys.stderr,
            )
        return EXIT_PROBLEM if outcome.waiting else EXIT_FAILED
    check = outcome.readiness
    if not args.json:
        print_listing(
            f"Done (journal run {outcome.run_id}):",
            [
                f"certificate  {outcome.certificate_arn}",
                f"distribution {outcome.distribution_id} ({outcome.distribution_domain})",
                *(f"record       {record}" for record in (*outcome.records, *outcome.aliases)),
            ],
        )
        if check is not None:
            print(f"{CHECK_MARK[check.status]} {check.summary}")
        for step in outcome.next_steps:
            print(f"Next: {step}")
        print(f"Undo with: tracking-wizard revert --id {outcome.run_id}")
    return EXIT_OK if check is None or check.status == "ok" else EXIT_PROBLEM


# -- revert --------------------------------------------------------------------------------------
def revert_run(args: argparse.Namespace, journal: Journal) -> int | None:
    """`tracking-wizard revert` when the thing to undo is an HTTPS run; None when it is not.
    `--json` prints the shape of `revert --json` (wizard.commands.revert.revert_json)."""
    from wizard.app import https
    from wizard.commands.revert import revert_json

    try:
        run = https.run_to_revert(journal, run_id=args.apply_id, zone=args.zone)
        if run is None:
            return None
        if run.reverted_by is not None:
            if args.json:
                print_json(revert_json(None, zone=args.zone))
            else:
                print(f"Nothing to revert: HTTPS run {run.run_id} was reverted already.")
            return EXIT_OK
        plan = https.review_revert(run, journal)
    except WizardError as err:
        return report_error(err)

    def shaped(revert_id: str | None = None, error: dict[str, str] | None = None) -> None:
        print_json(
            revert_json(
                "https",
                apply_id=run.run_id,
                zone=run.zone,
                provider=run.provider_id,
                steps=plan.lines,
                conflicts=plan.conflicts,
                by_hand=plan.by_hand,
                revert_id=revert_id,
                error=error,
            )
        )

    try:
        refused = review_undo(
            args,
            f"Undo HTTPS run {run.run_id} for {run.host} ({run.provider_id}, AWS):",
            [
                *plan.lines,
                *(f"by hand: remove {record} at your DNS host" for record in plan.by_hand),
            ],
            plan.conflicts,
            f"Remove {counted(len(plan.lines), 'thing')} as shown?",
            writes=bool(plan.lines),
            nothing_was="removed",
        )
        if refused is not None:
            if args.json and refused == EXIT_REFUSED:
                shaped(error=refusal_json("removed"))
            return refused
        result = https.revert_https(plan, journal, report=_say(args))
        if args.json:
            shaped(result.revert_id, error_json(result.error))
        if result.error is not None:
            return report_error(result.error, "Run `tracking-wizard revert` again to continue.")
        if not args.json:
            print(f"Reverted HTTPS run {run.run_id}.")
        return EXIT_PROBLEM if plan.conflicts or plan.by_hand else EXIT_OK
    finally:
        plan.close()
