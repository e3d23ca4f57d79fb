"""`tracking-wizard watch ... | head`: when the reader leaves, the watch ends, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.fakes.bind import BindServer

ROOT = Path(__file__).resolve().parents[1]


def test_watch_into_a_closed_pipe_ends_quietly(bind: BindServer, tmp_path: Path) -> None:
    records = tmp_path / "records.txt"
    # Never live, so the watch would sweep for 72 hours if the closed pipe did not end it.
    records.write_text("links.example.test CNAME data.vendor.test\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "wizard", "watch", str(records), "--json"]
    command += ["--authoritative", bind.server, "--authoritative-only"]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()  # like `head -1`: one line, then the reader is gone
    process.stdout.close()
    errors = process.stderr.read().decode()
    code = process.wait()
    assert b'"status": "missing"' in first
    assert "Traceback" not in errors and "BrokenPipeError" not in errors, errors
    assert errors == ""
    assert code == 141
