"""The provider contract: what a DNS host plugin declares as data, and the methods it implements.

`Provider` is a template method (octoDNS's `apply()` → `_apply()`): the public methods do what
every plugin would otherwise repeat (normalising the zone and names, the empty apply, the
progress fallback, refusing writes a host cannot do, reading every write back through the
plugin's own `_list_records` and comparing it with the plan, keeping secrets out of error
sentences) and call the protected ones a plugin writes. A provider never imports the UI; the
wizard renders its options (providers.options) as CLI flags or form widgets and shows its errors
as sentences.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import ClassVar

from providers.options import (
    Base64SecretOption,
    ChoiceOption,
    IntegerOption,
    NameOption,
    Option,
    SecretOption,
    ServerOption,
    TextOption,
    Value,
    parse_settings,
)
from providers.readback import ReadBack, compare
from wizard.model.changes import Change
from wizard.model.errors import ProviderError, WizardError
from wizard.model.fields import srv_fields
from wizard.model.names import normalize_name
from wizard.model.records import RECORD_TYPES, Finding, Record

#: The contract a face may import: the option kinds are re-exported from providers.options.
__all__ = [
    "Base64SecretOption",
    "Capabilities",
    "ChoiceOption",
    "Existing",
    "IntegerOption",
    "NameOption",
    "Option",
    "Progress",
    "Provider",
    "ReadBack",
    "SecretOption",
    "ServerOption",
    "TextOption",
]

#: Called with one line of progress for a person ("Waiting for Route 53 to sync…").
Progress = Callable[[str], None]

#: What a host writes unless it says otherwise; SRV and CAA only where a plugin declares them.
DEFAULT_RECORD_TYPES: frozenset[str] = frozenset({"A", "AAAA", "CNAME", "TXT", "MX", "NS"})
#: Every type the wizard reads, SRV and CAA included: for a plugin that writes them all.
ALL_RECORD_TYPES: frozenset[str] = frozenset(RECORD_TYPES)

#: Where a secret stood in a message.
MASK = "***"


@dataclass(frozen=True)
class Capabilities:
    """What a DNS host can do, so the plan can refuse what it can't before any write."""

    writes: bool = True
    underscores: bool = True
    #: The record types the host can write; the plan refuses the others as conflicts.
    record_types: frozenset[str] = DEFAULT_RECORD_TYPES
    #: The most changes one provider call takes; the core splits a larger apply into calls of
    #: this size, each journalled before it is sent. None: any number in one call.
    max_batch: int | None = None
    #: The TTLs the host accepts (lowest, highest); the plan moves a TTL outside to the nearest
    #: bound and says so, instead of letting the host reject the write.
    ttl_range: tuple[int, int] | None = None
    #: A TTL outside `ttl_range` that means "the host's automatic" (Cloudflare's 1): kept as
    #: given, and read back as no TTL.
    automatic_ttl: int | None = None
    #: An RRset has one TTL here (Route 53, RFC 2136): a value added beside values that stay
    #: takes the set's TTL, so a write never changes records outside the plan.
    ttl_per_set: bool = False
    #: The host takes an SRV record with port 0 (the "no service" record `0 0 0 .`).
    srv_port_zero: bool = True
    #: The longest TXT value the host is known to store exactly (a DKIM key is longer than
    #: one 255-character string); None: any length.
    txt_max_length: int | None = None
    #: Characters a TXT value cannot carry exactly to this host (a backend that quotes a value
    #: without escaping what is inside); such a value is refused, never sent.
    txt_refused: str = ""
    #: What the host cannot write, in one sentence: said beside every type it refuses.
    limits: str = ""
    #: False: every record is written with the host's own default TTL, whatever it is given
    #: (a backend that sends none): the plan leaves a pasted TTL out and says so.
    ttl_settable: bool = True


