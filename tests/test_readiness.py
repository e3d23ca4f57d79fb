"""Readiness checks against real HTTP/HTTPS servers and BIND on loopback, with a test CA."""

from __future__ import annotations

import datetime
import json
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import trustme

from tests.fakes.bind import BindServer
from tests.fakes.https_servers import WebServer
from tests.json_shapes import shape_errors
from wizard.cli import main
from wizard.model.servers import Server
from wizard.readiness import CheckResult, Hsts, Reach, check_hsts, check_tracking_host, covers
from wizard.vendors import load_profile
from wizard.zones import make_resolver

HOST = "links.example.test"
PARENT = "example.test"

ZONE = """\
$TTL 300
@      IN SOA ns1.example.test. hostmaster.example.test. ( 1 3600 600 86400 60 )
@      IN NS  ns1.example.test.
ns1    IN A   127.0.0.1
links  IN CNAME e.customeriomail.com.
wrong  IN CNAME e-eu.customeriomail.com.
direct IN CNAME r.us-east-1.awstrack.me.
cdn    IN CNAME d111abc.cloudfront.example.
"""
TARGETS = """\
$TTL 300
@  IN SOA ns1.example.test. hostmaster.example.test. ( 1 3600 600 86400 60 )
@  IN NS  ns1.example.test.
e  IN A   192.0.2.80
"""


@pytest.fixture
def dns_server(start_bind: Callable[[dict[str, str]], BindServer]) -> BindServer:
    return start_bind({PARENT: ZONE, "customeriomail.com": TARGETS})


@pytest.fixture
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def cacert(ca: trustme.CA, tmp_path: Path) -> str:
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return str(path)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def http_server() -> Iterator[WebServer]:
    with WebServer({HOST: {"Location": f"https://{HOST}/"}}, status=302) as server:
        yield server


def reach_for(http: WebServer | None, https: WebServer | None, cacert: str | None) -> Reach:
    http_port = http.port if http else free_port()
    https_port = https.port if https else free_port()
    resolve = {
        (name, port): "127.0.0.1" for name in (HOST, PARENT) for port in (http_port, https_port)
    }
    return Reach(resolve, http_port, https_port, cacert, timeout=2.0)


def by_name(results: list[CheckResult]) -> dict[str, CheckResult]:
    return {r.name: r for r in results}


def run(host: str, vendor: str, dns_server: BindServer, reach: Reach) -> dict[str, CheckResult]:
    resolver = make_resolver([Server(dns_server.address, dns_server.port)], timeout=2.0)
    return by_name(check_tracking_host(host, load_profile(vendor), resolver=resolver, reach=reach))


def test_a_ready_customerio_host(
    dns_server: BindServer, http_server: WebServer, ca: trustme.CA, cacert: str
) -> None:
    with WebServer(default_cert=ca.issue_cert(HOST, PARENT)) as https:
        results = run(HOST, "customerio-us", dns_server, reach_for(http_server, https, cacert))
    assert {name: r.status for name, r in results.items()} == {
        "dns": "ok",
        "http": "ok",
        "hsts": "ok",
        "https": "ok",
    }
    assert "e.customeriomail.com" in results["dns"].summary
    assert "302" in results["http"].summary and f"https://{HOST}/" in results["http"].summary
    assert http_server.requests == [HOST]


def test_wrong_target_and_missing_cname_fail(dns_server: BindServer) -> None:
    reach = reach_for(None, None, None)
    wrong = run("wrong.example.test", "customerio-us", dns_server, reach)["dns"]
    assert wrong.status == "failed" and "e-eu.customeriomail.com" in wrong.summary
    missing = run("nothing.example.test", "customerio-us", dns_server, reach)["dns"]
    assert missing.status == "failed" and "no CNAME" in missing.summary


def test_pendo_host_pointing_straight_at_the_ses_origin_is_a_warning(
    dns_server: BindServer,
) -> None:
    reach = reach_for(None, None, None)
    assert run("direct.example.test", "pendo-us", dns_server, reach)["dns"].status == "warning"
    assert run("cdn.example.test", "pendo-us", dns_server, reach)["dns"].status == "ok"


def test_nothing_listening_fails_http(dns_server: BindServer) -> None:
    results = run(HOST, "customerio-us", dns_server, reach_for(None, None, None))
    assert results["http"].status == "failed"
    assert "refused" in results["http"].summary
    # Without HSTS, HTTPS is optional for Customer.io: its tracked links are HTTP by default.
    assert results["https"].status == "optional"
    assert "HTTP tracked links work without it" in results["https"].summary


@pytest.mark.parametrize(
    ("certified", "hsts", "https", "said"),
    [
        # HSTS makes HTTPS necessary, so a certificate that misses the host now fails.
        ("other.example.test", "warning", "failed", "HTTPS link tracking"),
        # With a certificate that covers the host, HSTS forcing HTTPS is fine.
        (HOST, "ok", "ok", "HSTS covers it, and HTTPS works there"),
    ],
)
def test_parent_hsts_with_include_subdomains_forces_https(
    dns_server: BindServer,
    http_server: WebServer,
    ca: trustme.CA,
    cacert: str,
    certified: str,
    hsts: str,
    https: str,
    said: str,
) -> None:
    headers = {PARENT: {"Strict-Transport-Security": "max-age=31536000; includeSubDomains"}}
    certs = {PARENT: ca.issue_cert(PARENT), HOST: ca.issue_cert(certified)}
    with WebServer(headers, certs=certs) as server:
        results = run(HOST, "customerio-us", dns_server, reach_for(http_server, server, cacert))
    assert (results["hsts"].status, results["https"].status) == (hsts, https)
    assert said in results["hsts"].summary
    assert "includeSubDomains" in results["hsts"].detail
    if https == "failed":
        assert "does not cover links.example.test" in results["https"].summary


