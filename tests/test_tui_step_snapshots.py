"""One snapshot per step of the wizard, at 80x24, reached by walking the demo as a person would.

The demo's embedded servers listen on random ports and its timings vary, so the walks stop
where a screen has settled and shows no port or clock: the DNS host found, the credentials,
the plan, the writes done, the manual steps, the readiness checks, the done screen and the
rollback. The live propagation table is the one step whose cells depend on timing; its
snapshot shows a fixed sweep through the screen's own drawing methods, while the pilot walks
in test_tui_demo.py cover it live.

Update with `pytest tests/test_tui_step_snapshots.py --snapshot-update` after a deliberate
change, and look at the SVGs before committing them.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Select

from tests.demo_pace import WALK
from tests.pilot_steps import at, go, ready, until
from wizard.demo import demo_environment
from wizard.environment import Environment
from wizard.model.records import Finding, Record
from wizard.model.servers import Server
from wizard.tui.app import WizardApp, build_app
from wizard.tui.screens.propagation import PropagationScreen
from wizard.watch import Expectation, PairResult, ServerSpec, Sweep

#: The journal's path is on four screens, so it is the same on every run and in every checkout:
#: relative, in each test's own directory (nothing shared, so nothing to wait for).
JOURNAL = Path("journal.jsonl")
SIZE = (80, 24)


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[WizardApp]:
    monkeypatch.chdir(tmp_path)
    with demo_environment(pace=WALK) as env:
        yield build_app(replace(env, journal_path=JOURNAL))


def app_of(pilot: Pilot[int]) -> WizardApp:
    assert isinstance(pilot.app, WizardApp)
    return pilot.app


async def to_dns_host(pilot: Pilot[int]) -> None:
    app = app_of(pilot)
    await until(pilot, at(app, "StartScreen"))
    await go(pilot, app, "#continue", "PasteScreen")
    await go(pilot, app, "#continue", "DnsHostScreen")
    await until(pilot, ready(app, "#continue"))


async def to_credentials(pilot: Pilot[int]) -> None:
    await to_dns_host(pilot)
    await go(pilot, app_of(pilot), "#continue", "CredentialsScreen")


async def to_plan(pilot: Pilot[int]) -> None:
    await to_credentials(pilot)
    await go(pilot, app_of(pilot), "#continue", "PlanScreen")
    await until(pilot, ready(app_of(pilot), "#apply"))


async def to_written(pilot: Pilot[int]) -> None:
    await to_plan(pilot)
    app = app_of(pilot)
    await go(pilot, app, "#apply", "ApplyScreen")
    await until(pilot, ready(app, "#continue"))


async def to_readiness(pilot: Pilot[int]) -> None:
    await to_written(pilot)
    app = app_of(pilot)
    await go(pilot, app, "#continue", "PropagationScreen")
    await until(pilot, lambda: app.screen.final is not None and app.screen.final.all_good)  # type: ignore[attr-defined]
    await go(pilot, app, "#continue", "ReadinessScreen")
    await until(pilot, lambda: app.screen.query_one("#readiness-table", DataTable).row_count > 0)
    app.clear_notifications()  # toasts leave on a timer, so they are not part of a snapshot
    await pilot.pause()


async def to_done(pilot: Pilot[int]) -> None:
    await to_readiness(pilot)
    await go(pilot, app_of(pilot), "#continue", "DoneScreen")
    app_of(pilot).clear_notifications()
    await pilot.pause()


async def to_manual(pilot: Pilot[int]) -> None:
    await to_dns_host(pilot)
    app = app_of(pilot)
    app.screen.query_one("#provider", Select).value = "manual"
    await go(pilot, app, "#continue", "ManualScreen")
    await pilot.pause()


async def to_rollback_review(pilot: Pilot[int]) -> None:
    await to_written(pilot)
    app = app_of(pilot)
    # The journal stamps each setup with the time it ran; fix it so the table is the same.
    journal = JOURNAL
    journal.write_text(
        re.sub(r'"time":"[^"]+"', '"time":"2026-11-20T09:30:00+00:00"', journal.read_text())
    )
    app.start_journey("rollback")  # as from the command palette
    await until(pilot, at(app, "RollbackScreen"))
    await go(pilot, app, "#review", "RollbackScreen")
    await until(pilot, ready(app, "#confirm"))
    app.clear_notifications()
    await pilot.pause(0.5)  # a pressed button stays highlighted for a moment


async def to_rollback_confirm(pilot: Pilot[int]) -> None:
    await to_rollback_review(pilot)
    await go(pilot, app_of(pilot), "#confirm", "ConfirmScreen")
    app_of(pilot).clear_notifications()
    await pilot.pause(1.2)  # the pressed button behind the dialog stops glowing


async def to_check_verdict(pilot: Pilot[int]) -> None:
    """The Check journey on records that are not there: it ends on a verdict that says so."""
    app = app_of(pilot)
    await until(pilot, at(app, "StartScreen"))
    app.screen.goal = "check"  # type: ignore[attr-defined]
    await go(pilot, app, "#continue", "PasteScreen")
    await go(pilot, app, "#continue", "DnsHostScreen")
    await go(pilot, app, "#continue", "PropagationScreen")
    await go(pilot, app, "#continue", "ReadinessScreen")
    await until(pilot, lambda: app.screen.query_one("#readiness-table", DataTable).row_count > 0)
    await go(pilot, app, "#continue", "DoneScreen")
    app.clear_notifications()
    await pilot.pause(0.5)


WALKS = {
    "dns_host_found": to_dns_host,
    "credentials": to_credentials,
    "plan": to_plan,
    "records_written": to_written,
    "manual_steps": to_manual,
    "readiness": to_readiness,
    "done": to_done,
    "rollback_review": to_rollback_review,
    "rollback_confirm": to_rollback_confirm,
    "check_verdict": to_check_verdict,
}
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("step", WALKS)
def test_step(snap_compare, demo: WizardApp, step: str, size: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(demo, terminal_size=SIZES[size], run_before=WALKS[step])


# -- propagation: a fixed sweep drawn by the screen's own methods -----------------------------
ZONE = "acme-demo.test"
LINKS = Expectation(Record("CNAME", f"links.{ZONE}", "e.customeriomail.com"))
DKIM = Expectation(Record("TXT", f"s1._domainkey.{ZONE}", "k=rsa; p=MIGfMA0GCSqGSIb3DQEB"))
VERIFY = Expectation(Record("TXT", ZONE, "pendo-domain-verification=4f2a"))
NS1 = ServerSpec("ns1.acme-demo.test 192.0.2.53", Server("192.0.2.53"), "authoritative", ZONE)
CLOUDFLARE = ServerSpec("Cloudflare 1.1.1.1", Server("1.1.1.1"), "resolver")
GOOGLE = ServerSpec("Google 8.8.8.8", Server("8.8.8.8"), "resolver")


class FixedSweepScreen(PropagationScreen):
    """The propagation screen, drawing one known sweep instead of asking servers."""

    def watch_records(self) -> None:  # type: ignore[override]
        self.started -= 95  # "watching for 2 min"
        self.show_servers([NS1], [CLOUDFLARE, GOOGLE])
        results = (
            PairResult(LINKS, NS1, "match", "e.customeriomail.com"),
            PairResult(LINKS, CLOUDFLARE, "match", "e.customeriomail.com"),
            PairResult(LINKS, GOOGLE, "pending", "cached NXDOMAIN", eta=1380),
            PairResult(DKIM, NS1, "match", "k=rsa; p=MIGf…"),
            PairResult(DKIM, CLOUDFLARE, "match", "k=rsa; p=MIGf…"),
            PairResult(DKIM, GOOGLE, "match", "k=rsa; p=MIGf…"),
            PairResult(VERIFY, NS1, "missing", "NXDOMAIN"),
            PairResult(VERIFY, CLOUDFLARE, "waiting", "asked once every server has it"),
            PairResult(VERIFY, GOOGLE, "waiting", "asked once every server has it"),
        )
        self.show_sweep(Sweep(4, 0.0, results))
        self.show_findings(
            {
                VERIFY: [
                    Finding(
                        "warning",
                        "doubled-domain",
                        f"The record sits at {ZONE}.{ZONE}: the DNS host added the domain "
                        "again. Enter '@' in the host field.",
                    )
                ]
            }
        )

    def run_diagnosis(self, sweep: Sweep) -> None:  # type: ignore[override]
        """The findings above stand in for asking servers (the fixed ones are not on loopback)."""


def quiet_app(tmp_path: Path) -> WizardApp:
    """The app with nothing but a journal of its own: a fixed screen is pushed onto it."""
    return WizardApp(Environment(journal_path=tmp_path / "journal.jsonl"))


def showing(screen: Callable[[], FixedSweepScreen]) -> Callable[[Pilot[int]], Awaitable[None]]:
    """A snapshot's run_before that pushes `screen()` once the app is up."""

    async def show(pilot: Pilot[int]) -> None:
        await pilot.pause()
        pilot.app.push_screen(screen())
        await pilot.pause()

    return show


