"""Demo mode end to end: the embedded DNS server, the demo DNS host, and the planted mistake."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Button, DataTable, Select, Static

from tests.demo_pace import WALK
from tests.pilot_steps import at, go, ready, until
from tests.roundtrip import apply_records, revert_latest
from tests.tmux_terminal import Terminal
from tests.tools import script
from wizard.app.planning import read_records
from wizard.demo import DEMO_ZONE, demo_environment
from wizard.environment import Environment
from wizard.journal import Journal
from wizard.plan import build_plan
from wizard.tui.app import build_app


@pytest.fixture
def env() -> Iterator[Environment]:
    with demo_environment(pace=WALK) as environment:
        yield environment


def still_to_write(env: Environment) -> list[str]:
    """What the plan for the demo's paste would do at the demo DNS host now: nothing once the
    records are there, a create for each once they are gone."""
    assert env.demo is not None
    pasted = read_records(env.demo.sample_paste, env.demo.sample_domain).records
    assert pasted
    plan = build_plan(env.provider_factory("demo", {}), DEMO_ZONE, pasted)
    return [change.action for change in plan.changes]


async def test_demo_setup_and_rollback(env: Environment) -> None:
    app = build_app(env)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, at(app, "StartScreen"))
        assert "DEMO" in app.sub_title
        await go(pilot, app, "#continue", "PasteScreen")
        await go(pilot, app, "#continue", "DnsHostScreen")
        await until(pilot, ready(app, "#continue"))
        assert app.screen.zone is not None and app.screen.zone.zone == DEMO_ZONE  # type: ignore[attr-defined]
        assert app.screen.query_one("#provider", Select).value == "demo"
        await go(pilot, app, "#continue", "CredentialsScreen")
        # The demo DNS host has nothing to enter, so nothing to keep in a keyring either.
        assert not app.screen.query("#remember")
        assert "needs no settings" in " ".join(str(s.render()) for s in app.screen.query(Static))
        await go(pilot, app, "#continue", "PlanScreen")
        await go(pilot, app, "#apply", "ApplyScreen")
        await go(pilot, app, "#continue", "PropagationScreen")
        await until(pilot, ready(app, "#continue"))
        assert app.screen.query_one("#watch-table", DataTable).row_count == 4
        await go(pilot, app, "#continue", "ReadinessScreen")
        await go(pilot, app, "#continue", "DoneScreen")
        assert still_to_write(env) == []  # every record is at the demo DNS host
        assert len(Journal(env.journal_path).applies()) == 1
        await go(pilot, app, "#restart", "StartScreen")
        app.screen.goal = "rollback"  # type: ignore[attr-defined]
        await go(pilot, app, "#continue", "RollbackScreen")
        await go(pilot, app, "#review", "RollbackScreen")
        await go(pilot, app, "#confirm", "ConfirmScreen")
        await go(pilot, app, "#confirm-yes", "RevertScreen")
        await go(pilot, app, "#continue", "PropagationScreen")
        await until(pilot, ready(app, "#continue"))
        written = len(Journal(env.journal_path).applies()[0].changes)
        assert still_to_write(env) == ["create"] * written  # rolled back: every one gone


async def test_demo_manual_path_plants_a_mistake_the_diagnosis_explains(env: Environment) -> None:
    app = build_app(env)
    async with app.run_test(size=(100, 32)) as pilot:
        await until(pilot, at(app, "StartScreen"))
        await go(pilot, app, "#continue", "PasteScreen")
        await go(pilot, app, "#continue", "DnsHostScreen")
        await until(pilot, ready(app, "#continue"))
        app.screen.query_one("#provider", Select).value = "manual"
        await go(pilot, app, "#continue", "ManualScreen")
        app.screen.query_one("#demo-panel", Button).press()
        await pilot.pause(0.3)
        await go(pilot, app, "#continue", "PropagationScreen")
        findings = app.screen.query_one("#watch-findings", Static)
        await until(pilot, lambda: "sits at" in str(findings.render()))
        assert f"links.{DEMO_ZONE}.{DEMO_ZONE}" in str(findings.render())
        assert "'links'" in str(findings.render())


def test_the_demo_journal_is_its_own_and_outlives_the_run(env: Environment) -> None:
    """Beside the real journal, never in it: a demo can be left, resumed and rolled back. What
    one demo run wrote is in the next run's world, and its journal can undo it there."""
    from wizard.datadir import default_journal_path

    assert Path(env.journal_path).parent.name == "demo"
    assert Path(env.journal_path) != default_journal_path()
    assert Path(env.journal_path).parent.parent == default_journal_path().parent
    assert env.demo is not None
    pasted = read_records(env.demo.sample_paste, env.demo.sample_domain).records
    apply_records(env.provider_factory("demo", {}), DEMO_ZONE, pasted, Journal(env.journal_path))
    assert still_to_write(env) == []
    with demo_environment(pace=WALK) as later:
        assert later.journal_path == env.journal_path
        assert still_to_write(later) == []  # the next run's world has them
        revert_latest(later.provider_factory("demo", {}), Journal(later.journal_path))
        assert still_to_write(later) == ["create"] * len(pasted)
    assert not default_journal_path().exists()  # the real journal never saw the demo


@pytest.mark.needs("tmux")
def test_smoke_the_installed_script_in_tmux(tmp_path: Path) -> None:
    """Start the demo as a person would, read the screen, type, and quit cleanly."""
    term = Terminal(
        f"{script('tracking-wizard')} --demo",
        width=100,
        height=30,
        env=f"TRACKING_WIZARD_DATA_DIR={tmp_path}",
    )
    try:
        shown = term.wait("What do you want to do\\?")
        assert "DEMO" in shown
        term.keys("?")
        term.wait("Keys: Tab moves")
        term.keys("Escape", "C-q")
        term.wait("EXIT=0")
    finally:
        term.close()
    assert not any(tmp_path.iterdir()), "the demo wrote into the data directory"


async def test_brackets_in_pasted_text_are_shown_as_they_are(env: Environment) -> None:
    """Textual reads [..] as markup: a pasted "[/]" once crashed the paste screen."""
    from dataclasses import replace

    from textual.widgets import TextArea

    odd = "odd [/] value [b]"
    assert env.demo is not None
    paste = f"Add these [/] now:\nTXT\t_odd\t{odd}\n"
    app = build_app(replace(env, demo=replace(env.demo, sample_paste=paste)))
    async with app.run_test(size=(100, 32)) as pilot:
        await until(pilot, at(app, "StartScreen"))
        await go(pilot, app, "#continue", "PasteScreen")
        findings = app.screen.query_one("#findings", Static)
        assert "'Add these [/] now:'" in str(findings.render())
        app.screen.query_one("#paste-area", TextArea).text = f"TXT\t_odd\t{odd}\n"
        await go(pilot, app, "#continue", "DnsHostScreen")
        await go(pilot, app, "#continue", "CredentialsScreen")
        await go(pilot, app, "#continue", "PlanScreen")
        await until(pilot, ready(app, "#apply"))
        row = app.screen.query_one("#plan-table", DataTable).get_row_at(0)
        assert str(row[1]) == f"_odd.{DEMO_ZONE}\nTXT {odd}"
        await go(pilot, app, "#apply", "ApplyScreen")
        await go(pilot, app, "#continue", "PropagationScreen")
        await until(pilot, ready(app, "#continue"))
        await go(pilot, app, "#continue", "DoneScreen")
