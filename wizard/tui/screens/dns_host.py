"""Step 3: where the domain's DNS lives, found from its NS records in a background worker."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, LoadingIndicator, Select, Static

from wizard.credentials import missing_fields, settings_for
from wizard.model.errors import WizardError
from wizard.model.servers import parse_servers
from wizard.tui.journey import Goal
from wizard.tui.safe import escape
from wizard.tui.screens.base import StepScreen
from wizard.tui.widgets import next_button
from wizard.zones import ZoneInfo, find_zone, make_resolver


@dataclass(frozen=True)
class HostChoice:
    """Where the records go: the zone (as found, when it was) and the DNS host picked."""

    zone_name: str
    zone: ZoneInfo | None
    provider_id: str


class DnsHostScreen(StepScreen[HostChoice]):
    DEFAULT_CSS = """
    DnsHostScreen {
        #dns-body { padding: 0 1; }
        #dns-loading { height: 3; }
        #provider { width: 60; }
        #resolver-row { height: auto; }
        #resolver-row Label { padding: 1 1 0 0; }
        #resolver { width: 30; }
    }
    """
    STEP = "Where your DNS lives"
    HELP = (
        "The wizard asks DNS which zone holds your records and which company serves it, from "
        "the zone's NS records. If it can write there through an API it offers that (and "
        "picks the host whose settings you already have, or the one the name servers "
        "belong to); you can pick another. The manual path (you type the records into your "
        "host's panel, the wizard shows exactly what) is always there. When this computer's "
        "DNS resolvers cannot find the domain, give one that can (HOST or HOST:PORT) and look "
        "again; it is asked for the rest of this run, the watch included."
    )

    def __init__(self, goal: Goal, lookup_name: str, domain: str) -> None:
        super().__init__()
        self.goal = goal
        self.lookup_name = lookup_name
        self.domain = domain
        self.zone: ZoneInfo | None = None

    def body(self) -> ComposeResult:
        checking = self.goal == "check"
        with Vertical(id="dns-body"):
            yield LoadingIndicator(id="dns-loading")
            yield Static("Looking up your domain's DNS…", id="dns-result")
            with Horizontal(id="resolver-row"):
                yield Label("Ask this DNS resolver:")
                yield Input(placeholder="HOST or HOST:PORT", id="resolver")
                yield Button("Look again", id="look-again")
            yield Label("Write the records with:", id="provider-label", disabled=checking)
            yield Select[str]([], id="provider", prompt="Pick a DNS host", allow_blank=True)
            yield Static("", id="provider-why", classes="muted")
            label = "Check the records" if checking else "Continue"
            yield next_button(label, disabled=True)

    def on_mount(self) -> None:
        self.query_one("#resolver-row").display = False
        if self.goal == "check":
            self.query_one("#provider-label").display = False
            self.query_one("#provider").display = False
        self.detect()

    @work(thread=True, exit_on_error=False, group="dns-detect", exclusive=True)
    def detect(self) -> None:
        try:
            resolver = make_resolver(self.env.resolvers, timeout=5.0)
            info = find_zone(self.lookup_name, resolver)
        except WizardError as err:
            self.app.call_from_thread(self.show_error, str(err))
            return
        configured = self._configured()
        self.app.call_from_thread(self.show_zone, info, configured)

    def _options(self) -> list[tuple[str, str]]:
        options: list[tuple[str, str]] = []
        for provider_id in self.env.provider_ids():
            try:
                options.append((self.env.provider_class(provider_id).display_name, provider_id))
            except (WizardError, ImportError):
                continue
        if not any(value == "manual" for _, value in options):
            options.append(("I'll add them myself (manual)", "manual"))
        # A person looks a host up by its name; writing by hand comes last, whatever it's called.
        return sorted(options, key=lambda o: (o[1] == "manual", o[0].casefold()))

    def _configured(self) -> list[str]:
        """API hosts whose every required setting is already there (environment or keyring)."""
        found = []
        for _, provider_id in self._options():
            if provider_id in ("manual", "demo"):
                continue
            try:
                cls = self.env.provider_class(provider_id)
                settings = settings_for(cls)
                defaults = {o.name: o.default for o in cls.options}
                given = any(value != defaults.get(name) for name, value in settings.items())
                if cls.capabilities.writes and given and not missing_fields(cls, settings):
                    found.append(provider_id)
            except (WizardError, ImportError):
                continue
        return found

    def show_zone(self, info: ZoneInfo, configured: list[str]) -> None:
        self.zone = info
        self.query_one("#dns-loading").display = False
        options = self._options()
        select = self.query_one("#provider", Select)
        select.set_options(options)
        ids = {value for _, value in options}
        names = dict((value, label) for label, value in options)
        detected = info.host.provider if info.host else None
        why = ""
        if detected in ids:
            why = (
                f"Picked {names[detected]}: the zone's name servers are its. Pick another if "
                "your records are kept elsewhere."
            )
        if self.env.demo is not None and "demo" in ids:
            suggested, host = "demo", "the demo's built-in DNS host"
        else:
            host = info.host.name if info.host else "not recognised"
            if detected in configured:
                suggested = detected
                why = f"Picked {names[suggested]}: its settings are already set."
            elif len(configured) == 1:
                suggested = configured[0]
                why = (
                    f"Picked {names[suggested]}: its settings are already set (environment or "
                    "keyring)."
                )
            else:
                suggested = detected or "manual"
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
        elif info.host is None and suggested == "manual":
            why = (
                "The name servers are not a DNS host the wizard knows. If your host is in "
                "the list above (or your server takes RFC 2136 updates), pick it; otherwise "
                "the manual path shows what to type in its panel."
            )
        select.value = suggested
        self.query_one("#dns-result", Static).update("\n".join(lines))
        self.query_one("#provider-why", Static).update(escape(why))
        button = self.query_one("#continue", Button)
        button.disabled = False
        button.focus()

    def show_error(self, message: str) -> None:
        self.query_one("#dns-loading").display = False
        asked = (
            "the DNS resolver you gave"
            if self.env.resolvers is not None
            else "this computer's DNS resolvers"
        )
        self.query_one("#dns-result", Static).update(
            f"[red]{escape(message)}[/]\n"
            f"The wizard asked {asked}. Check that the domain is spelled right (Esc goes back "
            "to it) and that this computer is online; or, if your domain is seen only by "
            "another DNS resolver (an internal zone, an office network), give it below and "
            "look again."
        )
        self.query_one("#resolver-row").display = True
        select = self.query_one("#provider", Select)
        select.set_options(self._options())
        select.value = "manual"
        self.query_one("#continue", Button).disabled = not self.domain

    @on(Button.Pressed, "#look-again")
    @on(Input.Submitted, "#resolver")
    def look_again(self) -> None:
        """Ask the resolver the person named, here and for the rest of the run."""
        text = self.query_one("#resolver", Input).value
        try:
            servers = parse_servers(text)
        except WizardError as err:
            self.query_one("#provider-why", Static).update(f"[red]{escape(str(err))}[/]")
            return
        if not servers:
            self.query_one("#provider-why", Static).update(
                "[red]Type the DNS resolver to ask, as HOST or HOST:PORT.[/]"
            )
            return
        self.wizard.use_resolvers(servers)
        self.query_one("#resolver-row").display = False
        self.query_one("#provider-why", Static).update("")
        self.query_one("#dns-loading").display = True
        self.query_one("#dns-result", Static).update(
            f"Looking up your domain's DNS with {escape(', '.join(map(str, servers)))}…"
        )
        self.query_one("#continue", Button).disabled = True
        self.detect()

    @on(Button.Pressed, "#continue")
    def next_step(self) -> None:
        value = self.query_one("#provider", Select).value
        if self.goal == "check":
            value = "manual"
        if not isinstance(value, str):
            self.notify("Pick a DNS host first.", severity="warning")
            return
        zone_name = self.zone.zone if self.zone else self.domain
        self.dismiss(HostChoice(zone_name, self.zone, value))
