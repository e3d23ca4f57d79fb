"""Which mode `tracking-wizard` opens in: the demo until a DNS host is configured."""

from __future__ import annotations

import pytest

from wizard.commands.tui import CONFIG_VARIABLES, configured


@pytest.fixture
def nothing_set(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in CONFIG_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_the_wizards_own_settings_leave_the_demo_on(nothing_set: pytest.MonkeyPatch) -> None:
    nothing_set.setenv("TRACKING_WIZARD_DOH", "1")
    assert not configured()


def test_a_dns_host_setting_ends_the_demo(nothing_set: pytest.MonkeyPatch) -> None:
    nothing_set.setenv("TRACKING_WIZARD_RFC2136_SERVER", "127.0.0.1")
    assert configured()
