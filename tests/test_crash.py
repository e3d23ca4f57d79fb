"""kill -9 an apply (and a revert) at each point of the write; revert still restores the zone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.fakes.bind import BindServer
from tests.keys import DKIM_1024

PASTE = f"""\
links.example.test. 300 IN CNAME new.vendor.example.
pendo._domainkey.example.test. 300 IN TXT "{DKIM_1024}"
example.test. 300 IN TXT "pendo-verification=abc"
www.example.test. 300 IN A 192.0.2.99
"""
NAMES = ("links.example.test", "pendo._domainkey.example.test", "example.test", "www.example.test")


def snapshot(bind: BindServer) -> set[tuple[str, str, str]]:
    return {
        (name, t, text)
        for name in NAMES
        for t in ("A", "CNAME", "TXT", "MX")
        for text in bind.texts(name, t)
    }


def cli(
    bind: BindServer,
    data_dir: Path,
    *argv: str,
    crash_at: str | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """`python -m wizard ARGV` with no terminal, writing to BIND through RFC 2136.

    `crash_at` names the journal point where the process kills itself (SIGKILL).
    """
    environ = dict(os.environ)
    environ.update(
        TRACKING_WIZARD_DATA_DIR=str(data_dir),
        TRACKING_WIZARD_RFC2136_SERVER=bind.server,
        TRACKING_WIZARD_RFC2136_KEY_NAME=bind.key_name,
        TRACKING_WIZARD_RFC2136_KEY_SECRET=bind.key_secret,
        **(env or {}),
    )
    environ.pop("TRACKING_WIZARD_TEST_CRASH_AT", None)
    if crash_at:
        environ["TRACKING_WIZARD_TEST_CRASH_AT"] = crash_at
    return subprocess.run(
        [sys.executable, "-m", "wizard", *argv],
        env=environ,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.mark.parametrize("crash_at", ["pending:1", "written:1"])
def test_apply_killed_then_revert_restores(
    bind: BindServer, tmp_path: Path, data_dir: Path, crash_at: str
) -> None:
    first = tmp_path / "first.txt"
    first.write_text("links.example.test. 300 IN CNAME old.vendor.example.\n")
    args = ["--zone", "example.test", "--provider", "rfc2136", "--yes", "--replace"]
    assert cli(bind, data_dir, "apply", str(first), *args).returncode == 0
    before = snapshot(bind)
    paste = tmp_path / "paste.txt"
    paste.write_text(PASTE)

    killed = cli(bind, data_dir, "apply", str(paste), *args, crash_at=crash_at)
    assert killed.returncode == -signal.SIGKILL
    if crash_at == "written:1":
        assert ("links.example.test", "CNAME", "new.vendor.example.") in snapshot(bind)
    else:
        assert snapshot(bind) == before

    reverted = cli(bind, data_dir, "revert", "--yes")
    assert reverted.returncode == 0, reverted.stderr
    assert snapshot(bind) == before
    # the crashed apply is done with; the next revert undoes the earlier one
    again = cli(bind, data_dir, "revert", "--yes")
    assert again.returncode == 0, again.stderr
    assert bind.texts("links.example.test", "CNAME") == []
    assert bind.key_secret not in (data_dir / "journal.jsonl").read_text()


@pytest.mark.parametrize("crash_at", ["pending:1", "written:1"])
def test_revert_killed_then_revert_again(
    bind: BindServer, tmp_path: Path, data_dir: Path, crash_at: str
) -> None:
    before = snapshot(bind)
    paste = tmp_path / "paste.txt"
    paste.write_text(PASTE)
    args = ["--zone", "example.test", "--provider", "rfc2136", "--yes", "--replace"]
    assert cli(bind, data_dir, "apply", str(paste), *args).returncode == 0
    assert snapshot(bind) != before
    killed = cli(bind, data_dir, "revert", "--yes", crash_at=crash_at)
    assert killed.returncode == -signal.SIGKILL
    assert cli(bind, data_dir, "revert", "--yes").returncode == 0
    assert snapshot(bind) == before
    last = cli(bind, data_dir, "revert", "--yes")
    assert last.returncode == 0 and "Nothing to revert" in last.stdout
    assert snapshot(bind) == before
