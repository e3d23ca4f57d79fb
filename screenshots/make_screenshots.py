"""Regenerates screenshots/*.svg (and .png where rsvg-convert is installed) from the real app.

Run from the repository root: `.venv/bin/python screenshots/make_screenshots.py`. The PNG
copies need `rsvg-convert` (Debian: `apt-get install librsvg2-bin`; the tests do not). It
walks the demo (its little internet on loopback, no account, no network) as a person would
and saves each screen: the whole journey once, then each vendor's story
(`story-<vendor>-*.svg`: its paste, its records live, its readiness verdict) and the manual
path's planted mistakes.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Button, Select

from wizard.demo import demo_environment
from wizard.tui.app import WizardApp, build_app
from wizard.vendors import PROFILE_IDS

OUT = Path(__file__).resolve().parent
SIZE = (100, 32)


async def until(pilot: Pilot[int], check: Callable[[], bool], seconds: float = 120) -> None:
    for _ in range(int(seconds / 0.1)):
        if check():
            return
        await pilot.pause(0.1)
    raise RuntimeError("the app did not reach the expected state")


def on(app: WizardApp, screen: str) -> Callable[[], bool]:
    return lambda: type(app.screen).__name__ == screen


def live(app: WizardApp) -> Callable[[], bool]:
    """The watch is over and every record is where it should be (the button starts out
    disabled with the same label, so the label alone does not say so)."""

    def check() -> bool:
        button = app.screen.query_one("#continue", Button)
        final = getattr(app.screen, "final", None)
        return not button.disabled and str(button.label) == "Continue" and final is not None

    return lambda: check() and bool(app.screen.final.all_good)  # type: ignore[attr-defined]


def enabled(app: WizardApp, selector: str) -> Callable[[], bool]:
    def check() -> bool:
        buttons = app.screen.query(selector)
        return bool(buttons) and not app.screen.query_one(selector, Button).disabled

    return check


async def step(
    app: WizardApp, pilot: Pilot[int], button: str, screen: str, ready: str = ""
) -> None:
    """Press `button`, wait for `screen`, and then for its `ready` button to be enabled."""
    app.screen.query_one(button, Button).press()
    await until(pilot, on(app, screen))
    if ready:
        await until(pilot, enabled(app, ready))


#: The set-up journey up to the write: (button pressed, screen reached, its button to wait
#: for, screenshot).
SETUP_STEPS = [
    ("#continue", "PasteScreen", "#continue", "02-paste"),
    ("#continue", "DnsHostScreen", "#continue", "03-dns-host"),
    ("#continue", "CredentialsScreen", "", "04-credentials"),
    ("#continue", "PlanScreen", "#apply", "05-plan"),
    ("#apply", "ApplyScreen", "#continue", "06-apply"),
]


async def walk(app: WizardApp, pilot: Pilot[int]) -> None:
    shots: list[str] = []

    def shot(name: str) -> None:
        app.save_screenshot(str(OUT / f"{name}.svg"))
        shots.append(name)

    await until(pilot, on(app, "StartScreen"))
    shot("01-start")
    for button, screen, ready, name in SETUP_STEPS:
        await step(app, pilot, button, screen, ready)
        await pilot.pause(0.3)  # the footer's keys land a moment after the screen
        shot(name)
    await step(app, pilot, "#continue", "PropagationScreen")
    await pilot.pause(2.5)
    shot("07-propagation-live")
    await until(pilot, live(app))
    shot("08-propagation-done")
    await step(app, pilot, "#continue", "ReadinessScreen")
    await pilot.pause(1.0)
    shot("09-readiness")
    await step(app, pilot, "#continue", "DoneScreen")
    shot("10-done")
    await step(app, pilot, "#restart", "StartScreen")
    app.screen.goal = "rollback"  # type: ignore[attr-defined]
    await step(app, pilot, "#continue", "RollbackScreen")
    app.screen.query_one("#review", Button).press()
    await until(pilot, enabled(app, "#confirm"))
    shot("11-rollback")
    await step(app, pilot, "#confirm", "ConfirmScreen")
    await pilot.pause(0.3)
    shot("14-rollback-confirm")
    await step(app, pilot, "#confirm-yes", "RevertScreen", "#continue")
    await step(app, pilot, "#continue", "PropagationScreen")
    await until(pilot, live(app))
    await step(app, pilot, "#continue", "RolledBackScreen")
    shot("15-rolled-back")
    print("\n".join(f"wrote {OUT / name}.svg" for name in shots))


async def to_manual(app: WizardApp, pilot: Pilot[int]) -> None:
    """From the paste, once it has read the records, past the DNS host step on the manual path."""
    await until(pilot, on(app, "PasteScreen"))
    await until(pilot, enabled(app, "#continue"))
    await step(app, pilot, "#continue", "DnsHostScreen", "#continue")
    app.screen.query_one("#provider", Select).value = "manual"
    app.screen.query_one("#continue", Button).press()


async def walk_manual(app: WizardApp, pilot: Pilot[int]) -> None:
    await until(pilot, on(app, "StartScreen"))
    app.screen.query_one("#continue", Button).press()
    await to_manual(app, pilot)
    await until(pilot, on(app, "ManualScreen"))
    app.save_screenshot(str(OUT / "12-manual.svg"))
    app.screen.query_one("#demo-panel", Button).press()
    await pilot.pause(0.5)
    await step(app, pilot, "#continue", "PropagationScreen")
    await until(pilot, lambda: "sits at" in str(app.screen.query_one("#watch-findings").render()))
    await pilot.pause(0.5)  # let the last repaint land
    app.save_screenshot(str(OUT / "13-diagnosis.svg"))
    print(f"wrote {OUT / '12-manual.svg'}\nwrote {OUT / '13-diagnosis.svg'}")


async def walk_story(app: WizardApp, pilot: Pilot[int]) -> None:
    """One vendor's story, opened directly (`demo --vendor`): paste, live, readiness."""
    vendor = app.vendor
    names: list[str] = []

    def shot(step: str) -> None:
        app.clear_notifications()
        name = f"story-{vendor}-{step}"
        app.save_screenshot(str(OUT / f"{name}.svg"))
        names.append(name)

    await until(pilot, on(app, "PasteScreen"))
    await until(pilot, enabled(app, "#continue"))
    shot("1-paste")
    for screen, button in (
        ("DnsHostScreen", "#continue"),
        ("CredentialsScreen", "#continue"),
        ("PlanScreen", "#continue"),
        ("ApplyScreen", "#apply"),
        ("PropagationScreen", "#continue"),
    ):
        await until(pilot, enabled(app, button))
        app.screen.query_one(button, Button).press()
        await until(pilot, on(app, screen))
    await pilot.pause(1.0)
    shot("2-asked-too-early")
    await until(pilot, live(app))
    shot("3-live")
    await step(app, pilot, "#continue", "ReadinessScreen")
    await until(pilot, lambda: len(getattr(app.screen, "results", ())) == 4)
    await pilot.pause(0.3)
    shot("4-readiness")
    print("\n".join(f"wrote {OUT / name}.svg" for name in names))


