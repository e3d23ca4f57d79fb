"""Revert as both faces need it: find exactly the apply asked for, plan its inverse, write it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from providers.base import Provider
from providers.readback import ReadBack
from wizard.app.outcome import Outcome
from wizard.journal import AppliedSetup, Journal
from wizard.model.errors import UsageError, WizardError
from wizard.model.words import counted
from wizard.rollback import (
    RevertPlan,
    latest_revertible,
    plan_revert,
    provider_for,
    revert_apply,
)


def target(
    journal: Journal, *, apply_id: str | None = None, zone: str | None = None
) -> AppliedSetup | None:
    """The apply to undo: the one named by id, else the latest not yet reverted (in `zone`)."""
    if apply_id:
        applied = journal.get(apply_id)
        if applied is None:
            raise UsageError(f"The journal at {journal.path} has no apply {apply_id}.")
        return applied
    return latest_revertible(journal, zone)


def review(applied: AppliedSetup, provider: Provider | None = None) -> tuple[Provider, RevertPlan]:
    """The provider the apply used (rebuilt from the journal unless given) and the inverse now."""
    provider = provider if provider is not None else provider_for(applied)
    return provider, plan_revert(provider, applied)


@dataclass(frozen=True)
class RevertOutcome(Outcome):
    revert_id: str | None
    plan: RevertPlan
    error: WizardError | None = None
    #: Every reverted name read back through the host's API and found exactly as planned.
    confirmed: ReadBack | None = None

    @property
    def confirmation(self) -> str | None:
        """ "Confirmed at <host>: N of N changes exactly as given", once something was written."""
        return self.confirmed.line if self.confirmed is not None and self.plan.changes else None


def revert(
    provider: Provider,
    plan: RevertPlan,
    journal: Journal,
    *,
    progress: Callable[[str], None] | None = None,
) -> RevertOutcome:
    """Write the reviewed inverse; never raises a WizardError."""
    if plan.target.setup.by_hand:
        lines = "; ".join(str(c) for c in plan.changes)
        return RevertOutcome(
            None,
            plan,
            UsageError(
                f"Setup {plan.target.apply_id} was entered by hand, so it is removed by hand "
                f"too: {lines or 'nothing is left to remove'}. Roll back in the wizard shows "
                "each row, watches them go and closes the setup in the journal."
            ),
        )
    try:
        result = revert_apply(provider, plan, journal, digest=plan.digest, progress=progress)
    except WizardError as err:
        return RevertOutcome(None, plan, err)
    return RevertOutcome(result.apply_id, plan, confirmed=result.confirmed)


def question(plan: RevertPlan, host: str) -> tuple[str, list[str]]:
    """The confirmation a person answers before a revert, naming what goes and what returns."""
    removes = [c for c in plan.changes if c.action == "delete"]
    restores = [c for c in plan.changes if c.action != "delete"]
    if removes and restores:
        asked = (
            f"Remove {counted(len(removes), 'record')} from {plan.zone} at {host} and restore "
            f"{counted(len(restores), 'record')}?"
        )
    elif removes:
        asked = f"Remove {counted(len(removes), 'record')} from {plan.zone} at {host}?"
    else:
        asked = f"Restore {counted(len(restores), 'record')} in {plan.zone} at {host}?"
    lines = [f"remove {c.record}" for c in removes]
    lines += [f"put back {c.new}" for c in restores if c.new is not None]
    return asked, lines
