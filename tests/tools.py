"""Where the tests find the programs they run.

The package's own console scripts (`tracking-wizard`) sit beside the Python that runs the
tests, in its virtual environment: a same-named script elsewhere on PATH may run another copy
of the code. Debian's tools (BIND, its DNSSEC tools, Unbound, tmux) are found on PATH or in
/usr/sbin. A test that needs a tool is marked `@pytest.mark.needs("tmux")`: without it, the
test is skipped, or, under `bash tests/run` (which installs them all), it fails.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

#: Set by tests/run: a missing tool is a failure, not a skip. (Not TRACKING_WIZARD_…: any
#: such variable counts as a configured DNS host, and the wizard would leave demo mode.)
REQUIRE_TOOLS = "TESTS_REQUIRE_TOOLS"


def script(name: str) -> str:
    """The console script `name` installed with the package beside `sys.executable`."""
    path = Path(sys.executable).parent / name
    if not path.exists():
        pytest.fail(
            f"{name} is not installed beside {sys.executable}: install the package into this "
            "environment (pip install -e '.[test]'), or run `bash tests/run`."
        )
    return str(path)


def tool(name: str) -> str | None:
    """A system tool by name: on PATH, or in /usr/sbin (where Debian puts named)."""
    for candidate in (shutil.which(name), f"/usr/sbin/{name}"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def missing(*names: str) -> list[str]:
    return [name for name in names if tool(name) is None]


def require(*names: str) -> None:
    """Skip the running test when a tool is missing, or fail it under tests/run."""
    absent = missing(*names)
    if not absent:
        return
    message = f"{', '.join(absent)} not installed: `bash tests/run` installs every tool"
    if os.environ.get(REQUIRE_TOOLS) == "1":
        pytest.fail(message)
    pytest.skip(message)
