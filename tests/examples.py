"""How many examples a property test draws: all of them under CI, a tenth by default.

The Hypothesis profiles are registered in tests/conftest.py: "quick" (the default, for a
person's run) and "ci" (chosen with HYPOTHESIS_PROFILE=ci, which tests/run sets under CI).
A test states its thorough count, `max_examples=examples(2000)`, and runs that many under CI.
"""

from __future__ import annotations

import os

PROFILE_VARIABLE = "HYPOTHESIS_PROFILE"


def thorough() -> bool:
    return os.environ.get(PROFILE_VARIABLE, "quick") == "ci"


def examples(count: int) -> int:
    """`count` under the ci profile; otherwise a tenth of it, and at least 5."""
    return count if thorough() else max(5, count // 10)
