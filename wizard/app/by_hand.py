"""Setups and roll backs typed by a person into the DNS host's panel, journalled like writes.

The wizard writes nothing on the manual path, but what the person was asked to enter is a
change to their zone all the same: it goes in the journal as "entered by hand" (a `setup` with
`by_hand`, its changes `pending`), before the watch. It is `done` once the watch has seen every
record live, as the person said. Roll back then reads DNS for what is still there (the manual
provider reads, never writes), asks the person to remove it by hand, watches it go, and closes
the setup in the journal as reverted.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from providers.base import Provider
from wizard.journal import AppliedSetup, Journal, Setup, new_apply_id
from wizard.model.changes import create
from wizard.model.errors import WizardError
from wizard.model.names import normalize_name
from wizard.model.records import Record
from wizard.model.servers import Server
from wizard.rollback import RevertPlan

log = logging.getLogger(__name__)

#: Every by-hand entry is one batch: the person types the records in one sitting.
BATCH = 1


def reader_settings(
    authoritative: Sequence[Server] | None, resolvers: Sequence[Server] | None
) -> dict[str, str]:
    """The manual provider's settings to read the zone with: the zone's servers when they are
    given (tests, the demo, TRACKING_WIZARD_AUTHORITATIVE), else a given resolver, else none
    (the system's resolver). Journalled with the setup, so Roll back reads the same way."""
    given = authoritative or resolvers
    return {"nameserver": str(given[0])} if given else {}


def state_before(provider: Provider, zone: str, records: Sequence[Record]) -> tuple[Record, ...]:
    """What DNS serves at the records' names before the person types anything, so a later
    roll back keeps what was there already. Empty when DNS cannot be read (said in the log)."""
    names = sorted({normalize_name(r.name) for r in records})
    try:
        return tuple(provider.list_records(zone, names).records)
    except WizardError as err:
        log.warning("could not read %s before the manual entry: %s", zone, err)
        return ()


def entered(
    journal: Journal,
    zone: str,
    records: Sequence[Record],
    before: Sequence[Record],
    *,
    settings: Mapping[str, str] | None = None,
    profile: str | None = None,
    vendor: str | None = None,
    beside: str | None = None,
) -> str:
    """Journal the records the person says they entered; its apply id. `beside`: the apply
    that wrote the rest of the paste through the host's API, in the same journey."""
    apply_id = new_apply_id()
    with journal.lock("entered by hand"):
        journal.start(
            Setup(
                apply_id,
                normalize_name(zone),
                "manual",
                settings=dict(settings or {}),
                vendor=vendor,
                profile=profile,
                by_hand=True,
                beside=beside,
            )
        )
        journal.pending(apply_id, BATCH, [create(r) for r in records], before)
    return apply_id


def records_to_watch(journal: Journal, applied: AppliedSetup) -> tuple[Record, ...]:
    """The records a resumed watch expects for `applied`: its own, and where it was entered by
    hand beside an apply through the host's API, that apply's too (one paste, one watch)."""
    together = journal.together(applied)
    return tuple(dict.fromkeys(c.new for a in together for c in a.changes if c.new is not None))


def seen(journal: Journal, apply_id: str) -> None:
    """The watch saw every record of a by-hand entry or removal as intended."""
    with journal.lock("seen by hand"):
        journal.done(apply_id, BATCH)


def removing(journal: Journal, plan: RevertPlan) -> str:
    """Journal the removal the person says they made by hand (the reviewed inverse); its id."""
    target = plan.target.setup
    revert_id = new_apply_id()
    with journal.lock("removed by hand"):
        journal.start(
            Setup(
                revert_id,
                target.zone,
                "manual",
                settings=target.settings,
                digest=plan.digest,
                vendor=target.vendor,
                profile=target.profile,
                reverts=target.apply_id,
                by_hand=True,
            )
        )
        journal.pending(revert_id, BATCH, plan.changes, plan.before)
    return revert_id


def removed(journal: Journal, plan: RevertPlan, revert_id: str) -> None:
    """The watch saw the records gone: the removal is done and the setup is closed."""
    with journal.lock("removed by hand"):
        journal.done(revert_id, BATCH)
        if not plan.conflicts:
            journal.reverted(plan.target.apply_id, revert_id)
