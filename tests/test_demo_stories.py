"""Each vendor's demo story walked to its end at the fast pace, and each planted mistake caught,
explained, fixed and seen going green, on the demo's little internet (all on loopback).

The fast pace's 4 s negative TTL is kept: the resolver asked too early must still hold "does
not exist" when the watch first asks it, after the walk through the plan and the write, which
on a busy machine took longer than a 2 s one lasts."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Button, DataTable, Select, Static, TextArea

from tests.pilot_steps import at, go, ready, until
from tests.tmux_terminal import Terminal
from wizard.app.planning import read_records
from wizard.demo import all_stories, demo_environment, load_story
from wizard.environment import Environment
from wizard.tui.app import WizardApp, build_app
from wizard.vendors import PROFILE_IDS, load_profile
from wizard.watch import Sweep

SIZE = (120, 40)


@pytest.fixture
def env(tmp_path: Path) -> Iterator[Environment]:
    with demo_environment(tmp_path / "journal.jsonl", pace="fast") as environment:
        yield environment


def test_every_vendor_profile_has_a_story_whose_paste_reads_cleanly() -> None:
    """A story is data beside the profiles; its paste, in the vendor's page shape, reads without
    an error and holds what that vendor asks for."""
    assert [s.profile for s in all_stories()] == list(PROFILE_IDS)
    for story in all_stories():
        pasted = read_records(story.paste, story.domain)
        assert pasted.usable, (story.profile, pasted.findings)
        types = sorted(r.type for r in pasted.records)
        profile = load_profile(story.profile)
        if profile.cname_target:
            tracking = [r for r in pasted.records if r.value == profile.cname_target]
            assert [r.type for r in tracking] == ["CNAME"]
        if profile.cdn_origin:  # Pendo: DKIM CNAMEs, MAIL FROM's MX and SPF, tracking via a CDN
            assert types.count("CNAME") == 4 and "MX" in types and "TXT" in types
            assert any(r.value.endswith(".cloudfront.net") for r in pasted.records)
    assert "Status" in load_story("pendo-eu").paste.splitlines()[0]
    assert "Status" in load_story("customerio-eu").paste.splitlines()[0]
    assert "Points to:" in load_story("generic").paste


def seen(app: WizardApp, sweeps: list[Sweep]) -> bool:
    """Collects each sweep the propagation screen shows; True once every record is live."""
    final = getattr(app.screen, "final", None)
    if isinstance(final, Sweep) and (not sweeps or sweeps[-1] is not final):
        sweeps.append(final)
    button = app.screen.query_one("#continue", Button)
    return str(button.label) == "Continue" and isinstance(final, Sweep) and final.all_good


@pytest.mark.parametrize("vendor", PROFILE_IDS)
async def test_each_story_walks_to_its_end(env: Environment, vendor: str) -> None:
    """Opened directly for the vendor (as `demo --vendor` does): the vendor's own paste and
    domain, the records written and live everywhere, the resolver asked too early caught and
    waited out, and readiness really run against the demo's web servers, ending on the
    story's verdict."""
    story = load_story(vendor)
    app = build_app(env, vendor=vendor)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, at(app, "PasteScreen"))
        assert app.screen.query_one("#paste-area", TextArea).text == story.paste
        await go(pilot, app, "#continue", "DnsHostScreen")
        await until(pilot, ready(app, "#continue"))
        zone = app.screen.zone  # type: ignore[attr-defined]
        assert zone is not None and zone.zone == story.domain
        assert app.screen.query_one("#provider", Select).value == "demo"
        await go(pilot, app, "#continue", "CredentialsScreen")
        await go(pilot, app, "#continue", "PlanScreen")
        await go(pilot, app, "#apply", "ApplyScreen")
        await go(pilot, app, "#continue", "PropagationScreen")
        sweeps: list[Sweep] = []
        await until(pilot, lambda: seen(app, sweeps))
        # The planted "asked too early": Cloudflare keeps the answer the name had before the
        # write ("does not exist", or the apex's older TXT in the generic story) for a while.
        early = [
            r
            for s in sweeps
            for r in s.results
            if r.server.server.name == "Cloudflare" and r.status == "pending"
        ]
        assert early and early[0].detail.startswith(
            ("still remembers the earlier answer", "still serves the cached answer")
        )
        assert early[0].eta is not None and early[0].eta > 0
        assert sweeps[-1].all_good
        await go(pilot, app, "#continue", "ReadinessScreen")
        table = app.screen.query_one("#readiness-table", DataTable)
        await until(pilot, lambda: table.row_count == 4)
        results = {r.name: r.status for r in app.screen.results}  # type: ignore[attr-defined]
        assert results == dict(story.readiness)
        shown = " ".join(str(c) for row in range(4) for c in table.get_row_at(row))
        assert "skipped" not in shown
        if story.apex_hsts and "includeSubDomains" in story.apex_hsts:
            assert "HSTS covers it" in shown
        await go(pilot, app, "#continue", "DoneScreen")


