"""Read-back: what a DNS host shows after a write, compared with exactly what was planned.

A host can take a write and store something else (a priority dropped, a TXT value's quotes or
characters stripped, a TTL moved, a create that quietly did nothing, a neighbour rewritten by a
whole-set write). So after each write the base provider reads the written names again through
the host's own API and compares field by field: type, name, every byte of the value, TTL,
priority, and that every other record at those names is as it was. This module is that
comparison; it does no I/O.

TTL: a planned TTL is compared exactly, except that on a host with `ttl_per_set` (an RRset has
one TTL) a value added beside values that stay takes the set's TTL, and that the host's
"automatic" TTL reads back as no TTL. A record planned without a TTL (the vendor gave none)
takes the host's default, which is not compared.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from wizard.model.changes import Change
from wizard.model.errors import ProviderError
from wizard.model.records import Record
from wizard.model.words import counted


@dataclass(frozen=True)
class ReadBack:
    """A write confirmed at the host: `confirmed` of `total` changes read back as planned."""

    host: str
    confirmed: int
    total: int

    def __add__(self, other: ReadBack) -> ReadBack:
        return ReadBack(self.host, self.confirmed + other.confirmed, self.total + other.total)

    @property
    def line(self) -> str:
        """The sentence both faces show: "Confirmed at Cloudflare: 3 of 3 changes …"."""
        return (
            f"Confirmed at {self.host}: {self.confirmed} of "
            f"{counted(self.total, 'change')} exactly as given"
        )


class ReadBackMismatch(ProviderError, title="Not stored as given"):
    """The host holds something other than the plan after a write it accepted.

    `stored`: records at the names that the plan did not ask for (what the host holds instead);
    `lost`: records that were there before, outside the plan, and are gone. The journal keeps
    both, so a revert removes what the host made of the write and puts back what it dropped.
    """

    def __init__(
        self,
        message: str,
        *,
        confirmed: int,
        total: int,
        stored: tuple[Record, ...] = (),
        lost: tuple[Record, ...] = (),
        title: str | None = None,
    ) -> None:
        super().__init__(message, title=title)
        self.confirmed = confirmed
        self.total = total
        self.stored = stored
        self.lost = lost


@dataclass(frozen=True)
class _Expected:
    record: Record
    #: The change that put it there, or None for a record that was there before and stays.
    change: Change | None


def _ttl_matches(planned: int | None, held: int | None, automatic: int | None) -> bool:
    if planned is None:
        return True  # no TTL was given: the host's default is what was asked for
    if planned == held:
        return True
    return automatic is not None and planned == automatic and held is None


def _same(planned: Record, held: Record, automatic: int | None) -> bool:
    return planned.same_data(held) and _ttl_matches(planned.ttl, held.ttl, automatic)


def _ttl_text(ttl: int | None, *, planned: bool) -> str:
    if ttl is None:
        return "no TTL given" if planned else "the host's automatic TTL"
    return f"TTL {ttl}"


def expected_after(
    before: Sequence[Record], changes: Sequence[Change], *, ttl_per_set: bool
) -> list[_Expected]:
    """The records the names must hold after `changes`, each with the change that made it."""
    expected = [_Expected(r, None) for r in before]
    for change in changes:
        if change.existing is not None:
            gone = next((e for e in expected if e.record.same_data(change.existing)), None)
            if gone is not None:
                expected.remove(gone)
        already = change.new is not None and any(e.record.same_data(change.new) for e in expected)
        if change.new is not None and not already:  # a value is held once: a re-create is kept
            expected.append(_Expected(change.new, change))
    if ttl_per_set:
        kept_ttl = {e.record.key: e.record.ttl for e in expected if e.change is None}
        expected = [
            replace(e, record=replace(e.record, ttl=kept_ttl[e.record.key]))
            if e.change is not None and e.record.key in kept_ttl
            else e
            for e in expected
        ]
    return expected


def compare(
    host: str,
    before: Sequence[Record],
    changes: Sequence[Change],
    after: Sequence[Record],
    *,
    ttl_per_set: bool = False,
    automatic_ttl: int | None = None,
) -> ReadBack:
    """Confirm `changes` against `after` (the names read again); ReadBackMismatch if not."""
    expected = expected_after(before, changes, ttl_per_set=ttl_per_set)
    held = list(after)
    missing: list[_Expected] = []
    for item in expected:
        found = next((h for h in held if _same(item.record, h, automatic_ttl)), None)
        if found is None:
            missing.append(item)
        else:
            held.remove(found)
    total = len(changes)
    if not missing and not held:
        return ReadBack(host, total, total)

    extra = list(held)
    sentences: list[str] = []
    failed: set[int] = set()
    for item in missing:
        planned = item.record
        if item.change is not None:
            failed.add(id(item.change))
        # What the host holds instead: the same data at another TTL, else a value of the set.
        instead = next((h for h in extra if h.same_data(planned)), None)
        if instead is None:
            instead = next((h for h in extra if h.key == planned.key), None)
        if instead is not None:
            extra.remove(instead)
        what = "planned" if item.change is not None else "was there before, outside the plan:"
        if instead is None:
            sentences.append(
                f"{what} {planned} ({_ttl_text(planned.ttl, planned=True)}); the host has none"
            )
        elif instead.same_data(planned):
            sentences.append(
                f"{what} {planned} with {_ttl_text(planned.ttl, planned=True)}; the host holds "
                f"{_ttl_text(instead.ttl, planned=False)}"
            )
        else:
            held_ttl = _ttl_text(instead.ttl, planned=False)
            sentences.append(
                f"{what} {planned} ({_ttl_text(planned.ttl, planned=True)}); the host holds "
                f"{instead} ({held_ttl}) instead"
            )
    for record in extra:
        deleted = next(
            (c for c in changes if c.existing is not None and c.existing.same_data(record)), None
        )
        if deleted is not None:
            failed.add(id(deleted))
            sentences.append(f"planned to remove {record}; the host still holds it")
        else:
            sentences.append(f"the host also holds {record}, which the plan did not ask for")
    confirmed = total - len(failed & {id(c) for c in changes})
    message = (
        f"{host} accepted the write but does not hold exactly what was planned (read back "
        f"through its API: {confirmed} of {counted(total, 'change')} as given): "
        + "; ".join(sentences)
        + "."
    )
    lost = tuple(i.record for i in missing if i.change is None)
    raise ReadBackMismatch(message, confirmed=confirmed, total=total, stored=tuple(held), lost=lost)
