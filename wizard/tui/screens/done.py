"""The last step: what this journey did or found, what to do at the vendor, where the journal is."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
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
    if facts.split is not None and facts.entered_by_hand is not None:
        lines.append(
            f"{counted(len(facts.split.by_hand), 'record')} {host} cannot write exactly: "
            "entered by hand, and kept in the journal as a setup of its own, so Roll back "
            "lists both (the records written to the host, and those to delete by hand)."
        )
    elif not written and facts.goal == "setup" and facts.entered_by_hand is not None:
        seen = facts.watch is not None and facts.watch.all_good
        lines.append(
            f"The records were entered by hand in {facts.zone_name}"
            + (" and are live" if seen else "")
            + "; the journal below has them as entered by hand, so Roll back can guide "
            "their removal."
        )
    elif not written and facts.plan is not None and facts.plan.count("present"):
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
    """Whether everything checked is as the vendor asked, in one sentence that names what
    is not: the records, or the readiness checks that failed."""
    live = facts.watch is not None and facts.watch.all_good
    failed = [r.name.upper() for r in facts.readiness if r.status == "failed"]
    if live and not failed:
        return True, "Everything checked is as the vendor asked."
    if not live:
        named = facts.watch.not_as_expected if facts.watch is not None else ()
        if not named:
            return False, "Not everything is live yet: the records were not all checked."
        return False, f"Not everything is live yet: {'; '.join(named)}."
    checks = " and ".join(failed)
    return False, f"The records are live, but the {checks} check{plural(failed)} failed."


def plural(items: list[str]) -> str:
    return "" if len(items) == 1 else "s"


def next_in_check(facts: Facts) -> str:
    """What to fix after a Check that found something: the records, or what a readiness check
    is about (the web server behind the tracking host), never the records when they are fine."""
    if facts.watch is None or not facts.watch.all_good:
        return (
            "[b]Next:[/b] add or correct the records named above at your DNS host, then run "
            "Check again."
        )
    failed = [r.name.upper() for r in facts.readiness if r.status == "failed"]
    return (
        "[b]Next:[/b] the records need no change. What failed is the "
        f"{' and '.join(failed)} check{plural(failed)} above, about how the tracking host "
        "answers on the web; fix that, then run Check again."
    )


class DoneScreen(StepScreen[str]):
    DEFAULT_CSS = """
    DoneScreen {
        #done-body { padding: 0 1; height: 1fr; }
        #done-actions { height: auto; padding: 0 1; }
        #webhook-row { height: auto; }
        #webhook-row Input { width: 1fr; }
        #webhook-row Button { margin: 0 0 0 1; }
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
                yield Static(next_in_check(facts), id="next-step")
            else:
                when = "" if good else " once every record is live"
                yield Static(
                    f"[b]Next, at {profile.vendor}{when}:[/b] {profile.next_steps}", id="next-step"
                )
                if profile.tracking_next_steps:
                    yield Static(profile.tracking_next_steps)
            if self.https_on_request():
                from wizard.app import https

                yield Static(escape(https.offer(profile).reason), classes="muted", id="https-why")
            undo = (
                "To undo it: Roll back, on the start screen of `tracking-wizard --demo`."
                if self.env.demo is not None
                else "To undo it: Roll back on the start screen, or `tracking-wizard revert`."
            )
            yield Static(f"Journal: {escape(str(self.env.journal_path))}. {undo}", classes="muted")
            if profile.connect_data is not None and profile.data_endpoint:
                data = profile.connect_data
                yield Static(
                    "[b]Only if you send data to Pendo through Segment[/b]", classes="legend"
                )
                yield Static(
                    "Segment's cloud mode reaches Pendo through a Webhooks destination whose URL "
                    "holds your Pendo API key. Type the key here to build that URL; the wizard "
                    f"keeps it on this screen only, never stores or sends it. The key is in "
                    f"{data.api_key_location}."
                )
                yield Label("Pendo API key (optional, never stored):")
                with Horizontal(id="webhook-row"):
                    yield Input(password=True, id="api-key")
                    yield Button("Copy the URL", id="copy-webhook", disabled=True)
                yield Static("", id="webhook")
                yield Static(data.track_events)
                yield Static(data.rudderstack)
        # Below the text, never docked over it: the last lines stay readable at any size.
        with Horizontal(id="done-actions"):
            yield Button("Back to the start", id="restart", variant="primary")
            if self.https_on_request():
                yield Button("HTTPS through CloudFront…", id="https")

    def https_on_request(self) -> bool:
        """The CloudFront step, offered here rather than on the way: a setup outside the demo,
        for a vendor that issues certificates itself for newer domains, not done already."""
        from wizard.app import https

        facts = self.facts
        return (
            facts.goal == "setup"
            and self.env.demo is None
            and facts.https is None
            and https.offer(facts.profile).offered
            and not https.needed_now(facts.profile, facts.readiness)
        )

    def on_mount(self) -> None:
        self.query_one("#restart", Button).focus()
        for button in self.query("#webhook-row Button"):
            button.styles.margin = (0, 0, 0, 1)  # beside the field, not a line below it

    @on(Button.Pressed, "#https")
    def https_step(self) -> None:
        self.dismiss("https")

    @on(Input.Changed, "#api-key")
    def show_webhook(self, event: Input.Changed) -> None:
        profile = self.facts.profile
        key = event.value.strip()
        url = profile.webhook_url(mask_secret(key)) if key else None
        text = (
            f"Segment cloud mode: add a Webhooks destination with {url} (your key in place of "
            "the dots). “Copy the URL” copies it with the whole key."
            if url
            else ""
        )
        self.query_one("#webhook", Static).update(escape(text))
        self.query_one("#copy-webhook", Button).disabled = not url

    @on(Button.Pressed, "#copy-webhook")
    def copy_webhook(self) -> None:
        """A button, not a letter key: a key pressed while the field has the focus is typed."""
        key = self.query_one("#api-key", Input).value.strip()
        url = self.facts.profile.webhook_url(key)
        if key and url:
            self.app.copy_to_clipboard(url)
            self.notify("Copied the webhook URL.")

    @on(Button.Pressed, "#restart")
    def restart(self) -> None:
        self.dismiss("start")
