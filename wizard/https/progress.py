"""How the HTTPS step tells a person where it is, and how it waits for AWS without a UI.

ACM validation and CloudFront deployment take minutes: every poll reports one `Progress` line,
tagged with its step, so the CLI prints it and the TUI can tick off the step it belongs to.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeVar

from wizard.model.errors import WizardError

Step = Literal[
    "check", "certificate", "validation", "issued", "distribution", "deployed", "dns", "revert"
]

#: Test and demo hook: seconds between AWS polls instead of the default.
POLL_ENV = "TRACKING_WIZARD_AWS_POLL"

T = TypeVar("T")


@dataclass(frozen=True)
class Progress:
    """One line for a person, and the step it belongs to."""

    step: Step
    text: str

    def __str__(self) -> str:
        return self.text


Report = Callable[[Progress], None]


def quiet(_event: Progress) -> None:
    """The report used when nobody listens."""


class WaitTimeout(WizardError, title="Still waiting"): ...


@dataclass(frozen=True)
class Waits:
    """How often to ask AWS, and how long to wait before handing back to the person.

    ACM usually validates within minutes of the record being served (and gives up after 72 hours);
    CloudFront deploys in minutes. Past a limit nothing is lost: running again continues.
    """

    poll: float = 15.0
    certificate: float = 2 * 3600.0
    distribution: float = 3600.0
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic

    @classmethod
    def from_environment(cls) -> Waits:
        raw = os.environ.get(POLL_ENV, "").strip()
        try:
            return cls(poll=max(0.0, float(raw))) if raw else cls()
        except ValueError:
            return cls()


def wait_for(
    read: Callable[[], T],
    done: Callable[[T], bool],
    say: Callable[[T, float], str],
    *,
    step: Step,
    report: Report,
    waits: Waits,
    limit: float,
    too_long: str,
) -> T:
    """Read until `done`, reporting `say(value, seconds)` after each read that is not.

    Raises WaitTimeout with the sentence `too_long` once `limit` seconds have passed.
    """
    started = waits.clock()
    while True:
        value = read()
        if done(value):
            return value
        waited = waits.clock() - started
        report(Progress(step, say(value, waited)))
        if waited >= limit:
            raise WaitTimeout(too_long)
        waits.sleep(waits.poll)
