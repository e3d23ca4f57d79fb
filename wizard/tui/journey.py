"""What one journey knows so far, and what going back is.

The flow (wizard/tui/flow.py) owns a `Facts` per journey and builds each step's screen from it
when the step is entered; screens never change it, they return a result, typed beside the
screen that gives it (PasteResult in screens/paste.py, …), so each is loaded with its step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from wizard.vendors import VendorProfile, load_profile

if TYPE_CHECKING:  # the steps' results; imported when their step runs, not at start-up
    from providers.base import Provider
    from wizard.app.applying import ApplyOutcome
    from wizard.app.correcting import Corrections
    from wizard.app.https import HttpsOutcome, HttpsRevertOutcome
    from wizard.app.planning import Split
    from wizard.app.reverting import RevertOutcome
    from wizard.model.records import Finding, Record
    from wizard.plan import Plan
    from wizard.readiness import CheckResult
    from wizard.tui.screens.propagation import WatchEnd
    from wizard.zones import ZoneInfo

Goal = Literal["setup", "check", "rollback"]

GOAL_NAMES: dict[Goal, str] = {
    "setup": "Set up",
    "check": "Check",
    "rollback": "Roll back",
}


class Back:
    """Esc on a step: the person wants the step before it."""

    def __repr__(self) -> str:
        return "BACK"


BACK = Back()


#: The vendor a journey starts with until one is picked (the demo's first story is its).
FIRST_PROFILE = "customerio-us"

#: How the apply step ended: go and watch, or review the plan again.
ApplyNext = Literal["watch", "plan"]


@dataclass
class Facts:
    """The current journey's facts. Each journey starts from fresh facts."""

    goal: Goal = "setup"
    profile: VendorProfile = field(default_factory=lambda: load_profile(FIRST_PROFILE))
    paste: str = ""
    domain: str = ""
    records: tuple[Record, ...] = ()
    findings: tuple[Finding, ...] = ()
    #: The person's corrections of the paste reader's table (kept with the paste they fix).
    corrections: Corrections | None = None
    #: The records the person edited or added by hand: marked in the plan and the journal.
    by_hand: tuple[Record, ...] = ()
    zone: ZoneInfo | None = None
    zone_name: str = ""
    provider_id: str | None = None
    provider: Provider | None = None
    plan: Plan | None = None
    #: Chosen on the plan: what the host can write goes through its API, the rest by hand.
    split: Split | None = None
    #: Every apply that wrote something in this journey (going back and applying again adds one).
    applied: tuple[ApplyOutcome, ...] = ()
    watch: WatchEnd | None = None
    readiness: tuple[CheckResult, ...] = ()
    revert: RevertOutcome | None = None
    https: HttpsOutcome | None = None
    https_revert: HttpsRevertOutcome | None = None
    #: The journal's id for the records entered by hand in this journey (the manual path).
    entered_by_hand: str | None = None

    def fresh(self, goal: Goal) -> Facts:
        """Facts for a new journey: the choices and the paste (with its corrections) carry
        over, results do not."""
        return Facts(
            goal=goal,
            profile=self.profile,
            paste=self.paste,
            domain=self.domain,
            corrections=self.corrections,
        )
