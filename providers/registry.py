"""Finds providers through the `tracking_wizard.providers` entry-point group.

Built-in providers are registered there too (see pyproject.toml), so a third-party plugin is a
peer of ours. Loading is lazy: a provider's SDK is imported only when that provider is asked for.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import EntryPoint, entry_points

from providers.base import Provider
from wizard.model.errors import ProviderError

GROUP = "tracking_wizard.providers"


@cache
def _entry_points() -> dict[str, EntryPoint]:
    return {ep.name: ep for ep in entry_points(group=GROUP)}


def provider_ids() -> list[str]:
    """The ids of every installed provider, without importing any of them."""
    return sorted(_entry_points())


def load(provider_id: str) -> type[Provider]:
    """The provider class registered under `provider_id`."""
    try:
        ep = _entry_points()[provider_id]
    except KeyError:
        known = ", ".join(provider_ids()) or "none"
        raise ProviderError(
            f"There is no DNS host plugin called {provider_id!r}. Installed: {known}.",
            title="Unknown DNS host",
        ) from None
    cls = ep.load()
    if not (isinstance(cls, type) and issubclass(cls, Provider)):
        raise ProviderError(f"The plugin {provider_id!r} does not provide a Provider class.")
    return cls
