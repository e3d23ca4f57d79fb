"""Finds providers through the `tracking_wizard.providers` entry-point group.

Built-in providers are registered there too (see pyproject.toml), so a third-party plugin is a
peer of ours. Loading is lazy: a provider's SDK is imported only when that provider is asked for,
and a plugin that fails to load (a missing SDK, a broken module) is a sentence, not a traceback.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import EntryPoint, entry_points

from providers.base import Provider
from wizard.model.errors import ProviderError, UsageError

GROUP = "tracking_wizard.providers"


@cache
def _entry_points() -> dict[str, EntryPoint]:
    return {ep.name: ep for ep in entry_points(group=GROUP)}


def provider_ids() -> list[str]:
    """The ids of every installed provider, without importing any of them."""
    return sorted(_entry_points())


def load(provider_id: str) -> type[Provider]:
    """The provider class registered under `provider_id`; an unknown id is a usage error (a
    mistyped --provider), a plugin that fails to load is the plugin's."""
    try:
        ep = _entry_points()[provider_id]
    except KeyError:
        known = ", ".join(provider_ids()) or "none"
        raise UsageError(
            f"There is no DNS host plugin called {provider_id!r}. Installed: {known}.",
            title="Unknown DNS host",
        ) from None
    try:
        cls = ep.load()
    except Exception as exc:  # any failure inside a plugin's import is the plugin's problem
        reason = str(exc).strip().rstrip(".") or type(exc).__name__
        raise ProviderError(
            f"The DNS host plugin {provider_id!r} ({ep.value}) could not be loaded: {reason}. "
            "Reinstall it, or choose another DNS host.",
            title="DNS host plugin broken",
        ) from None
    if not (isinstance(cls, type) and issubclass(cls, Provider)):
        raise ProviderError(
            f"The DNS host plugin {provider_id!r} ({ep.value}) does not provide a Provider class.",
            title="DNS host plugin broken",
        )
    return cls