def unwritable(record: Record, caps: Capabilities, host: str) -> str | None:
    """Why `host` cannot store `record` exactly as given, or None.

    The plan asks it before any write (a conflict) and the provider again before it sends
    anything, so a plugin never sends a request its host would refuse or alter.
    """
    ttl = record.ttl
    if ttl is not None and not caps.ttl_settable and ttl != caps.automatic_ttl:
        return (
            f"{host} writes every record with its own default TTL (the wizard cannot set one "
            f"there); {record} has TTL {ttl}. Leave the TTL out, or enter the record in "
            f"{host}'s own DNS page."
        )
    if ttl is not None and caps.ttl_range is not None and ttl != caps.automatic_ttl:
        low, high = caps.ttl_range
        if not low <= ttl <= high:
            auto = f" (or {caps.automatic_ttl}, its automatic)" if caps.automatic_ttl else ""
            return f"{host} takes a TTL of {low} to {high} seconds{auto}; {record} has TTL {ttl}."
    longest = caps.txt_max_length
    if record.type == "TXT" and longest is not None and len(record.value) > longest:
        return (
            f"{host} is not known to store a TXT value over {longest} characters exactly "
            f"through the wizard; {record.name} has {len(record.value)}. Enter it in "
            f"{host}'s own DNS page (the manual path shows it whole)."
        )
    refused = sorted({c for c in record.value if c in caps.txt_refused})
    if record.type == "TXT" and refused:
        shown = " or ".join(repr(c) for c in refused)
        return (
            f"{host} cannot be sent a TXT value holding {shown} exactly through the wizard "
            f"(its API client does not escape it); {record.name} has one. Enter it in "
            f"{host}'s own DNS page."
        )
    if record.type == "SRV" and not caps.srv_port_zero:
        try:
            port = srv_fields(record.priority, record.value).port
        except ValueError:
            port = None
        if port == 0:
            return (
                f"{host} does not take an SRV record with port 0 (its API refuses it), so "
                f"{record} (the 'no service' record) cannot be written there as given. Enter it "
                f"in {host}'s own DNS page if it allows it, or leave it out."
            )
    return None


@dataclass(frozen=True)
class Existing:
    """What a provider holds at some names, plus anything worth telling (a proxied record…)."""

    records: tuple[Record, ...]
    findings: tuple[Finding, ...] = ()
    #: Records the wizard never writes but must plan around (a Route 53 alias): a CNAME
    #: planned at their name is a conflict. Their value says what they are.
    held: tuple[Record, ...] = ()


