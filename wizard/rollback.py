"""Revert: the inverse of a journalled apply, checked against what the host holds now.

Each inverse change is kept only when the host still shows our write (a `pending` batch may or
may not have reached it), so a revert after a crash at any point does the right thing, and a
second revert finds nothing to do.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from providers.base import Provider
from providers.readback import ReadBack
from wizard.apply import ApplyResult, write_changes
from wizard.journal import AppliedSetup, Journal, Setup, new_apply_id
from wizard.model.changes import Change, create, delete, update
from wizard.model.names import normalize_name
from wizard.model.records import Record
from wizard.model.words import counted

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RevertPlan:
    """What undoing one apply takes now. `skipped`/`conflicts` are sentences for a person."""

    target: AppliedSetup
    changes: tuple[Change, ...]
    #: The host's records at the names when this revert was planned (journalled with it).
    before: tuple[Record, ...]
    skipped: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()

    @property
    def zone(self) -> str:
        return self.target.setup.zone

    @property
    def digest(self) -> str:
        body = {"target": self.target.apply_id, "changes": [c.to_json() for c in self.changes]}
        text = json.dumps(body, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def to_json(self) -> dict[str, Any]:
        return {
            "apply_id": self.target.apply_id,
            "zone": self.zone,
            "provider": self.target.setup.provider_id,
            "changes": [c.to_json() for c in self.changes],
            "skipped": list(self.skipped),
            "conflicts": list(self.conflicts),
            "digest": self.digest,
        }


def revertible(journal: Journal, zone: str | None = None) -> list[AppliedSetup]:
    """Applies (not reverts) that have not been reverted yet, newest first.

    The record writes of an HTTPS run are left out: they are reverted with the run.
    """
    from wizard.https.ledger import owned_applies

    wanted = normalize_name(zone) if zone else None
    owned = owned_applies(journal)
    return [
        a
        for a in reversed(journal.applies())
        if a.setup.reverts is None
        and a.status != "reverted"
        and a.batches
        and a.apply_id not in owned
        and (wanted is None or a.setup.zone == wanted)
    ]


def latest_revertible(journal: Journal, zone: str | None = None) -> AppliedSetup | None:
    found = revertible(journal, zone)
    return found[0] if found else None


def provider_for(applied: AppliedSetup) -> Provider:
    """Rebuild the provider the apply used: journal's non-secret settings + keyring/env secrets."""
    from wizard.credentials import make_provider

    return make_provider(applied.setup.provider_id, dict(applied.setup.settings))


def _find(rec: Record, among: list[Record]) -> Record | None:
    return next((r for r in among if rec.same_data(r)), None)


def plan_revert(provider: Provider, applied: AppliedSetup) -> RevertPlan:
    """Read the host's state at the apply's names and work out the inverse still needed."""
    zone = applied.setup.zone
    names = sorted({normalize_name(c.record.name) for c in applied.changes})
    current = list(provider.list_records(zone, names).records)
    seen_now = tuple(current)
    before = list(applied.before)
    changes: list[Change] = []
    skipped: list[str] = []
    conflicts: list[str] = []
    for change in reversed(applied.changes):
        if change.action == "create":
            assert change.new is not None
            ours = change.new
            if _find(ours, before) is not None:
                skipped.append(f"{ours} was there before; kept")
                continue
            here = _find(ours, current)
            if here is None:
                skipped.append(f"{ours} is not there (never written or already removed)")
                continue
            changes.append(delete(here))
            current.remove(here)
        elif change.action == "delete":
            assert change.existing is not None
            gone = change.existing
            if _find(gone, current) is not None:
                skipped.append(f"{gone} is already back")
                continue
            changes.append(create(gone))
            current.append(gone)
        else:
            assert change.existing is not None and change.new is not None
            old, new = change.existing, change.new
            same_set = [r for r in current if r.key == old.key]
            if _find(old, same_set) is not None:
                skipped.append(f"{old} is already back")
                continue
            ours_now = _find(new, same_set)
            if ours_now is not None:
                changes.append(update(ours_now, old))
                current.remove(ours_now)
                current.append(old)
            elif not same_set:
                changes.append(create(old))
                current.append(old)
            else:
                others = ", ".join(r.value for r in same_set)
                conflicts.append(
                    f"{old.name} {old.type} was changed by someone else since (now {others}); "
                    "left alone"
                )
    return RevertPlan(applied, tuple(changes), seen_now, tuple(skipped), tuple(conflicts))


def revert_apply(
    provider: Provider,
    revert_plan: RevertPlan,
    journal: Journal,
    *,
    digest: str,
    progress: Callable[[str], None] | None = None,
) -> ApplyResult:
    """Write the inverse (journalled as an apply that `reverts` the target), then mark it."""
    from wizard.model.errors import PlanError

    if digest != revert_plan.digest:
        raise PlanError("The revert plan changed since it was reviewed. Nothing was written.")
    with journal.lock("revert"):
        revert_id, confirmed = write_revert(provider, revert_plan, journal, progress)
    log.info(
        "reverted %s with %s",
        revert_plan.target.apply_id,
        counted(len(revert_plan.changes), "change"),
    )
    return ApplyResult(revert_id, revert_plan.changes, 0, confirmed)


def write_revert(
    provider: Provider,
    revert_plan: RevertPlan,
    journal: Journal,
    progress: Callable[[str], None] | None = None,
) -> tuple[str | None, ReadBack | None]:
    """The journalled inverse, for a caller that holds the journal's lock: its apply id, if
    any, and what the host showed when the reverted names were read back."""
    target = revert_plan.target
    revert_id = new_apply_id()
    confirmed = None
    if revert_plan.changes:
        setup = Setup(
            apply_id=revert_id,
            zone=target.setup.zone,
            provider_id=provider.id,
            settings=target.setup.settings,
            digest=revert_plan.digest,
            vendor=target.setup.vendor,
            profile=target.setup.profile,
            reverts=target.apply_id,
        )
        confirmed = write_changes(
            provider, setup, revert_plan.changes, revert_plan.before, journal, progress
        )
    if not revert_plan.conflicts:
        journal.reverted(target.apply_id, revert_id)
    return (revert_id if revert_plan.changes else None), confirmed
