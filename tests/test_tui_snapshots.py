"""Snapshots of the screens whose content does not depend on ports or timing, at 80x24.

Screens that show live server addresses are covered by the pilot walks instead. Update with
`pytest tests/test_tui_snapshots.py --snapshot-update` after a deliberate change.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from wizard.demo import SAMPLE_PASTE
from wizard.environment import DemoExtras, Environment
from wizard.tui.app import WizardApp


def sample(paste: str) -> DemoExtras:
    """A paste screen pre-filled with `paste`, as demo mode fills it."""
    return DemoExtras(paste, "acme-demo.test", panel=lambda zone, records: [])


@pytest.fixture
def app(tmp_path: Path) -> Iterator[WizardApp]:
    env = Environment(
        journal_path=tmp_path / "journal.jsonl",
        demo=sample(SAMPLE_PASTE),
    )
    yield WizardApp(env)


async def to_paste(pilot: Pilot[int]) -> None:
    await pilot.pause()
    pilot.app.screen.query_one("#continue").press()  # type: ignore[attr-defined]
    await pilot.pause()


async def open_help(pilot: Pilot[int]) -> None:
    await pilot.pause()
    await pilot.press("question_mark")
    await pilot.pause()


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_start(snap_compare, app: WizardApp, theme: str) -> None:  # type: ignore[no-untyped-def]
    app.theme = theme
    assert snap_compare(app, terminal_size=(80, 24))


def test_help(snap_compare, app: WizardApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_help)


def test_paste_with_a_clean_paste(snap_compare, app: WizardApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=(80, 24), run_before=to_paste)


def test_paste_with_findings(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env = Environment(
        journal_path=tmp_path / "journal.jsonl",
        demo=sample(
            "Add these:\n"
            "CNAME\tlinks.acme-demo.test.acme-demo.test\te.customeriomail.com\n"
            "CNAME\t@\tx.example.net\n"
        ),
    )
    assert snap_compare(WizardApp(env), terminal_size=(80, 24), run_before=to_paste)


async def test_pendo_done_screen_builds_the_webhook_with_the_key_masked(tmp_path: Path) -> None:
    from textual.widgets import Input, Static

    from wizard.tui.journey import Facts
    from wizard.tui.screens.done import DoneScreen
    from wizard.vendors import load_profile

    app = WizardApp(Environment(journal_path=tmp_path / "journal.jsonl"))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.push_screen(DoneScreen(Facts(profile=load_profile("pendo-eu"))))
        await pilot.pause()
        assert "verification email" in str(app.screen.query_one("#next-step", Static).render())
        key = app.screen.query_one("#api-key", Input)
        assert key.password
        key.value = "0123456789abcdef"
        await pilot.pause()
        shown = str(app.screen.query_one("#webhook", Static).render())
        assert "https://data.eu.pendo.io/data/segmentio/0123" in shown
        assert "0123456789abcdef" not in shown
        assert not any(tmp_path.iterdir())  # the key is never written anywhere
