"""`tracking-wizard records`, driven through the installed console script as a user would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.tools import script
from wizard.cli import main

PASTE = (
    "Type\tHost\tValue\n"
    "CNAME\tlinks\te.customeriomail.com\n"
    'TXT\t@\t"v=spf1 include:amazonses.com" " ~all"\n'
    "MX\tbounce\t10 feedback-smtp.us-east-1.amazonses.com.\n"
)


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [script("tracking-wizard"), *args], input=stdin, capture_output=True, text=True, timeout=60
    )


def test_json_contract(tmp_path: Path) -> None:
    paste = tmp_path / "records.txt"
    paste.write_text(PASTE)
    result = run_cli("records", str(paste), "--domain", "example.com", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "records": [
            {
                "type": "CNAME",
                "name": "links.example.com",
                "value": "e.customeriomail.com",
                "ttl": None,
                "priority": None,
            },
            {
                "type": "TXT",
                "name": "example.com",
                "value": "v=spf1 include:amazonses.com ~all",
                "ttl": None,
                "priority": None,
            },
            {
                "type": "MX",
                "name": "bounce.example.com",
                "value": "feedback-smtp.us-east-1.amazonses.com",
                "ttl": None,
                "priority": 10,
            },
        ],
        "findings": [],
    }


def test_reads_stdin_and_prints_a_table() -> None:
    result = run_cli("records", "-", "--domain", "example.com", stdin=PASTE)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["TYPE", "NAME", "VALUE", "TTL"]
    assert lines[1].split() == ["CNAME", "links.example.com", "e.customeriomail.com", "auto"]
    assert lines[3].split() == [
        "MX",
        "bounce.example.com",
        "10",
        "feedback-smtp.us-east-1.amazonses.com",
        "auto",
    ]


def test_error_findings_exit_1_and_still_list_what_was_understood() -> None:
    result = run_cli("records", "--json", stdin="CNAME\tlinks\te.customeriomail.com\n")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["records"] == []
    assert data["findings"][0] | {"message": ""} == {
        "level": "error",
        "line": 1,
        "field": "name",
        "code": "relative-name",
        "message": "",
    }
    mixed = "CNAME\tlinks.example.com\te.customeriomail.com\nnonsense here\n"
    result = run_cli("records", stdin=mixed)
    assert result.returncode == 1
    assert "links.example.com" in result.stdout
    assert "Line 2: this is not a DNS record" in result.stdout


def test_missing_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["records", str(tmp_path / "nope.txt")]) == 2
    err = capsys.readouterr().err
    assert "nope.txt" in err and "No such file" in err


def test_unknown_option_is_a_usage_error() -> None:
    assert run_cli("records", "--bogus").returncode == 2


@pytest.mark.parametrize("args", [["--help"], ["records", "--json"]])
def test_help_and_records_do_not_import_heavy_packages(args: list[str]) -> None:
    """Start-up stays fast: textual, boto3, cloudflare and godaddypy load only where needed."""
    code = (
        "import sys, io\n"
        "sys.stdin = io.StringIO('CNAME links.example.com e.customeriomail.com')\n"
        "from wizard.cli import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('textual', 'boto3', 'botocore', 'cloudflare', 'godaddypy', 'dns',\n"
        "                     'lexicon', 'tldextract')\n"
        "         if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert "HEAVY=\n" in result.stderr, result.stderr