async def test_the_vendor_picked_at_the_start_brings_its_own_story(env: Environment) -> None:
    """The sample paste follows the vendor: a Pendo demo shows Pendo's records, not
    Customer.io's; going back and picking Customer.io (EU) brings its own."""
    app = build_app(env)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, at(app, "StartScreen"))
        app.screen.profile_id = "pendo-eu"  # type: ignore[attr-defined]
        await go(pilot, app, "#continue", "PasteScreen")
        text = app.screen.query_one("#paste-area", TextArea).text
        assert "r.eu-west-1" not in text and "cloudfront.net" in text
        assert "customeriomail" not in text
        await pilot.press("escape")
        await until(pilot, at(app, "StartScreen"))
        app.screen.profile_id = "customerio-eu"  # type: ignore[attr-defined]
        await go(pilot, app, "#continue", "PasteScreen")
        text = app.screen.query_one("#paste-area", TextArea).text
        assert "e-eu.customeriomail.com" in text and "e.customeriomail.com" not in text


def panel_says(app: WizardApp, label: str) -> bool:
    button = app.screen.query_one("#demo-panel", Button)
    return not button.disabled and str(button.label) == label


async def test_the_panel_mistakes_are_caught_explained_fixed_and_go_green(
    env: Environment,
) -> None:
    """The manual path: the panel doubles the domain (caught: the record sits at the doubled
    name), the fix re-creates the record proxied (caught: an address where the CNAME should
    be), and setting it to DNS only turns every record green. Each fix is made after Esc,
    from the manual step's own button."""
    story = load_story("pendo-eu")
    track = f"track.{story.domain}"
    app = build_app(env, vendor="pendo-eu")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, at(app, "PasteScreen"))
        await go(pilot, app, "#continue", "DnsHostScreen")
        await until(pilot, ready(app, "#continue"))
        app.screen.query_one("#provider", Select).value = "manual"
        await go(pilot, app, "#continue", "ManualScreen")
        assert panel_says(app, "Type them into the demo panel")
        app.screen.query_one("#demo-panel", Button).press()
        await until(pilot, lambda: panel_says(app, "Fix it in the demo panel"))
        assert not app.screen.query_one("#continue", Button).disabled

        await go(pilot, app, "#continue", "PropagationScreen")
        findings = app.screen.query_one("#watch-findings", Static)
        await until(pilot, lambda: "sits at" in str(findings.render()))
        assert f"{track}.{story.domain}" in str(findings.render())
        assert "'track'" in str(findings.render())

        await pilot.press("escape")
        await until(pilot, at(app, "ManualScreen"))
        await until(pilot, lambda: panel_says(app, "Fix it in the demo panel"))
        app.screen.query_one("#demo-panel", Button).press()
        await until(
            pilot, lambda: "Deleted" in " ".join(str(n.message) for n in app._notifications)
        )
        await go(pilot, app, "#continue", "PropagationScreen")
        findings = app.screen.query_one("#watch-findings", Static)
        await until(pilot, lambda: "proxied" in str(findings.render()))
        assert "198.51.100." in str(findings.render()) and "DNS only" in str(findings.render())

        await pilot.press("escape")
        await until(pilot, at(app, "ManualScreen"))
        await until(pilot, lambda: panel_says(app, "Fix it in the demo panel"))
        app.screen.query_one("#demo-panel", Button).press()
        await until(pilot, lambda: panel_says(app, "Type them into the demo panel"))
        await go(pilot, app, "#continue", "PropagationScreen")
        sweeps: list[Sweep] = []
        await until(pilot, lambda: seen(app, sweeps))
        assert sweeps[-1].all_good
        assert str(app.screen.query_one("#watch-findings", Static).render()) == ""


def test_demo_vendor_must_be_a_known_story() -> None:
    from wizard.cli import main

    assert main(["demo", "--vendor", "mailchimp"]) == 2


@pytest.mark.needs("tmux")
def test_demo_vendor_opens_that_story_directly_in_a_terminal(tmp_path: Path) -> None:
    """`tracking-wizard demo --vendor pendo-eu`, as a salesperson would type it: the wizard
    opens at Pendo (EU)'s paste, with its domain and its CDN, not at the start screen."""
    root = Path(__file__).resolve().parents[1]
    term = Terminal(
        f"{sys.executable} -m wizard demo --vendor pendo-eu --pace fast",
        width=120,
        height=36,
        env=f"TRACKING_WIZARD_DATA_DIR={tmp_path} PYTHONPATH={root}",
    )
    try:
        shown = term.wait("Paste the records", timeout=30)
        assert "globex-eu-demo.test" in shown
        assert "What do you want to do?" not in shown
        term.wait("6 records ready", timeout=30)
        term.keys("C-q")
        term.wait("EXIT=0", timeout=30)
    finally:
        term.close()
