"""The first run's question: try the demo, or use your own domain (and which one).

Shown when neither `--demo`/`--real` nor any setting chose. Behind it the keyring is read: a
DNS host's settings remembered there count as configured, and the wizard goes on to your own
domain without asking. Nothing of the wizard's environment opens until the answer is known.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from wizard.model.errors import WizardError
from wizard.model.names import normalize_name
from wizard.model.servers import Server, parse_servers
from wizard.tui.safe import escape
from wizard.tui.screens.base import StepScreen
from wizard.tui.widgets import ChoiceList, next_button

MODES = [
    "Try the demo: a built-in DNS host, no account, no network",
    "Use my own domain: write to my DNS host (or show what to type there)",
]
DEMO, OWN = 0, 1


@dataclass(frozen=True)
class FirstRunChoice:
    demo: bool
    #: The person's domain, typed here (own domain only; "" when not asked).
    domain: str = ""
    #: DNS resolvers to ask instead of the system's, when the person named some.
    resolvers: tuple[Server, ...] = ()
    #: DNS hosts whose settings were found in the keyring (the question was then skipped).
    remembered: tuple[str, ...] = ()


def domain_refusal(text: str) -> str:
    """Why `text` is not a domain to set up, or "" when it is one."""
    name = normalize_name(text)
    if not name or "." not in name or any(c.isspace() for c in name):
        return "Your domain: type the full domain name, such as example.com."
    return ""


class FirstRunScreen(StepScreen[FirstRunChoice]):
    DEFAULT_CSS = """
    FirstRunScreen {
        #first-body { padding: 0 1; height: 1fr; }
        #mode { height: auto; }
        #own-domain { height: auto; }
        .field-row { height: auto; }
        .field-row Label { width: 16; padding: 1 1 0 0; }
        .field-row Input { width: 1fr; }
        #first-actions { height: auto; padding: 0 1; }
        #first-result { width: 1fr; padding: 1 0 0 1; }
    }
    """
    STEP = "Welcome"
    AUTO_FOCUS = "#mode"
    HELP = (
        "The demo runs the whole wizard on a DNS world of its own: nothing leaves this "
        "computer. 'Use my own domain' writes the vendor's records at your real DNS host; the "
        "next steps find where your domain's DNS lives, ask for that host's credentials (with "
        "where to get them) and check them before anything is written. The DNS resolver is "
        "optional: leave it empty to ask this computer's resolvers, or give one (an address, "
        "HOST:PORT) when they cannot see your domain, as with an internal zone."
    )

    def body(self) -> ComposeResult:
        with VerticalScroll(id="first-body"):
            yield Static(
                "Your vendor gave you some DNS records. This wizard puts them at your DNS host "
                "exactly as given, watches them go live, and can undo it all.",
                classes="intro",
            )
            yield ChoiceList(MODES, DEMO, legend="How do you want to start?", widget_id="mode")
            with Vertical(id="own-domain"):
                with Horizontal(classes="field-row"):
                    yield Label("Your domain")
                    yield Input(placeholder="example.com", id="domain")
                with Horizontal(classes="field-row"):
                    yield Label("DNS resolver")
                    yield Input(placeholder="optional: this computer's resolvers", id="resolver")
                yield Static(
                    "Leave the resolver empty unless this computer's resolvers cannot see your "
                    "domain; then give one as HOST or HOST:PORT.",
                    classes="muted",
                )
        with Horizontal(id="first-actions"):
            yield next_button()
            yield Static("", id="first-result")

    def on_mount(self) -> None:
        self.query_one("#own-domain").display = False
        self.look_in_keyring()

    @work(thread=True, exit_on_error=False, group="keyring", exclusive=True)
    def look_in_keyring(self) -> None:
        """Settings remembered in the keyring count as configured: go on to the own domain."""
        from wizard.credentials import remembered_hosts

        found = remembered_hosts()
        if found:
            self.app.call_from_thread(self.dismiss, FirstRunChoice(False, remembered=found))

    @on(ChoiceList.OptionHighlighted, "#mode")
    def mode_changed(self, event: ChoiceList.OptionHighlighted) -> None:
        self.query_one("#own-domain").display = event.option_index == OWN
        self.query_one("#first-result", Static).update("")

    @on(ChoiceList.Chosen)
    @on(Input.Submitted)
    @on(Button.Pressed, "#continue")
    def next_step(self) -> None:
        if self.query_one("#mode", ChoiceList).highlighted != OWN:
            self.dismiss(FirstRunChoice(True))
            return
        domain_input = self.query_one("#domain", Input)
        refusal = domain_refusal(domain_input.value)
        if refusal:
            self.say(refusal)
            domain_input.focus()
            return
        try:
            resolvers = tuple(parse_servers(self.query_one("#resolver", Input).value))
        except WizardError as err:
            self.say(f"DNS resolver: {err}")
            self.query_one("#resolver", Input).focus()
            return
        domain = normalize_name(domain_input.value)
        self.dismiss(FirstRunChoice(False, domain, resolvers))

    def say(self, sentence: str) -> None:
        self.query_one("#first-result", Static).update(f"[red]{escape(sentence)}[/]")

    def action_back(self) -> None:
        """The first step has nothing before it."""
