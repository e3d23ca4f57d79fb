"""The journal file: where it lives, what a line holds, how it folds back into applies."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from wizard.datadir import default_journal_path
from wizard.journal import Journal, Setup
from wizard.model.changes import create, update
from wizard.model.errors import JournalError
from wizard.model.records import Record

REC = Record("TXT", "example.test", "v=1", 300)
OLD = Record("CNAME", "links.example.test", "old.example", 300)
NEW = Record("CNAME", "links.example.test", "new.example", 300)


def test_path_from_env(data_dir: Path) -> None:
    assert default_journal_path() == data_dir / "journal.jsonl"


def test_path_from_platformdirs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TRACKING_WIZARD_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_journal_path() == tmp_path / "xdg" / "tracking-wizard" / "journal.jsonl"


def test_lines_and_fold(data_dir: Path) -> None:
    j = Journal()
    j.start(Setup("a1", "example.test", "rfc2136", {"server": "127.0.0.1:53"}, vendor="pendo"))
    j.pending("a1", 1, [create(REC), update(OLD, NEW)], [OLD])
    assert j.applies()[0].status == "incomplete"
    j.done("a1", 1)
    lines = [json.loads(x) for x in (data_dir / "journal.jsonl").read_text().splitlines()]
    assert [x["kind"] for x in lines] == ["setup", "pending", "done"]
    assert lines[0]["time"] and lines[0]["vendor"] == "pendo"
    (applied,) = j.applies()
    assert applied.status == "done"
    assert applied.changes == (create(REC), update(OLD, NEW))
    assert applied.before == (OLD,)
    j.reverted("a1", "r1")
    assert j.applies()[0].status == "reverted"
    assert os.stat(data_dir / "journal.jsonl").st_mode & 0o777 == 0o600


def test_failed_batch(data_dir: Path) -> None:
    j = Journal()
    j.start(Setup("a1", "example.test", "x"))
    j.pending("a1", 1, [create(REC)], [])
    j.failed("a1", 1, "timed out")
    assert j.applies()[0].status == "failed"
    assert j.applies()[0].batches[0].error == "timed out"


def test_torn_last_line_is_skipped(data_dir: Path) -> None:
    j = Journal()
    j.start(Setup("a1", "example.test", "x"))
    with open(j.path, "a") as handle:
        handle.write('{"kind": "pending", "apply_id": "a1", "bat')
    assert j.applies()[0].batches == ()


def test_unwritable_directory_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(JournalError, match="TRACKING_WIZARD_DATA_DIR"):
        Journal(blocker / "sub" / "journal.jsonl").start(Setup("a", "z", "p"))


def test_empty_journal() -> None:
    assert Journal().applies() == []


def test_changes_typed_by_hand_are_marked_and_older_lines_still_read(data_dir: Path) -> None:
    """`by_hand` is written only on a change of a record the person edited or added, and a
    journal written before the mark existed (no `by_hand` key) reads as nothing by hand."""
    j = Journal()
    j.start(Setup("old", "example.test", "rfc2136"))
    j.pending("old", 1, [create(REC)], [])  # as an older wizard wrote it: no mark at all
    j.done("old", 1)
    j.start(Setup("a1", "example.test", "rfc2136"))
    typed = Record("TXT", "example.test", "v=1")  # the TTL is the host's: same data
    j.pending("a1", 1, [create(REC), update(OLD, NEW)], [OLD], by_hand=[typed])
    j.done("a1", 1)
    lines = [json.loads(x) for x in (data_dir / "journal.jsonl").read_text().splitlines()]
    marks = [[c.get("by_hand") for c in x["changes"]] for x in lines if x["kind"] == "pending"]
    assert marks == [[None], [True, None]]
    old, new = j.applies()
    assert old.by_hand == () and old.status == "done"
    assert new.by_hand == (create(REC),) and new.status == "done"
    assert [c.get("by_hand") for c in new.to_json()["changes"]] == [True, None]
