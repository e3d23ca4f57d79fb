"""HTTPS through CloudFront as both faces need it: offer, preview, set up, check, revert.

Outcomes never raise a WizardError; once a run has started they carry its id, so "Revert" after
a failure undoes exactly that run, and running the step again continues it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from providers.base import Provider
from wizard.app.applying import apply_reviewed
from wizard.app.outcome import Outcome
from wizard.app.planning import manual_host, manual_steps, plan_at, to_enter
from wizard.https import ledger
from wizard.https.alias import Alias
from wizard.https.aws import Aws
from wizard.https.ledger import HttpsRun
from wizard.https.progress import Progress, Report, Step, Waits, WaitTimeout, quiet
from wizard.https.revert import HttpsRevertPlan, Planner, revert_run
from wizard.https.setup import RecordWriter, Setup, Target, check_host, uses_alias
from wizard.journal import Journal
from wizard.model.errors import PlanError, UsageError, WizardError
from wizard.model.names import normalize_name
from wizard.model.records import Record
from wizard.model.servers import Server
from wizard.readiness import CheckResult, Reach, check_https
from wizard.rollback import latest_revertible
from wizard.vendors import VendorProfile


@dataclass(frozen=True)
class HttpsOffer:
    """Whether to offer the CloudFront step for a vendor, and what to tell the person."""

    offered: bool
    reason: str
    #: A yes the person must give first (Customer.io: was the domain added before the vendor
    #: started issuing certificates?); None when none is needed.
    confirm: str | None = None


def offer(profile: VendorProfile) -> HttpsOffer:
    """The CloudFront step is offered only where the vendor's own setup needs a CDN."""
    cdn = profile.cdn
    if cdn is None or cdn.needed == "never" or not cdn.origin:
        return HttpsOffer(
            False,
            f"{profile.label} has no tracking origin the wizard knows, so it cannot put a CDN "
            "in front of it. " + profile.https_how,
        )
    if cdn.needed == "older-domains":
        return HttpsOffer(
            True,
            cdn.summary,
            confirm=f"Was this tracking domain added at {profile.vendor} before "
            f"{cdn.vendor_certificate_since}, so {profile.vendor} issues no certificate for it?",
        )
    return HttpsOffer(True, cdn.summary)


def needed_now(profile: VendorProfile, readiness: Sequence[CheckResult]) -> bool:
    """Whether a setup journey should go on to the CloudFront step: always for a vendor whose
    tracking always needs a CDN (Pendo); for one that issues certificates itself for newer
    domains (Customer.io), only when the HTTPS check failed. Otherwise the step is still
    there for whoever asks (an older domain), but it is not the way on."""
    if not offer(profile).offered or profile.cdn is None:
        return False
    if profile.cdn.needed == "always":
        return True
    return any(r.name == "https" and r.status == "failed" for r in readiness)


def target_for(host: str, zone: str, profile: VendorProfile) -> Target:
    cdn = profile.cdn
    if cdn is None or not cdn.origin:
        raise UsageError(offer(profile).reason)
    return Target(
        normalize_name(host), normalize_name(zone), cdn.origin, cdn.origin_https, profile.id
    )


@dataclass(frozen=True)
class HttpsPreview:
    """What the step would make, read before anything is made."""

    target: Target | None
    lines: tuple[str, ...] = ()
    replaced: tuple[Record, ...] = ()
    conflicts: tuple[str, ...] = ()
    #: The unfinished run this attempt continues, if any.
    continues: str | None = None
    error: WizardError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and not self.conflicts


def preview(
    host: str, zone: str, profile: VendorProfile, provider: Provider, journal: Journal
) -> HttpsPreview:
    """The resources and records the step would make; never raises a WizardError."""
    try:
        target = target_for(host, zone, profile)
        checked = check_host(provider, target, journal)
    except WizardError as err:
        return HttpsPreview(None, error=err)
    scheme = "HTTPS" if target.origin_https else "HTTP"
    record = (
        f"{target.host} as a Route 53 alias A/AAAA to the distribution"
        if uses_alias(provider)
        else f"{target.host} CNAME to the distribution's domain"
    )
    lines = (
        f"an ACM certificate for {target.host} in us-east-1, validated by a CNAME written "
        f"through {provider.display_name}",
        f"a CloudFront distribution for {target.host}: origin {target.origin} over {scheme}, "
        "viewers redirected to HTTPS, caching disabled, every viewer header (Host too) "
        "forwarded, TLS 1.2 or later with SNI",
        f"at {provider.display_name}: {record}",
    )
    run = checked.run
    return HttpsPreview(
        target, lines, checked.replaced, checked.conflicts, run.run_id if run else None
    )


