"""Shared fixtures: real servers on loopback, and a private data dir for every test."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tests.examples import PROFILE_VARIABLE
from tests.fakes.bind import CHILD_ZONE, EXAMPLE_ZONE, BindServer, ZoneHost
from tests.tools import require
from wizard.environment import Environment
from wizard.model.servers import Server

# Property tests: "quick" by default (tests/examples.py draws a tenth of each test's count),
# "ci" for the thorough count: HYPOTHESIS_PROFILE=ci, which tests/run sets under CI.
settings.register_profile("quick", max_examples=20)
settings.register_profile("ci", max_examples=100, print_blob=True)
settings.load_profile(os.environ.get(PROFILE_VARIABLE, "quick"))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "needs(*tools): the test runs these system tools (skipped without them, failed under "
        "tests/run)",
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("needs"):
        require(*mark.args)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own journal directory, and no real keyring or provider endpoint."""
    path = tmp_path / "wizard-data"
    monkeypatch.setenv("TRACKING_WIZARD_DATA_DIR", str(path))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    return path


@pytest.fixture
def paste_file(tmp_path: Path) -> Callable[..., str]:
    """Writes a paste to a file of the test's own (`name`, default records.txt): its path, as a
    command line takes it."""

    def write(text: str, name: str = "records.txt") -> str:
        path = tmp_path / name
        path.write_text(text)
        return str(path)

    return write


@pytest.fixture(scope="module")
def zone_host() -> Iterator[ZoneHost]:
    """One BIND for the test module, started when a test first asks for zones."""
    host = ZoneHost()
    yield host
    host.close()


@pytest.fixture
def start_bind(zone_host: ZoneHost) -> Iterator[Callable[[dict[str, str]], BindServer]]:
    """BIND serving the given zones (origin -> zone-file text), loaded fresh for this test on
    the module's BIND (a BIND of their own if another server of this test has them); all
    removed after the test."""
    servers: list[BindServer] = []

    def start(zones: dict[str, str]) -> BindServer:
        server = zone_host.serve(zones)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def bind(start_bind: Callable[[dict[str, str]], BindServer]) -> BindServer:
    """BIND serving a fresh copy of example.test and its delegated child.example.test."""
    return start_bind({"example.test": EXAMPLE_ZONE, "child.example.test": CHILD_ZONE})


@pytest.fixture
def rfc2136_env(bind: BindServer, monkeypatch: pytest.MonkeyPatch) -> BindServer:
    """BIND, with the rfc2136 plugin's settings for it in the environment."""
    monkeypatch.setenv("TRACKING_WIZARD_RFC2136_SERVER", bind.server)
    monkeypatch.setenv("TRACKING_WIZARD_RFC2136_KEY_NAME", bind.key_name)
    monkeypatch.setenv("TRACKING_WIZARD_RFC2136_KEY_SECRET", bind.key_secret)
    return bind


@pytest.fixture
def bind_env(rfc2136_env: BindServer, tmp_path: Path) -> Environment:
    """The wizard in real mode against BIND: rfc2136 settings in the environment, BIND as the
    only resolver and authoritative server, no web checks (they would leave loopback)."""
    bind = rfc2136_env
    servers = [Server(bind.address, bind.port)]
    return Environment(
        resolvers=servers,
        authoritative=servers,
        journal_path=tmp_path / "journal.jsonl",
        web_checks=False,
    )
