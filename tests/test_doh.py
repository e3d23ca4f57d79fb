"""Offices that block DNS to public resolvers: the watcher and zone discovery ask the same
resolver over DNS-over-HTTPS, a local RFC 8484 endpoint in front of BIND, with the resolver's
port 53 a black hole that never answers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes.bind import BindServer
from tests.fakes.doh import BlackHole, DohServer
from wizard import doh as doh_module
from wizard.app.presentation import column_label, via_https
from wizard.cli import main
from wizard.model.records import Record
from wizard.model.servers import Server
from wizard.watch import Expectation, Watcher, authoritative_specs, resolver_specs
from wizard.zones import find_zone, make_resolver

WWW = Expectation(Record("A", "www.example.test", "192.0.2.10"))


@pytest.fixture
def doh(bind: BindServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[DohServer]:
    """A DoH endpoint in front of BIND, listed as the DoH URL of the resolver at 127.0.0.1
    (as cloudflare-dns.com is 1.1.1.1's)."""
    server = DohServer((bind.address, bind.port)).start()
    monkeypatch.setitem(doh_module.PUBLIC_DOH, "127.0.0.1", server.url)
    yield server
    server.stop()


@pytest.fixture
def blocked() -> Iterator[BlackHole]:
    hole = BlackHole()
    yield hole
    hole.close()


def test_public_resolvers_have_their_doh_urls() -> None:
    specs = {s.label: s.doh for s in resolver_specs()}
    assert specs["Cloudflare 1.1.1.1"] == "https://cloudflare-dns.com/dns-query"
    assert specs["Google 8.8.8.8"] == "https://dns.google/dns-query"
    assert specs["Quad9 9.9.9.9"] == "https://dns.quad9.net/dns-query"


async def test_watcher_falls_back_to_https_when_port_53_is_blocked(
    bind: BindServer, doh: DohServer, blocked: BlackHole
) -> None:
    [resolver] = resolver_specs([Server("127.0.0.1", blocked.port)])
    assert resolver.doh == doh.url
    auth = authoritative_specs("example.test", [("ns1.example.test", ["127.0.0.1"])])
    auth = [type(a)(a.label, Server(bind.address, bind.port), a.role, a.zone) for a in auth]
    watcher = Watcher([WWW], auth, [resolver], query_timeout=1.0)
    first = await watcher.sweep()
    second = await watcher.sweep()
    for sweep in (first, second):
        [result] = [r for r in sweep.results if r.server == resolver]
        assert result.status == "match" and result.via_https
        assert result.to_json()["via"] == "https"
        assert via_https(sweep, resolver)
        [own] = [r for r in sweep.results if r.server.role == "authoritative"]
        assert own.status == "match" and not own.via_https
    assert ("POST", "www.example.test.", "A") in doh.asked
    assert column_label(resolver, True).endswith("\nvia HTTPS")


async def test_without_a_doh_url_a_blocked_resolver_is_an_error(blocked: BlackHole) -> None:
    [resolver] = resolver_specs([Server("127.0.0.1", blocked.port)])
    assert resolver.doh is None  # no DoH endpoint listed for loopback here
    watcher = Watcher([WWW], [], [resolver], guard_negative_cache=False, query_timeout=0.5)
    [result] = (await watcher.sweep()).results
    assert result.status == "error" and not result.via_https


def test_watch_cli_falls_back_and_says_via_https(
    bind: BindServer,
    doh: DohServer,
    blocked: BlackHole,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    records = tmp_path / "records.txt"
    records.write_text("www.example.test A 192.0.2.10\n")
    command = ["watch", str(records), "--authoritative", bind.server]
    code = main([*command, "--resolver", blocked.server, "--query-timeout", "1", "--once"])
    out = capsys.readouterr().out
    assert code == 0
    assert f"resolver {blocked.server} (via HTTPS): ✓ match" in out


def test_watch_cli_doh_forces_https(
    bind: BindServer, doh: DohServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = tmp_path / "records.txt"
    records.write_text("www.example.test A 192.0.2.10\n")
    command = ["watch", str(records), "--authoritative", bind.server, "--resolver", bind.server]
    assert main([*command, "--once", "--json"]) == 0
    plain = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [p["via"] for p in plain if p.get("role") == "resolver"] == ["dns"]
    assert doh.asked == []
    assert main([*command, "--once", "--json", "--doh"]) == 0
    forced = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [p["via"] for p in forced if p.get("role") == "resolver"] == ["https"]
    assert [p["status"] for p in forced if p.get("role") == "resolver"] == ["match"]
    assert doh.asked


def test_zone_discovery_falls_back_to_https(doh: DohServer, blocked: BlackHole) -> None:
    resolver = make_resolver([Server("127.0.0.1", blocked.port)], timeout=5.0)
    info = find_zone("www.example.test", resolver)
    assert info.zone == "example.test"
    assert [ns.name for ns in info.nameservers] == ["ns1.example.test"]
    assert info.via_https and info.to_json()["via_https"] is True
    assert ("POST", "www.example.test.", "SOA") in doh.asked


def test_zone_cli_doh(bind: BindServer, doh: DohServer, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["zone", "www.example.test", "--resolver", bind.server]) == 0
    assert "via HTTPS" not in capsys.readouterr().out and doh.asked == []
    assert main(["zone", "www.example.test", "--resolver", bind.server, "--doh"]) == 0
    out = capsys.readouterr().out
    assert "lives in the zone example.test" in out and "via HTTPS" in out
    assert doh.asked


@pytest.mark.parametrize("forced", [False, True])
async def test_the_wizard_watch_shows_via_https_in_the_server_column(
    bind: BindServer, doh: DohServer, blocked: BlackHole, tmp_path: Path, forced: bool
) -> None:
    """In the TUI as in the CLI: the resolver whose port 53 is a black hole (or every public
    one, with --doh) answers over HTTPS, and its column and the status line say so."""
    from textual.widgets import DataTable, Static

    from tests.pilot_steps import until
    from wizard.environment import Environment
    from wizard.tui.app import build_app
    from wizard.tui.screens.propagation import PropagationScreen

    env = Environment(
        resolvers=[Server("127.0.0.1", blocked.port, name="Office")],
        authoritative=[Server(bind.address, bind.port)],
        journal_path=tmp_path / "journal.jsonl",
        doh=forced,
    )
    app = build_app(env)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = PropagationScreen.for_records([WWW.record], "example.test", "check")
        await app.push_screen(screen)
        await until(pilot, lambda: screen.final is not None and screen.final.all_good)
        table = screen.query_one("#watch-table", DataTable)
        headers = [str(column.label) for column in table.columns.values()]
        assert [h for h in headers if h.endswith("via HTTPS")] == [
            f"Office\n127.0.0.1:{blocked.port}\nvia HTTPS"
        ]
        status = str(screen.query_one("#watch-status", Static).render())
        assert "(Office: answered via HTTPS)" in status
    assert ("POST", "www.example.test.", "A") in doh.asked
