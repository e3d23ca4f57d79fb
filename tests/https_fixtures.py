"""Fixtures the HTTPS tests share: moto (Route 53, ACM, CloudFront), a test CA, a stand-in edge.

A plugin module (`pytest_plugins = ["tests.https_fixtures"]`), not a test module, so pytest
reads its fixtures once for every module that asks for them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

from tests.fakes.https_servers import WebServer
from tests.fakes.moto_server import MotoAws, moto_aws
from wizard.readiness import Reach

ZONE = "example.test"
HOST = f"links.{ZONE}"


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[MotoAws]:
    with moto_aws(monkeypatch) as fake:
        yield fake


@pytest.fixture
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def edge(ca: trustme.CA) -> Iterator[WebServer]:
    """Stands in for CloudFront's edge: HTTPS with a certificate for HOST from a test CA."""
    with WebServer(default_cert=ca.issue_cert(HOST)) as server:
        yield server


@pytest.fixture
def cacert(ca: trustme.CA, tmp_path: Path) -> str:
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return str(path)


@pytest.fixture
def reach(edge: WebServer, cacert: str) -> Reach:
    """The HTTPS check's way to the stand-in edge, trusting the test CA."""
    return Reach({(HOST, edge.port): "127.0.0.1"}, https_port=edge.port, cacert=cacert)
