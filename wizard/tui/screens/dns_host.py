"""Step 3: where the domain's DNS lives, found from its NS records in a background worker."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Label, LoadingIndicator, Select, Static

from wizard.model.errors import ProviderError, WizardError
from wizard.tui.safe import escape
from wizard.tui.screens.base import StepScreen
from wizard.zones import ZoneInfo, find_zone, make_resolver


class DnsHostScreen(StepScreen):
    STEP = "Where your DNS lives"
    HELP = (
        "The wizard asks DNS which zone holds your records and which company serves it, from "
        "the zone's NS records. If it can write there through an API it offers that; the "
        "manual path (you type the records into your host's panel, the wizard shows exactly "
        "what) is always there."
    )

    def body(self) -> ComposeResult:
        with Vertical(id="dns-body"):
            yield LoadingIndicator(id="dns-loading")
            yield Static("Looking up your domain's DNS…", id="dns-result")
            yield Label("Write the records with:")
            yield Select[str]([], id="provider", prompt="Pick a DNS host", allow_blank=True)
            yield Button("Continue", id="continue", variant="primary", disabled=True)

    def on_mount(self) -> None:
        self.detect()

    def _lookup_name(self) -> str:
        if self.session.domain:
            return self.session.domain
        return self.session.records[0].name if self.session.records else ""

    @work(thread=True, exit_on_error=False, group="dns-detect", exclusive=True)
    def detect(self) -> None:
        try:
            resolver = make_resolver(self.session.env.resolvers, timeout=5.0)
            info = find_zone(self._lookup_name(), resolver)
        except WizardError as err:
            self.app.call_from_thread(self.show_error, str(err))
            return
        self.app.call_from_thread(self.show_zone, info)

    def _options(self) -> list[tuple[str, str]]:
        options: list[tuple[str, str]] = []
        for provider_id in self.session.env.provider_ids():
            try:
                options.append(
                    (self.session.env.provider_class(provider_id).display_name, provider_id)
                )
            except (ProviderError, ImportError):
                continue
        if not any(value == "manual" for _, value in options):
            options.append(("I'll add them myself (manual)", "manual"))
        return options

    def show_zone(self, info: ZoneInfo) -> None:
        self.session.zone = info
        self.query_one("#dns-loading").display = False
        options = self._options()
        select = self.query_one("#provider", Select)
        select.set_options(options)
        ids = {value for _, value in options}
        demo = self.session.env.demo is not None and "demo" in ids
        suggested = "demo" if demo else info.host.provider if info.host else "manual"
        if demo:
            host = "the demo's built-in DNS host"
        else:
            host = info.host.name if info.host else "not recognised"
        ns = ", ".join(n.name for n in info.nameservers) or "none found"
        lines = [
            f"Zone: [b]{escape(info.zone)}[/b]",
            f"Name servers: {escape(ns)}",
            f"DNS host: [b]{escape(host)}[/b]",
        ]
        if suggested not in ids:
            lines.append(
                "The wizard has no plugin for this host: the manual path shows what to enter."
            )
            suggested = "manual"
        select.value = suggested
        self.query_one("#dns-result", Static).update("\n".join(lines))
        self.query_one("#continue", Button).disabled = False

    def show_error(self, message: str) -> None:
        self.query_one("#dns-loading").display = False
        self.query_one("#dns-result", Static).update(f"[red]{escape(message)}[/]")
        select = self.query_one("#provider", Select)
        select.set_options(self._options())
        select.value = "manual"
        self.query_one("#continue", Button).disabled = not self.session.domain

    @on(Button.Pressed, "#continue")
    def next_step(self) -> None:
        value = self.query_one("#provider", Select).value
        if not isinstance(value, str):
            self.notify("Pick a DNS host first.", severity="warning")
            return
        self.session.provider_id = value
        if self.session.goal == "check":
            from wizard.tui.screens.propagation import PropagationScreen

            self.app.push_screen(PropagationScreen.for_records(self.session.records))
        elif value == "manual":
            from wizard.tui.screens.manual import ManualScreen

            self.app.push_screen(ManualScreen())
        else:
            from wizard.tui.screens.credentials import CredentialsScreen

            self.app.push_screen(CredentialsScreen())
