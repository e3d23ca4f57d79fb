"""Each screen says what is true when it is shown (issue 22, "every screen honest").

Screens are pushed with the facts a journey would give them, or reached by walking the demo
on its embedded DNS world; nothing is mocked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Input, Label, Select, Static
from textual.widgets.data_table import ColumnKey

from tests.pilot_steps import at, go, ready, until
from wizard.demo import demo_environment
from wizard.environment import Environment
from wizard.tui.app import WizardApp, build_app
from wizard.tui.journey import Facts
from wizard.vendors import load_profile


def text_of(app: WizardApp) -> str:
    """Every Static and Label of the current screen, as plain text."""
    return "\n".join(str(w.render()) for w in app.screen.query("Static, Label"))


async def test_pendo_done_says_why_it_asks_for_the_api_key_and_w_is_typed_not_taken(
    tmp_path: Path,
) -> None:
    from wizard.tui.screens.done import DoneScreen

    app = WizardApp(Environment(journal_path=tmp_path / "journal.jsonl"))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.push_screen(DoneScreen(Facts(profile=load_profile("pendo-us"))))
        await pilot.pause()
        words = text_of(app)
        assert "Segment" in words.split("Pendo API key")[0]  # the why comes before the field
        assert "optional" in str(app.screen.query_one(Label).render())
        app.screen.query_one("#api-key", Input).focus()
        await pilot.press(*"key0w123456789")
        assert app.screen.query_one("#api-key", Input).value == "key0w123456789"
        hint = str(app.screen.query_one("#webhook", Static).render())
        assert "Press w" not in hint
        copy = app.screen.query_one("#copy-webhook", Button)
        assert not copy.disabled
        copy.press()
        await pilot.pause()
        assert app.clipboard == "https://data.pendo.io/data/segmentio/key0w123456789"
    assert not any(tmp_path.iterdir())  # the key is never written anywhere


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Environment]:
    with demo_environment(tmp_path / "journal.jsonl", pace="fast") as environment:
        yield environment


async def set_up(pilot: Pilot[int], app: WizardApp, profile: str, provider: str = "demo") -> None:
    """A demo setup of `profile`'s story, through its watch, to the step after it."""
    await until(pilot, at(app, "StartScreen"))
    app.screen.profile_id = profile  # type: ignore[attr-defined]
    await go(pilot, app, "#continue", "PasteScreen")
    await go(pilot, app, "#continue", "DnsHostScreen")
    await until(pilot, ready(app, "#continue"))
    if provider == "manual":
        app.screen.query_one("#provider", Select).value = "manual"
        await go(pilot, app, "#continue", "ManualScreen")
        return
    await go(pilot, app, "#continue", "CredentialsScreen")
    await go(pilot, app, "#continue", "PlanScreen")
    await go(pilot, app, "#apply", "ApplyScreen")
    await go(pilot, app, "#continue", "PropagationScreen")
    await until(pilot, lambda: app.screen.final is not None and app.screen.final.all_good)  # type: ignore[attr-defined]


def all_live(app: WizardApp) -> Callable[[], bool]:
    """The watch on screen has ended with every record as expected."""

    def check() -> bool:
        final = getattr(app.screen, "final", None)
        return final is not None and bool(final.all_good)

    return check


async def roll_back_to_confirm(pilot: Pilot[int], app: WizardApp) -> None:
    """From any step, the Roll back journey (as the command palette starts it) to its question."""
    app.start_journey("rollback")
    await until(pilot, at(app, "RollbackScreen"))
    await go(pilot, app, "#review", "RollbackScreen")
    await go(pilot, app, "#confirm", "ConfirmScreen")


