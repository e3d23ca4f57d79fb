"""plan / apply / revert / journal from the command line, against a real BIND via rfc2136."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.fakes.bind import BindServer
from tests.keys import DKIM_1024
from wizard.cli import main
from wizard.commands import EXIT_FAILED, EXIT_OK, EXIT_PROBLEM, EXIT_REFUSED, EXIT_USAGE
from wizard.journal import Journal

PASTE = f"""\
links.example.test. 300 IN CNAME track.vendor.example.
pendo._domainkey.example.test. 300 IN TXT "{DKIM_1024}"
example.test. 300 IN TXT "pendo-verification=abc"
"""


@pytest.fixture
def paste(paste_file: Callable[..., str]) -> str:
    return paste_file(PASTE)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_plan_apply_reapply_revert_journal(
    rfc2136_env: BindServer, paste: str, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    bind = rfc2136_env
    base = ["--zone", "example.test", "--provider", "rfc2136"]
    code, out, _ = run(capsys, "plan", paste, *base, "--json")
    assert code == EXIT_OK
    assert [i["kind"] for i in json.loads(out)["items"]] == ["create"] * 3
    assert bind.texts("links.example.test", "CNAME") == []  # plan writes nothing

    code, out, err = run(capsys, "apply", paste, *base)
    assert code == EXIT_REFUSED and "--yes" in err
    assert bind.texts("links.example.test", "CNAME") == []

    code, out, _ = run(capsys, "apply", paste, *base, "--yes")
    assert code == EXIT_OK, out
    assert bind.texts("links.example.test", "CNAME") == ["track.vendor.example."]
    assert sorted(bind.texts("example.test", "TXT")) == [
        '"pendo-verification=abc"',
        '"v=spf1 include:_spf.example.net ~all"',
    ]
    code, out, _ = run(capsys, "apply", paste, *base, "--yes")
    assert code == EXIT_OK and "Nothing to write" in out

    code, out, _ = run(capsys, "journal", "--json")
    entries = json.loads(out)["applies"]
    assert len(entries) == 1 and entries[0]["status"] == "done"
    assert bind.key_secret not in (data_dir / "journal.jsonl").read_text()

    code, out, _ = run(capsys, "revert", "--yes")
    assert code == EXIT_OK, out
    assert bind.texts("links.example.test", "CNAME") == []
    assert bind.texts("example.test", "TXT") == ['"v=spf1 include:_spf.example.net ~all"']
    code, out, _ = run(capsys, "revert", "--yes")
    assert code == EXIT_OK and "Nothing to revert" in out


def test_update_needs_replace(
    rfc2136_env: BindServer, paste_file: Callable[..., str], capsys: pytest.CaptureFixture[str]
) -> None:
    bind = rfc2136_env
    first = paste_file("links.example.test. 300 IN CNAME old.vendor.example.\n", "first.txt")
    second = paste_file("links.example.test. 300 IN CNAME new.vendor.example.\n", "second.txt")
    base = ["--zone", "example.test", "--provider", "rfc2136", "--yes"]
    assert run(capsys, "apply", first, *base)[0] == EXIT_OK
    code, _, err = run(capsys, "apply", second, *base)
    assert code == EXIT_REFUSED
    assert "links.example.test" in err and "new.vendor.example" in err
    assert bind.texts("links.example.test", "CNAME") == ["old.vendor.example."]
    assert run(capsys, "apply", second, *base, "--replace")[0] == EXIT_OK
    assert bind.texts("links.example.test", "CNAME") == ["new.vendor.example."]
    assert run(capsys, "revert", "--yes")[0] == EXIT_OK
    assert bind.texts("links.example.test", "CNAME") == ["old.vendor.example."]


def test_conflict_and_bad_paste_write_nothing(
    rfc2136_env: BindServer, paste_file: Callable[..., str], capsys: pytest.CaptureFixture[str]
) -> None:
    bind = rfc2136_env
    apex = paste_file("www.example.test. 300 IN CNAME track.vendor.example.\n", "apex.txt")
    base = ["--zone", "example.test", "--provider", "rfc2136", "--yes"]
    code, out, _ = run(capsys, "apply", apex, *base)
    assert code == EXIT_PROBLEM and "CONFLICT" in out and "already has A" in out
    assert bind.texts("www.example.test", "CNAME") == []
    bad = paste_file("qwerty ### zxcv\n", "bad.txt")
    code, out, err = run(capsys, "apply", bad, *base)
    assert code == EXIT_PROBLEM
    said = out + err
    assert "nothing was planned or written" in said
    assert "line 1" in said and "not a DNS record" in said and "[not-a-record]" in said
    assert Journal().applies() == []


def test_manual_apply_prints_instructions(
    bind: BindServer,
    paste: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TRACKING_WIZARD_MANUAL_NAMESERVER", bind.server)
    monkeypatch.setenv("TRACKING_WIZARD_MANUAL_HOST", "wix")
    code, out, _ = run(capsys, "apply", paste, "--zone", "example.test", "--provider", "manual")
    assert code == EXIT_OK
    assert "Host/Name: links" in out and "Host/Name: @" in out
    assert f"Value: {DKIM_1024}" in out
    assert "Adding or Updating CNAME Records in Your Wix Account" in out
    assert "underscore" in out


def test_zone_found_from_dns(
    rfc2136_env: BindServer, paste: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bind = rfc2136_env
    code, out, err = run(
        capsys, "plan", paste, "--provider", "rfc2136", "--resolver", bind.server, "--json"
    )
    assert code == EXIT_OK, err
    assert json.loads(out)["zone"] == "example.test"


def test_host_failure_is_a_clear_message_and_revert_cleans_up(
    rfc2136_env: BindServer,
    paste: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bind = rfc2136_env
    wrong = "d3Jvbmcta2V5LXNlY3JldC12YWx1ZQ=="
    monkeypatch.setenv("TRACKING_WIZARD_RFC2136_KEY_SECRET", wrong)
    base = ["--zone", "example.test", "--provider", "rfc2136", "--yes"]
    code, out, err = run(capsys, "apply", paste, *base)
    assert code == EXIT_FAILED
    assert "TSIG" in err and "revert" in err and "Traceback" not in err
    assert wrong not in out + err
    assert bind.texts("links.example.test", "CNAME") == []
    monkeypatch.setenv("TRACKING_WIZARD_RFC2136_KEY_SECRET", bind.key_secret)
    code, out, _ = run(capsys, "revert", "--yes")
    assert code == EXIT_OK and "Nothing to undo" in out
    code, out, _ = run(capsys, "revert", "--yes")
    assert "Nothing to revert" in out


def test_missing_settings_name_the_variables(
    paste: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "plan", paste, "--zone", "example.test", "--provider", "rfc2136")
    assert code == EXIT_USAGE  # a setting not given is a usage error, named before any work
    assert "TRACKING_WIZARD_RFC2136_SERVER" in err
