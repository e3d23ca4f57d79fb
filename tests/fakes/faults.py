"""Injected faults that let some requests through first and then answer a given number.

The GoDaddy fake and the Route 53 proxy queue faults with a `skip` (matching requests that pass
first) and `times` (how many then get the fault); taking one is the same for both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar


class Counted(Protocol):
    skip: int
    times: int


F = TypeVar("F", bound=Counted)


def take_fault(faults: list[F], matches: Callable[[F], bool]) -> F | None:
    """The fault for this request, counting it down; None when it passes. Hold the lock."""
    for fault in faults:
        if not matches(fault):
            continue
        if fault.skip > 0:
            fault.skip -= 1
            return None
        fault.times -= 1
        if fault.times <= 0:
            faults.remove(fault)
        return fault
    return None
