"""The command line's contract for a paste, against a real BIND: `records --json` is exactly what
is written, and `plan`/`apply` refuse a paste with any error finding, even beside good records."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.fakes.bind import BindServer
from wizard.cli import main
from wizard.commands import EXIT_OK, EXIT_PROBLEM
from wizard.model.records import Record

GOOD = (
    "Type\tHost\tValue\tTTL\n"
    "CNAME\tlinks\ttrack.vendor.example\t300\n"
    "TXT\t_proof\tvendor-verification=abc123\t\n"
    "MX\tbounce\t10 feedback.vendor.example\t\n"
)
#: The same records, and one line the reader cannot account for: an error finding.
WITH_AN_ERROR = f"nonsense here\n{GOOD}"
BASE = ["--domain", "example.test", "--zone", "example.test", "--provider", "rfc2136"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_records_json_is_exactly_what_apply_writes(
    rfc2136_env: BindServer, paste_file: Callable[..., str], capsys: pytest.CaptureFixture[str]
) -> None:
    bind = rfc2136_env
    paste = paste_file(GOOD)
    code, out, _ = run(capsys, "records", paste, "--domain", "example.test", "--json")
    assert code == EXIT_OK
    shown = [Record.from_json(r) for r in json.loads(out)["records"]]
    assert len(shown) == 3

    code, out, _ = run(capsys, "plan", paste, *BASE, "--json")
    assert code == EXIT_OK
    planned = [Record.from_json(i["record"]) for i in json.loads(out)["items"]]
    assert planned == shown

    code, out, _ = run(capsys, "apply", paste, *BASE, "--yes")
    assert code == EXIT_OK, out
    assert bind.texts("links.example.test", "CNAME") == ["track.vendor.example."]
    assert bind.texts("_proof.example.test", "TXT") == ['"vendor-verification=abc123"']
    assert bind.texts("bounce.example.test", "MX") == ["10 feedback.vendor.example."]


def test_plan_and_apply_refuse_a_paste_with_an_error_beside_good_records(
    rfc2136_env: BindServer, paste_file: Callable[..., str], capsys: pytest.CaptureFixture[str]
) -> None:
    bind = rfc2136_env
    paste = paste_file(WITH_AN_ERROR)
    code, out, _ = run(capsys, "records", paste, "--domain", "example.test", "--json")
    shown = json.loads(out)
    assert code == EXIT_PROBLEM and len(shown["records"]) == 3
    assert [f["line"] for f in shown["findings"] if f["level"] == "error"] == [1]

    for command in (["plan", paste, *BASE], ["apply", paste, *BASE, "--yes"]):
        code, out, err = run(capsys, *command)
        assert code == EXIT_PROBLEM, command
        assert "nothing was planned or written" in err and "line 1" in err
    assert bind.texts("links.example.test", "CNAME") == []
    assert bind.texts("_proof.example.test", "TXT") == []
    assert bind.texts("bounce.example.test", "MX") == []
