"""Credential lookup order, the keyring, and what happens when no keyring works."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import keyring
import pytest

from providers.base import Existing, Progress, Provider
from providers.options import SecretOption, TextOption
from tests.fakes.memory_keyring import MemoryKeyring
from wizard.credentials import (
    CredentialsError,
    env_var,
    keyring_status,
    missing_fields,
    remember,
    settings_for,
)
from wizard.model.changes import Change


class ExampleProvider(Provider):
    id = "example-host"
    display_name = "Example Host"
    options = (
        SecretOption(
            "api_token",
            "API token",
            "Create one in the panel.",
            env=("EXAMPLE_API_TOKEN",),
        ),
        TextOption("region", "Region", "Where the account lives.", required=False, default="us"),
    )

    def _list_records(self, zone: str, names: Sequence[str]) -> Existing:
        return Existing(())

    def _apply(self, zone: str, changes: Sequence[Change], progress: Progress) -> None:
        return None


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_env_var_names() -> None:
    assert env_var("rfc2136", "key_secret") == "TRACKING_WIZARD_RFC2136_KEY_SECRET"
    assert env_var("example-host", "api_token") == "TRACKING_WIZARD_EXAMPLE_HOST_API_TOKEN"


def test_order_is_given_then_keyring_then_environment(
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXAMPLE_API_TOKEN", "from-sdk-env")
    assert settings_for(ExampleProvider)["api_token"] == "from-sdk-env"
    monkeypatch.setenv("TRACKING_WIZARD_EXAMPLE_HOST_API_TOKEN", "from-our-env")
    assert settings_for(ExampleProvider)["api_token"] == "from-our-env"
    remember("example-host", "api_token", "from-keyring")
    assert settings_for(ExampleProvider)["api_token"] == "from-keyring"
    assert settings_for(ExampleProvider, {"api_token": "typed"})["api_token"] == "typed"
    assert settings_for(ExampleProvider)["region"] == "us"


def test_missing_fields_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EXAMPLE_API_TOKEN", raising=False)
    settings = settings_for(ExampleProvider)
    assert [f.name for f in missing_fields(ExampleProvider, settings)] == ["api_token"]


def test_without_a_keyring_it_says_so_and_keeps_nothing() -> None:
    # conftest selects keyring's "fail" backend, which is what a headless Linux box has.
    works, sentence = keyring_status()
    assert not works
    assert "this run only" in sentence
    with pytest.raises(CredentialsError, match="this run only") as info:
        remember("example-host", "api_token", "s3cret-value")
    assert "s3cret-value" not in str(info.value)


def test_with_a_keyring_it_says_it_can_remember(memory_keyring: MemoryKeyring) -> None:
    works, sentence = keyring_status()
    assert works and "MemoryKeyring" in sentence
    remember("example-host", "api_token", "tok")
    assert memory_keyring.passwords == {("tracking-wizard", "example-host.api_token"): "tok"}
