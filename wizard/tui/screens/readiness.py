"""Step 9: is the tracking host ready for links (DNS, HTTP, HSTS, certificate)?"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, DataTable, LoadingIndicator, Static

from wizard.app.presentation import CHECK_MARK, CHECK_STYLE
from wizard.model.records import Record
from wizard.readiness import CheckResult, check_dns, check_tracking_host
from wizard.tui.safe import escape, literal
from wizard.tui.screens.base import StepScreen
from wizard.tui.widgets import next_button
from wizard.vendors import VendorProfile
from wizard.zones import make_resolver

STATUS = {
    status: f"[{CHECK_STYLE[status]}]{mark} {status}[/]" for status, mark in CHECK_MARK.items()
}


def tracking_host(records: tuple[Record, ...]) -> str | None:
    """The link-tracking host among the records: a CNAME that is not a DKIM key."""
    for record in records:
        if record.type == "CNAME" and "._domainkey." not in record.name:
            return record.name
    return None


class ReadinessScreen(StepScreen[tuple[CheckResult, ...]]):
    DEFAULT_CSS = """
    ReadinessScreen {
        #readiness-body { padding: 0 1; height: 1fr; }
        #readiness-actions { height: auto; padding: 0 1; }
        #readiness-loading { height: 3; }
        #readiness-table { height: auto; }
    }
    """
    STEP = "Ready for tracked links?"
    HELP = (
        "Tracked links open on your tracking host, so it must answer on the web. If your "
        "domain sends HSTS with includeSubDomains, browsers open only HTTPS links, and the "
        "host then needs a valid certificate: that is HTTPS link tracking."
    )

    def __init__(self, host: str, profile: VendorProfile) -> None:
        super().__init__()
        self.host = host
        self.profile = profile
        self.results: tuple[CheckResult, ...] = ()

    def body(self) -> ComposeResult:
        with VerticalScroll(id="readiness-body"):
            yield Static("", id="readiness-intro")
            yield LoadingIndicator(id="readiness-loading")
            yield DataTable(id="readiness-table", cursor_type="none")
            yield Static(self.profile.https_how, classes="muted")
        with Horizontal(id="readiness-actions"):
            yield next_button()

    def on_mount(self) -> None:
        host = self.host
        self.query_one("#readiness-intro", Static).update(
            f"Checking [b]{escape(host)}[/b] for {self.profile.label}…"
        )
        table = self.query_one("#readiness-table", DataTable)
        table.add_columns("Check", "Result")
        # The meaning is a sentence: a column as wide as the screen allows, wrapped in the row.
        table.add_column("Meaning", width=max(30, self.app.size.width - 28))
        self.run_checks(host)

    @work(thread=True, exit_on_error=False, group="readiness", exclusive=True)
    def run_checks(self, host: str) -> None:
        env = self.env
        resolver = make_resolver(env.resolvers, timeout=5.0)
        if env.web_checks:
            # The demo reaches its own web servers on loopback, trusting its own CA.
            reach = env.demo.reach() if env.demo and env.demo.reach else None
            results = check_tracking_host(host, self.profile, resolver=resolver, reach=reach)
        else:
            results = [check_dns(host, self.profile, resolver)]
        self.app.call_from_thread(self.show, results, env.web_checks)

    def show(self, results: list[CheckResult], web: bool) -> None:
        self.query_one("#readiness-loading").display = False
        self.query_one("#readiness-intro", Static).update(
            f"Checked [b]{escape(self.host)}[/b] for {self.profile.label}:"
        )
        table = self.query_one("#readiness-table", DataTable)
        for result in results:
            table.add_row(
                result.name.upper(), STATUS[result.status], literal(result.summary), height=None
            )
        if not web:
            table.add_row(
                "WEB",
                "[dim]skipped[/]",
                "The demo has no network, so the HTTP, HSTS and certificate checks are not run.",
                height=None,
            )
        self.results = tuple(results)

    @on(Button.Pressed, "#continue")
    def next_step(self) -> None:
        self.dismiss(self.results)
