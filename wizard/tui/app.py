"""The Textual app: built by one factory for the CLI and the tests; it runs the journeys."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from wizard.tui.journey import FIRST_PROFILE, GOAL_NAMES, Facts, Goal
from wizard.tui.opening import Opening
from wizard.vendors import load_profile

if TYPE_CHECKING:
    from wizard.app.correcting import RecordForm, Typed
    from wizard.environment import Environment
    from wizard.model.servers import Server
    from wizard.tui.screens.first_run import FirstRunScreen
    from wizard.tui.screens.start import StartScreen

#: The app's mode for the steps, each pushed over a blank screen; the app opens in its default
#: mode, on the start screen (see `get_default_screen`).
STEPS = "steps"

#: The title bar's words in demo mode, from the first frame on.
DEMO_BADGE = "DEMO · built-in DNS, no account, no network"

#: Said when a command needs the environment before the first run's question is answered.
FIRST_CHOOSE = "First choose: the demo, or your own domain."


class WizardApp(App[int]):
    CSS_PATH = "wizard.tcss"
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {STEPS: Screen}
    TITLE = "Tracking Domain Wizard"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f1", "help", "Help", priority=True),
    ]

    def __init__(
        self, env: Environment | Opening, *, resume: bool = False, vendor: str | None = None
    ) -> None:
        """`env` is the environment itself (the tests), or its `Opening` (the CLI): then the
        start screen is drawn first and the environment opens behind it."""
        super().__init__()
        self.resume = resume
        #: Set by `tracking-wizard demo --vendor V`: that vendor's story opens directly.
        self.vendor = vendor
        #: The demo story's paste now in the facts, swapped when another vendor is picked.
        self._story: tuple[str, str, str] | None = None
        self._facts = Facts()
        if vendor is not None:
            self._facts.profile = load_profile(vendor)
        #: The start screen the app opened on, until the flow takes it.
        self.start_screen: StartScreen | None = None
        #: The first-run question (the demo, or your own domain) the app opened on instead,
        #: when neither a flag nor a setting chose; until the flow takes it.
        self.first_run: FirstRunScreen | None = None
        #: DNS resolvers the person named in the wizard, for this run (None: as configured).
        self._resolvers: list[Server] | None = None
        #: True while a write to a DNS host is under way: quitting then asks first.
        self.writing = False
        self.farewell = ""
        self._env: Environment | None = None
        self._opening = env if isinstance(env, Opening) else None
        if isinstance(env, Opening):
            demo = env.demo
        else:
            demo = env.demo is not None
            self._opened(env)
        if demo:
            self.sub_title = DEMO_BADGE

    @property
    def env(self) -> Environment:
        """The environment: open for every step after the start screen, which the flow awaits
        with `environment()` before it goes on."""
        if self._env is None:
            raise RuntimeError("The environment is not open yet: await environment() first.")
        return self._env

    def open_environment(self) -> None:
        """Begin opening the environment behind the start screen, once it is drawn."""
        if self._opening is not None:
            self._opening.start()

    async def environment(self) -> Environment:
        """The environment, waiting for it to open if it has not yet."""
        if self._env is None:
            assert self._opening is not None
            self._opened(await self._opening.wait())
        return self.env

    def choose_mode(self, demo: bool) -> None:
        """The first run's answer: the demo, or the person's own domain."""
        if self._opening is not None:
            self._opening.choose(demo)
        if demo:
            self.sub_title = DEMO_BADGE

    def use_resolvers(self, servers: list[Server]) -> None:
        """Ask these DNS resolvers from now on in this run (zone discovery and the watch)."""
        from dataclasses import replace

        self._resolvers = servers
        if self._env is not None:
            self._env = replace(self._env, resolvers=servers)

    def _opened(self, env: Environment) -> None:
        """In demo mode, the facts take the story of the vendor picked so far."""
        if self._resolvers is not None and env.demo is None:
            from dataclasses import replace

            env = replace(env, resolvers=self._resolvers)
        self._env = env
        if env.demo is not None:
            facts = self._facts
            facts.paste, facts.domain = env.demo.sample_paste, env.demo.sample_domain
            self._story = (FIRST_PROFILE, facts.paste, facts.domain)
            self.facts = facts

    @property
    def facts(self) -> Facts:
        return self._facts

    @facts.setter
    def facts(self, facts: Facts) -> None:
        """In demo mode, a vendor picked at the start brings its own story's paste, unless
        the person has changed the paste already."""
        demo = self._env.demo if self._env is not None else None
        story = self._story
        if demo is not None and demo.story_for is not None and story is not None:
            if facts.profile.id != story[0] and (facts.paste, facts.domain) == story[1:]:
                facts.paste, facts.domain = demo.story_for(facts.profile.id)
                facts.corrections = None  # they were the other story's
                self._story = (facts.profile.id, facts.paste, facts.domain)
        self._facts = facts

    def get_default_screen(self) -> Screen[Any]:
        """The start screen is the app's own first screen, not one pushed over a blank default
        screen: the first frame is drawn once, not twice. The flow awaits its choice where it
        is, then goes on in the STEPS mode. A journey opened directly starts on a blank one."""
        if self.vendor is not None or self.resume:
            return super().get_default_screen()
        if self._opening is not None and self._opening.demo is None:
            from wizard.tui.screens.first_run import FirstRunScreen

            self.first_run = FirstRunScreen()
            return self.first_run
        from wizard.tui.screens.start import StartScreen

        self.start_screen = StartScreen(self._facts.goal, self._facts.profile.id)
        return self.start_screen

    def on_mount(self) -> None:
        self.run_flow("setup" if self.vendor and not self.resume else None, self.resume)

    @work(exclusive=True, group="flow", exit_on_error=True)
    async def run_flow(self, goal: Goal | None, resume: bool = False) -> None:
        from wizard.tui.flow import Flow

        flow = Flow(self)
        if resume:
            await flow.resume()
        else:
            await flow.run(goal)

    @property
    def undecided(self) -> bool:
        """True on a first run until the person has chosen the demo or their own domain."""
        return self._opening is not None and self._opening.demo is None

    def start_journey(self, goal: Goal) -> None:
        """From the command palette: leave whatever step is open and begin `goal`."""
        if self.undecided:
            self.notify(FIRST_CHOOSE, severity="warning")
            return
        if self.writing:
            self.notify("Wait for the write to finish first.", severity="warning")
            return
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.facts.goal = goal
        self.run_flow(goal)

    def leave(self) -> None:
        """Stop here; say how to come back to this watch, in demo mode too."""
        journal = self.env.journal_path
        command = "tracking-wizard --demo --resume" if self.env.demo else "tracking-wizard --resume"
        #: Printed once the app has closed: where the journal is and how to come back.
        self.farewell = (
            f"Left while watching. The journal is at {journal}.\n"
            f"Resume with: {command}"
            + ("" if self.env.demo else "   (or: tracking-wizard watch --last)")
        )
        self.exit(0, message=self.farewell)

    def action_help(self) -> None:
        from wizard.tui.screens.help import HelpScreen

        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        step = getattr(screen, "step_title", "") or "Tracking Domain Wizard"
        self.push_screen(HelpScreen(step, getattr(screen, "HELP", "")))

    def ask_record(self, form: RecordForm, answered: Callable[[Typed | None], None]) -> None:
        """A record form over the current step; `answered` gets the checked record or None.
        The app opens it, so a step never imports another screen."""
        from wizard.tui.screens.record_edit import RecordEditScreen

        self.push_screen(RecordEditScreen(form), answered)

    def ask_yes(
        self,
        question: str,
        lines: list[str],
        *,
        confirm: str,
        answered: Callable[[bool], None],
    ) -> None:
        """A yes/no question over the current step, Cancel first; `answered` gets the answer."""
        from wizard.tui.screens.confirm import ConfirmScreen

        self.push_screen(
            ConfirmScreen(question, lines, confirm=confirm), lambda yes: answered(bool(yes))
        )

    async def action_quit(self) -> None:
        if not self.writing:
            self.exit(0)
            return
        from wizard.tui.screens.confirm import ConfirmScreen

        undo = self.undo_hint()

        def answered(yes: bool | None) -> None:
            if yes:
                self.exit(0, message=f"Quit during a write: {undo}.")

        self.push_screen(
            ConfirmScreen(
                "A write to your DNS host is under way. Quit anyway?",
                ["what was already sent stays at the host", f"the journal has it: {undo}"],
                confirm="Quit anyway",
            ),
            answered,
        )

    def undo_hint(self) -> str:
        """How to undo a write cut short, in this mode: the demo's journal is not the real one,
        and only the demo's Roll back reads it."""
        if self.env.demo is not None:
            return "Roll back in `tracking-wizard --demo` undoes it"
        return "`tracking-wizard revert` undoes it"

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The wizard's own commands first, then the theme picker."""
        for goal, name in GOAL_NAMES.items():
            yield SystemCommand(
                name, f"Start the {name.lower()} journey", lambda g=goal: self.start_journey(g)
            )
        yield SystemCommand("Journal", "Every change the wizard made", self.show_journal)
        yield SystemCommand("Help", "What this step is for, and the keys", self.action_help)
        for command in super().get_system_commands(screen):
            if "theme" in command.title.lower():
                yield command

    @work(group="journal")
    async def show_journal(self) -> None:
        from wizard.tui.screens.journal import JournalScreen

        if self.undecided:
            self.notify(FIRST_CHOOSE, severity="warning")
            return
        env = await self.environment()
        self.push_screen(JournalScreen(env.journal_path))


