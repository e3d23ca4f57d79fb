"""The journal: an append-only JSON-lines file of every write, so a crash never loses the way back.

Line kinds, each with `apply_id`:
- `setup`: one apply (zone, provider id, non-secret settings, vendor/profile, time, digest,
  `reverts` when the apply is itself a revert, and `by_hand` when a person typed the changes
  into the DNS host's panel: then `done` means they were seen in DNS);
- `pending`: the changes about to be sent in one provider call, with the state of their
  names before; fsynced before the call. A change of a record the person edited or added by
  hand on the paste step carries `"by_hand": true` (absent otherwise, and in older journals);
- `done` / `failed`: after the call;
- `reverted`: a later revert finished putting this apply's names back;
- `resource`: an external resource of an HTTPS run (certificate, CDN distribution, alias…):
  its intent before it is created, then its ids and state (`wizard.https.ledger` reads them).

A `pending` without `done` means "maybe written": revert compares with the host's current state.
Secrets never go in: the provider id and its non-secret settings are enough to rebuild it.
"""

from __future__ import annotations

import json
import logging
import os
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from wizard.datadir import default_journal_path
from wizard.model.changes import Change
from wizard.model.errors import JournalError
from wizard.model.records import Record

log = logging.getLogger(__name__)

Status = Literal["done", "incomplete", "failed", "reverted"]


def new_apply_id() -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return f"{stamp}-{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True)
class Setup:
    """One apply as the journal remembers it. `settings` never holds a secret."""

    apply_id: str
    zone: str
    provider_id: str
    settings: Mapping[str, str] = field(default_factory=dict)
    time: str = ""
    digest: str = ""
    vendor: str | None = None
    profile: str | None = None
    reverts: str | None = None
    #: Entered (or removed) by hand at the DNS host's panel: the wizard wrote nothing itself,
    #: and `done` means the records were seen in DNS as the person said.
    by_hand: bool = False
    #: The apply this one completes: records entered by hand beside those the wizard wrote
    #: through the host's API in the same journey (a split plan), watched together.
    beside: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "setup",
            "apply_id": self.apply_id,
            "zone": self.zone,
            "provider": self.provider_id,
            "settings": dict(self.settings),
            "time": self.time,
            "digest": self.digest,
            "vendor": self.vendor,
            "profile": self.profile,
            "reverts": self.reverts,
            "by_hand": self.by_hand,
            "beside": self.beside,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Setup:
        return cls(
            apply_id=data["apply_id"],
            zone=data["zone"],
            provider_id=data["provider"],
            settings=dict(data.get("settings") or {}),
            time=data.get("time", ""),
            digest=data.get("digest", ""),
            vendor=data.get("vendor"),
            profile=data.get("profile"),
            reverts=data.get("reverts"),
            by_hand=bool(data.get("by_hand", False)),
            beside=data.get("beside"),
        )


@dataclass(frozen=True)
class Batch:
    """The changes of one provider call, the names' state before it, and whether it finished."""

    number: int
    changes: tuple[Change, ...]
    before: tuple[Record, ...]
    done: bool = False
    error: str | None = None
    #: The changes whose record the person edited or added by hand.
    by_hand: tuple[Change, ...] = ()


@dataclass(frozen=True)
class AppliedSetup:
    """Everything the journal knows about one apply, folded from its lines."""

    setup: Setup
    batches: tuple[Batch, ...]
    reverted_by: str | None = None

    @property
    def apply_id(self) -> str:
        return self.setup.apply_id

    @property
    def changes(self) -> tuple[Change, ...]:
        """Every change that was sent or may have been sent (a pending batch counts)."""
        return tuple(c for b in self.batches for c in b.changes)

    @property
    def before(self) -> tuple[Record, ...]:
        return tuple(r for b in self.batches for r in b.before)

    @property
    def by_hand(self) -> tuple[Change, ...]:
        """The changes of records the person edited or added by hand on the paste step."""
        return tuple(c for b in self.batches for c in b.by_hand)

    @property
    def status(self) -> Status:
        if self.reverted_by:
            return "reverted"
        if any(b.error for b in self.batches):
            return "failed"
        if all(b.done for b in self.batches):
            return "done"
        return "incomplete"

    def to_json(self) -> dict[str, Any]:
        return {
            **self.setup.to_json(),
            "status": self.status,
            "reverted_by": self.reverted_by,
            "changes": [_entry(c, c in self.by_hand) for c in self.changes],
            "batches": [
                {"number": b.number, "done": b.done, "error": b.error, "size": len(b.changes)}
                for b in self.batches
            ],
        }


def _typed_by_hand(change: Change, by_hand: Sequence[Record]) -> bool:
    return change.new is not None and any(change.new.same_data(r) for r in by_hand)