async def walk_mistakes(app: WizardApp, pilot: Pilot[int]) -> None:
    """The manual path's planted mistakes in Pendo (EU)'s story: doubled, then proxied, fixed."""
    await to_manual(app, pilot)
    for mistake, finding in (("1-doubled", "sits at"), ("2-proxied", "proxied"), ("3-fixed", "")):
        await until(pilot, on(app, "ManualScreen"))
        await until(pilot, enabled(app, "#demo-panel"))
        app.screen.query_one("#demo-panel", Button).press()
        await pilot.pause(0.5)
        await until(pilot, enabled(app, "#demo-panel"))
        await step(app, pilot, "#continue", "PropagationScreen")
        findings = app.screen.query_one("#watch-findings")
        if finding:
            await until(pilot, lambda f=finding, w=findings: f in str(w.render()))  # type: ignore[misc]
        else:
            await until(pilot, live(app))
        app.clear_notifications()
        app.save_screenshot(str(OUT / f"mistake-{mistake}.svg"))
        print(f"wrote {OUT / f'mistake-{mistake}.svg'}")
        if finding:
            await pilot.press("escape")


async def main() -> None:
    routes: list[tuple[Callable[[WizardApp, Pilot[int]], Awaitable[None]], str | None, str]] = [
        (walk, None, "present"),
        (walk_manual, None, "present"),
        *((walk_story, vendor, "fast") for vendor in PROFILE_IDS),
        (walk_mistakes, "pendo-eu", "fast"),
    ]
    for route, vendor, pace in routes:
        # A fresh demo journal each time: the demo's own one persists between runs.
        with (
            tempfile.TemporaryDirectory() as tmp,
            demo_environment(Path(tmp) / "j.jsonl", pace=pace) as env,
        ):
            app = build_app(env, vendor=vendor)
            async with app.run_test(size=SIZE) as pilot:
                await route(app, pilot)
    if shutil.which("rsvg-convert"):
        for svg in sorted(OUT.glob("*.svg")):
            subprocess.run(
                ["rsvg-convert", str(svg), "-o", str(svg.with_suffix(".png"))], check=True
            )
        print("PNG copies written with rsvg-convert")
    else:
        print("No PNG copies: rsvg-convert is not installed (Debian: apt-get install librsvg2-bin)")


if __name__ == "__main__":
    asyncio.run(main())
