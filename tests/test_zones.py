"""Zone and DNS-host discovery, asked of a real BIND server on loopback."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator

import pytest

from providers.hosts import HOSTS, host_for_ns
from tests.fakes.bind import BindServer
from wizard.cli import main
from wizard.model.errors import DnsLookupError
from wizard.model.servers import Server, parse_server
from wizard.zones import find_zone, make_resolver

HOSTED_ZONES = {
    "cf.test": """\
$TTL 300
@   IN SOA ada.ns.cloudflare.com. dns.cloudflare.com. ( 1 3600 600 86400 60 )
@   IN NS ada.ns.cloudflare.com.
@   IN NS bob.ns.cloudflare.com.
em  IN CNAME u123.wl.sendgrid.net.
""",
    "aws.test": """\
$TTL 300
@   IN SOA ns-1536.awsdns-00.co.uk. awsdns-hostmaster.amazon.com. ( 1 7200 900 1209600 86400 )
@   IN NS ns-1536.awsdns-00.co.uk.
@   IN NS ns-0.awsdns-00.com.
""",
    "dc.test": """\
$TTL 300
@   IN SOA ns1.dc.test. hostmaster.dc.test. ( 1 3600 600 86400 60 )
@   IN NS ns1.dc.test.
ns1 IN A 127.0.0.1
_domainconnect IN TXT "api.cloudflare.com/client/v4/dns/domainconnect"
""",
}


def resolver_for(server: BindServer, timeout: float = 3.0):  # type: ignore[no-untyped-def]
    return make_resolver([Server(server.address, server.port)], timeout=timeout)


def test_finds_the_zone_and_its_name_servers(bind: BindServer) -> None:
    info = find_zone("abc._domainkey.example.test", resolver_for(bind))
    assert info.zone == "example.test"
    assert [(ns.name, ns.addresses) for ns in info.nameservers] == [
        ("ns1.example.test", ("127.0.0.1",))
    ]
    assert info.host is None and info.host_source is None


def test_finds_a_delegated_child_zone(bind: BindServer) -> None:
    info = find_zone("links.child.example.test", resolver_for(bind))
    assert info.zone == "child.example.test"
    assert [ns.name for ns in info.nameservers] == ["ns1.child.example.test"]


def test_the_apex_is_its_own_zone(bind: BindServer) -> None:
    assert find_zone("Example.Test.", resolver_for(bind)).zone == "example.test"


def test_an_alias_is_reported_and_stays_in_its_own_zone(
    start_bind: Callable[[dict[str, str]], BindServer],
) -> None:
    server = start_bind(HOSTED_ZONES)
    info = find_zone("em.cf.test", resolver_for(server))
    assert info.zone == "cf.test"
    assert info.cname_chain == ("u123.wl.sendgrid.net",)


@pytest.mark.parametrize(
    ("name", "host_id", "source"),
    [
        ("links.cf.test", "cloudflare", "ns"),
        ("links.aws.test", "route53", "ns"),
        ("links.dc.test", "cloudflare", "domainconnect"),
    ],
)
def test_identifies_the_dns_host(
    start_bind: Callable[[dict[str, str]], BindServer], name: str, host_id: str, source: str
) -> None:
    info = find_zone(name, resolver_for(start_bind(HOSTED_ZONES)))
    assert info.host is not None
    assert (info.host.id, info.host_source) == (host_id, source)


@pytest.mark.parametrize(
    ("ns_names", "expected"),
    [
        (["ada.ns.cloudflare.com", "bob.ns.cloudflare.com"], "cloudflare"),
        (["ns07.domaincontrol.com.", "NS08.DOMAINCONTROL.COM"], "godaddy"),
        (["ns-1536.awsdns-00.co.uk", "ns-12.awsdns-01.com"], "route53"),
        (["ns1.dreamhost.com"], "dreamhost"),
        (["ns6171.hostgator.com"], "hostgator"),
        (["dns1.registrar-servers.com"], "namecheap"),
        (["ns1.namesco.net"], "namesco"),
        (["ns2.wixdns.net"], "wix"),
        (["ns1.example.test"], None),
    ],
)
def test_ns_patterns(ns_names: list[str], expected: str | None) -> None:
    host = host_for_ns(ns_names)
    assert (host.id if host else None) == expected


def test_every_seed_host_has_its_documentation_title() -> None:
    seed = {"Cloudflare", "DreamHost", "GoDaddy", "HostGator", "Namecheap", "Names.co.uk", "Wix"}
    titled = {h.name for h in HOSTS if h.docs_title}
    assert seed <= titled


def test_a_name_nobody_serves_is_a_clear_error(bind: BindServer) -> None:
    with pytest.raises(DnsLookupError, match="refused or failed"):
        find_zone("links.elsewhere.invalid", resolver_for(bind))


@pytest.fixture
def silent_server() -> Iterator[Server]:
    """A UDP socket that reads queries and never answers."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(0.1)
    stop = threading.Event()

    def drain() -> None:
        while not stop.is_set():
            try:
                sock.recv(4096)
            except OSError:
                continue

    thread = threading.Thread(target=drain, daemon=True)
    thread.start()
    yield Server("127.0.0.1", sock.getsockname()[1])
    stop.set()
    thread.join()
    sock.close()


def test_a_timeout_is_a_clear_error(silent_server: Server) -> None:
    with pytest.raises(DnsLookupError, match="No DNS server answered"):
        find_zone("links.example.test", make_resolver([silent_server], timeout=0.5))


def test_cli_prints_json(bind: BindServer, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["zone", "links.example.test", "--resolver", bind.server, "--json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["zone"] == "example.test"
    assert data["nameservers"] == [{"name": "ns1.example.test", "addresses": ["127.0.0.1"]}]
    assert data["host"] is None


def test_cli_takes_resolvers_from_the_environment(
    start_bind: Callable[[dict[str, str]], BindServer],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server = start_bind(HOSTED_ZONES)
    monkeypatch.setenv("TRACKING_WIZARD_RESOLVERS", f"{server.server}")
    assert main(["zone", "em.cf.test"]) == 0
    out = capsys.readouterr().out
    assert "em.cf.test lives in the zone cf.test" in out
    assert "Cloudflare" in out and "--provider cloudflare" in out


def test_cli_errors_are_one_line_without_traceback(bind: BindServer) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "wizard", "zone", "x.nowhere.invalid", "--resolver", bind.server],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_rejects_a_bad_resolver_address() -> None:
    assert main(["zone", "links.example.test", "--resolver", "127.0.0.1:notaport"]) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.1.1.1", Server("1.1.1.1", 53)),
        ("127.0.0.1:5353", Server("127.0.0.1", 5353)),
        ("::1", Server("::1", 53)),
        ("[::1]:5353", Server("::1", 5353)),
    ],
)
def test_parse_server(text: str, expected: Server) -> None:
    assert parse_server(text) == expected