def _entry(change: Change, by_hand: bool) -> dict[str, Any]:
    """A change as the journal writes it; `by_hand` only when true, so older readers and
    older journals read as before."""
    entry = change.to_json()
    if by_hand:
        entry["by_hand"] = True
    return entry


class Journal:
    """Append-only, fsynced JSON lines at `path` (directories made on first write)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else default_journal_path()

    def _append(self, entry: dict[str, Any]) -> None:
        line = json.dumps(entry, sort_keys=True, separators=(",", ":")) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, line.encode())
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as err:
            raise JournalError(
                f"Could not write the journal at {self.path}: {err.strerror}. Nothing was "
                "changed at the DNS host. Set TRACKING_WIZARD_DATA_DIR to a writable directory."
            ) from None

    def lock(self, what: str) -> AbstractContextManager[None]:
        """Exclusive use of the journal for one apply or revert (see `journal_lock`)."""
        from wizard.journal_lock import journal_lock

        return journal_lock(self.path, what)

    def start(self, setup: Setup) -> None:
        entry = setup.to_json()
        if not entry["time"]:
            entry["time"] = datetime.now(UTC).isoformat(timespec="seconds")
        self._append(entry)

    def pending(
        self,
        apply_id: str,
        number: int,
        changes: Sequence[Change],
        before: Sequence[Record],
        *,
        by_hand: Sequence[Record] = (),
    ) -> None:
        """`by_hand`: records the person edited or added; their changes say so."""
        self._append(
            {
                "kind": "pending",
                "apply_id": apply_id,
                "batch": number,
                "changes": [_entry(c, _typed_by_hand(c, by_hand)) for c in changes],
                "before": [r.to_json() for r in before],
            }
        )

    def done(self, apply_id: str, number: int) -> None:
        self._append({"kind": "done", "apply_id": apply_id, "batch": number})

    def failed(self, apply_id: str, number: int, message: str) -> None:
        self._append({"kind": "failed", "apply_id": apply_id, "batch": number, "error": message})

    def reverted(self, apply_id: str, by: str) -> None:
        self._append({"kind": "reverted", "apply_id": apply_id, "by": by})

    def resource(self, apply_id: str, entry: Mapping[str, Any]) -> None:
        """One state of an external resource of run `apply_id`, fsynced like every line."""
        self._append({**entry, "kind": "resource", "apply_id": apply_id})

    def lines(self) -> Iterator[dict[str, Any]]:
        """Each entry; a torn last line (a crash mid-append) is skipped with a log line."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except OSError as err:
            raise JournalError(
                f"Could not read the journal at {self.path}: {err.strerror}."
            ) from None
        for number, raw in enumerate(text.splitlines(), start=1):
            if not raw.strip():
                continue
            try:
                entry = json.loads(raw)
            except json.JSONDecodeError:
                log.warning("journal line %d is incomplete and was skipped", number)
                continue
            if isinstance(entry, dict) and "kind" in entry and "apply_id" in entry:
                yield entry

    def applies(self) -> list[AppliedSetup]:
        """Every apply, oldest first."""
        setups: dict[str, Setup] = {}
        batches: dict[str, dict[int, Batch]] = {}
        reverted: dict[str, str] = {}
        try:
            for e in self.lines():
                aid = e["apply_id"]
                kind = e["kind"]
                if kind == "setup":
                    setups[aid] = Setup.from_json(e)
                    batches.setdefault(aid, {})
                elif kind == "pending":
                    batches.setdefault(aid, {})[e["batch"]] = Batch(
                        e["batch"],
                        tuple(Change.from_json(c) for c in e["changes"]),
                        tuple(Record.from_json(r) for r in e["before"]),
                        by_hand=tuple(
                            Change.from_json(c) for c in e["changes"] if c.get("by_hand")
                        ),
                    )
                elif kind in ("done", "failed"):
                    old = batches.get(aid, {}).get(e["batch"])
                    if old is not None:
                        batches[aid][e["batch"]] = replace(
                            old, done=kind == "done", error=e.get("error")
                        )
                elif kind == "reverted":
                    reverted[aid] = e.get("by", "")
        except (KeyError, TypeError, ValueError) as err:
            raise JournalError(
                f"The journal at {self.path} has an entry we cannot read: {err}."
            ) from None
        return [
            AppliedSetup(
                setup,
                tuple(sorted(batches.get(aid, {}).values(), key=lambda b: b.number)),
                reverted.get(aid),
            )
            for aid, setup in setups.items()
        ]

    def get(self, apply_id: str) -> AppliedSetup | None:
        return next((a for a in self.applies() if a.apply_id == apply_id), None)

    def together(self, applied: AppliedSetup) -> tuple[AppliedSetup, ...]:
        """`applied`, after the apply it completes (`beside`: the records written through the
        host's API beside those entered by hand): one paste, watched as one."""
        partner = self.get(applied.setup.beside) if applied.setup.beside else None
        return (applied,) if partner is None else (partner, applied)
