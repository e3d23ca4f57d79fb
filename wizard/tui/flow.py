"""The journeys, owned in one place: which step comes next, going back, and leaving.

Each step's screen is built from the journey's facts when the step is entered and dismisses
with a typed result; nothing is carried over from an earlier visit, so going back and on
again always shows the current state (the plan is read afresh, the summary is this run's).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

from wizard.model.errors import ApiNotAvailable
from wizard.tui.app import STEPS
from wizard.tui.journey import BACK, Back, Facts, Goal
from wizard.tui.safe import escape
from wizard.tui.screens.base import StepScreen
from wizard.tui.screens.start import StartScreen
from wizard.vendors import VendorProfile, load_profile

if TYPE_CHECKING:
    from wizard.tui.app import WizardApp
    from wizard.tui.screens.rollback import HttpsRevertChoice, RevertChoice

# Each step imports its screen (and what the screen needs: DNS, AWS, the web) when it is first
# entered, so the start screen is drawn without waiting for what later steps use.

T = TypeVar("T")
#: What a step returns: the next step's name, BACK, or None when the journey is over.
Next = str | Back | None
Step = Callable[[Facts], Awaitable[Next]]
#: Steps that are never returned to with Esc: a write is not re-entered by going back.
NOT_RETURNED_TO = frozenset({"apply", "revert"})


def vendor_first(profile: VendorProfile | None) -> str:
    """The vendor's side of a roll back, asked for before the records go: once they are gone,
    links the vendor still sends on the custom domain lead nowhere."""
    if profile is None:
        return (
            "[b]First, at the vendor these records are for:[/b] have it stop using the custom "
            "domain, so that nothing it sends from now on points at them."
        )
    return f"[b]First, at {escape(profile.vendor)}:[/b] {escape(profile.revert_vendor)}"


class Flow:
    def __init__(self, app: WizardApp) -> None:
        self.app = app
        self.choice: RevertChoice | HttpsRevertChoice | None = None
        self.confirm_updates = False
        #: Set when the person chose "Leave, resume later": no further step is shown.
        self.left = False
        #: Why the manual step comes instead of a write, and the host's DNS page (ApiNotAvailable).
        self.manual_note: tuple[str, str | None] | None = None
        #: The journal's id for a removal by hand, until the watch has seen the records go.
        self.removing_by_hand: str | None = None
        #: Watching again after "Leave, resume later": nothing lands now.
        self.resuming = False

    async def show(self, screen: StepScreen[T]) -> T | Back:
        """Push the step's screen and wait for its result. The screen the app opened on is
        shown already: its result is awaited where it is, and the steps then go on in the
        app's mode for them, pushed over a blank screen."""
        if screen is self.app.screen_stack[0]:
            result = await screen.answered()
            await self.app.switch_mode(STEPS)
            return result
        return await self.app.push_screen(screen, wait_for_dismiss=True)

    async def run(self, goal: Goal | None = None) -> None:
        """From the start screen (or straight into `goal`), journey after journey; on a first
        run, after asking whether this is the demo or the person's own domain."""
        if self.app.first_run is not None:
            await self.first_run()
        while True:
            facts = self.app.facts
            if goal is None:
                screen, self.app.start_screen = self.app.start_screen, None
                choice = await self.show(screen or StartScreen(facts.goal, facts.profile.id))
                if isinstance(choice, Back):
                    continue
                goal = choice.goal
                facts.goal, facts.profile = goal, load_profile(choice.profile_id)
            await self.app.environment()
            self.app.facts = facts.fresh(goal)
            await self.journey(self.app.facts)
            if self.left:
                return
            goal = None

    async def first_run(self) -> None:
        """The demo, or the person's own domain: the environment opens once that is known."""
        screen, self.app.first_run = self.app.first_run, None
        assert screen is not None
        choice = await self.show(screen)
        assert not isinstance(choice, Back), "the first step has nothing before it"
        self.app.choose_mode(choice.demo)
        if choice.resolvers:
            self.app.use_resolvers(list(choice.resolvers))
        if choice.domain:
            self.app.facts.domain = choice.domain
        if choice.remembered:
            self.app.notify(
                "Settings for your DNS host are in the keyring: the wizard works on your own "
                "domain (`tracking-wizard --demo` opens the demo).",
                timeout=8,
            )
        self.app.open_environment()

    async def journey(self, facts: Facts) -> None:
        steps: dict[str, Step] = {
            "paste": self.paste,
            "host": self.host,
            "credentials": self.credentials,
            "plan": self.plan,
            "apply": self.apply,
            "manual": self.manual,
            "watch": self.watch,
            "readiness": self.readiness,
            "https": self.https_step,
            "done": self.done,
            "rollback": self.pick_setup,
            "revert": self.revert,
            "watch-removal": self.watch_removal,
            "remove-by-hand": self.remove_by_hand,
            "rolled-back": self.rolled_back,
        }
        step: str | None = "rollback" if facts.goal == "rollback" else "paste"
        history: list[str] = []
        while step is not None:
            result = await steps[step](facts)
            if isinstance(result, Back):
                if not history:
                    return
                step = history.pop()
                continue
            if step not in NOT_RETURNED_TO and result != step:
                history.append(step)
            step = result

    async def resume(self) -> None:
        """Watch the journal's last setup again (after "Leave, resume later"), then go on."""
        from wizard.app import by_hand
        from wizard.journal import Journal
        from wizard.rollback import revertible

        journal = Journal((await self.app.environment()).journal_path)
        latest = next(iter(revertible(journal)), None)
        facts = self.app.facts
        if latest is None:
            self.app.notify("The journal has no setup to resume; starting over.")
            await self.run()
            return
        if latest.setup.profile:
            facts.profile = load_profile(latest.setup.profile)
        facts.goal = "setup"
        facts.zone_name = latest.setup.zone
        facts.records = by_hand.records_to_watch(journal, latest)
        if latest.setup.by_hand and latest.status == "incomplete":
            facts.entered_by_hand = latest.apply_id  # marked done once this watch sees them live
        self.resuming = True
        step: Next = await self.watch(facts)
        self.resuming = False
        while isinstance(step, str):
            step = await {"readiness": self.readiness, "done": self.done}[step](facts)
        if not self.left:
            await self.run()

    # -- setup and check ----------------------------------------------------------------------

    async def paste(self, facts: Facts) -> Next:
        from wizard.tui.screens.paste import PasteScreen

        screen = PasteScreen(facts.goal, facts.paste, facts.domain, facts.corrections)
        result = await self.show(screen)
        if isinstance(result, Back):
            return BACK
        facts.paste, facts.domain = result.text, result.domain
        facts.records, facts.findings = result.records, result.findings
        facts.corrections, facts.by_hand = result.corrections, result.by_hand
        return "host"

    async def host(self, facts: Facts) -> Next:
        from wizard.tui.screens.dns_host import DnsHostScreen

        lookup = facts.domain or (facts.records[0].name if facts.records else "")
        result = await self.show(DnsHostScreen(facts.goal, lookup, facts.domain))
        if isinstance(result, Back):
            return BACK
        facts.zone, facts.zone_name, facts.provider_id = (
            result.zone,
            result.zone_name,
            result.provider_id,
        )
        facts.provider, facts.plan, facts.split = None, None, None
        if facts.goal == "check":
            return "watch"
        return "manual" if result.provider_id == "manual" else "credentials"

    async def credentials(self, facts: Facts) -> Next:
        from wizard.tui.screens.credentials import CredentialsScreen

        assert facts.provider_id is not None
        result = await self.show(CredentialsScreen(facts.provider_id, facts.zone_name))
        if isinstance(result, Back):
            return BACK
        if isinstance(
            result, ApiNotAvailable
        ):  # e.g. GoDaddy's ACCESS_DENIED: same records, by hand
            self.manual_note = (str(result), result.panel_url)
            facts.split = None  # every record by hand
            return "manual"
        facts.provider = result
        return "plan"

    async def plan(self, facts: Facts) -> Next:
        from wizard.tui.screens.plan import PlanScreen

        assert facts.provider is not None
        screen = PlanScreen(facts.provider, facts.zone_name, facts.records, facts.by_hand)
        result = await self.show(screen)
        if isinstance(result, Back):
            return BACK
        facts.plan, facts.split = result.plan, result.split
        self.confirm_updates = result.confirm_updates
        if result.plan.changes:
            return "apply"
        return "manual" if result.split is not None else "watch"

    async def apply(self, facts: Facts) -> Next:
        from wizard.tui.screens.apply import ApplyScreen

        assert facts.provider is not None and facts.plan is not None
        split = facts.split
        screen = ApplyScreen(
            facts.provider,
            facts.plan,
            # Split: the host is re-read against the records it writes, and nothing else.
            split.through_api if split is not None else facts.records,
            confirm_updates=self.confirm_updates,
            profile_id=facts.profile.id,
            by_hand=facts.by_hand,
            then_by_hand=len(split.by_hand) if split is not None else 0,
        )
        result = await self.show(screen)
        if screen.outcome is not None and screen.outcome.ok and screen.outcome.written:
            facts.applied = (*facts.applied, screen.outcome)
        if result != "watch":
            return "plan"
        return "manual" if split is not None else "watch"

    async def manual(self, facts: Facts) -> Next:
        """The records to type into the host's panel: all of them on the manual path, or,
        split on the plan, exactly those the host cannot write through the wizard."""
        from providers.hosts import host_by_id
        from wizard.app import by_hand
        from wizard.journal import Journal
        from wizard.tui.screens.manual import ManualScreen

        host = facts.zone.host if facts.zone else None
        note, self.manual_note = self.manual_note, None
        records = facts.records
        split = facts.split
        if split is not None:
            records = split.by_hand
            if facts.provider is not None:
                host = host_by_id(facts.provider.id) or host
                note = (
                    f"Not written through {facts.provider.display_name}: "
                    + " ".join(split.reasons),
                    None,
                )
        env = self.app.env
        settings = by_hand.reader_settings(env.authoritative, env.resolvers)
        reader = env.provider_factory("manual", settings)
        before = await asyncio.to_thread(by_hand.state_before, reader, facts.zone_name, records)
        if host is not None:
            settings["host"] = host.id
        result = await self.show(ManualScreen(records, facts.zone_name, host, note))
        if isinstance(result, Back):
            return BACK
        written = facts.applied[-1].apply_id if split is not None and facts.applied else None
        facts.entered_by_hand = by_hand.entered(
            Journal(self.app.env.journal_path),
            facts.zone_name,
            records,
            before,
            settings=settings,
            profile=facts.profile.id,
            vendor=facts.profile.vendor,
            beside=written,
        )
        return "watch"

    async def watch(self, facts: Facts) -> Next:
        from wizard.app import by_hand
        from wizard.journal import Journal
        from wizard.tui.screens.propagation import PropagationScreen, WatchMode
        from wizard.tui.screens.readiness import tracking_host

        mode: WatchMode = "check" if facts.goal == "check" else "setup"
        demo = self.app.env.demo
        landed_now = not self.resuming and (
            bool(facts.applied) or facts.entered_by_hand is not None
        )
        if landed_now and demo is not None and demo.watch_starting is not None:
            await asyncio.to_thread(demo.watch_starting, facts.records)
        screen = PropagationScreen.for_records(facts.records, facts.zone_name, mode)
        result = await self.show(screen)
        if isinstance(result, Back):
            return BACK
        facts.watch = result
        if facts.entered_by_hand is not None and result.all_good:
            by_hand.seen(Journal(self.app.env.journal_path), facts.entered_by_hand)
        if result.left:
            self.left = True
            self.app.leave()
            return None
        return "readiness" if tracking_host(facts.records) else "done"

    async def readiness(self, facts: Facts) -> Next:
        from wizard.app import https
        from wizard.tui.screens.readiness import ReadinessScreen, tracking_host

        host = tracking_host(facts.records) or ""
        result = await self.show(ReadinessScreen(host, facts.profile))
        if isinstance(result, Back):
            return BACK
        facts.readiness = result
        # Not in the demo: the step talks to AWS, and the demo has no account and no network.
        # Only where HTTPS through a CDN is needed now; Done offers it otherwise (an older
        # Customer.io domain, which the checks cannot tell from a newer one).
        wants_https = (
            facts.goal == "setup"
            and self.app.env.demo is None
            and https.needed_now(facts.profile, result)
        )
        return "https" if wants_https else "done"

    async def https_step(self, facts: Facts) -> Next:
        """HTTPS through CloudFront, where the vendor's tracking needs a CDN; skippable."""
        from wizard.tui.screens.https import HttpsScreen
        from wizard.tui.screens.readiness import tracking_host

        provider = facts.provider or self.app.env.provider_factory("manual", {})
        host = tracking_host(facts.records) or ""
        screen = HttpsScreen(host, facts.zone_name, facts.profile, provider)
        result = await self.show(screen)
        if isinstance(result, Back):
            return BACK
        facts.https = result
        return "done"

    async def done(self, facts: Facts) -> Next:
        from wizard.tui.screens.done import DoneScreen

        result = await self.show(DoneScreen(facts))
        if result == "https":
            return "https"
        return BACK if isinstance(result, Back) else None

    # -- roll back ----------------------------------------------------------------------------

    async def pick_setup(self, facts: Facts) -> Next:
        from wizard.app import reverting
        from wizard.model.words import counted
        from wizard.tui.screens.confirm import ConfirmScreen
        from wizard.tui.screens.rollback import HttpsRevertChoice, RollbackScreen

        result = await self.show(RollbackScreen())
        if isinstance(result, Back):
            return BACK
        if isinstance(result, HttpsRevertChoice):
            run = result.plan.run
            asked = f"Remove the HTTPS setup of {run.host} (AWS resources and records)?"
            yes = await self.app.push_screen(
                ConfirmScreen(asked, result.plan.lines, confirm="Roll back"),
                wait_for_dismiss=True,
            )
            if not yes:
                result.plan.close()
                return "rollback"
            self.choice = result
            facts.zone_name = run.zone
            return "revert"
        target = result.plan.target.setup
        if target.profile:
            facts.profile = load_profile(target.profile)
        asked, lines = reverting.question(result.plan, result.provider.display_name)
        if target.by_hand:
            asked = f"Delete {counted(len(lines), 'record')} from {target.zone} by hand?"
        first = vendor_first(facts.profile if target.profile else None)
        yes = await self.app.push_screen(
            ConfirmScreen(asked, lines, confirm="Roll back", first=first), wait_for_dismiss=True
        )
        if not yes:
            return "rollback"
        self.choice = result
        facts.provider, facts.zone_name = result.provider, result.plan.zone
        return "remove-by-hand" if target.by_hand else "revert"

    async def revert(self, facts: Facts) -> Next:
        from wizard.app.https import HttpsRevertOutcome
        from wizard.tui.screens.revert import RevertScreen

        assert self.choice is not None
        screen = RevertScreen(self.choice)
        result = await self.show(screen)
        if isinstance(result, Back) or not result.ok:
            return "rollback"
        if isinstance(result, HttpsRevertOutcome):
            facts.https_revert = result
            return "rolled-back"
        facts.revert = result
        return "watch-removal"

    async def remove_by_hand(self, facts: Facts) -> Next:
        """Roll back a setup entered by hand: the person deletes its records in the panel."""
        from providers.hosts import host_by_id
        from wizard.app import by_hand
        from wizard.app.reverting import RevertOutcome
        from wizard.journal import Journal
        from wizard.tui.screens.manual import ManualScreen
        from wizard.tui.screens.rollback import RevertChoice

        assert isinstance(self.choice, RevertChoice)
        plan = self.choice.plan
        gone = tuple(c.record for c in plan.changes if c.action == "delete")
        host = host_by_id(plan.target.setup.settings.get("host", ""))
        result = await self.show(ManualScreen(gone, plan.zone, host, removal=True))
        if isinstance(result, Back):
            return "rollback"
        revert_id = by_hand.removing(Journal(self.app.env.journal_path), plan)
        facts.revert = RevertOutcome(revert_id, plan)
        self.removing_by_hand = revert_id
        return "watch-removal"

    async def watch_removal(self, facts: Facts) -> Next:
        from wizard.app import by_hand
        from wizard.app.watching import expectations_for_changes
        from wizard.tui.screens.propagation import PropagationScreen

        assert facts.revert is not None
        expectations = expectations_for_changes(facts.revert.plan.changes, revert=False)
        result = await self.show(PropagationScreen(expectations, facts.zone_name, "removal"))
        if isinstance(result, Back):
            return "rolled-back"
        facts.watch = result
        removing, self.removing_by_hand = self.removing_by_hand, None
        if removing is not None and result.all_good:
            from wizard.journal import Journal

            by_hand.removed(Journal(self.app.env.journal_path), facts.revert.plan, removing)
        if result.left:
            self.left = True
            self.app.leave()
            return None
        return "rolled-back"

    async def rolled_back(self, facts: Facts) -> Next:
        from wizard.tui.screens.rolled_back import RolledBackScreen

        await self.show(RolledBackScreen(facts))
        return None
