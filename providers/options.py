"""Typed provider settings: what a plugin declares, so a face can render and check each one.

A provider lists its options as data; the TUI renders a text, password, choice or whole-number
field, the CLI takes `--set NAME=VALUE`, and `parse` turns the raw text (typed, or read from the
keyring or the environment) into a value or a sentence naming the option. Plugins never import
a UI for this (Harlequin's option objects are the model).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Mapping
from dataclasses import KW_ONLY, dataclass
from typing import ClassVar

from wizard.model.errors import UsageError
from wizard.model.servers import parse_server

#: A parsed setting: text for text, secret and choice options, an int for integer ones.
Value = str | int


@dataclass(frozen=True)
class Option:
    """One setting a provider needs. `env` lists the SDK's own variables that also supply it;
    `default` is in the same raw form a person would type, and is parsed like one. `where`
    says where a person gets the value and the least it needs to be allowed to do; an
    `advanced` option has a default that is right unless the person knows otherwise, so a
    form shows it folded away."""

    name: str
    label: str
    help: str
    _: KW_ONLY
    required: bool = True
    env: tuple[str, ...] = ()
    default: str | None = None
    where: str = ""
    advanced: bool = False

    #: Whether the value must never reach a message, a log, a file or the journal.
    secret: ClassVar[bool] = False

    def parse(self, raw: str) -> Value:
        """The value, or a UsageError naming this option and what is wrong with `raw`."""
        return raw.strip()

    def _refuse(self, raw: str, reason: str) -> SettingError:
        shown = "the value" if self.secret else repr(raw)
        return SettingError(self.name, f"{self.label}: {shown} {reason}.")


class SettingError(UsageError, title="Setting not valid"):
    """A setting's value (or name) refused before anything is read or written; `setting` is
    the name a person types (`--set key_secret=…`), so a face can say where to fix it."""

    def __init__(self, setting: str, message: str, *, unknown: bool = False) -> None:
        super().__init__(message)
        self.setting = setting
        #: No option has this name (a typo): the message lists the ones there are.
        self.unknown = unknown


@dataclass(frozen=True)
class TextOption(Option):
    """Free text: a server address, a profile name, an API address."""


@dataclass(frozen=True)
class SecretOption(Option):
    """Text that is masked when typed and scrubbed from every message a provider raises."""

    secret: ClassVar[bool] = True


@dataclass(frozen=True)
class Base64SecretOption(SecretOption):
    """A secret written in base64 (a TSIG key): refused at once when it is not, rather than
    when the first signed message is sent."""

    def parse(self, raw: str) -> Value:
        text = raw.strip()
        try:
            base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise self._refuse(raw, "is not valid base64") from None
        return text


@dataclass(frozen=True)
class ServerOption(TextOption):
    """A DNS server as HOST[:PORT], the port from 1 to 65535; kept as typed."""

    def parse(self, raw: str) -> Value:
        text = raw.strip()
        try:
            host = parse_server(text).host
        except UsageError:
            host = ""
        if not host:
            raise self._refuse(raw, "is not HOST[:PORT] with a port from 1 to 65535")
        return text


@dataclass(frozen=True)
class NameOption(TextOption):
    """A DNS name, such as a TSIG key's (`wizard-key`, `tsig.example.com`): labels of 1 to 63
    characters, without spaces, 253 in all."""

    def parse(self, raw: str) -> Value:
        text = raw.strip()
        labels = text.rstrip(".").split(".")
        fits = 0 < len(text) <= 253 and all(0 < len(label) <= 63 for label in labels)
        if not fits or any(c.isspace() for c in text):
            raise self._refuse(raw, "is not a DNS name (labels of 1 to 63 characters, no spaces)")
        return text


@dataclass(frozen=True)
class ChoiceOption(Option):
    """One of a fixed list, matched without regard to case and given back as listed."""

    _: KW_ONLY
    choices: tuple[str, ...] = ()

    def parse(self, raw: str) -> Value:
        text = raw.strip()
        for choice in self.choices:
            if choice.casefold() == text.casefold():
                return choice
        raise self._refuse(raw, "is not one of " + ", ".join(self.choices))


@dataclass(frozen=True)
class IntegerOption(Option):
    """A whole number between `minimum` and `maximum`, both included."""

    _: KW_ONLY
    minimum: int = 0
    maximum: int = 2**31 - 1

    def parse(self, raw: str) -> Value:
        try:
            number = int(raw.strip())
        except ValueError:
            number = None
        if number is None or not self.minimum <= number <= self.maximum:
            raise self._refuse(raw, f"is not a whole number from {self.minimum} to {self.maximum}")
        return number


def parse_settings(
    options: Iterable[Option], raw: Mapping[str, str], owner: str
) -> dict[str, Value]:
    """Each given value parsed by its option; empty values count as not given.

    A name no option declares is refused, so a mistyped setting is said, not ignored.
    """
    by_name = {option.name: option for option in options}
    unknown = sorted(set(raw) - set(by_name))
    if unknown:
        known = ", ".join(by_name) or "none"
        raise SettingError(
            unknown[0],
            f"{owner} has no setting called {unknown[0]!r}. Its settings: {known}.",
            unknown=True,
        )
    return {name: by_name[name].parse(text) for name, text in raw.items() if text.strip()}