def test_parent_hsts_without_include_subdomains_does_not_touch_the_host(
    http_server: WebServer, ca: trustme.CA, cacert: str
) -> None:
    headers = {PARENT: {"Strict-Transport-Security": "max-age=31536000"}}
    with WebServer(headers, default_cert=ca.issue_cert(HOST, PARENT)) as https:
        result = check_hsts(HOST, reach_for(http_server, https, cacert))
    assert result.status == "ok"
    assert "sends HSTS (max-age 31536000)" in result.detail


def test_an_expired_certificate_fails(ca: trustme.CA, cacert: str) -> None:
    past = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=2)
    cert = ca.issue_cert(HOST, not_before=past - datetime.timedelta(days=90), not_after=past)
    with WebServer(default_cert=cert) as https:
        reach = reach_for(None, https, cacert)
        from wizard.readiness import check_https

        result = check_https(HOST, reach, required=True)
    assert result.status == "failed"
    assert "expired" in result.summary


def test_a_certificate_expiring_soon_is_a_warning(ca: trustme.CA, cacert: str) -> None:
    soon = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=5)
    with WebServer(default_cert=ca.issue_cert(HOST, not_after=soon)) as https:
        from wizard.readiness import check_https

        result = check_https(HOST, reach_for(None, https, cacert), required=True)
    assert result.status == "warning"
    assert "expires" in result.summary and "Renew" in result.summary


def test_an_untrusted_ca_fails(ca: trustme.CA) -> None:
    with WebServer(default_cert=ca.issue_cert(HOST)) as https:
        from wizard.readiness import check_https

        result = check_https(HOST, reach_for(None, https, None), required=True)
    assert result.status == "failed" and "not trusted" in result.summary


def test_the_preload_list_is_read_offline() -> None:
    # .app is preloaded as a whole top-level domain; nothing here is reachable, or asked.
    result = check_hsts("links.shop.app", reach_for(None, None, None))
    assert result.status == "warning"
    assert "preload list" in result.detail


def test_hsts_header_parsing() -> None:
    assert Hsts.parse('max-age="600"; includeSubDomains; preload') == Hsts(600, True, True)
    assert Hsts.parse("max-age=0") == Hsts(0, False, False)


@pytest.mark.parametrize(
    ("pattern", "host", "expected"),
    [
        ("links.example.test", "links.example.test", True),
        ("*.example.test", "links.example.test", True),
        ("*.example.test", "a.links.example.test", False),
        ("*.example.test", "example.test", False),
    ],
)
def test_certificate_name_matching(pattern: str, host: str, expected: bool) -> None:
    assert covers(pattern, host) is expected


def test_check_command_json_and_exit_status(
    dns_server: BindServer,
    http_server: WebServer,
    ca: trustme.CA,
    cacert: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with WebServer(default_cert=ca.issue_cert(HOST, PARENT)) as https:
        args = [
            "check",
            HOST,
            "--vendor",
            "customerio-us",
            "--json",
            "--cacert",
            cacert,
            "--resolver",
            dns_server.server,
            "--http-port",
            str(http_server.port),
            "--https-port",
            str(https.port),
            "--resolve",
            f"{HOST}:{http_server.port}:127.0.0.1",
            "--resolve",
            f"{HOST}:{https.port}:127.0.0.1",
            "--resolve",
            f"{PARENT}:{https.port}:127.0.0.1",
        ]
        assert main(args) == 0
        data = json.loads(capsys.readouterr().out)
        assert shape_errors("check", data) == []
        assert [c["status"] for c in data["checks"]] == ["ok", "ok", "ok", "ok"]
    failing = [
        "check",
        "wrong.example.test",
        "--vendor",
        "customerio-us",
        "--resolver",
        dns_server.server,
        "--http-port",
        str(free_port()),
        "--timeout",
        "1",
    ]
    assert main(failing) == 1
    assert "✗ dns" in capsys.readouterr().out
    assert main([*failing, "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert shape_errors("check", data) == [] and data["checks"][0]["status"] == "failed"


def test_check_command_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", HOST, "--vendor", "nobody"]) == 2
    assert "Unknown vendor" in capsys.readouterr().err
    assert main(["check", HOST, "--resolve", "nonsense"]) == 2
    assert "HOST:PORT:ADDRESS" in capsys.readouterr().err


def test_hsts_is_not_a_tick_when_the_website_could_not_be_read() -> None:
    """Nothing listens on either port: no header was seen, which says nothing about HSTS."""
    result = check_hsts(HOST, reach_for(None, None, None))
    assert result.status == "unknown"
    assert "Not known whether HSTS forces HTTPS" in result.summary
    assert f"https://{PARENT}/ could not be read" in result.detail
