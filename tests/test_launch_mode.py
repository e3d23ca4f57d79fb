"""Which mode `tracking-wizard` opens in: as the flags say, else real once a DNS host is
configured, else the first screen asks."""

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


def mode(*argv: str) -> bool | None:
    from wizard.cli import build_parser
    from wizard.commands.tui import chosen_mode

    return chosen_mode(build_parser(list(argv)).parse_args(list(argv)))


def test_flags_choose_and_nothing_set_means_ask(nothing_set: pytest.MonkeyPatch) -> None:
    assert mode() is None  # a first run: the first screen asks
    assert mode("--demo") is True
    assert mode("--real") is False
    nothing_set.setenv("TRACKING_WIZARD_RESOLVERS", "127.0.0.1:5353")
    assert mode() is None  # which resolvers to ask is no DNS host
    nothing_set.setenv("CLOUDFLARE_API_TOKEN", "t")
    assert mode() is False
    assert mode("--demo") is True


def test_demo_and_real_together_are_a_usage_error(
    nothing_set: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from wizard.cli import main

    assert main(["--demo", "--real"]) == 2
    assert "--demo and --real cannot go together" in capsys.readouterr().err