async def test_the_vendor_step_comes_first_in_the_confirmation_and_nothing_done_is_asked_again(
    demo: Environment,
) -> None:
    profile = load_profile("customerio-us")
    app = build_app(demo)
    async with app.run_test(size=(100, 32)) as pilot:
        await set_up(pilot, app, profile.id)
        await roll_back_to_confirm(pilot, app)
        first = app.screen.query_one("#confirm-first", Static)
        assert "First, at Customer.io" in str(first.render())
        assert profile.revert_vendor in str(first.render())
        assert first.region.y < app.screen.query_one("#confirm-question", Static).region.y
        await go(pilot, app, "#confirm-yes", "RevertScreen")
        await go(pilot, app, "#continue", "PropagationScreen")
        await go(pilot, app, "#continue", "RolledBackScreen")
        words = text_of(app)
        assert "Remove the CNAME the wizard added" not in words  # it just did
        assert profile.revert_vendor in words


async def test_rolled_back_never_says_before_removing_after_the_removal(tmp_path: Path) -> None:
    from wizard.tui.screens.rolled_back import RolledBackScreen

    app = WizardApp(Environment(journal_path=tmp_path / "journal.jsonl"))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        app.push_screen(RolledBackScreen(Facts(profile=load_profile("generic"))))
        await pilot.pause()
        words = text_of(app)
        assert "before removing" not in words
        assert "Remove the records the wizard added" not in words


async def test_quitting_a_demo_write_points_at_the_demo_s_roll_back(demo: Environment) -> None:
    from wizard.tui.screens.confirm import ConfirmScreen

    app = build_app(demo)
    async with app.run_test(size=(100, 32)) as pilot:
        await until(pilot, at(app, "StartScreen"))
        app.writing = True  # as the apply step sets it while the demo DNS host is written
        await app.action_quit()
        await until(pilot, at(app, "ConfirmScreen"))
        assert isinstance(app.screen, ConfirmScreen)
        said = " ".join(app.screen.lines)
        assert "`tracking-wizard revert`" not in said  # that reads the real journal
        assert "tracking-wizard --demo" in said
        app.screen.query_one("#confirm-yes", Button).press()
        await pilot.pause()
    assert app.return_code == 0


async def test_a_check_names_the_records_not_live(demo: Environment) -> None:
    """The demo zone before any setup: the check's verdict names each record it misses."""
    app = build_app(demo)
    async with app.run_test(size=(100, 32)) as pilot:
        await until(pilot, at(app, "StartScreen"))
        app.screen.goal = "check"  # type: ignore[attr-defined]
        await go(pilot, app, "#continue", "PasteScreen")
        await go(pilot, app, "#continue", "DnsHostScreen")
        await until(pilot, ready(app, "#continue"))
        await go(pilot, app, "#continue", "PropagationScreen")
        await go(pilot, app, "#continue", "ReadinessScreen")
        await go(pilot, app, "#continue", "DoneScreen")
        verdict = str(app.screen.query_one("#verdict", Static).render())
        names = [r.name for r in app.facts.records]
        assert names and all(name in verdict for name in names), verdict
        assert "missing on" in verdict


async def test_a_check_with_live_records_and_a_failed_web_check_says_so(tmp_path: Path) -> None:
    from wizard.readiness import CheckResult
    from wizard.tui.screens.done import DoneScreen
    from wizard.tui.screens.propagation import WatchEnd

    facts = Facts(
        goal="check",
        watch=WatchEnd(all_good=True, summary="All 2 records are live on every server asked."),
        readiness=(
            CheckResult("dns", "ok", "links.example.com points at e.customeriomail.com."),
            CheckResult("http", "failed", "http://links.example.com/ did not answer."),
        ),
    )
    app = WizardApp(Environment(journal_path=tmp_path / "journal.jsonl"))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        app.push_screen(DoneScreen(facts))
        await pilot.pause()
        verdict = str(app.screen.query_one("#verdict", Static).render())
        assert "HTTP check failed" in verdict
        advice = str(app.screen.query_one("#next-step", Static).render())
        assert "missing or wrong" not in advice and "fix the records" not in advice
        assert "records need no change" in advice


