"""`serve` is safe by default: what it refuses, decided before any port is opened."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wizard.cli import main
from wizard.model.errors import UsageError
from wizard.serve.access import decide, is_loopback, token_matches


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_loopback_addresses(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.com"])
def test_other_addresses_are_reachable_by_others(host: str) -> None:
    assert not is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::"])
def test_real_mode_is_refused_off_loopback(host: str) -> None:
    with pytest.raises(UsageError, match="loopback only"):
        decide(host, real=True)


def test_the_demo_is_served_anywhere_and_always_behind_a_fresh_token() -> None:
    first, second = decide("0.0.0.0", real=False), decide("0.0.0.0", real=False)
    assert first.demo and len(first.token) >= 24 and first.token != second.token
    assert token_matches(first, first.token)
    assert not token_matches(first, second.token) and not token_matches(first, "")


def test_the_command_refuses_real_mode_off_loopback_with_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["serve", "--real", "--host", "0.0.0.0"]) == 2
    assert "loopback only" in capsys.readouterr().err


#: What `--help` loads: the web server's libraries are for `serve` alone.
HELP_IMPORTS = """
import sys
from wizard.cli import main
try:
    main(["--help"])
except SystemExit:
    pass
print(" ".join(sorted(sys.modules)), file=sys.stderr)
"""


def test_help_does_not_load_the_web_server(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", HELP_IMPORTS], capture_output=True, text=True, env=env, check=True
    )
    loaded = set(done.stderr.split())
    assert "wizard.cli" in loaded
    assert not {"aiohttp", "textual_serve", "wizard.serve", "jinja2"} & loaded
