"""What every step shares: a title, the keys, Esc to go back, and one way to show a failure."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, LoadingIndicator, Static
from textual.worker import Worker, WorkerState

from wizard.model.errors import WizardError
from wizard.tui.journey import BACK, Back
from wizard.tui.safe import escape
from wizard.tui.widgets import TitleBar

if TYPE_CHECKING:
    from wizard.environment import Environment
    from wizard.tui.app import WizardApp

ResultT = TypeVar("ResultT")


def said(error: WizardError) -> str:
    """An error as a person reads it: its title, then its sentence."""
    return f"{error.title}: {error}"


def in_red(error: WizardError) -> str:
    """An error as a red line of a step's log, its text shown as it is."""
    return f"[red]{escape(said(error))}[/]"


class StepScreen(Screen[ResultT | Back], Generic[ResultT]):
    """A step of a journey. It dismisses with its result, or with BACK on Esc.

    Subclasses give `STEP` and `HELP` and compose their body in `body()`.
    """

    STEP: ClassVar[str] = ""
    #: The result of the screen the app opened on, kept for `answered()`.
    _answer: asyncio.Future[ResultT | Back | None] | None = None
    HELP: ClassVar[str] = ""
    #: False while the step must not be left (a write in progress).
    can_go_back: bool = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("question_mark", "app.help", "Help", show=False),
    ]

    @property
    def wizard(self) -> WizardApp:
        from wizard.tui.app import WizardApp

        assert isinstance(self.app, WizardApp)
        return self.app

    @property
    def env(self) -> Environment:
        return self.wizard.env

    def compose(self) -> ComposeResult:
        yield TitleBar(classes="title-bar")
        yield Static(self.step_title, classes="step-title")
        yield from self.body()
        yield Footer()

    @property
    def step_title(self) -> str:
        """The title shown above the step (and in its help); STEP unless a step words it."""
        return self.STEP

    def body(self) -> ComposeResult:
        yield from ()

    def busy(self, writing: bool) -> None:
        """While writing, Esc and quitting ask first: a write must not be cut off silently."""
        self.can_go_back = not writing
        self.wizard.writing = writing

    def dismiss(self, result: ResultT | Back | None = None) -> AwaitComplete:
        """The screen the app opened on is the bottom of the stack and is never popped: its
        result is kept for `answered()` (the first one; a second is dropped)."""
        if self is not self.app.screen_stack[0]:
            return super().dismiss(result)
        answer = self._answer_future()
        if not answer.done():
            answer.set_result(result)
        done: AwaitComplete = AwaitComplete.nothing()  # type: ignore[no-untyped-call]
        return done

    async def answered(self) -> ResultT | Back:
        """The result this screen is dismissed with, without it being popped."""
        result = await self._answer_future()
        assert result is not None, "a step is dismissed with its result or BACK"
        return result

    def _answer_future(self) -> asyncio.Future[ResultT | Back | None]:
        if self._answer is None:
            self._answer = asyncio.get_running_loop().create_future()
        return self._answer

    def action_back(self) -> None:
        if self.can_go_back:
            self.dismiss(BACK)
        else:
            self.notify("Please wait: the DNS host is being written to.", severity="warning")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place a worker's unexpected failure is shown: as a sentence, spinners off."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        if isinstance(error, WizardError):
            message = said(error)
        else:
            message = f"Something went wrong ({type(error).__name__}: {error})."
        for spinner in self.query(LoadingIndicator):
            spinner.display = False
        self.worker_failed(message)

    def worker_failed(self, message: str) -> None:
        """Show a failed worker's sentence; screens with a status line put it there."""
        self.notify(escape(message), title="Failed", severity="error", timeout=15)