@dataclass(frozen=True)
class HttpsOutcome(Outcome):
    """How the step ended. `run_id` names the journal's run; None when nothing was started."""

    run_id: str | None
    host: str
    certificate_arn: str | None = None
    distribution_id: str | None = None
    distribution_domain: str | None = None
    records: tuple[Record, ...] = ()
    aliases: tuple[Alias, ...] = ()
    written: tuple[Record, ...] = ()
    readiness: CheckResult | None = None
    next_steps: tuple[str, ...] = ()
    error: WizardError | None = None

    @property
    def waiting(self) -> bool:
        """AWS or DNS was still busy when the wait ended; running again continues."""
        return isinstance(self.error, WaitTimeout)

    def to_json(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "host": self.host,
            **ledger.aws_json(self),
            "records": [r.to_json() for r in self.records],
            "aliases": [a.to_json() for a in self.aliases],
            "written": [r.to_json() for r in self.written],
            "readiness": self.readiness.to_json() if self.readiness else None,
            "next_steps": list(self.next_steps),
            "error": {"title": self.error.title, "message": str(self.error)}
            if self.error
            else None,
        }


def record_writer(
    provider: Provider,
    zone: str,
    journal: Journal,
    *,
    confirm_replace: bool,
    report: Report,
    profile: str | None = None,
    authoritative: Sequence[Server] | None = None,
    waits: Waits | None = None,
) -> RecordWriter:
    """Records through the DNS host with the plan/apply every record goes through; with the
    manual host, the instructions, then a watch until the zone's servers serve the records."""

    def write(records: Sequence[Record], apply_id: str, step: Step) -> tuple[Record, ...]:
        plan = plan_at(provider, zone, records)
        if plan.has_conflicts:
            reasons = " ".join(i.reason for i in plan.conflicts)
            raise PlanError(f"Nothing more was written: {reasons}")
        if not provider.capabilities.writes:
            enter = to_enter(plan)
            steps = manual_steps(enter, zone, manual_host(provider, None))
            for number, item in enumerate(steps, start=1):
                fields = "; ".join(item.lines())
                report(Progress(step, f"Enter at your DNS host ({number}): {fields}"))
            if enter:
                wait_served(enter, zone, authoritative, report, step, waits or Waits())
            return ()
        if not plan.changes:
            return ()
        outcome = apply_reviewed(
            provider,
            plan,
            journal,
            records,
            confirm_updates=step == "dns" and confirm_replace,
            progress=lambda line: report(Progress(step, line)),
            profile=profile,
            apply_id=apply_id,
        )
        if outcome.error is not None:
            raise outcome.error
        return tuple(c.new for c in outcome.written if c.new is not None)

    return write


def wait_served(
    records: Sequence[Record],
    zone: str,
    authoritative: Sequence[Server] | None,
    report: Report,
    step: Step,
    waits: Waits,
) -> None:
    """Watch the zone's authoritative servers until every record is served (the manual host).

    Blocking: a UI calls it from a thread worker.
    """
    from wizard.model.servers import servers_from
    from wizard.watch import (
        Expectation,
        Sweep,
        Watcher,
        discover_authoritative,
        given_authoritative_specs,
    )
    from wizard.zones import make_resolver

    if authoritative:
        specs = given_authoritative_specs(list(authoritative), zone)
    else:
        resolver = make_resolver(servers_from(None, "TRACKING_WIZARD_RESOLVERS"))
        specs, _ = discover_authoritative([r.name for r in records], resolver)
    watcher = Watcher([Expectation(r) for r in records], specs, [])

    def seen(sweep: Sweep) -> None:
        served, asked = sum(r.status == "match" for r in sweep.results), len(sweep.results)
        report(Progress(step, f"Waiting for the zone's servers to serve it ({served} of {asked})…"))

    last = asyncio.run(watcher.watch(on_sweep=seen, ceiling=waits.certificate))
    if last.outcome != "good":
        raise WaitTimeout(
            "The records are not served by the zone's name servers yet. Add them at your DNS "
            "host, then run the same command again: it continues."
        )


