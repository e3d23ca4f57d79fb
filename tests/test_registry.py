"""The plugin registry: built-ins load by id; a plugin that cannot load is a sentence."""

from __future__ import annotations

from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from providers import registry
from providers.base import Provider
from wizard.model.errors import ProviderError, UsageError

BUILT_IN = ["cloudflare", "godaddy", "manual", "rfc2136", "route53"]


def plug_in(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    """Add one entry point to the cached table, as an installed package would."""
    table = dict(registry._entry_points())
    table[name] = EntryPoint(name=name, value=value, group=registry.GROUP)
    monkeypatch.setattr(registry, "_entry_points", lambda: table)


def test_built_in_providers_load_by_id() -> None:
    assert set(BUILT_IN) <= set(registry.provider_ids())
    for provider_id in BUILT_IN:
        cls = registry.load(provider_id)
        assert issubclass(cls, Provider) and cls.id == provider_id


def test_unknown_id_names_the_installed_ones() -> None:
    with pytest.raises(UsageError, match="no DNS host plugin called 'nope'") as info:
        registry.load("nope")
    assert "cloudflare" in str(info.value)


def test_a_plugin_whose_module_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    plug_in(monkeypatch, "ghost", "tracking_wizard_no_such_plugin:GhostProvider")
    assert "ghost" in registry.provider_ids()
    with pytest.raises(ProviderError) as info:
        registry.load("ghost")
    message = str(info.value)
    assert "'ghost'" in message and "No module named 'tracking_wizard_no_such_plugin'" in message
    assert message.endswith(".") and info.value.title == "DNS host plugin broken"
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_a_plugin_that_fails_while_importing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "tw_broken_plugin.py").write_text(
        'raise RuntimeError("this plugin needs libfoo 3")\n'
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    plug_in(monkeypatch, "broken", "tw_broken_plugin:BrokenProvider")
    with pytest.raises(ProviderError, match="'broken' .* could not be loaded: this plugin needs"):
        registry.load("broken")


def test_a_plugin_that_names_something_missing_or_not_a_provider(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plug_in(monkeypatch, "typo", "providers.manual:NoSuchProvider")
    with pytest.raises(ProviderError, match="'typo' .* could not be loaded"):
        registry.load("typo")
    plug_in(monkeypatch, "function", "os.path:join")
    with pytest.raises(ProviderError, match="does not provide a Provider class"):
        registry.load("function")
