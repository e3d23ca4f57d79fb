"""Step 4: the DNS host's credentials, checked with one read before anything is planned.

Each of the provider's options becomes a widget of its kind: a Select for a choice, a masked
Input for a secret, a whole-number Input for an integer, a plain Input for text. A value the
option refuses is said under the form as it is typed, in the option's own sentence.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Collapsible, Input, Label, Select, Static

from providers.base import ChoiceOption, IntegerOption, Option, Provider
from wizard.credentials import env_var, keyring_status, missing_fields, remember, settings_for
from wizard.model.errors import ApiNotAvailable, WizardError
from wizard.tui.safe import escape
from wizard.tui.screens.base import StepScreen
from wizard.tui.widgets import next_button

FIELD_PREFIX = "field-"


def option_widget(option: Option, known: str | None) -> Widget:
    """The form widget for one option, holding the value already known (never a secret's)."""
    widget_id = FIELD_PREFIX + option.name
    if isinstance(option, ChoiceOption):
        value = _choice(option, known)
        return Select(
            [(choice, choice) for choice in option.choices],
            value=value if value is not None else Select.NULL,
            allow_blank=not option.required or value is None,
            id=widget_id,
        )
    placeholder = "already set (keyring or environment)" if known else ""
    if option.secret:
        return Input("", placeholder=placeholder, password=True, id=widget_id)
    if isinstance(option, IntegerOption):
        hint = placeholder or f"a whole number from {option.minimum} to {option.maximum}"
        return Input(known or "", placeholder=hint, type="integer", id=widget_id)
    return Input(known or "", placeholder=placeholder, id=widget_id)


def _choice(option: ChoiceOption, known: str | None) -> str | None:
    try:
        return str(option.parse(known)) if known else None
    except WizardError:
        return None  # a bad value from the environment: let the person choose


def refusal(option: Option, raw: str) -> str:
    """The option's sentence about `raw`, or "" when it takes it (or nothing was entered)."""
    try:
        if raw.strip():
            option.parse(raw)
    except WizardError as err:
        return str(err)
    return ""


class CredentialsScreen(StepScreen[Provider | ApiNotAvailable]):
    DEFAULT_CSS = """
    CredentialsScreen {
        #credentials-body { padding: 0 1; height: 1fr; }
        #credentials-actions { height: auto; padding: 0 1; }
        #credentials-result { width: 1fr; padding: 1 0 0 1; }
    }
    """
    STEP = "Credentials"
    HELP = (
        "The fields your DNS host needs, each with where to get it and the least it must be "
        "allowed to do. Secrets are masked, never written to a file or the journal, and kept "
        "only for this run unless you tick 'Remember in the keyring' (which works only where "
        "the system has a keyring; the wizard then opens on your own domain next time). "
        "Values already in the keyring or in TRACKING_WIZARD_<HOST>_<FIELD> variables are "
        "used when a field is left empty. 'Advanced settings' hold what is right as it is "
        "unless you know otherwise, such as the API's address. Check and continue makes one "
        "read at the host (finding the zone) before anything is planned."
    )

    def __init__(self, provider_id: str, zone_name: str) -> None:
        super().__init__()
        self.provider_id = provider_id
        self.zone_name = zone_name

    @property
    def provider_class(self) -> type[Provider]:
        return self.env.provider_class(self.provider_id)

    def body(self) -> ComposeResult:
        cls = self.provider_class
        known = settings_for(cls)
        works, why = keyring_status()
        advanced = [o for o in cls.options if o.advanced]
        with VerticalScroll(id="credentials-body"):
            yield Static(f"[b]{cls.display_name}[/b] for the zone {escape(self.zone_name)}")
            for option in cls.options:
                if not option.advanced:
                    yield from self._field(option, known.get(option.name))
            if advanced:
                with Collapsible(title="Advanced settings", id="advanced"):
                    for option in advanced:
                        yield from self._field(option, known.get(option.name))
            if cls.options:
                yield Checkbox("Remember in the keyring", id="remember", disabled=not works)
                if works:
                    why += " Remembered, they open the wizard on your own domain next time."
                else:
                    unset = [o for o in cls.options if o.required and not known.get(o.name)]
                    names = ", ".join(env_var(cls.id, o.name) for o in unset)
                    why += (
                        f" To skip this step next time, set {names} in the environment."
                        if unset
                        else " The settings this host needs are already in the environment."
                    )
                yield Static(escape(why), classes="muted", id="keyring-why")
            else:
                yield Static(
                    f"{cls.display_name} needs no settings: the next step checks that it "
                    "answers for this zone.",
                    classes="muted",
                )
        # Outside the scrolling fields, so the way on is on screen at 80x24 too.
        with Horizontal(id="credentials-actions"):
            yield next_button("Check and continue")
            yield Static("", id="credentials-result")

    @staticmethod
    def _field(option: Option, known: str | None) -> ComposeResult:
        """One option: its label, its widget, what it is, and where to get it."""
        yield Label(f"{option.label}{'' if option.required else ' (optional)'}")
        yield option_widget(option, known)
        yield Static(escape(option.help), classes="muted")
        if option.where:
            yield Static(escape(option.where), classes="muted")

    def on_mount(self) -> None:
        cls = self.provider_class
        missing = missing_fields(cls, settings_for(cls))
        if missing:  # the first field to fill in
            self.query_one(f"#{FIELD_PREFIX}{missing[0].name}").focus()
        else:
            self.query_one("#continue", Button).focus()  # everything is set: one key on

    def _raw(self, option: Option) -> str:
        """What the person entered or chose for `option`, as text; "" for nothing."""
        widget = self.query_one(f"#{FIELD_PREFIX}{option.name}")
        if isinstance(widget, Select):
            return "" if widget.value is Select.NULL else str(widget.value)
        assert isinstance(widget, Input)
        return widget.value.strip()

    def _given(self) -> dict[str, str]:
        return {o.name: raw for o in self.provider_class.options if (raw := self._raw(o))}

    @on(Input.Changed)
    def entered(self, event: Input.Changed) -> None:
        """Say at once when a value is one the option refuses (a timeout out of bounds…)."""
        for option in self.provider_class.options:
            if event.input.id == FIELD_PREFIX + option.name:
                sentence = refusal(option, event.value)
                for result in self.query("#credentials-result").results(Static):
                    result.update(f"[red]{escape(sentence)}[/]" if sentence else "")

    @on(Button.Pressed, "#continue")
    def check(self) -> None:
        self.query_one("#continue", Button).disabled = True
        self.query_one("#credentials-result", Static).update("Checking with one read…")
        boxes = self.query("#remember").results(Checkbox)
        self.verify(self._given(), any(box.value for box in boxes))

    def _to_remember(self, given: dict[str, str]) -> dict[str, str]:
        """What the person typed that differs from the option's default: the rest needs no
        keeping."""
        defaults = {o.name: o.default for o in self.provider_class.options}
        return {name: value for name, value in given.items() if value != defaults.get(name)}

    @work(thread=True, exit_on_error=False, group="credentials", exclusive=True)
    def verify(self, given: dict[str, str], keep: bool) -> None:
        provider_id = self.provider_id
        try:
            provider = self.env.provider_factory(provider_id, given)
            provider.check_credentials(self.zone_name)
            if keep:
                for name, value in self._to_remember(given).items():
                    remember(provider_id, name, value)
        except ApiNotAvailable as err:  # the host has no API for this account: go by hand
            self.app.call_from_thread(self.dismiss, err)
            return
        except WizardError as err:
            self.app.call_from_thread(self.failed, f"{err.title}: {err}")
            return
        self.app.call_from_thread(self.passed, provider, keep)

    def failed(self, message: str) -> None:
        self.query_one("#credentials-result", Static).update(f"[red]{escape(message)}[/]")
        self.query_one("#continue", Button).disabled = False

    def passed(self, provider: Provider, kept: bool = False) -> None:
        self.query_one("#credentials-result", Static).update("[green]Accepted.[/]")
        if kept:
            self.notify(
                f"{provider.display_name}'s settings are in the keyring: next time the wizard "
                "opens on your own domain."
            )
        self.query_one("#continue", Button).disabled = False
        self.dismiss(provider)
