"""Undo an HTTPS run: the host's record, the distribution, the certificate, its validation record.

The order matters: the name stops pointing at CloudFront first; a distribution is deleted only
once disabled and deployed again (with its current ETag); a certificate only once no distribution
uses it; the validation record last. Every step reads the live state first, so a revert after a
crash at any point, or a second revert, does only what is still needed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from providers.base import Provider
from providers.route53 import Route53Provider
from wizard.https import alias, certificate, distribution
from wizard.https.aws import Aws
from wizard.https.distribution import AliasTaken
from wizard.https.ledger import DnsWrite, HttpsRun, Ledger
from wizard.https.progress import Progress, Report, Waits, quiet
from wizard.https.setup import crash_point
from wizard.journal import Journal, new_apply_id
from wizard.model.records import Record
from wizard.rollback import RevertPlan, plan_revert, revert_apply

log = logging.getLogger(__name__)

Action = Literal["dns", "alias", "distribution", "certificate"]
ProviderFactory = Callable[[str, dict[str, str]], Provider]


@dataclass(frozen=True)
class RevertStep:
    """One resource to undo: what will happen, in words (empty when only the journal is left)."""

    action: Action
    lines: tuple[str, ...]
    dns: DnsWrite | None = None
    plan: RevertPlan | None = None
    provider: Provider | None = None
    resource_ids: tuple[str, ...] = ()


@dataclass
class HttpsRevertPlan:
    """What undoing one run takes now. `by_hand`: records a person must remove themselves."""

    run: HttpsRun
    steps: list[RevertStep] = field(default_factory=list)
    by_hand: list[Record] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    providers: list[Provider] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        return [line for step in self.steps for line in step.lines]

    @property
    def nothing_to_do(self) -> bool:
        return not self.lines

    def to_json(self) -> dict[str, object]:
        return {
            "run_id": self.run.run_id,
            "host": self.run.host,
            "zone": self.run.zone,
            "steps": self.lines,
            "by_hand": [r.to_json() for r in self.by_hand],
            "conflicts": list(self.conflicts),
        }

    def close(self) -> None:
        for provider in self.providers:
            provider.close()


def _default_factory(provider_id: str, settings: dict[str, str]) -> Provider:
    from wizard.credentials import make_provider

    return make_provider(provider_id, settings)


class Planner:
    """Reads the journal and the live state, and lists what is left to undo.

    `provider`, when given, is used for the run's DNS host instead of one rebuilt from the
    journal's non-secret settings and the keyring or environment.
    """

    def __init__(
        self,
        journal: Journal,
        aws: Aws,
        *,
        provider: Provider | None = None,
        factory: ProviderFactory = _default_factory,
    ) -> None:
        self.journal = journal
        self.aws = aws
        self.given = provider
        self.factory = factory

    def plan(self, run: HttpsRun) -> HttpsRevertPlan:
        plan = HttpsRevertPlan(run)
        try:
            for write in reversed([w for w in run.dns if w.role == "host"]):
                self._dns(plan, write)
            self._alias(plan)
            self._distribution(plan)
            self._certificates(plan)
            for write in reversed([w for w in run.dns if w.role == "validation"]):
                self._dns(plan, write)
        except BaseException:
            plan.close()
            raise
        return plan

    def _provider(
        self, plan: HttpsRevertPlan, provider_id: str, settings: dict[str, str]
    ) -> Provider:
        if self.given is not None and self.given.id == provider_id:
            return self.given
        made = self.factory(provider_id, settings)
        plan.providers.append(made)
        return made

    def _dns(self, plan: HttpsRevertPlan, write: DnsWrite) -> None:
        if write.state == "deleted":
            return
        applied = self.journal.get(write.apply_id)
        if applied is None:
            # Nothing was journalled for this write: the manual host, or a crash before it.
            run = plan.run
            if not self._provider(plan, run.provider_id, run.settings).capabilities.writes:
                plan.by_hand.extend(r for r in write.records if r not in plan.by_hand)
            plan.steps.append(RevertStep("dns", (), write))
            return
        provider = self._provider(plan, applied.setup.provider_id, dict(applied.setup.settings))
        if applied.status == "reverted":
            plan.steps.append(RevertStep("dns", (), write))
            return
        rplan = plan_revert(provider, applied)
        plan.conflicts.extend(rplan.conflicts)
        lines = tuple(str(c) for c in rplan.changes)
        plan.steps.append(RevertStep("dns", lines, write, rplan, provider))

    def _alias(self, plan: HttpsRevertPlan) -> None:
        known = plan.run.alias
        if known is None or known.gone:
            return
        data = known.data
        provider = self._provider(plan, "route53", dict(data.get("settings") or {}))
        assert isinstance(provider, Route53Provider)
        restore = [Record.from_json(r) for r in data.get("replaced") or ()]
        stored = list(data.get("stored") or ())
        lines = alias.pending(provider, data["zone"], data["host"], data["target"], restore, stored)
        plan.steps.append(RevertStep("alias", tuple(lines), provider=provider))

    def _distribution(self, plan: HttpsRevertPlan) -> None:
        run = plan.run
        if run.distribution is None or run.distribution.gone:
            return
        cloudfront = self.aws.cloudfront()
        found: distribution.Distribution | None
        if run.distribution_id:
            found = distribution.get(cloudfront, run.distribution_id)
        else:  # only the intent was journalled: look it up by its caller reference
            try:
                reference = distribution.caller_reference(run.run_id)
                found = distribution.find(cloudfront, run.host, reference)
            except AliasTaken:
                found = None
        if found is None:
            plan.steps.append(RevertStep("distribution", ()))
            return
        line = f"disable, then delete CloudFront distribution {found.id} ({found.domain})"
        plan.steps.append(RevertStep("distribution", (line,), resource_ids=(found.id,)))

    def _certificates(self, plan: HttpsRevertPlan) -> None:
        run = plan.run
        if run.certificate is None or run.certificate.gone:
            return
        acm = self.aws.acm()
        arn = run.certificate_arn
        arns = [arn] if arn else certificate.find_ours(acm, run.host, run.run_id)
        live = tuple(a for a in arns if certificate.describe(acm, a) is not None)
        lines = tuple(f"delete certificate {a}" for a in live)
        plan.steps.append(RevertStep("certificate", lines, resource_ids=live))


def revert_run(
    plan: HttpsRevertPlan,
    journal: Journal,
    aws: Aws,
    *,
    report: Report = quiet,
    waits: Waits | None = None,
) -> str:
    """Do the reviewed steps in order, journalling each; returns the revert's id.

    Raises a WizardError when AWS or the DNS host fails: what is done is journalled, and
    running revert again continues.
    """
    waits = waits or Waits.from_environment()
    run = plan.run
    book = Ledger(journal, run.run_id)
    revert_id = new_apply_id()
    for step in plan.steps:
        if step.action == "dns" and step.dns is not None:
            if step.plan is not None and step.plan.changes and step.provider is not None:
                report(Progress("revert", f"Removing records at {step.provider.display_name}…"))
                revert_apply(
                    step.provider,
                    step.plan,
                    journal,
                    digest=step.plan.digest,
                    progress=lambda line: report(Progress("revert", line)),
                )
            book.note("dns", "deleted", role=step.dns.role, dns_apply=step.dns.apply_id)
            crash_point(f"revert-{step.dns.role}")
        elif step.action == "alias" and isinstance(step.provider, Route53Provider):
            assert run.alias is not None
            data = run.alias.data
            restore = [Record.from_json(r) for r in data.get("replaced") or ()]
            alias.remove(
                step.provider,
                data["zone"],
                data["host"],
                data["target"],
                restore,
                report,
                waits,
                stored=list(data.get("stored") or ()),
            )
            book.note("alias", "deleted")
            crash_point("revert-alias")
        elif step.action == "distribution":
            for distribution_id in step.resource_ids:
                _remove_distribution(aws, distribution_id, report, waits)
            book.note("distribution", "deleted")
            crash_point("revert-distribution")
        elif step.action == "certificate":
            for arn in step.resource_ids:
                report(Progress("revert", f"Deleting certificate {arn}…"))
                certificate.delete(aws.acm(), arn)
            book.note("certificate", "deleted")
            crash_point("revert-certificate")
    if not plan.conflicts:
        book.note("run", "reverted", by=revert_id)
    log.info("reverted HTTPS run %s", run.run_id)
    return revert_id


def _remove_distribution(aws: Aws, distribution_id: str, report: Report, waits: Waits) -> None:
    """Disable, wait for the disabled state to deploy, delete with the ETag it ended with."""
    cloudfront = aws.cloudfront()
    report(Progress("revert", f"Disabling CloudFront distribution {distribution_id}…"))
    if distribution.disable(cloudfront, distribution_id) is None:
        return
    crash_point("revert-disabled")
    ready = distribution.wait_deployed(cloudfront, distribution_id, report, waits, step="revert")
    report(Progress("revert", f"Deleting CloudFront distribution {distribution_id}…"))
    distribution.delete(cloudfront, ready)