def build_app(
    env: Environment | Opening, *, resume: bool = False, vendor: str | None = None
) -> WizardApp:
    return WizardApp(env, resume=resume, vendor=vendor)


def launch(app: WizardApp, **run: Any) -> int:
    """Run the app until it exits. What is loaded by now (the libraries) lives as long as the
    app, so it is frozen out of the garbage collector's walks: they would otherwise cost about
    a tenth of a second before the first frame."""
    gc.freeze()
    return app.run(**run) or 0


def run_app(
    demo: bool | None,
    *,
    resume: bool = False,
    vendor: str | None = None,
    pace: str = "present",
    doh: bool = False,
) -> int:
    """Open the wizard; in demo mode on its little internet with no account. `demo` None: the
    first screen asks. `vendor` opens that vendor's setup (its story, in the demo) directly.
    The environment opens behind the start screen, and what it started is stopped when the
    app is done."""

    def open_environment() -> contextlib.AbstractContextManager[Environment]:
        if opening.demo:
            from wizard.demo import demo_environment

            return demo_environment(pace=pace)
        from dataclasses import replace

        from wizard.environment import Environment

        env = Environment.from_environment()
        return contextlib.nullcontext(replace(env, doh=True) if doh else env)

    opening = Opening(open_environment, demo=demo)
    with opening:
        return launch(build_app(opening, resume=resume, vendor=vendor))
