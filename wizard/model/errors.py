"""One root for every error a person can act on: a short title and a sentence.

Provider errors subclass the same root, so a face catches `WizardError` once and shows it.
Messages never hold a secret.
"""

from __future__ import annotations


class WizardError(Exception):
    """An error the user can act on. `str(err)` is the sentence; `title` is a few words.

    A subclass names its title in its header: `class PlanError(WizardError, title="Plan refused")`.
    """

    title = "Something went wrong"

    def __init_subclass__(cls, *, title: str = "") -> None:
        super().__init_subclass__()
        if title:
            cls.title = title

    def __init__(self, message: str, *, title: str | None = None) -> None:
        super().__init__(message)
        if title is not None:
            self.title = title


class UsageError(WizardError, title="Not understood"): ...


class DnsLookupError(WizardError, title="DNS lookup failed"): ...


class JournalError(WizardError, title="Journal problem"): ...


class PlanError(WizardError, title="Plan refused"): ...


class ProviderError(WizardError, title="DNS host error"):
    """A DNS host (or its SDK) refused or failed; what happened and what to do."""


class AuthError(ProviderError, title="Credentials not accepted"): ...


class PermissionDenied(ProviderError, title="Not allowed"): ...


class ApiNotAvailable(PermissionDenied, title="No API access at this DNS host"):
    """The host offers no API access to this account; the records can still be entered by hand
    in its panel (`panel_url`, when known), so a face can offer the manual path right there."""

    def __init__(
        self, message: str, *, panel_url: str | None = None, title: str | None = None
    ) -> None:
        super().__init__(message, title=title)
        self.panel_url = panel_url


class RateLimited(ProviderError, title="Too many requests"):
    def __init__(
        self, message: str, *, retry_after: float | None = None, title: str | None = None
    ) -> None:
        super().__init__(message, title=title)
        self.retry_after = retry_after


class ZoneNotFound(ProviderError, title="Zone not found"): ...


class Conflict(ProviderError, title="Conflicting records"): ...
