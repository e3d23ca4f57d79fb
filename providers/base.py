"""The provider contract: what a DNS host plugin declares as data, and the methods it implements.

A provider never imports the UI; the wizard renders its credential fields as CLI flags or form
widgets, and shows its errors (`wizard.model.errors`) as sentences.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from wizard.model.changes import Change
from wizard.model.records import Finding, Record

#: Called with one line of progress for a person ("Waiting for Route 53 to sync…").
Progress = Callable[[str], None]


@dataclass(frozen=True)
class CredentialField:
    """One setting a provider needs. `env` lists the SDK's own variables that also supply it."""

    name: str
    label: str
    help: str
    secret: bool = False
    required: bool = True
    env: tuple[str, ...] = ()
    default: str | None = None


@dataclass(frozen=True)
class Capabilities:
    """What a DNS host can do, so the plan can refuse what it can't before any write."""

    writes: bool = True
    underscores: bool = True
    batch: bool = False
    proxying: bool = False


@dataclass(frozen=True)
class Existing:
    """What a provider holds at some names, plus anything worth telling (a proxied record…)."""

    records: tuple[Record, ...]
    findings: tuple[Finding, ...] = ()


class Provider(ABC):
    """A DNS host the wizard can read from and write to.

    Subclasses set the class variables and implement `list_records` and `apply`. `settings`
    holds the values of `credential_fields`, keyed by field name; secrets included, so a
    provider must never put them in a message or a log.
    """

    id: ClassVar[str]
    display_name: ClassVar[str]
    #: fnmatch patterns matched against the zone's NS host names, lower case, no trailing dot.
    ns_patterns: ClassVar[tuple[str, ...]] = ()
    credential_fields: ClassVar[tuple[CredentialField, ...]] = ()
    capabilities: ClassVar[Capabilities] = Capabilities()

    def __init__(self, settings: Mapping[str, str] | None = None) -> None:
        self.settings: dict[str, str] = dict(settings or {})

    def setting(self, name: str) -> str | None:
        """A setting's value, falling back to the field's default."""
        value = self.settings.get(name)
        if value:
            return value
        for field in self.credential_fields:
            if field.name == name:
                return field.default
        return None

    @abstractmethod
    def list_records(self, zone: str, names: Iterable[str]) -> Existing:
        """Every record the host holds at `names` (fully qualified), of any type."""

    @abstractmethod
    def apply(self, zone: str, changes: Sequence[Change], progress: Progress | None = None) -> None:
        """Do exactly these changes, in as few requests as the API allows."""

    def check_credentials(self, zone: str) -> None:
        """One read that proves the credentials work for `zone`; raises a ProviderError if not."""
        self.list_records(zone, [zone])

    def close(self) -> None:  # noqa: B027 - optional hook with a default that does nothing
        """Release connections. The default has nothing to release."""