def set_up_https(
    host: str,
    zone: str,
    profile: VendorProfile,
    provider: Provider,
    *,
    journal: Journal,
    aws: Aws | None = None,
    report: Report = quiet,
    confirm_replace: bool = False,
    authoritative: Sequence[Server] | None = None,
    reach: Reach | None = None,
    waits: Waits | None = None,
) -> HttpsOutcome:
    """Certificate, validation record, distribution, host record, then the HTTPS check.

    Blocking for minutes (ACM validation, CloudFront deployment): a UI runs it in a thread
    worker and shows each `Progress` as it comes. Never raises a WizardError.
    """
    aws = aws or Aws()
    waits = waits or Waits.from_environment()
    host = normalize_name(host)
    try:
        target = target_for(host, zone, profile)
        write = record_writer(
            provider,
            target.zone,
            journal,
            confirm_replace=confirm_replace,
            report=report,
            profile=profile.id,
            authoritative=authoritative,
            waits=waits,
        )
        setup = Setup(
            target, provider, aws=aws, journal=journal, write=write, report=report, waits=waits
        )
        result = setup.run(confirm_replace=confirm_replace)
    except WizardError as err:
        run = ledger.open_run(journal, host)
        return HttpsOutcome(run.run_id if run else None, host, error=err)
    report(Progress("dns", f"Checking https://{host}/ answers with a certificate that covers it…"))
    readiness = check_https(host, reach or Reach(), required=True)
    steps = tuple(s for s in (profile.next_steps, profile.tracking_next_steps) if s)
    return HttpsOutcome(
        result.run_id,
        host,
        result.certificate.arn,
        result.distribution.id,
        result.distribution.domain,
        result.records,
        result.aliases,
        result.written,
        readiness,
        steps,
    )


# -- revert ----------------------------------------------------------------------------------
def runs(journal: Journal) -> list[HttpsRun]:
    return ledger.runs(journal)


def revertible_runs(journal: Journal) -> list[HttpsRun]:
    """HTTPS runs not rolled back yet, newest first (for a roll back screen)."""
    return ledger.revertible_runs(journal)


def run_to_revert(
    journal: Journal, *, run_id: str | None = None, zone: str | None = None
) -> HttpsRun | None:
    """The run named by id; else the newest unreverted run, when it is newer than every apply
    still to revert (so `revert` undoes the latest thing done, whichever kind it was)."""
    if run_id:
        return ledger.get_run(journal, run_id)
    found = ledger.revertible_runs(journal, zone)
    if not found:
        return None
    newest = found[0]
    applied = latest_revertible(journal, zone)
    if applied is not None:
        if ledger.position_of(journal, applied.apply_id) > newest.position:
            return None
    return newest


def review_revert(
    run: HttpsRun, journal: Journal, *, aws: Aws | None = None, provider: Provider | None = None
) -> HttpsRevertPlan:
    """What undoing `run` takes now, read from AWS and the DNS host. Raises a WizardError."""
    return Planner(journal, aws or Aws(), provider=provider).plan(run)


@dataclass(frozen=True)
class HttpsRevertOutcome(Outcome):
    revert_id: str | None
    plan: HttpsRevertPlan
    error: WizardError | None = None
    lines: tuple[str, ...] = field(default_factory=tuple)


def revert_https(
    plan: HttpsRevertPlan,
    journal: Journal,
    *,
    aws: Aws | None = None,
    report: Report = quiet,
    waits: Waits | None = None,
) -> HttpsRevertOutcome:
    """Undo the reviewed run; never raises a WizardError (running again continues)."""
    try:
        with ledger.run_lock(journal, "revert"):
            revert_id = revert_run(plan, journal, aws or Aws(), report=report, waits=waits)
    except WizardError as err:
        return HttpsRevertOutcome(None, plan, err)
    return HttpsRevertOutcome(revert_id, plan, lines=tuple(plan.lines))
