"""An exclusive lock beside the journal, held around each apply and revert.

A TUI and a CLI on one machine share one journal; without the lock their plan re-checks and
writes could interleave. The second one waits briefly, then says who holds the lock.
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from wizard.model.errors import JournalError

#: How long a second writer waits for the first before giving up with a sentence.
WAIT_SECONDS = 5.0
_POLL = 0.05


def lock_path(journal_path: Path) -> Path:
    return journal_path.with_name(journal_path.name + ".lock")


def _holder(path: Path) -> str:
    """Who holds the lock, as the holder wrote it: `pid 123 (apply, since 12:01:05 UTC)`."""
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return "another wizard"
    pid, what, since = info.get("pid"), info.get("what", "a write"), info.get("since", "")
    return f"another wizard (pid {pid}, {what}, since {since})"


@contextmanager
def journal_lock(journal_path: Path, what: str, *, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the journal's lock for `what` ("apply", "revert"); JournalError after `wait` s."""
    path = lock_path(journal_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as err:
        raise JournalError(
            f"Could not open the journal's lock at {path}: {err.strerror}. Nothing was changed."
        ) from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise JournalError(
                        f"The journal at {journal_path} is in use by {_holder(path)}. Nothing "
                        "was changed; try again when it has finished.",
                        title="Journal busy",
                    ) from None
                time.sleep(_POLL)
        since = datetime.now(UTC).strftime("%H:%M:%S UTC")
        command = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "python"
        info = {"pid": os.getpid(), "what": f"{command} {what}", "since": since}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
