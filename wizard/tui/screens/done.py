"""Step 10: what was done, what to do at the vendor next, and where the journal is."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Button, Input, Label, Static

from wizard.tui.safe import escape
from wizard.tui.screens.base import StepScreen
from wizard.vendors import mask_secret


class DoneScreen(StepScreen):
    STEP = "Done"
    HELP = "A summary of this run, the step left to do at your vendor, and where the journal is."

    def body(self) -> ComposeResult:
        profile = self.session.profile
        with VerticalScroll(id="done-body"):
            summary = self.session.summary or ["No changes were written in this run."]
            yield Static("\n".join(f"• {escape(line)}" for line in summary), id="done-summary")
            yield Static(f"[b]Next, at {profile.vendor}:[/b] {profile.next_steps}", id="next-step")
            if profile.tracking_next_steps:
                yield Static(profile.tracking_next_steps)
            yield Static(
                f"Journal: {escape(str(self.session.env.journal_path))}  (undo with "
                "`tracking-wizard revert`, or Roll back from the start screen)",
                classes="muted",
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

    @on(Input.Changed, "#api-key")
    def show_webhook(self, event: Input.Changed) -> None:
        profile = self.session.profile
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
            url = self.session.profile.webhook_url(key)
            if key and url:
                self.app.copy_to_clipboard(url)
                self.notify("Copied the webhook URL.")

    @on(Button.Pressed, "#restart")
    def restart(self) -> None:
        while len(self.app.screen_stack) > 2:
            self.app.pop_screen()
