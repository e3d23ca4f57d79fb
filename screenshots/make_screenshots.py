"""Regenerates screenshots/*.svg (and .png where rsvg-convert is installed) from the real app.

Run from the repository root: `python screenshots/make_screenshots.py`. It walks the demo
(embedded DNS server, no account, no network) as a person would and saves each screen.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Button

from wizard.demo import demo_environment
from wizard.tui.app import WizardApp, build_app

OUT = Path(__file__).resolve().parent
SIZE = (100, 32)


async def until(pilot: Pilot[int], check: Callable[[], bool], seconds: float = 60) -> None:
    for _ in range(int(seconds / 0.1)):
        if check():
            return
        await pilot.pause(0.1)
    raise RuntimeError("the app did not reach the expected state")


def on(app: WizardApp, screen: str) -> Callable[[], bool]:
    return lambda: type(app.screen).__name__ == screen


def enabled(app: WizardApp, selector: str) -> Callable[[], bool]:
    def check() -> bool:
        buttons = app.screen.query(selector)
        return bool(buttons) and not app.screen.query_one(selector, Button).disabled

    return check


def all_live(app: WizardApp) -> Callable[[], bool]:
    """The watch has ended with every record as expected."""
    return lambda: getattr(app.screen, "final", None) is not None and app.screen.final.all_good  # type: ignore[attr-defined]


async def walk(app: WizardApp, pilot: Pilot[int]) -> None:
    shots: list[str] = []

    def shot(name: str) -> None:
        app.save_screenshot(str(OUT / f"{name}.svg"))
        shots.append(name)

    await until(pilot, on(app, "StartScreen"))
    shot("01-start")
    app.screen.query_one("#continue", Button).press()
    await until(pilot, on(app, "PasteScreen"))
    await until(pilot, enabled(app, "#continue"))
    shot("02-paste")
    app.screen.query_one("#continue", Button).press()
    await until(pilot, on(app, "DnsHostScreen"))
    await until(pilot, enabled(app, "#continue"))
    shot("03-dns-host")
    app.screen.query_one("#continue", Button).press()
    await until(pilot, on(app, "CredentialsScreen"))
    shot("04-credentials")
    app.screen.query_one("#continue", Button).press()
    await until(pilot, on(app, "PlanScreen"))
    await until(pilot, enabled(app, "#apply"))
    shot("05-plan")
    app.screen.query_one("#apply", Button).press()
    await until(pilot, on(app, "ApplyScreen"))
    await until(pilot, enabled(app, "#continue"))
    shot("06-apply")
    app.screen.query_one("#continue", Button).press()
    await until(pilot, on(app, "PropagationScreen"))
    await pilot.pause(2.5)
    shot("07-propagation-live")
    await until(pilot, all_live(app))
    shot("08-propagation-done")
    app.screen.query_one("#continue", Button).press()
    await until(pilot, on(app, "ReadinessScreen"))
    await pilot.pause(1.0)
    shot("09-readiness")
    app.screen.query_one("#continue", Button).press()
    await until(pilot, on(app, "DoneScreen"))
    shot("10-done")
    app.screen.query_one("#restart", Button).press()
    await until(pilot, on(app, "StartScreen"))
    app.screen.goal = "rollback"  # type: ignore[attr-defined]
    app.screen.query_one("#continue", Button).press()
    await until(pilot, on(app, "RollbackScreen"))
    app.screen.query_one("#review", Button).press()
    await until(pilot, enabled(app, "#confirm"))
    shot("11-rollback")
    app.screen.query_one("#confirm", Button).press()
    await until(pilot, on(app, "ConfirmScreen"))
    await pilot.pause(0.3)
    shot("14-rollback-confirm")
    app.screen.query_one("#confirm-yes", Button).press()
    await until(pilot, on(app, "RevertScreen"))
    await until(pilot, enabled(app, "#continue"))
    app.screen.query_one("#continue", Button).press()
    await until(pilot, on(app, "PropagationScreen"))
    await until(pilot, all_live(app))
    app.screen.query_one("#continue", Button).press()
    await until(pilot, on(app, "RolledBackScreen"))
    shot("15-rolled-back")
    print("\n".join(f"wrote {OUT / name}.svg" for name in shots))


async def walk_manual(app: WizardApp, pilot: Pilot[int]) -> None:
    await until(pilot, on(app, "StartScreen"))
    app.screen.query_one("#continue", Button).press()
    await until(pilot, on(app, "PasteScreen"))
    await until(pilot, enabled(app, "#continue"))
    app.screen.query_one("#continue", Button).press()
    await until(pilot, on(app, "DnsHostScreen"))
    await until(pilot, enabled(app, "#continue"))
    from textual.widgets import Select

    app.screen.query_one("#provider", Select).value = "manual"
    app.screen.query_one("#continue", Button).press()
    await until(pilot, on(app, "ManualScreen"))
    app.save_screenshot(str(OUT / "12-manual.svg"))
    app.screen.query_one("#demo-panel", Button).press()
    await pilot.pause(0.5)
    app.screen.query_one("#continue", Button).press()
    await until(pilot, on(app, "PropagationScreen"))
    await until(pilot, lambda: "sits at" in str(app.screen.query_one("#watch-findings").render()))
    await pilot.pause(0.5)  # let the last repaint land
    app.save_screenshot(str(OUT / "13-diagnosis.svg"))
    print(f"wrote {OUT / '12-manual.svg'}\nwrote {OUT / '13-diagnosis.svg'}")


async def main() -> None:
    for route in (walk, walk_manual):
        # A fresh demo journal each time: the demo's own one persists between runs.
        with tempfile.TemporaryDirectory() as tmp, demo_environment(Path(tmp) / "j.jsonl") as env:
            app = build_app(env)
            async with app.run_test(size=SIZE) as pilot:
                await route(app, pilot)
    if shutil.which("rsvg-convert"):
        for svg in sorted(OUT.glob("*.svg")):
            subprocess.run(
                ["rsvg-convert", str(svg), "-o", str(svg.with_suffix(".png"))], check=True
            )
        print("PNG copies written with rsvg-convert")


if __name__ == "__main__":
    asyncio.run(main())