def test_propagation(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    screen = showing(lambda: FixedSweepScreen([LINKS, DKIM, VERIFY], ZONE))
    assert snap_compare(quiet_app(tmp_path), terminal_size=SIZE, run_before=screen)


# -- the real world's number of servers: each NS address plus the public resolvers ----------
NS = [
    ServerSpec(f"ns{n}.dnsimple.com 192.0.2.{n}", Server(f"192.0.2.{n}"), "authoritative", ZONE)
    for n in range(1, 5)
]
PUBLIC = [
    ServerSpec("Cloudflare 1.1.1.1", Server("1.1.1.1"), "resolver"),
    ServerSpec("Google 8.8.8.8", Server("8.8.8.8"), "resolver"),
    ServerSpec("Quad9 9.9.9.9", Server("9.9.9.9"), "resolver"),
    ServerSpec("OpenDNS 208.67.222.222", Server("208.67.222.222"), "resolver"),
    ServerSpec("Your network's resolver 192.0.2.200", Server("192.0.2.200"), "resolver"),
]


class ManyServersScreen(FixedSweepScreen):
    def watch_records(self) -> None:  # type: ignore[override]
        self.started -= 95
        self.show_servers(NS, PUBLIC)
        results = [PairResult(LINKS, spec, "match", "ok") for spec in (*NS, *PUBLIC)]
        results[-1] = PairResult(LINKS, PUBLIC[-1], "pending", "cached NXDOMAIN", eta=300)
        results += [PairResult(DKIM, spec, "match", "ok") for spec in (*NS, *PUBLIC)]
        results += [PairResult(VERIFY, spec, "missing", "NXDOMAIN") for spec in NS[:1]]
        results += [PairResult(VERIFY, spec, "match", "ok") for spec in NS[1:]]
        results += [PairResult(VERIFY, spec, "waiting", "not yet") for spec in PUBLIC]
        self.show_sweep(Sweep(4, 0.0, tuple(results)))


@pytest.mark.parametrize("size", [(80, 24), (200, 40)], ids=["80x24-summary", "200x40-each"])
def test_propagation_with_many_servers(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """At 80 columns a row per record says how many servers agree; at 200 each server shows."""
    screen = showing(lambda: ManyServersScreen([LINKS, DKIM, VERIFY], ZONE))
    assert snap_compare(quiet_app(tmp_path), terminal_size=size, run_before=screen)


async def test_the_collapsed_watch_shows_each_server_one_key_away(tmp_path: Path) -> None:
    app = quiet_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = ManyServersScreen([LINKS, DKIM, VERIFY], ZONE)
        app.push_screen(screen)
        await until(pilot, lambda: screen.final is not None)
        table = screen.query_one("#watch-table", DataTable)
        assert len(table.columns) == 2
        assert "missing on ns1.dnsimple.com" in str(table.get_row_at(2)[1])
        await pilot.press("d")
        await pilot.pause()
        assert len(table.columns) == 1 + len(NS) + len(PUBLIC)
        await pilot.resize_terminal(220, 40)
        await pilot.press("d")
        await pilot.pause()
        assert len(table.columns) == 1 + len(NS) + len(PUBLIC)  # it fits now: no summary
