"""Typed provider options: each kind parses or refuses in a sentence naming the option."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest

from providers.options import (
    ChoiceOption,
    IntegerOption,
    SecretOption,
    TextOption,
    parse_settings,
)
from providers.registry import load, provider_ids
from providers.rfc2136 import ALGORITHMS, Rfc2136Provider
from tests.fakes.bind import BindServer
from wizard.cli import main
from wizard.commands import EXIT_OK, EXIT_USAGE
from wizard.credentials import assignments, make_provider
from wizard.model.errors import UsageError

ALGORITHM = ChoiceOption("key_algorithm", "TSIG algorithm", "", choices=ALGORITHMS)
TIMEOUT = IntegerOption("timeout", "Timeout", "", minimum=1, maximum=300)


def test_text_and_secret_are_taken_as_typed_without_surrounding_space() -> None:
    assert (
        TextOption("server", "Server", "").parse("  ns1.example.test:53 ") == "ns1.example.test:53"
    )
    assert SecretOption("token", "Token", "").parse(" s3cr3t\n") == "s3cr3t"
    assert SecretOption.secret and not TextOption.secret


def test_choice_matches_without_case_and_gives_the_listed_spelling() -> None:
    assert ALGORITHM.parse("HMAC-SHA512") == "hmac-sha512"
    assert ALGORITHM.parse(" hmac-md5 ") == "hmac-md5"


def test_choice_refusal_names_the_option_and_the_choices() -> None:
    with pytest.raises(UsageError) as info:
        ALGORITHM.parse("hmac-foo")
    assert str(info.value) == (
        "TSIG algorithm: 'hmac-foo' is not one of hmac-sha256, hmac-sha512, hmac-sha384, "
        "hmac-sha224, hmac-sha1, hmac-md5."
    )


@pytest.mark.parametrize(("raw", "value"), [("1", 1), ("300", 300), (" 42 ", 42)])
def test_integer_within_bounds(raw: str, value: int) -> None:
    assert TIMEOUT.parse(raw) == value


@pytest.mark.parametrize("raw", ["abc", "0", "301", "-5", "1.5", ""])
def test_integer_refusal_names_the_option_and_the_bounds(raw: str) -> None:
    with pytest.raises(UsageError) as info:
        TIMEOUT.parse(raw)
    assert str(info.value) == f"Timeout: {raw!r} is not a whole number from 1 to 300."


def test_a_refused_secret_is_never_repeated() -> None:
    @dataclass(frozen=True)
    class PinOption(IntegerOption):
        """A secret that must be a number: the refusal must not echo it."""

        secret: ClassVar[bool] = True

    pin = PinOption("pin", "PIN", "", minimum=0, maximum=9999)
    with pytest.raises(UsageError) as info:
        pin.parse("my-secret-pin")
    assert "my-secret-pin" not in str(info.value) and "PIN" in str(info.value)


def test_settings_drop_empty_values_and_refuse_unknown_names() -> None:
    options = (ALGORITHM, TIMEOUT)
    parsed = parse_settings(options, {"key_algorithm": "HMAC-SHA1", "timeout": " "}, "Host")
    assert parsed == {"key_algorithm": "hmac-sha1"}
    with pytest.raises(UsageError, match="Host has no setting called 'timout'"):
        parse_settings(options, {"timout": "5"}, "Host")


def test_a_provider_parses_its_settings_when_built() -> None:
    provider = Rfc2136Provider({"server": "127.0.0.1:53", "timeout": "30"})
    assert provider.integer("timeout") == 30
    assert provider.text("key_algorithm") == "hmac-sha256"  # the default, parsed
    assert Rfc2136Provider({}).integer("timeout") == 10
    with pytest.raises(TypeError):
        provider.text("timeout")
    with pytest.raises(UsageError, match=r"^Timeout: 'abc' is not a whole number from 1 to 300\."):
        Rfc2136Provider({"timeout": "abc"})
    with pytest.raises(UsageError, match="TSIG algorithm: 'hmac-foo'"):
        Rfc2136Provider({"key_algorithm": "hmac-foo"})


@pytest.mark.parametrize("provider_id", provider_ids())
def test_every_installed_provider_declares_usable_options(provider_id: str) -> None:
    cls = load(provider_id)
    names = [o.name for o in cls.options]
    assert len(names) == len(set(names)), names
    for option in cls.options:
        assert option.label and option.help
        if option.default is not None:
            option.parse(option.default)  # a default the option refuses would break every run
        if isinstance(option, ChoiceOption):
            assert option.choices and option.default in (None, *option.choices)


def test_a_bad_value_from_the_environment_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKING_WIZARD_RFC2136_SERVER", "127.0.0.1:53")
    monkeypatch.setenv("TRACKING_WIZARD_RFC2136_KEY_NAME", "k")
    monkeypatch.setenv("TRACKING_WIZARD_RFC2136_KEY_SECRET", "c2VjcmV0")
    monkeypatch.setenv("TRACKING_WIZARD_RFC2136_TIMEOUT", "soon")
    with pytest.raises(UsageError, match="Timeout: 'soon' is not a whole number"):
        make_provider("rfc2136")


def test_assignments_split_at_the_first_equals_sign() -> None:
    assert assignments(["timeout=30", "key_secret=YWJj=="]) == {
        "timeout": "30",
        "key_secret": "YWJj==",
    }
    with pytest.raises(UsageError, match="NAME=VALUE") as info:
        assignments(["s3cr3t-without-a-name"])
    assert "s3cr3t" not in str(info.value)


def test_cli_set_flags_reach_the_provider(
    bind: BindServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paste = tmp_path / "records.txt"
    paste.write_text("links.example.test. 300 IN CNAME track.vendor.example.\n")
    base = ["plan", str(paste), "--zone", "example.test", "--provider", "rfc2136"]
    sets = [
        f"server={bind.server}",
        f"key_name={bind.key_name}",
        f"key_secret={bind.key_secret}",
        "timeout=5",
    ]
    flags = [word for pair in sets for word in ("--set", pair)]
    assert main([*base, *flags]) == EXIT_OK
    assert "links.example.test" in capsys.readouterr().out

    assert main([*base, *flags, "--set", "timeout=900"]) == EXIT_USAGE
    assert "Timeout: '900' is not a whole number from 1 to 300." in capsys.readouterr().err
    assert main([*base, *flags, "--set", "colour=blue"]) == EXIT_USAGE
    assert "no setting called 'colour'" in capsys.readouterr().err
