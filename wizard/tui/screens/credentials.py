"""Step 4: the DNS host's credentials, checked with one read before anything is planned."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Static

from providers.base import Provider
from wizard.credentials import keyring_status, missing_fields, remember, settings_for
from wizard.model.errors import WizardError
from wizard.tui.safe import escape
from wizard.tui.screens.base import StepScreen


class CredentialsScreen(StepScreen[Provider]):
    STEP = "Credentials"
    HELP = (
        "The fields your DNS host needs. Secrets are masked, never written to a file or the "
        "journal, and kept only for this run unless you tick 'Remember in keyring' (which "
        "works only where the system has a keyring). Values already in the keyring or in "
        "TRACKING_WIZARD_<HOST>_<FIELD> variables are used when a field is left empty."
    )

    def __init__(self, provider_id: str, zone_name: str) -> None:
        super().__init__()
        self.provider_id = provider_id
        self.zone_name = zone_name

    def body(self) -> ComposeResult:
        cls = self.env.provider_class(self.provider_id)
        known = settings_for(cls)
        works, why = keyring_status()
        with VerticalScroll(id="credentials-body"):
            yield Static(f"[b]{cls.display_name}[/b] for the zone {escape(self.zone_name)}")
            for field in cls.credential_fields:
                yield Label(f"{field.label}{'' if field.required else ' (optional)'}")
                placeholder = (
                    "already set (keyring or environment)" if known.get(field.name) else ""
                )
                value = "" if field.secret else known.get(field.name, "")
                yield Input(
                    value, placeholder=placeholder, password=field.secret, id=f"field-{field.name}"
                )
                yield Static(field.help, classes="muted")
            yield Checkbox("Remember in keyring", id="remember", disabled=not works)
            yield Static(why, classes="muted", id="keyring-why")
        # Outside the scrolling fields, so the way on is on screen at 80x24 too.
        with Horizontal(id="credentials-actions"):
            yield Button("Check and continue", id="continue", variant="primary")
            yield Static("", id="credentials-result")

    def on_mount(self) -> None:
        cls = self.env.provider_class(self.provider_id)
        if not missing_fields(cls, settings_for(cls)):
            self.query_one("#continue", Button).focus()  # everything is set: one key on

    def _given(self) -> dict[str, str]:
        cls = self.env.provider_class(self.provider_id)
        given = {}
        for field in cls.credential_fields:
            value = self.query_one(f"#field-{field.name}", Input).value.strip()
            if value:
                given[field.name] = value
        return given

    @on(Button.Pressed, "#continue")
    def check(self) -> None:
        self.query_one("#continue", Button).disabled = True
        self.query_one("#credentials-result", Static).update("Checking with one read…")
        self.verify(self._given(), self.query_one("#remember", Checkbox).value)

    @work(thread=True, exit_on_error=False, group="credentials", exclusive=True)
    def verify(self, given: dict[str, str], keep: bool) -> None:
        provider_id = self.provider_id
        try:
            provider = self.env.provider_factory(provider_id, given)
            provider.check_credentials(self.zone_name)
            if keep:
                for name, value in given.items():
                    remember(provider_id, name, value)
        except WizardError as err:
            self.app.call_from_thread(self.failed, f"{err.title}: {err}")
            return
        self.app.call_from_thread(self.passed, provider)

    def failed(self, message: str) -> None:
        self.query_one("#credentials-result", Static).update(f"[red]{escape(message)}[/]")
        self.query_one("#continue", Button).disabled = False

    def passed(self, provider: Provider) -> None:
        self.query_one("#credentials-result", Static).update("[green]Accepted.[/]")
        self.query_one("#continue", Button).disabled = False
        self.dismiss(provider)
