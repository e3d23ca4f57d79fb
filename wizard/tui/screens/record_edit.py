"""A record's fields in a small form over the paste step: correct one, or type one by hand.

Save checks the fields as the paste reader checks a pasted row (`RecordForm.check`); a field
that fails shows the reader's sentence under it and nothing is saved. Esc cancels. The form
dismisses with the checked record (`Typed`), or None when cancelled.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from wizard.app.correcting import RecordForm, Typed
from wizard.model.records import RECORD_TYPES, Finding
from wizard.paste.fields import TypedFields
from wizard.tui.safe import escape

#: The fields a finding can name, in the form's order; a finding naming none is shown last.
FIELDS = ("type", "name", "value", "ttl", "priority")


class ValueArea(TextArea):
    """The value, wrapped so a long DKIM key is seen whole. A value is one line: Enter saves."""

    class Submitted(Message):
        pass

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted())
            return
        await super()._on_key(event)


class RecordEditScreen(ModalScreen[Typed | None]):
    DEFAULT_CSS = """
    RecordEditScreen {
        align: center middle;
        #edit-box {
            width: 76;
            max-width: 100%;
            height: auto;
            max-height: 100%;
            padding: 0 1;
            border: thick $accent;
            background: $surface;
        }
        #edit-fields { height: auto; max-height: 16; }
        .edit-row { height: auto; }
        .edit-row Label { width: 10; padding: 0 1 0 0; }
        .edit-row Input, .edit-row Select { width: 1fr; }
        #edit-ttl, #edit-priority { width: 1fr; }
        #edit-value { height: auto; min-height: 2; max-height: 7; width: 1fr; padding: 0; }
        .field-error { color: $error; margin: 0 0 0 10; height: auto; }
        #error-general { margin: 0; }
        #edit-keys { color: $text-muted; }
        #edit-actions { height: auto; margin: 1 0 0 0; }
        #edit-actions Button { margin: 0 1 0 0; }
    }
    """
    #: What F1 shows over the form (the app's help reads these from the screen on top).
    step_title = "Correct a record"
    HELP = (
        "Type, name, value, TTL and priority as the vendor gives them. A name like `links` is "
        "relative to your domain; @ is the domain itself. A blank TTL is the DNS host's "
        "default; a priority is for MX and SRV only. Save checks the record as a pasted one is "
        "checked: what fails is said under its field, and nothing changes until it passes. "
        "Enter saves, Esc cancels, Tab moves between the fields."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save", show=False),
    ]

    def __init__(self, form: RecordForm) -> None:
        super().__init__()
        self.form = form

    def compose(self) -> ComposeResult:
        fields = self.form.fields
        types = [(t, t) for t in RECORD_TYPES]
        with Vertical(id="edit-box"):
            yield Static(f"[b]{escape(self.form.title)}[/b]", id="edit-title")
            with VerticalScroll(id="edit-fields"):
                with Horizontal(classes="edit-row"):
                    yield Label("Type")
                    yield Select(
                        types,
                        value=fields.type if fields.type in RECORD_TYPES else Select.NULL,
                        prompt="Type",
                        compact=True,
                        id="edit-type",
                    )
                yield Static("", id="error-type", classes="field-error")
                with Horizontal(classes="edit-row"):
                    yield Label("Name")
                    yield Input(
                        fields.name,
                        placeholder="links, or @ for the domain",
                        compact=True,
                        id="edit-name",
                    )
                yield Static("", id="error-name", classes="field-error")
                with Horizontal(classes="edit-row"):
                    yield Label("Value")
                    yield ValueArea(fields.value, soft_wrap=True, compact=True, id="edit-value")
                yield Static("", id="error-value", classes="field-error")
                with Horizontal(classes="edit-row"):
                    yield Label("TTL")
                    yield Input(
                        fields.ttl, placeholder="blank: host default", compact=True, id="edit-ttl"
                    )
                    yield Label(" Priority")
                    yield Input(
                        fields.priority, placeholder="MX, SRV", compact=True, id="edit-priority"
                    )
                yield Static("", id="error-ttl", classes="field-error")
                yield Static("", id="error-priority", classes="field-error")
                yield Static("", id="error-general", classes="field-error")
            yield Static("Enter saves · Esc cancels · Tab moves", id="edit-keys")
            with Horizontal(id="edit-actions"):
                yield Button("Save", id="edit-save", variant="primary", compact=True)
                yield Button("Cancel", id="edit-cancel", compact=True)

    def on_mount(self) -> None:
        for field in (*FIELDS, "general"):
            self.query_one(f"#error-{field}", Static).display = False
        focus = "#edit-value" if self.form.fields.type else "#edit-type"
        self.query_one(focus).focus()

    def typed_fields(self) -> TypedFields:
        chosen = self.query_one("#edit-type", Select).value
        return TypedFields(
            type=chosen if isinstance(chosen, str) else "",
            name=self.query_one("#edit-name", Input).value,
            value=self.query_one("#edit-value", TextArea).text,
            ttl=self.query_one("#edit-ttl", Input).value.strip(),
            priority=self.query_one("#edit-priority", Input).value.strip(),
        )

    @on(Input.Submitted)
    @on(ValueArea.Submitted)
    @on(Button.Pressed, "#edit-save")
    def action_save(self) -> None:
        typed, errors = self.form.check(self.typed_fields())
        if typed is None:
            self.show_errors(errors)
            return
        self.dismiss(typed)

    def show_errors(self, errors: tuple[Finding, ...]) -> None:
        """Each error under the field it names; the first such field takes the focus."""
        by_field: dict[str, list[str]] = {}
        for finding in errors:
            field = finding.field if finding.field in FIELDS else "general"
            by_field.setdefault(field, []).append(finding.message)
        for field in (*FIELDS, "general"):
            shown = self.query_one(f"#error-{field}", Static)
            messages = by_field.get(field, [])
            shown.update("\n".join(f"✗ {escape(m)}" for m in messages))
            shown.display = bool(messages)
        first = next((f for f in FIELDS if f in by_field), None)
        if first is not None:
            self.query_one(f"#edit-{first}").focus()

    @on(Button.Pressed, "#edit-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
