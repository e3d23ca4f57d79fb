"""Apply as both faces need it: an outcome that always carries its apply id, failure included.

The id is chosen before anything is written, so "Revert now" after a failure reverts exactly the
attempt that failed, never an earlier apply found by guessing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from providers.base import Provider
from providers.readback import ReadBack
from wizard.app.outcome import Outcome
from wizard.apply import apply_plan
from wizard.journal import Journal, new_apply_id
from wizard.model.changes import Change
from wizard.model.errors import PlanError, WizardError
from wizard.model.records import Record
from wizard.plan import Plan


@dataclass(frozen=True)
class ApplyOutcome(Outcome):
    """How an apply ended. `apply_id` names the journal entry; None when nothing was started."""

    apply_id: str | None
    written: tuple[Change, ...] = ()
    present: int = 0
    #: Why it stopped: a refusal before any write (`refused`), or the DNS host's failure (a
    #: ReadBackMismatch when the host stored something other than the plan).
    error: WizardError | None = None
    #: Every written name read back through the host's API and found exactly as planned.
    confirmed: ReadBack | None = None

    @property
    def confirmation(self) -> str | None:
        """ "Confirmed at <host>: N of N changes exactly as given", once something was written."""
        return self.confirmed.line if self.confirmed is not None and self.written else None

    @property
    def may_have_landed(self) -> bool:
        """Something may have reached the host: a write was started and journalled."""
        return self.apply_id is not None and not self.refused


def apply_reviewed(
    provider: Provider,
    plan: Plan,
    journal: Journal,
    records: Sequence[Record],
    *,
    confirm_updates: bool,
    progress: Callable[[str], None] | None = None,
    profile: str | None = None,
    apply_id: str | None = None,
    by_hand: Sequence[Record] = (),
) -> ApplyOutcome:
    """Write exactly the reviewed plan after re-reading the host; never raises a WizardError.

    `apply_id`: the journal id to use, when the caller journalled it beforehand (an HTTPS run).
    `by_hand`: records the person edited or added; the journal marks their changes.
    """
    apply_id = apply_id or new_apply_id()
    try:
        result = apply_plan(
            provider,
            plan,
            journal,
            digest=plan.digest,
            confirm_updates=confirm_updates,
            progress=progress,
            profile=profile,
            recheck=records,
            apply_id=apply_id,
            by_hand=by_hand,
        )
    except PlanError as err:
        return ApplyOutcome(None, error=err)
    except WizardError as err:
        started = journal.get(apply_id) is not None
        return ApplyOutcome(apply_id if started else None, error=err)
    return ApplyOutcome(result.apply_id, result.written, result.present, confirmed=result.confirmed)
