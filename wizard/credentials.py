"""Where provider settings come from: the OS keyring first, then the environment. Never a file.

Keyring entries use the service `tracking-wizard` and the username `<provider>.<field>`.
Every field is also settable as `TRACKING_WIZARD_<PROVIDER>_<FIELD>`, beside the SDK's own
variables that the field declares (for example `CLOUDFLARE_API_TOKEN`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

from providers.base import CredentialField, Provider
from wizard.model.errors import WizardError

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
            "No keyring works on this machine, so secrets are kept for this run only. "
            "To reuse them, set the TRACKING_WIZARD_<HOST>_<FIELD> environment variables.",
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


def _from_environment(provider_id: str, field: CredentialField) -> str | None:
    for name in (env_var(provider_id, field.name), *field.env):
        value = os.environ.get(name)
        if value:
            return value
    return None


def settings_for(
    provider_cls: type[Provider], given: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Every field's value: given > keyring > TRACKING_WIZARD_<P>_<F> > SDK variables > default."""
    given = given or {}
    settings: dict[str, str] = {}
    for field in provider_cls.credential_fields:
        value = (
            given.get(field.name)
            or _from_keyring(provider_cls.id, field.name)
            or _from_environment(provider_cls.id, field)
            or field.default
        )
        if value:
            settings[field.name] = value
    return settings


def missing_fields(
    provider_cls: type[Provider], settings: Mapping[str, str]
) -> list[CredentialField]:
    return [f for f in provider_cls.credential_fields if f.required and not settings.get(f.name)]


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
    """The provider registered as `provider_id`, with its settings; complains about gaps."""
    from providers.registry import load

    cls = load(provider_id)
    settings = settings_for(cls, given)
    missing = missing_fields(cls, settings)
    if missing:
        hints = "; ".join(
            f"{f.label}: {' or '.join([env_var(cls.id, f.name), *f.env])}" for f in missing
        )
        raise CredentialsError(
            f"{cls.display_name} needs more settings. Set them in the environment ({hints}) "
            "or enter them in the wizard.",
            title="Missing credentials",
        )
    return cls(settings)
