"""Apply: write exactly the reviewed plan, journalling each provider call before and after it.

The order per call is: append `pending` (changes + the names' state before) and fsync, call the
provider, append `done` (or `failed`). A crash anywhere leaves a journal `revert` can use.
"""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from providers.base import Provider
from providers.readback import ReadBack, ReadBackMismatch
from wizard.journal import Journal, Setup, new_apply_id
from wizard.model.changes import Change, create, delete
from wizard.model.errors import PlanError, ProviderError
from wizard.model.names import normalize_name
from wizard.model.records import Record
from wizard.model.words import counted
from wizard.plan import Plan, build_plan

log = logging.getLogger(__name__)

#: Test hook: `pending:N` or `written:N` kills this process with SIGKILL just after journalling
#: batch N, or just after the provider wrote it (before `done`). Used by tests/test_crash.py.
CRASH_ENV = "TRACKING_WIZARD_TEST_CRASH_AT"


@dataclass(frozen=True)
class ApplyResult:
    apply_id: str | None
    written: tuple[Change, ...]
    present: int
    #: What the host showed when each written name was read back (None when nothing was written).
    confirmed: ReadBack | None = None

    @property
    def nothing_to_do(self) -> bool:
        return not self.written


def public_settings(provider: Provider) -> dict[str, str]:
    """The provider's settings without secrets: what the journal may keep to rebuild it."""
    return {
        o.name: str(provider.settings[o.name])
        for o in provider.options
        if not o.secret and o.name in provider.settings
    }


def _maybe_crash(stage: str, number: int) -> None:
    if os.environ.get(CRASH_ENV) == f"{stage}:{number}":
        os.kill(os.getpid(), signal.SIGKILL)


def check_plan(plan: Plan, *, digest: str, confirm_updates: bool) -> None:
    """Refuse a plan that is not the reviewed one, has conflicts, or updates without consent."""
    if plan.digest != digest:
        raise PlanError(
            "The plan changed since it was reviewed (the DNS host's records are not what they "
            "were). Nothing was written. Review the plan again."
        )
    if plan.has_conflicts:
        reasons = "; ".join(i.reason for i in plan.conflicts)
        raise PlanError(f"The plan has conflicts, so nothing was written: {reasons}")
    if plan.updates and not confirm_updates:
        listed = "; ".join(str(i.change) for i in plan.updates if i.change)
        raise PlanError(
            "These existing records would change, so nothing was written without confirmation "
            f"(--replace): {listed}"
        )


def _before(plan: Plan, changes: Sequence[Change]) -> tuple[Record, ...]:
    names = {normalize_name(c.record.name) for c in changes}
    seen: list[Record] = []
    for item in plan.items:
        for rec in item.existing:
            if normalize_name(rec.name) in names and rec not in seen:
                seen.append(rec)
    return tuple(seen)


def apply_plan(
    provider: Provider,
    plan: Plan,
    journal: Journal,
    *,
    digest: str,
    confirm_updates: bool,
    progress: Callable[[str], None] | None = None,
    vendor: str | None = None,
    profile: str | None = None,
    reverts: str | None = None,
    recheck: Sequence[Record] | None = None,
    apply_id: str | None = None,
    by_hand: Sequence[Record] = (),
) -> ApplyResult:
    """Write `plan.changes` in one provider call, journalled, holding the journal's lock.

    `recheck`: the desired records; when given, the plan is rebuilt from the host's current state
    first and must still have `digest`, so nothing outside the reviewed plan is ever written.
    `apply_id`: the journal id to use, chosen by the caller so it knows it even on failure.
    `by_hand`: records the person edited or added by hand; the journal marks their changes.
    Raises PlanError (nothing written), JournalError, or the provider's ProviderError (the
    journal then holds a `failed` batch revert can use).
    """
    check_plan(plan, digest=digest, confirm_updates=confirm_updates)
    changes = plan.changes
    present = plan.count("present")
    if not changes:
        return ApplyResult(None, (), present)
    with journal.lock("apply"):
        if recheck is not None:
            fresh = build_plan(provider, plan.zone, recheck, replace_sets=plan.replace_sets)
            check_plan(fresh, digest=digest, confirm_updates=confirm_updates)
        setup = Setup(
            apply_id=apply_id or new_apply_id(),
            zone=plan.zone,
            provider_id=provider.id,
            settings=public_settings(provider),
            digest=digest,
            vendor=vendor,
            profile=profile,
            reverts=reverts,
        )
        try:
            confirmed = write_changes(
                provider, setup, changes, _before(plan, changes), journal, progress, by_hand
            )
        except ProviderError as err:
            _undo_landed(provider, journal, setup.apply_id, err, progress)
            raise
    return ApplyResult(setup.apply_id, changes, present, confirmed)


