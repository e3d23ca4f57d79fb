"""Where provider settings come from: given, the OS keyring, then the environment. Never a file.

Keyring entries use the service `tracking-wizard` and the username `<provider>.<option>`.
Every option is also settable as `TRACKING_WIZARD_<PROVIDER>_<OPTION>`, beside the SDK's own
variables that the option declares (for example `CLOUDFLARE_API_TOKEN`). Values are raw text
here; the provider parses them (providers.options) when it is built.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping

from providers.base import Provider
from providers.options import Option
from wizard.model.errors import UsageError, WizardError

log = logging.getLogger(__name__)

SERVICE = "tracking-wizard"


class CredentialsError(WizardError):
    title = "Credentials"


def env_var(provider_id: str, field_name: str) -> str:
    """`TRACKING_WIZARD_RFC2136_KEY_SECRET` for ("rfc2136", "key_secret")."""
    clean = f"{provider_id}_{field_name}".upper().replace("-", "_").replace(".", "_")
    return f"TRACKING_WIZARD_{clean}"


def _username(provider_id: str, field_name: str) -> str:
    return f"{provider_id}.{field_name}"


def keyring_status() -> tuple[bool, str]:
    """Whether a keyring backend works here, and a sentence saying so for the user."""
    import keyring
    import keyring.errors

    try:
        keyring.get_password(SERVICE, "__probe__")
    except keyring.errors.KeyringError:
        return (
            False,
            "No keyring works on this computer (no keyring backend is installed or "
            "unlocked), so what you type here is kept for this run only.",
        )
    except Exception as exc:  # a broken backend must not stop the wizard
        log.debug("keyring probe failed: %s", type(exc).__name__)
        return (False, "The keyring could not be opened, so secrets are kept for this run only.")
    name = type(keyring.get_keyring()).__name__
    return (True, f"Secrets can be remembered in the system keyring ({name}).")


def _from_keyring(provider_id: str, field_name: str) -> str | None:
    import keyring
    import keyring.errors

    try:
        value: str | None = keyring.get_password(SERVICE, _username(provider_id, field_name))
    except keyring.errors.KeyringError:
        return None
    except Exception as exc:
        log.debug("keyring read failed: %s", type(exc).__name__)
        return None
    return value


def remembered(provider_classes: Iterable[type[Provider]]) -> list[str]:
    """The ids of the providers with at least one setting in the keyring: remembered there,
    they count as configured, as a variable in the environment does."""
    return [
        cls.id
        for cls in provider_classes
        if any(_from_keyring(cls.id, option.name) for option in cls.options)
    ]


def remembered_hosts() -> tuple[str, ...]:
    """`remembered` for every installed DNS host plugin (one that fails to load is skipped)."""
    from providers.registry import load, provider_ids

    classes = []
    for provider_id in provider_ids():
        try:
            classes.append(load(provider_id))
        except WizardError:
            continue
    return tuple(remembered(classes))


def _from_environment(provider_id: str, option: Option) -> str | None:
    for name in (env_var(provider_id, option.name), *option.env):
        value = os.environ.get(name)
        if value:
            return value
    return None


def settings_for(
    provider_cls: type[Provider], given: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Every option's raw value: given > keyring > TRACKING_WIZARD_<P>_<O> > SDK variables >
    default. Given names no option declares are kept, so building the provider refuses them."""
    given = given or {}
    declared = {option.name for option in provider_cls.options}
    settings: dict[str, str] = {k: v for k, v in given.items() if k not in declared and v}
    for option in provider_cls.options:
        value = (
            given.get(option.name)
            or _from_keyring(provider_cls.id, option.name)
            or _from_environment(provider_cls.id, option)
            or option.default
        )
        if value:
            settings[option.name] = value
    return settings


def missing_fields(provider_cls: type[Provider], settings: Mapping[str, str]) -> list[Option]:
    """The required options that have no value."""
    return [o for o in provider_cls.options if o.required and not settings.get(o.name)]


def assignments(pairs: Iterable[str]) -> dict[str, str]:
    """`NAME=VALUE` words (the CLI's `--set`) as settings; the provider checks names and values."""
    settings: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(
                "--set takes NAME=VALUE (for example --set timeout=30); one was given "
                "without a name or an '='."
            )
        settings[name.strip()] = value
    return settings


def remember(provider_id: str, field_name: str, value: str) -> None:
    """Store one setting in the keyring; raise CredentialsError when no keyring works."""
    import keyring
    import keyring.errors

    try:
        keyring.set_password(SERVICE, _username(provider_id, field_name), value)
    except keyring.errors.KeyringError:
        raise CredentialsError(keyring_status()[1]) from None


def forget(provider_id: str, field_name: str) -> None:
    import keyring
    import keyring.errors

    try:
        keyring.delete_password(SERVICE, _username(provider_id, field_name))
    except keyring.errors.KeyringError:
        return


def make_provider(provider_id: str, given: Mapping[str, str] | None = None) -> Provider:
    """The provider registered as `provider_id`, with its settings.

    What was given is checked first (an unknown name, a value its option refuses), then what
    is missing: each is a usage error naming the setting, raised before anything is read.
    """
    from providers.options import parse_settings
    from providers.registry import load

    cls = load(provider_id)
    parse_settings(cls.options, given or {}, cls.display_name)
    settings = settings_for(cls, given)
    missing = missing_fields(cls, settings)
    if missing:
        hints = "; ".join(
            f"{o.label}: {' or '.join([env_var(cls.id, o.name), *o.env])}" for o in missing
        )
        names = ", ".join(o.name for o in missing)
        raise UsageError(
            f"{cls.display_name} needs more settings ({names}). Set them in the environment "
            f"({hints}), give them with --set NAME=VALUE (plan, apply), or enter them in the "
            "wizard.",
            title="Missing credentials",
        )
    return cls(settings)
