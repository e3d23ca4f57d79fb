"""A clock a test sets by hand: what the embedded servers and the watcher read as the time."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ManualClock:
    """Called, it answers `now`; a test moves time on by changing `now`."""

    now: float

    def __call__(self) -> float:
        return self.now
