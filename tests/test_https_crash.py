"""kill -9 the HTTPS step (and its revert) at each point; revert still leaves nothing behind.

As tests/test_crash.py does for apply: the test hook kills the process with SIGKILL at a named
step, on moto's server and a real BIND.
"""

from __future__ import annotations

import signal
from dataclasses import dataclass
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from tests.fakes.bind import BindServer
from tests.fakes.https_servers import WebServer
from tests.fakes.moto_server import MotoAws
from tests.test_https import nothing_left
from tests.test_https_cli import https_args, wizard

#: The moto, test CA and stand-in edge fixtures.
pytest_plugins = ["tests.https_fixtures"]

SET_UP_POINTS = [
    "https:started",
    "https:certificate-intent",
    "https:certificate-requested",
    "https:certificate-created",
    "pending:1",  # the validation record's apply, journalled but not sent
    "written:1",  # sent, not marked done
    "https:validation-written",
    "https:issued",
    "https:distribution-intent",
    "https:distribution-requested",
    "https:distribution-created",
    "https:deployed",
    "https:host-written",
]
REVERT_POINTS = [
    "https:revert-host",
    "https:revert-disabled",
    "https:revert-distribution",
    "https:revert-certificate",
    "https:revert-validation",
]


@dataclass
class Run:
    """`python -m wizard` against this test's BIND and data directory."""

    bind: BindServer
    data_dir: Path
    edge: WebServer
    cacert: str

    def __call__(self, *argv: str, crash_at: str | None = None) -> CompletedProcess[str]:
        return wizard(self.bind, self.data_dir, *argv, crash_at=crash_at)

    def https(self, crash_at: str | None = None) -> CompletedProcess[str]:
        """`https HOST … --yes` for the stand-in edge."""
        return self(*https_args(self.edge, self.cacert), "--yes", crash_at=crash_at)


@pytest.fixture
def run(bind: BindServer, data_dir: Path, edge: WebServer, cacert: str) -> Run:
    return Run(bind, data_dir, edge, cacert)


@pytest.mark.parametrize("crash_at", SET_UP_POINTS)
def test_set_up_killed_then_revert_leaves_nothing(
    aws: MotoAws, bind: BindServer, run: Run, crash_at: str
) -> None:
    killed = run.https(crash_at=crash_at)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    reverted = run("revert", "--yes")
    assert reverted.returncode == 0, reverted.stderr
    nothing_left(aws, bind)


@pytest.mark.parametrize(
    "crash_at", ["https:certificate-requested", "https:distribution-requested"]
)
def test_set_up_killed_then_run_again_makes_one_of_each(
    aws: MotoAws, bind: BindServer, run: Run, crash_at: str
) -> None:
    killed = run.https(crash_at=crash_at)
    assert killed.returncode == -signal.SIGKILL
    done = run.https()
    assert done.returncode == 0, done.stderr
    assert "Continuing run" in done.stdout
    assert len(aws.certificates()) == 1 and len(aws.distributions()) == 1
    assert run("revert", "--yes").returncode == 0
    nothing_left(aws, bind)


@pytest.mark.parametrize("crash_at", REVERT_POINTS)
def test_revert_killed_then_revert_again(
    aws: MotoAws, bind: BindServer, run: Run, crash_at: str
) -> None:
    made = run.https()
    assert made.returncode == 0, made.stderr
    killed = run("revert", "--yes", crash_at=crash_at)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    finished = run("revert", "--yes")
    assert finished.returncode == 0, finished.stderr
    nothing_left(aws, bind)
    last = run("revert", "--yes")
    assert last.returncode == 0 and "Nothing to revert" in last.stdout
