"""One root for the core's errors: each carries a short title and a sentence meant for a person."""

from __future__ import annotations


class WizardError(Exception):
    """An error the user can act on. `str(err)` is the sentence; `title` is a few words."""

    title = "Something went wrong"

    def __init__(self, message: str, *, title: str | None = None) -> None:
        super().__init__(message)
        if title is not None:
            self.title = title


class UsageError(WizardError):
    title = "Not understood"


class DnsLookupError(WizardError):
    title = "DNS lookup failed"


class JournalError(WizardError):
    title = "Journal problem"


class PlanError(WizardError):
    title = "Plan refused"
