"""Reusable check for every writing provider: apply a pasted set, revert it, the zone is as before.

Provider tests call `check_apply_then_revert(provider, zone, records, read_zone)` where
`read_zone()` returns the zone's full contents as comparable tuples (e.g. from DNS or the fake
API's store). It goes through the real plan, journal, apply and rollback code.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import TypeVar

from providers.base import Provider
from wizard.apply import ApplyResult, apply_plan
from wizard.journal import Journal
from wizard.model.records import Record
from wizard.plan import Plan, build_plan
from wizard.rollback import plan_revert, revert_apply

T = TypeVar("T", bound=Hashable)


def apply_records(
    provider: Provider,
    zone: str,
    records: Sequence[Record],
    journal: Journal,
    *,
    replace: bool = True,
    replace_sets: bool = False,
) -> tuple[Plan, ApplyResult]:
    """Plan and apply as the CLI does with --yes (and --replace when `replace`)."""
    plan = build_plan(provider, zone, records, replace_sets=replace_sets)
    assert not plan.has_conflicts, [i.reason for i in plan.conflicts]
    result = apply_plan(
        provider, plan, journal, digest=plan.digest, confirm_updates=replace, recheck=records
    )
    return plan, result


def revert_latest(provider: Provider, journal: Journal) -> ApplyResult:
    """Revert the newest apply in `journal` with `provider`."""
    from wizard.rollback import latest_revertible

    applied = latest_revertible(journal)
    assert applied is not None, "nothing to revert"
    rplan = plan_revert(provider, applied)
    assert not rplan.conflicts, rplan.conflicts
    return revert_apply(provider, rplan, journal, digest=rplan.digest)


def check_apply_then_revert(
    provider: Provider,
    zone: str,
    records: Sequence[Record],
    read_zone: Callable[[], set[T]],
    *,
    journal_path: Path | None = None,
    replace: bool = True,
    replace_sets: bool = False,
    check_applied: Callable[[Plan], None] | None = None,
) -> Plan:
    """Apply `records` then revert; assert the zone ends exactly as it began.

    Also asserts: a re-apply plans no change (everything present), a second revert is a no-op,
    and, if given, `check_applied(plan)` holds between apply and revert.
    """
    journal = Journal(journal_path) if journal_path else Journal()
    start = read_zone()
    plan, result = apply_records(
        provider, zone, records, journal, replace=replace, replace_sets=replace_sets
    )
    if check_applied is not None:
        check_applied(plan)
    again = build_plan(provider, zone, records, replace_sets=replace_sets)
    assert not again.changes, f"re-apply would still write: {[str(c) for c in again.changes]}"
    if result.apply_id is not None:
        revert_latest(provider, journal)
    end = read_zone()
    assert end == start, f"zone differs after revert: gone {start - end}, extra {end - start}"
    applied = journal.get(result.apply_id) if result.apply_id else None
    if applied is not None:
        second = plan_revert(provider, applied)
        assert not second.changes, f"second revert would write {[str(c) for c in second.changes]}"
    return plan


def check_caught(
    provider: Provider,
    zone: str,
    names: Sequence[str],
    records: Sequence[Record],
    quirk: Callable[[bool], None],
    holds_instead: str,
) -> str:
    """Apply with the host's quirk on: the read-back fails the apply, naming what the host
    holds instead; the journal keeps the failed attempt; its revert (quirk off) restores the
    names as they were. Returns the error's sentence."""
    from providers.readback import ReadBackMismatch
    from wizard.app import reverting
    from wizard.app.applying import apply_reviewed

    def held() -> set[Record]:
        return set(provider.list_records(zone, names).records)

    start = held()
    journal = Journal()
    plan = build_plan(provider, zone, records)
    quirk(True)
    outcome = apply_reviewed(provider, plan, journal, list(records), confirm_updates=True)
    quirk(False)
    assert isinstance(outcome.error, ReadBackMismatch), outcome.error
    message = str(outcome.error)
    assert outcome.error.title == "Not stored as given"
    assert "accepted the write but does not hold exactly what was planned" in message
    assert holds_instead in message, message
    assert outcome.may_have_landed and outcome.confirmation is None
    assert outcome.apply_id is not None
    attempt = reverting.target(journal, apply_id=outcome.apply_id)
    assert attempt is not None and attempt.status == "failed"
    _, undo = reverting.review(attempt, provider)
    result = reverting.revert(provider, undo, journal)
    assert result.ok, result.error
    assert held() == start
    return message