class Provider(ABC):
    """A DNS host the wizard can read from and write to.

    Subclasses set the class variables and implement `_list_records` and `_apply` (and
    `_check_credentials` when one cheap read proves the credentials better than a listing).
    `settings` holds the parsed values of `options` that were given, keyed by option name;
    secrets included, so a provider must never put them in a log.
    """

    id: ClassVar[str]
    display_name: ClassVar[str]
    options: ClassVar[tuple[Option, ...]] = ()
    capabilities: ClassVar[Capabilities] = Capabilities()

    def __init__(self, settings: Mapping[str, str] | None = None) -> None:
        """Parse every given setting now, so a bad value is an error naming its field."""
        self.settings: dict[str, Value] = parse_settings(
            self.options, settings or {}, self.display_name
        )

    # -- settings ----------------------------------------------------------------------------
    def option(self, name: str) -> Option:
        for option in self.options:
            if option.name == name:
                return option
        raise KeyError(f"{type(self).__name__} declares no option {name!r}")

    def _value(self, name: str) -> Value | None:
        option = self.option(name)
        if name in self.settings:
            return self.settings[name]
        return option.parse(option.default) if option.default else None

    def text(self, name: str) -> str | None:
        """A text, secret or choice setting, falling back to the option's default."""
        value = self._value(name)
        if value is not None and not isinstance(value, str):
            raise TypeError(f"the option {name!r} is not text")
        return value

    def integer(self, name: str) -> int | None:
        """An integer setting, falling back to the option's default."""
        value = self._value(name)
        if value is not None and not isinstance(value, int):
            raise TypeError(f"the option {name!r} is not an integer")
        return value

    def secrets(self) -> list[str]:
        """Every secret value given, longest first so a secret inside another goes whole."""
        values = {str(self.settings.get(o.name, "")) for o in self.options if o.secret}
        return sorted(values - {""}, key=len, reverse=True)

    def scrub(self, text: str) -> str:
        for secret in self.secrets():
            text = text.replace(secret, MASK)
        return text

    # -- the template ------------------------------------------------------------------------
    def list_records(self, zone: str, names: Iterable[str]) -> Existing:
        """Every record the host holds at `names` (fully qualified), of any type."""
        wanted = tuple(dict.fromkeys(normalize_name(n) for n in names))
        with self._scrubbed():
            return self._list_records(normalize_name(zone), wanted)

    def apply(
        self, zone: str, changes: Sequence[Change], progress: Progress | None = None
    ) -> ReadBack:
        """Do exactly these changes, in as few requests as the API allows, then read them back.

        Every written name is read again through the host's API and compared with the plan
        (providers.readback); a host that stored anything else raises ReadBackMismatch.
        """
        if not self.capabilities.writes:
            raise ProviderError(
                f"The wizard does not write to this DNS host ({self.display_name}): enter the "
                "records in the host's own panel.",
                title="Written by hand",
            )
        confirmed = ReadBack(self.display_name, 0, 0)
        if not changes:
            return confirmed
        for change in changes:
            new = change.new
            reason = unwritable(new, self.capabilities, self.display_name) if new else None
            if reason:
                raise ProviderError(f"{reason} Nothing was written.", title="Not written")
        size = self.capabilities.max_batch or len(changes)
        report = progress or self._log_progress
        with self._scrubbed():
            # The core journals and sends calls of `max_batch`; a larger direct call is split
            # here, so the host never sees a request it would refuse for its size.
            for start in range(0, len(changes), size):
                chunk = changes[start : start + size]
                confirmed += self._write_and_read_back(normalize_name(zone), chunk, report)
        return confirmed

    def _write_and_read_back(
        self, zone: str, changes: Sequence[Change], progress: Progress
    ) -> ReadBack:
        names = tuple(dict.fromkeys(normalize_name(c.record.name) for c in changes))
        before = self._list_records(zone, names).records
        self._apply(zone, changes, progress)
        progress(f"Reading the written names back from {self.display_name}…")
        after = self._list_records(zone, names).records
        return compare(
            self.display_name,
            before,
            changes,
            after,
            ttl_per_set=self.capabilities.ttl_per_set,
            automatic_ttl=self.capabilities.automatic_ttl,
        )

    def check_credentials(self, zone: str) -> None:
        """One read that proves the credentials work for `zone`; raises a ProviderError if not."""
        with self._scrubbed():
            self._check_credentials(normalize_name(zone))

    def close(self) -> None:  # noqa: B027 - optional hook with a default that does nothing
        """Release connections. The default has nothing to release."""

    # -- what a plugin writes ----------------------------------------------------------------
    @abstractmethod
    def _list_records(self, zone: str, names: Sequence[str]) -> Existing:
        """The records at `names`: normalised, each once; `zone` is normalised too."""

    @abstractmethod
    def _apply(self, zone: str, changes: Sequence[Change], progress: Progress) -> None:
        """Write the changes (never empty) to the normalised `zone`, reporting to `progress`."""

    def _check_credentials(self, zone: str) -> None:
        self._list_records(zone, (zone,))

    # -- plumbing ----------------------------------------------------------------------------
    def _log_progress(self, line: str) -> None:
        logging.getLogger(type(self).__module__).info("%s", line)

    @contextmanager
    def _scrubbed(self) -> Iterator[None]:
        """Re-raise any WizardError from below as the same class, with every secret masked."""
        try:
            yield
        except WizardError as err:
            clean = self.scrub(str(err))
            title = self.scrub(err.title)
            if clean == str(err) and title == err.title:
                raise
            scrubbed = type(err).__new__(type(err))
            scrubbed.__dict__.update(err.__dict__)
            scrubbed.args = (clean,)
            scrubbed.title = title
            raise scrubbed from None
