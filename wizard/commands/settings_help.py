"""The `--help` text about settings, written from what each DNS host plugin declares.

A plugin lists its options as data (providers.options); this module turns that list into the
"DNS host settings" part of `plan`, `apply` and `https --help`, so the help names exactly the
settings a plugin takes, with their environment variables, and cannot drift from them. The
wizard's own variables (resolvers, authoritative servers, data dir, DoH) are listed once here.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the main `--help` is built on every start: nothing of the plugins loads
    from providers.options import Option

#: The wizard's own environment variables, and what each one sets.
ENVIRONMENT: dict[str, str] = {
    "TRACKING_WIZARD_RESOLVERS": "the resolvers to ask (as --resolver), comma-separated "
    "HOST[:PORT]: for finding the zone, and the resolvers `watch` watches",
    "TRACKING_WIZARD_AUTHORITATIVE": "the authoritative servers `watch` asks (as "
    "--authoritative), comma-separated HOST[:PORT], instead of the zone's name servers",
    "TRACKING_WIZARD_DATA_DIR": "the directory of the journal (journal.jsonl); default: the "
    "platform's user data directory",
    "TRACKING_WIZARD_DOH": "1: the wizard asks public resolvers over DNS-over-HTTPS from the "
    "start (as --doh)",
}

#: Which of the wizard's variables a flag stands for (by argparse `dest`).
FLAG_VARIABLES = {
    "resolver": "TRACKING_WIZARD_RESOLVERS",
    "authoritative": "TRACKING_WIZARD_AUTHORITATIVE",
}

WIDTH = 88


def _wrapped(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent)


def variables(provider_id: str, option: Option) -> list[str]:
    """Every variable that supplies `option`, ours first, then the SDK's own."""
    from wizard.credentials import env_var

    return [env_var(provider_id, option.name), *option.env]


def kind(option: Option) -> str:
    """ "secret, required", "optional, one of a, b; default a", "optional, 1 to 300; default 10"."""
    from providers.options import ChoiceOption, IntegerOption

    words = ("secret, " if option.secret else "") + ("required" if option.required else "optional")
    if isinstance(option, ChoiceOption):
        words += ", one of " + ", ".join(option.choices)
    if isinstance(option, IntegerOption):
        words += f", a whole number from {option.minimum} to {option.maximum}"
    if option.default:
        words += f"; default {option.default}"
    return words


def provider_settings(set_flag: bool) -> str:
    """Each installed DNS host's settings: name, kind, variables and help."""
    from providers.registry import load, provider_ids
    from wizard.model.errors import WizardError

    where = "--set NAME=VALUE, the OS keyring" if set_flag else "the OS keyring"
    lines = [f"DNS host settings (from {where} or the environment variables shown):"]
    for provider_id in provider_ids():
        try:
            cls = load(provider_id)
        except WizardError as err:
            lines.append(f"  {provider_id}: {err}")
            continue
        lines.append(f"  {provider_id}: {cls.display_name}")
        if not cls.options:
            lines.append("    no settings")
        for option in cls.options:
            lines += textwrap.wrap(
                f"{option.name}: {kind(option)}",
                WIDTH,
                initial_indent="    ",
                subsequent_indent="        ",
            )
            lines += _wrapped(" or ".join(variables(cls.id, option)), "        ")
            lines += _wrapped(option.help, "        ")
    return "\n".join(lines)


def environment(names: list[str]) -> str:
    lines = ["environment:"]
    width = max(len(name) for name in names)
    for name in names:
        text = textwrap.wrap(ENVIRONMENT[name], WIDTH - width - 4)
        lines.append(f"  {name:<{width}}  {text[0]}")
        lines += [f"  {'':<{width}}  {more}" for more in text[1:]]
    return "\n".join(lines)


def epilog(dests: set[str], *, uses_journal: bool) -> str:
    """The epilog for a subcommand whose flags have these argparse `dest`s."""
    parts = []
    if "provider" in dests:
        parts.append(provider_settings(set_flag="set" in dests))
    names = [FLAG_VARIABLES[dest] for dest in FLAG_VARIABLES if dest in dests]
    if uses_journal:
        names.append("TRACKING_WIZARD_DATA_DIR")
    if names:
        parts.append(environment(names))
    return "\n\n".join(parts)


def main_epilog() -> str:
    """The wizard's own variables, and where a DNS host's settings are listed."""
    return (
        environment(list(ENVIRONMENT))
        + "\n  TRACKING_WIZARD_<PROVIDER>_<SETTING>  a DNS host's setting (see `plan --help`)"
    )
