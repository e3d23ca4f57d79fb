"""Step 2: paste the vendor's records and see exactly what the wizard understood."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Label, Static, TextArea

from wizard.model.records import has_errors
from wizard.paste import parse_paste
from wizard.tui.safe import escape, literal
from wizard.tui.screens.base import StepScreen

#: How much of a value the preview shows; the plan shows every value whole.
PREVIEW_CHARS = 90


class PasteScreen(StepScreen):
    STEP = "Paste the records"
    HELP = (
        "Paste the records in whatever shape the vendor's page shows them: a table, "
        "Type/Host/Value lines, zone-file lines, CSV or JSON. Names like `links` or "
        "`abc._domainkey` are relative to the domain you type. Anything odd (invisible "
        "characters, a doubled domain, a CNAME at the apex) is listed with its line number; "
        "Continue stays off while there are errors."
    )

    def body(self) -> ComposeResult:
        with Horizontal(id="paste-body"):
            with Vertical(id="paste-left"):
                yield Label("Your domain (for relative names such as `links`):")
                yield Input(self.session.domain, placeholder="example.com", id="domain")
                yield Label("Paste the records here:")
                yield TextArea(self.session.paste, id="paste-area", soft_wrap=False)
            with Vertical(id="paste-right"):
                yield Label("What the wizard understood:")
                yield DataTable(id="preview", cursor_type="row", zebra_stripes=True)
                yield Static("", id="findings")
                yield Button("Continue", id="continue", variant="primary", disabled=True)

    def on_mount(self) -> None:
        table = self.query_one("#preview", DataTable)
        # Name (bold) over value in one wrapped column: the value must be visible at 80 columns.
        width = max(16, self.app.size.width // 2 - 19)
        table.add_column("Type", key="type", width=5)
        table.add_column("Name, then value", key="record", width=width)
        table.add_column("TTL", key="ttl", width=4)
        self.reparse()
        self.query_one("#paste-area", TextArea).focus()

    @on(TextArea.Changed)
    @on(Input.Changed, "#domain")
    def reparse(self) -> None:
        """Parsing is pure and fast, so it runs on every keystroke."""
        text = self.query_one("#paste-area", TextArea).text
        domain = self.query_one("#domain", Input).value.strip() or None
        records, findings = parse_paste(text, domain)
        self.session.paste, self.session.domain = text, domain or ""
        self.session.records, self.session.findings = records, findings
        table = self.query_one("#preview", DataTable)
        table.clear()
        for index, record in enumerate(records):
            value = record.value if record.priority is None else f"{record.priority} {record.value}"
            if len(value) > PREVIEW_CHARS:  # a long DKIM key: the plan shows it whole
                value = value[: PREVIEW_CHARS - 1] + "…"
            ttl = "auto" if record.ttl is None else str(record.ttl)
            cell = Text.assemble((record.name, "bold"), "\n", value)
            table.add_row(literal(record.type), cell, ttl, key=str(index), height=None)
        lines = []
        for finding in findings:
            style = {"error": "red", "warning": "yellow", "info": "blue"}[finding.level]
            lines.append(f"[{style}]{finding.level.upper()}:[/] {escape(finding.message)}")
        blocked = not records or has_errors(findings)
        if not text.strip():
            lines = ["Paste the vendor's records on the left."]
        elif not blocked:
            lines.append(f"[green]{len(records)} record(s) ready.[/]")
        self.query_one("#findings", Static).update("\n".join(lines))
        self.query_one("#continue", Button).disabled = blocked

    @on(Button.Pressed, "#continue")
    def next_step(self) -> None:
        from wizard.tui.screens.dns_host import DnsHostScreen

        self.app.push_screen(DnsHostScreen())
