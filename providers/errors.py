"""Errors a provider raises. Each message is a sentence for a person and never holds a secret."""

from __future__ import annotations


class ProviderError(Exception):
    """The root. `title` is a few words; `str(err)` says what happened and what to do."""

    title = "DNS host error"

    def __init__(self, message: str, *, title: str | None = None) -> None:
        super().__init__(message)
        if title is not None:
            self.title = title


class AuthError(ProviderError):
    title = "Credentials not accepted"


class PermissionDenied(ProviderError):
    title = "Not allowed"


class RateLimited(ProviderError):
    title = "Too many requests"

    def __init__(
        self, message: str, *, retry_after: float | None = None, title: str | None = None
    ) -> None:
        super().__init__(message, title=title)
        self.retry_after = retry_after


class ZoneNotFound(ProviderError):
    title = "Zone not found"


class Conflict(ProviderError):
    title = "Conflicting records"
