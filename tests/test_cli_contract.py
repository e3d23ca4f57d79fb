"""The command line as one contract: exit 2 for every usage error, with a message naming the
flag or setting and the reason, checked before anything is read, written or journalled; and
every DNS host's settings in `--help`, written from what each plugin declares."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from providers.registry import load, provider_ids
from tests.fakes.bind import BindServer
from wizard.cli import main
from wizard.commands import EXIT_USAGE
from wizard.credentials import env_var

PASTE = "links.example.test. 300 IN CNAME track.vendor.example.\n"
README = Path(__file__).resolve().parent.parent / "README.md"
#: A loopback port where nothing answers: a command that wrongly gets past its usage check
#: fails there, never on the internet.
LOOPBACK = "127.0.0.1:9"
NOWHERE = ["--authoritative", LOOPBACK, "--authoritative-only", "--query-timeout", "1", "--once"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_an_unknown_provider_is_a_usage_error_naming_the_installed_ones(
    paste_file: Callable[..., str], capsys: pytest.CaptureFixture[str]
) -> None:
    paste = paste_file(PASTE)
    for argv in (
        ["plan", paste, "--zone", "example.test", "--provider", "nope"],
        ["apply", paste, "--zone", "example.test", "--provider", "nope", "--yes"],
        ["https", "links.example.test", "--vendor", "pendo-us", "--zone", "example.test",
         "--provider", "nope", "--yes"],
    ):  # fmt: skip
        code, out, err = run(capsys, *argv)
        assert code == EXIT_USAGE, (argv, err)
        assert "no DNS host plugin called 'nope'" in err and "rfc2136" in err
        assert out == ""


def test_a_bad_tsig_secret_is_refused_before_anything_is_journalled(
    rfc2136_env: BindServer,
    paste_file: Callable[..., str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
) -> None:
    monkeypatch.setenv("TRACKING_WIZARD_RFC2136_KEY_SECRET", "not base64 at all!")
    base = ["apply", paste_file(PASTE), "--zone", "example.test", "--provider", "rfc2136"]
    code, _, err = run(capsys, *base, "--yes")
    assert code == EXIT_USAGE, err
    assert "TSIG key secret: the value is not valid base64." in err
    assert "key_secret" in err and "TRACKING_WIZARD_RFC2136_KEY_SECRET" in err
    assert "not base64 at all" not in err  # a secret is never repeated back
    assert not (data_dir / "journal.jsonl").exists()
    assert rfc2136_env.texts("links.example.test", "CNAME") == []


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        ("server=127.0.0.1:70000", "Server: '127.0.0.1:70000' is not HOST[:PORT] with a port"),
        ("server=[::1", "Server: '[::1' is not HOST[:PORT]"),
        ("key_name=bad..name", "TSIG key name: 'bad..name' is not a DNS name"),
        ("key_algorithm=hmac-sha3", "TSIG algorithm: 'hmac-sha3' is not one of hmac-sha256"),
        ("timeout=0", "Timeout: '0' is not a whole number from 1 to 300"),
        ("colour=blue", "has no setting called 'colour'. Its settings: server, key_name"),
    ],
)
def test_typed_settings_are_checked_before_the_host_is_asked(
    setting: str,
    said: str,
    paste_file: Callable[..., str],
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
) -> None:
    """No server runs here: a setting that passed its check would end in a lookup failure."""
    sets = ["server=127.0.0.1:9", "key_name=k", "key_secret=c2VjcmV0", setting]
    flags = [word for pair in sets for word in ("--set", pair)]
    argv = ["apply", paste_file(PASTE), "--zone", "example.test", "--provider", "rfc2136"]
    code, _, err = run(capsys, *argv, *flags, "--yes")
    assert code == EXIT_USAGE, err
    assert said in err
    assert not (data_dir / "journal.jsonl").exists()


def test_missing_settings_are_a_usage_error_naming_each(
    paste_file: Callable[..., str], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["plan", paste_file(PASTE), "--zone", "example.test", "--provider", "rfc2136"]
    code, _, err = run(capsys, *argv, "--set", "key_name=k")
    assert code == EXIT_USAGE
    assert "(server, key_secret)" in err and "TRACKING_WIZARD_RFC2136_SERVER" in err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["plan", "PASTE", "--provider", "manual", "--zone", "bad zone!"], "argument --zone: "),
        (["plan", "PASTE", "--provider", "manual", "--domain", "a b"], "argument --domain: "),
        (["records", "PASTE", "--domain", "x..example"], "argument --domain: 'x..example'"),
        (
            ["watch", "PASTE", "--domain", "example", *NOWHERE],
            "argument --domain: 'example' is not",
        ),
        (["revert", "--zone", "exa mple.test"], "argument --zone: "),
        (
            ["zone", "links example", "--resolver", LOOPBACK],
            "argument name: 'links example' is not a domain name",
        ),
        (
            ["zone", "links.example.test", "--timeout", "0", "--resolver", LOOPBACK],
            "argument --timeout: '0' is not",
        ),
        (
            ["check", "links.example.test", "--timeout", "-1", "--resolver", LOOPBACK],
            "argument --timeout: '-1'",
        ),
        (
            [
                "check",
                "links.example.test",
                "--cacert",
                "/nonexistent/ca.pem",
                "--resolver",
                LOOPBACK,
            ],
            "--cacert: ",
        ),
        (["check", "under_score!", "--resolver", LOOPBACK], "argument host: "),
        (["watch", "PASTE", "--query-timeout", "nan", *NOWHERE], "argument --query-timeout: 'nan'"),
        (["watch", "PASTE", "--timeout", "soon", *NOWHERE], "argument --timeout: 'soon'"),
        (["revert", "--id", "nope"], "has no apply nope"),
        (
            ["check", "links.example.test", "--vendor", "nope", "--resolver", LOOPBACK],
            "Unknown vendor 'nope'",
        ),
        (["https", "links.example.test", "--vendor", "nope", "--provider", "manual"], "'nope'"),
        (["records", "/nonexistent/records.txt"], "Cannot read /nonexistent/records.txt"),
        (["plan", "/nonexistent/records.txt", "--provider", "manual"], "Cannot read"),
        (["zone", "links.example.test", "--resolver", "127.0.0.1:0"], "the port must be"),
        (["plan", "PASTE", "--provider", "manual", "--set", "oops"], "--set takes NAME=VALUE"),
        (["apply", "PASTE", "--provider", "manual", "--set", "host=nope"], "'nope' is not one"),
        (["demo", "--vendor", "nope"], "argument --vendor: invalid choice: 'nope'"),
        (["journal", "--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_every_usage_error_exits_2_naming_what_and_why(
    argv: list[str],
    said: str,
    paste_file: Callable[..., str],
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
) -> None:
    paste = paste_file(PASTE)
    code, out, err = run(capsys, *(paste if word == "PASTE" else word for word in argv))
    assert code == EXIT_USAGE, (code, err)
    assert said in err
    assert "Traceback" not in err
    assert not (data_dir / "journal.jsonl").exists()


def test_help_lists_every_setting_of_every_dns_host_from_its_declaration(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for command in ("plan", "apply", "https"):
        assert main([command, "--help"]) == 0
        shown = capsys.readouterr().out
        for provider_id in provider_ids():
            cls = load(provider_id)
            assert f"  {provider_id}: {cls.display_name}" in shown
            for option in cls.options:
                line = re.search(rf"^    {option.name}: (.*)$", shown, re.MULTILINE)
                assert line, (command, provider_id, option.name)
                assert ("secret" in line.group(1)) == option.secret
                assert env_var(provider_id, option.name) in shown
        assert ("--set NAME=VALUE" in shown) == (command != "https")
    assert main(["watch", "--help"]) == 0
    shown = capsys.readouterr().out
    assert "TRACKING_WIZARD_RESOLVERS" in shown and "TRACKING_WIZARD_AUTHORITATIVE" in shown
    assert main(["--help"]) == 0
    shown = capsys.readouterr().out
    for name in ("RESOLVERS", "AUTHORITATIVE", "DATA_DIR", "DOH"):
        assert f"TRACKING_WIZARD_{name}" in shown


def test_readme_settings_table_has_every_setting_of_every_dns_host() -> None:
    """One row per setting: `provider` | `name` | `variable` (or SDK variables) | secret?"""
    text = README.read_text()
    section = text[text.index("## Settings") :]
    section = section[: section.index("\n## ", 1)]
    rows = {
        tuple(cell.strip() for cell in line.strip("|").split("|"))[:4]
        for line in section.splitlines()
        if line.startswith("| `")
    }
    for provider_id in provider_ids():
        for option in load(provider_id).options:
            variables = ", ".join(
                f"`{v}`" for v in (env_var(provider_id, option.name), *option.env)
            )
            secret = "secret" if option.secret else "no"
            row = (f"`{provider_id}`", f"`{option.name}`", variables, secret)
            assert row in rows, row
    for name in ("RESOLVERS", "AUTHORITATIVE", "DATA_DIR", "DOH"):
        assert f"`TRACKING_WIZARD_{name}`" in section


def test_counts_read_as_words(
    bind: BindServer, paste_file: Callable[..., str], capsys: pytest.CaptureFixture[str]
) -> None:
    """ "2 creates", "Both records", and no tick beside a zero count."""
    two = paste_file("a.example.test. 300 IN A 192.0.2.1\nb.example.test. 300 IN A 192.0.2.2\n")
    argv = ["plan", two, "--zone", "example.test", "--provider", "manual"]
    code, out, _ = run(capsys, *argv, "--set", f"nameserver={bind.server}")
    assert code == 0 and "In all: 2 creates." in out
    watch = ["watch", two, "--authoritative", bind.server, "--authoritative-only", "--once"]
    code, out, _ = run(capsys, *watch)
    assert code == 1 and "0 of 2 records are live on every server asked." in out
    present = paste_file("www.example.test A 192.0.2.10\nmail.example.test A 192.0.2.25\n", "p.txt")
    code, out, _ = run(capsys, *watch[:1], present, *watch[2:])
    assert code == 0 and "Both records are live on every server asked." in out
