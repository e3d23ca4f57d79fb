"""The HTTPS step: a CloudFront distribution and an ACM certificate in front of the vendor's
tracking origin, made in one go and journalled, or skipped for the manual text."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, RichLog, Static

from providers.base import Provider
from wizard.app import https
from wizard.app.https import HttpsOutcome, HttpsPreview
from wizard.https.progress import Progress
from wizard.journal import Journal
from wizard.tui.safe import escape
from wizard.tui.screens.base import StepScreen, in_red
from wizard.vendors import VendorProfile


class HttpsScreen(StepScreen[HttpsOutcome | None]):
    DEFAULT_CSS = """
    HttpsScreen {
        #https-body { padding: 0 1; height: 1fr; }
        #https-log { height: auto; min-height: 4; max-height: 12; border: round $primary; }
        #https-actions { height: auto; padding: 0 1; }
        #https-actions Button { width: auto; }
    }
    """
    STEP = "HTTPS for tracked links"
    HELP = (
        "Tracked links must open over HTTPS when your domain sends HSTS. The wizard can make "
        "an ACM certificate (validated through your DNS host) and a CloudFront distribution "
        "whose origin is your vendor's tracking host, then point your tracking host at it. "
        "Every AWS resource is journalled before it is made, and Roll back removes them all. "
        "It takes a few minutes (ACM validation, CloudFront deployment). Skip it to do this by "
        "hand from the text shown."
    )

    def __init__(self, host: str, zone: str, profile: VendorProfile, provider: Provider) -> None:
        super().__init__()
        self.host, self.zone, self.profile, self.provider = host, zone, profile, provider
        self.offer = https.offer(profile)
        self.preview: HttpsPreview | None = None
        self.outcome: HttpsOutcome | None = None

    def body(self) -> ComposeResult:
        with VerticalScroll(id="https-body"):
            yield Static(escape(self.offer.reason), id="https-why")
            yield Static("Reading your DNS host…", id="https-plan")
            if self.offer.confirm:
                yield Checkbox(self.offer.confirm, id="https-confirm")
            yield Checkbox("Yes, replace the records named above", id="https-replace")
            yield RichLog(id="https-log", wrap=True, markup=True)
            yield Static(f"By hand instead: {escape(self.profile.https_how)}", classes="muted")
        with Horizontal(id="https-actions"):
            yield Button("Set up HTTPS through CloudFront", id="make", variant="success")
            yield Button("Skip", id="skip")

    def on_mount(self) -> None:
        self.query_one("#https-replace", Checkbox).display = False
        self.query_one("#https-log", RichLog).display = False
        self.query_one("#make", Button).disabled = True
        self.read_plan()

    @work(thread=True, exit_on_error=False, group="https", exclusive=True)
    def read_plan(self) -> None:
        journal = Journal(self.env.journal_path)
        found = https.preview(self.host, self.zone, self.profile, self.provider, journal)
        self.app.call_from_thread(self.show_plan, found)

    def show_plan(self, found: HttpsPreview) -> None:
        self.preview = found
        lines = [f"For [b]{escape(self.host)}[/b] the wizard will make:"]
        lines += [f"• {escape(line)}" for line in found.lines]
        if found.continues:
            lines.append(f"It continues the unfinished run {escape(found.continues)}.")
        if found.replaced:
            shown = ", ".join(str(r) for r in found.replaced)
            lines.append(f"[yellow]These records would be replaced:[/] {escape(shown)}")
            self.query_one("#https-replace", Checkbox).display = True
        lines += [f"[red]conflict:[/] {escape(c)}" for c in found.conflicts]
        if found.error is not None:
            lines.append(in_red(found.error))
        self.query_one("#https-plan", Static).update("\n".join(lines))
        self.refresh_make()

    @on(Checkbox.Changed)
    def refresh_make(self) -> None:
        found = self.preview
        ready = found is not None and found.ok and self.outcome is None
        if found is not None and found.replaced:
            ready = ready and self.query_one("#https-replace", Checkbox).value
        if self.offer.confirm:
            ready = ready and self.query_one("#https-confirm", Checkbox).value
        self.query_one("#make", Button).disabled = not ready

    @on(Button.Pressed, "#make")
    def make(self) -> None:
        self.query_one("#make", Button).disabled = True
        self.query_one("#skip", Button).disabled = True
        self.query_one("#https-log", RichLog).display = True
        self.busy(True)
        self.set_up()

    def progress(self, event: Progress) -> None:
        line = escape(event.text)
        self.app.call_from_thread(self.query_one("#https-log", RichLog).write, line)

    @work(thread=True, exit_on_error=False, group="https", exclusive=True)
    def set_up(self) -> None:
        outcome = https.set_up_https(
            self.host,
            self.zone,
            self.profile,
            self.provider,
            journal=Journal(self.env.journal_path),
            report=self.progress,
            confirm_replace=bool(self.preview and self.preview.replaced),
            authoritative=self.env.authoritative,
            reach=self.env.reach,
        )
        self.app.call_from_thread(self.done, outcome)

    def done(self, outcome: HttpsOutcome) -> None:
        self.busy(False)
        self.outcome = outcome
        log = self.query_one("#https-log", RichLog)
        if outcome.error is not None:
            log.write(in_red(outcome.error))
            if outcome.waiting:
                log.write("AWS is still busy: set up again later and the wizard continues.")
            if outcome.run_id:
                log.write("What was made is in the journal: Roll back removes it.")
        else:
            log.write(
                f"[green]Done:[/] distribution {escape(outcome.distribution_id or '')} at "
                f"{escape(outcome.distribution_domain or '')}, certificate "
                f"{escape(outcome.certificate_arn or '')}."
            )
            if outcome.readiness is not None:
                log.write(escape(f"HTTPS: {outcome.readiness.summary}"))
        skip = self.query_one("#skip", Button)
        skip.label = "Continue"
        skip.refresh(layout=True)  # the width follows the label
        skip.disabled = False
        skip.focus()

    def worker_failed(self, message: str) -> None:
        self.busy(False)
        self.query_one("#https-log", RichLog).write(f"[red]{escape(message)}[/]")
        self.query_one("#skip", Button).disabled = False

    @on(Button.Pressed, "#skip")
    def leave_step(self) -> None:
        self.dismiss(self.outcome)