async def test_the_removal_watch_speaks_of_records_going(demo: Environment) -> None:
    app = build_app(demo)
    async with app.run_test(size=(100, 32)) as pilot:
        await set_up(pilot, app, "customerio-us")
        assert "too early" in str(app.screen.query_one("#watch-guard", Static).render())
        await roll_back_to_confirm(pilot, app)
        await go(pilot, app, "#confirm-yes", "RevertScreen")
        await go(pilot, app, "#continue", "PropagationScreen")
        await until(pilot, ready(app, "#continue"))
        legend = str(app.screen.query_one("#watch-meanings", Static).render())
        assert "✓ gone" in legend
        assert "live" not in legend and "missing" not in legend
        assert "too early" not in str(app.screen.query_one("#watch-guard", Static).render())


def name_lines(table: DataTable[object], column: str, names: list[str]) -> list[list[str]]:
    """Each row's name, as the lines the table draws it on (the cell's bold first lines)."""
    cells = [table.get_cell(row, column) for row in table.rows]
    drawn = []
    for cell, name in zip(cells, names, strict=True):
        assert isinstance(cell, Text)
        lines = cell.plain.split("\n")
        taken: list[str] = []
        length = 0
        while length < len(name):
            taken.append(lines[len(taken)])
            length += len(taken[-1])
        drawn.append(taken)
    return drawn