def _undo_landed(
    provider: Provider,
    journal: Journal,
    apply_id: str,
    err: ProviderError,
    progress: Callable[[str], None] | None,
) -> None:
    """After a later call failed, revert what the earlier calls wrote, so a plan lands whole or
    not at all. The error's sentence then says so; if the undo fails too, the journal keeps
    both and `revert` finishes the job."""
    applied = journal.get(apply_id)
    if applied is None or not any(b.done for b in applied.batches):
        return
    # rollback builds on this module, so it is imported here, when it is needed.
    from wizard.rollback import plan_revert, write_revert

    landed = sum(len(b.changes) for b in applied.batches if b.done)
    try:
        write_revert(provider, plan_revert(provider, applied), journal, progress)
    except ProviderError as undo_err:
        err.args = (
            f"{err} The {counted(landed, 'change')} written by earlier calls could not be "
            f"reverted ({undo_err}); run `tracking-wizard revert {apply_id}`.",
        )
        return
    err.args = (f"{err} The {counted(landed, 'change')} written by earlier calls were reverted.",)


def chunks(changes: Sequence[Change], size: int | None) -> list[tuple[Change, ...]]:
    """The changes in provider calls of at most `size` (all in one call when None)."""
    if not size or len(changes) <= size:
        return [tuple(changes)]
    return [tuple(changes[i : i + size]) for i in range(0, len(changes), size)]


def write_changes(
    provider: Provider,
    setup: Setup,
    changes: Sequence[Change],
    before: Sequence[Record],
    journal: Journal,
    progress: Callable[[str], None] | None = None,
    by_hand: Sequence[Record] = (),
) -> ReadBack:
    """The journalled write itself: setup, then per provider call pending + fsync, call, done.

    A host with `max_batch` gets the changes in calls of that size, batch 1, 2, … in the journal,
    each journalled before it is sent; the first failure stops the rest (journalled `failed`).
    Each call is read back by the provider; what it confirmed is returned, summed.
    """
    journal.start(setup)
    calls = chunks(changes, provider.capabilities.max_batch)
    confirmed = ReadBack(provider.display_name, 0, 0)
    for number, chunk in enumerate(calls, start=1):
        names = {normalize_name(c.record.name) for c in chunk}
        state = [r for r in before if normalize_name(r.name) in names]
        journal.pending(setup.apply_id, number, chunk, state, by_hand=by_hand)
        _maybe_crash("pending", number)
        if progress:
            part = f" (call {number} of {len(calls)})" if len(calls) > 1 else ""
            progress(f"Writing {counted(len(chunk), 'change')} to {provider.display_name}{part}…")
        try:
            confirmed += provider.apply(setup.zone, chunk, progress)
        except ReadBackMismatch as err:
            journal.failed(setup.apply_id, number, str(err))
            _journal_stored_instead(journal, setup.apply_id, number + 1, err, state)
            raise
        except ProviderError as err:
            journal.failed(setup.apply_id, number, str(err))
            raise
        except Exception as err:
            journal.failed(setup.apply_id, number, type(err).__name__)
            raise
        _maybe_crash("written", number)
        journal.done(setup.apply_id, number)
    log.info("%s wrote %s to %s", setup.apply_id, counted(len(changes), "change"), setup.zone)
    return confirmed


def _journal_stored_instead(
    journal: Journal,
    apply_id: str,
    number: int,
    err: ReadBackMismatch,
    state: Sequence[Record],
) -> None:
    """Journal what the host made of a write it altered, as one more failed batch: the records
    it holds that the plan did not ask for (as creates) and those outside the plan it dropped
    (as deletes). A revert then removes the first and puts back the second, so it undoes what
    the host did, not only what was asked."""
    made = [create(r) for r in err.stored] + [delete(r) for r in err.lost]
    if not made:
        return
    journal.pending(apply_id, number, made, state)
    journal.failed(apply_id, number, "what the DNS host stored instead of the plan")
