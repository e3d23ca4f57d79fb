"""The journal lock: a second writer waits, then says who holds it; nothing is interleaved."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from wizard.journal_lock import journal_lock, lock_path
from wizard.model.errors import JournalError

HOLD = """
import sys, time
from pathlib import Path
from wizard.journal_lock import journal_lock
with journal_lock(Path(sys.argv[1]), "apply"):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def hold(journal: Path, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(journal), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_second_writer_is_told_who_holds_the_lock(tmp_path: Path) -> None:
    journal = tmp_path / "journal.jsonl"
    holder = hold(journal, 30)
    try:
        with pytest.raises(JournalError, match=rf"pid {holder.pid}.*apply") as info:
            with journal_lock(journal, "revert", wait=0.3):
                pass
        assert info.value.title == "Journal busy"
    finally:
        holder.kill()
        holder.wait()


def test_second_writer_waits_for_a_short_holder(tmp_path: Path) -> None:
    journal = tmp_path / "journal.jsonl"
    holder = hold(journal, 0.5)
    start = time.monotonic()
    with journal_lock(journal, "revert", wait=10):
        waited = time.monotonic() - start
    holder.wait()
    assert waited > 0.1  # it really waited for the holder rather than ignoring the lock


def test_lock_is_released_and_reusable(tmp_path: Path) -> None:
    journal = tmp_path / "journal.jsonl"
    for _ in range(2):
        with journal_lock(journal, "apply", wait=0):
            assert lock_path(journal).read_text()
    assert lock_path(journal).read_text() == ""