@pytest.mark.parametrize("size", [(80, 24), (100, 32)], ids=["80x24", "100x32"])
async def test_names_break_at_dots_and_the_ttl_is_whole(
    demo: Environment, size: tuple[int, int]
) -> None:
    app = build_app(demo)
    async with app.run_test(size=size) as pilot:
        await until(pilot, at(app, "StartScreen"))
        app.screen.profile_id = "pendo-us"  # type: ignore[attr-defined]
        await go(pilot, app, "#continue", "PasteScreen")
        await pilot.pause()
        names = [r.name for r in app.screen.pasted.records]  # type: ignore[attr-defined]
        table = app.screen.query_one("#preview", DataTable)
        # Every column is inside the table's own width: none drawn under the scrollbar.
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert table.columns[ColumnKey("ttl")].width >= len("auto")
        width = table.columns[ColumnKey("record")].width
        for lines in name_lines(table, "record", names):
            assert all(len(line) <= width for line in lines)
            assert all(line.endswith(".") for line in lines[:-1]), lines
        await go(pilot, app, "#continue", "DnsHostScreen")
        await until(pilot, ready(app, "#continue"))
        await go(pilot, app, "#continue", "CredentialsScreen")
        await go(pilot, app, "#continue", "PlanScreen")
        await until(pilot, ready(app, "#apply"))
        table = app.screen.query_one("#plan-table", DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        width = table.columns[ColumnKey("record")].width
        plan_names = [item.record.name for item in app.screen.plan.items]  # type: ignore[attr-defined]
        for lines in name_lines(table, "record", plan_names):
            assert all(len(line) <= width for line in lines)
            assert all(line.endswith(".") for line in lines[:-1]), lines
        await go(pilot, app, "#apply", "ApplyScreen")
        await go(pilot, app, "#continue", "PropagationScreen")
        await until(pilot, ready(app, "#continue"))
        table = app.screen.query_one("#watch-table", DataTable)
        width = table.columns[ColumnKey("record")].width
        for row in table.rows:
            lines = str(table.get_cell(row, "record")).split("\n")
            assert all(len(line) <= width for line in lines), lines
            # One line, or the type over the name broken after dots.
            assert all(line.endswith(".") for line in lines[1:-1]), lines


async def test_the_readiness_header_stops_saying_checking_when_the_checks_end(
    demo: Environment,
) -> None:
    app = build_app(demo)
    async with app.run_test(size=(100, 32)) as pilot:
        await set_up(pilot, app, "customerio-us")
        await go(pilot, app, "#continue", "ReadinessScreen")
        intro = app.screen.query_one("#readiness-intro", Static)
        await until(
            pilot,
            lambda: app.screen.results != () and "Checked" in str(intro.render()),  # type: ignore[attr-defined]
        )
        assert "Checking" not in str(intro.render())
        assert "Checked links.acme-demo.test" in str(intro.render())


async def test_the_manual_path_shows_an_mx_priority_in_its_own_column(demo: Environment) -> None:
    app = build_app(demo)
    async with app.run_test(size=(100, 32)) as pilot:
        await set_up(pilot, app, "pendo-us", provider="manual")
        table = app.screen.query_one("#manual-table", DataTable)
        assert ColumnKey("priority") in table.columns
        mx = next(i for i, s in enumerate(app.screen.steps) if s.type == "MX")  # type: ignore[attr-defined]
        step = app.screen.steps[mx]  # type: ignore[attr-defined]
        assert table.get_cell(str(mx), "priority") == "10"
        assert str(table.get_cell(str(mx), "value")) == step.value  # the target alone
        table.move_cursor(row=mx)
        await pilot.press("c")
        assert app.clipboard == step.value
        assert any("priority, 10" in n.message for n in app._notifications)


async def type_in_demo_panel(pilot: Pilot[int], app: WizardApp) -> None:
    """Type the records in the demo panel, then fix each planted mistake until none is left."""
    from wizard.demo.panel import FIX_LABEL

    await until(pilot, ready(app, "#demo-panel"))
    app.screen.query_one("#demo-panel", Button).press()
    while True:
        await pilot.pause()
        await until(pilot, ready(app, "#demo-panel"))
        button = app.screen.query_one("#demo-panel", Button)
        if str(button.label) != FIX_LABEL:
            return
        button.press()


async def test_a_setup_entered_by_hand_is_journalled_and_rolled_back_by_hand(
    demo: Environment,
) -> None:
    from wizard.journal import Journal

    journal = Journal(demo.journal_path)
    app = build_app(demo)
    async with app.run_test(size=(100, 32)) as pilot:
        await set_up(pilot, app, "customerio-us", provider="manual")
        records = app.facts.records
        await type_in_demo_panel(pilot, app)
        await go(pilot, app, "#continue", "PropagationScreen")
        [entry] = journal.applies()
        assert entry.setup.by_hand and entry.setup.provider_id == "manual"
        assert [c.new for c in entry.changes] == list(records)
        assert entry.status == "incomplete"  # said, not seen yet
        await until(pilot, lambda: app.screen.final is not None and app.screen.final.all_good)  # type: ignore[attr-defined]
        await go(pilot, app, "#continue", "ReadinessScreen")
        assert journal.applies()[0].status == "done"  # seen live
        await go(pilot, app, "#continue", "DoneScreen")
        assert "entered by hand" in str(app.screen.query_one("#done-summary", Static).render())

        await roll_back_to_confirm(pilot, app)
        question = str(app.screen.query_one("#confirm-question", Static).render())
        assert f"Delete {len(records)} records from" in question and "by hand" in question
        await go(pilot, app, "#confirm-yes", "ManualScreen")
        assert "Delete the records" in str(app.screen.query_one(".step-title", Static).render())
        await go(pilot, app, "#demo-remove", "ManualScreen")
        await go(pilot, app, "#continue", "PropagationScreen")
        await until(pilot, lambda: app.screen.final is not None and app.screen.final.all_good)  # type: ignore[attr-defined]
        await go(pilot, app, "#continue", "RolledBackScreen")
        said = str(app.screen.query_one("#rollback-summary", Static).render())
        assert f"{len(records)} records deleted by hand" in said and "written" not in said
    setup, removal = journal.applies()
    assert setup.status == "reverted" and setup.reverted_by == removal.apply_id
    assert removal.setup.by_hand and removal.setup.reverts == setup.apply_id
    assert removal.status == "done"
    removed = [c.record for c in removal.changes if c.action == "delete"]
    assert len(removed) == len(records)
    assert all(any(r.same_data(gone) for gone in removed) for r in records)


def test_a_setup_entered_by_hand_is_never_written_by_a_revert(tmp_path: Path) -> None:
    """Reverting it through the app layer (as `tracking-wizard revert` does) says to remove it
    by hand, and writes nothing, not even to the journal."""
    from providers.manual import ManualProvider
    from wizard.app import by_hand, reverting
    from wizard.journal import Journal
    from wizard.model.changes import delete
    from wizard.model.records import Record
    from wizard.rollback import RevertPlan

    journal = Journal(tmp_path / "journal.jsonl")
    record = Record("CNAME", "links.example.test", "e.customeriomail.com", 300)
    apply_id = by_hand.entered(journal, "example.test", [record], ())
    [entry] = journal.applies()
    assert entry.apply_id == apply_id and entry.setup.by_hand
    plan = RevertPlan(entry, (delete(record),), (record,))
    outcome = reverting.revert(ManualProvider({}), plan, journal)
    assert outcome.error is not None and "entered by hand" in str(outcome.error)
    assert len(journal.applies()) == 1


async def test_the_planted_asked_too_early_survives_lingering_on_the_writing_screen(
    tmp_path: Path,
) -> None:
    """A presenter who stays on Writing longer than the zone's negative TTL still sees a
    resolver that remembers "does not exist" once the watch begins."""
    import time

    from wizard.demo.pace import Pace
    from wizard.watch import Sweep

    pace = Pace("linger", 0.05, 0.1, 0.6, negative_ttl=2, ttl=5, answer_delay=0.0)
    with demo_environment(tmp_path / "journal.jsonl", pace=pace) as env:
        app = build_app(env)
        async with app.run_test(size=(100, 32)) as pilot:
            await until(pilot, at(app, "StartScreen"))
            await go(pilot, app, "#continue", "PasteScreen")
            await go(pilot, app, "#continue", "DnsHostScreen")
            await until(pilot, ready(app, "#continue"))
            await go(pilot, app, "#continue", "CredentialsScreen")
            await go(pilot, app, "#continue", "PlanScreen")
            await go(pilot, app, "#apply", "ApplyScreen")
            await until(pilot, ready(app, "#continue"))
            written = time.monotonic()
            # Lingering: longer than a "does not exist" is remembered, and the resolver's lag.
            await until(pilot, lambda: time.monotonic() > written + pace.negative_ttl + 1)
            await go(pilot, app, "#continue", "PropagationScreen")
            sweeps: list[Sweep] = []

            def early_seen() -> bool:
                sweep = app.screen.final  # type: ignore[attr-defined]
                if isinstance(sweep, Sweep):
                    sweeps.append(sweep)
                return any(
                    r.server.server.name == "Cloudflare" and r.status == "pending"
                    for s in sweeps
                    for r in s.results
                )

            await until(pilot, early_seen)
            early = next(
                r
                for s in sweeps
                for r in s.results
                if r.server.server.name == "Cloudflare" and r.status == "pending"
            )
            assert "still remembers the earlier answer" in early.detail


async def test_a_resumed_watch_of_a_setup_entered_by_hand_marks_it_seen(
    demo: Environment,
) -> None:
    """Left while watching records entered by hand, then resumed: once the resumed watch
    sees them live, the journal has them done."""
    from wizard.demo.panel import FIX_LABEL
    from wizard.journal import Journal

    journal = Journal(demo.journal_path)
    app = build_app(demo)
    async with app.run_test(size=(100, 32)) as pilot:
        await set_up(pilot, app, "customerio-us", provider="manual")
        zone, records = app.facts.zone_name, app.facts.records
        await go(pilot, app, "#continue", "PropagationScreen")  # nothing typed yet
        await until(pilot, ready(app, "#leave"))
        app.screen.query_one("#leave", Button).press()
        await pilot.pause()
    assert journal.applies()[0].status == "incomplete"
    panel = demo.demo
    assert panel is not None
    panel.panel(zone, records)  # typed while the wizard was closed, mistakes fixed
    while panel.panel_label(zone) == FIX_LABEL:
        panel.panel(zone, records)
    resumed = build_app(demo, resume=True)
    async with resumed.run_test(size=(100, 32)) as pilot:
        await until(pilot, at(resumed, "PropagationScreen"))
        await until(pilot, all_live(resumed))
        await go(pilot, resumed, "#continue", "ReadinessScreen")
    assert journal.applies()[0].status == "done"
