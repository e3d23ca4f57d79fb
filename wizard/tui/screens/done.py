"""The last step: what this journey did or found, what to do at the vendor, where the journal is."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Button, Input, Label, Static

from wizard.model.words import counted
from wizard.tui.journey import Facts
from wizard.tui.safe import escape
from wizard.tui.screens.base import StepScreen
from wizard.vendors import mask_secret


def summary(facts: Facts) -> list[str]:
    """This journey's results only, as sentences."""
    lines: list[str] = []
    host = facts.provider.display_name if facts.provider else "your DNS host"
    written = sum(len(outcome.written) for outcome in facts.applied)
    if written:
        lines.append(
            f"{counted(written, 'change')} written to {host} in "
            f"{facts.zone_name} (in the journal below)."
        )
    elif facts.goal == "setup" and facts.provider_id == "manual":
        lines.append(f"The records were to be entered by hand at {host}.")
    elif facts.plan is not None and facts.plan.count("present"):
        present = counted(facts.plan.count("present"), "record was", "records were")
        lines.append(f"{present} already there.")
    if facts.watch is not None:
        lines.append(facts.watch.summary)
    lines += [f"{r.name.upper()}: {r.summary}" for r in facts.readiness]
    made = facts.https
    if made is not None and made.ok:
        lines.append(
            f"HTTPS through CloudFront: distribution {made.distribution_id} "
            f"({made.distribution_domain}), certificate {made.certificate_arn}."
        )
    elif made is not None and made.error is not None:
        lines.append(f"HTTPS through CloudFront did not finish: {made.error}")
    return lines


def verdict(facts: Facts) -> tuple[bool, str]:
    """Whether everything checked is as the vendor asked, in one sentence."""
    live = facts.watch is not None and facts.watch.all_good
    ready = all(r.status != "failed" for r in facts.readiness)
    if live and ready:
        return True, "Everything checked is as the vendor asked."
    if not live:
        return False, "Not everything is live yet: see the records marked missing or wrong."
    return False, "The records are live, but a readiness check failed: see below."


class DoneScreen(StepScreen[str]):
    DEFAULT_CSS = """
    DoneScreen {
        #done-body { padding: 0 1; height: 1fr; }
        #done-body #restart { dock: bottom; }
    }
    """
    STEP = "Done"
    HELP = "A summary of this run, the step left to do at your vendor, and where the journal is."

    def __init__(self, facts: Facts) -> None:
        super().__init__()
        self.facts = facts

    @property
    def step_title(self) -> str:
        return "Check complete" if self.facts.goal == "check" else "Done"

    def body(self) -> ComposeResult:
        facts = self.facts
        profile = facts.profile
        good, sentence = verdict(facts)
        with VerticalScroll(id="done-body"):
            if facts.goal == "check":
                colour = "green" if good else "red"
                yield Static(f"[b][{colour}]{escape(sentence)}[/][/b]", id="verdict")
            lines = summary(facts) or ["No changes were written in this run."]
            yield Static("\n".join(f"• {escape(line)}" for line in lines), id="done-summary")
            if facts.goal == "check" and not good:
                yield Static(
                    "[b]Next:[/b] fix the records marked missing or wrong at your DNS host (the "
                    "watch showed what is there instead), then run Check again.",
                    id="next-step",
                )
            else:
                when = "" if good else " once every record is live"
                yield Static(
                    f"[b]Next, at {profile.vendor}{when}:[/b] {profile.next_steps}", id="next-step"
                )
                if profile.tracking_next_steps:
                    yield Static(profile.tracking_next_steps)
            undo = (
                "Roll back from the demo's start screen: tracking-wizard --demo"
                if self.env.demo is not None
                else "undo with `tracking-wizard revert`, or Roll back from the start screen"
            )
            yield Static(
                f"Journal: {escape(str(self.env.journal_path))}  ·  {undo}", classes="muted"
            )
            if profile.connect_data is not None and profile.data_endpoint:
                data = profile.connect_data
                yield Static("[b]Connecting data to Pendo[/b]", classes="legend")
                yield Static(f"Your API key is in {data.api_key_location}.")
                yield Label("Pendo API key (never stored):")
                yield Input(password=True, id="api-key")
                yield Static("", id="webhook")
                yield Static(data.track_events)
                yield Static(data.rudderstack)
            yield Button("Back to the start", id="restart", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#restart", Button).focus()

    @on(Input.Changed, "#api-key")
    def show_webhook(self, event: Input.Changed) -> None:
        profile = self.facts.profile
        key = event.value.strip()
        url = profile.webhook_url(mask_secret(key)) if key else None
        text = (
            f"Segment cloud mode: add a Webhooks destination with {url} (your key in place of "
            "the dots). Press w to copy the full URL."
            if url
            else ""
        )
        self.query_one("#webhook", Static).update(text)

    def key_w(self) -> None:
        inputs = self.query("#api-key")
        if inputs:
            key = self.query_one("#api-key", Input).value.strip()
            url = self.facts.profile.webhook_url(key)
            if key and url:
                self.app.copy_to_clipboard(url)
                self.notify("Copied the webhook URL.")

    @on(Button.Pressed, "#restart")
    def restart(self) -> None:
        self.dismiss("start")
