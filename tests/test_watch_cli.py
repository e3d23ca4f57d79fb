"""`tracking-wizard watch` against a real BIND, through the same entry point a user runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.bind import BindServer
from wizard.cli import main

PRESENT = "www.example.test A 192.0.2.10\nexample.test MX 10 mail.example.test\n"
ABSENT = "links.example.test CNAME data.vendor.test\n"


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "records.txt"
    path.write_text(text)
    return str(path)


def json_lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_once_json_all_live(
    bind: BindServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "watch",
            write(tmp_path, PRESENT),
            "--authoritative",
            bind.server,
            "--resolver",
            bind.server,
            "--once",
            "--json",
        ]
    )
    lines = json_lines(capsys.readouterr().out)
    assert code == 0
    pairs = [line for line in lines if "status" in line]
    assert len(pairs) == 4  # 2 records x (1 authoritative + 1 resolver)
    assert {p["status"] for p in pairs} == {"match"}
    assert all({"record", "server", "status", "detail"} <= set(p) for p in pairs)
    assert lines[-1]["final"] is True and lines[-1]["all_good"] is True


def test_once_missing_exits_1_with_diagnosis(
    bind: BindServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Servers from the environment this time.
    monkeypatch.setenv("TRACKING_WIZARD_AUTHORITATIVE", bind.server)
    monkeypatch.setenv("TRACKING_WIZARD_RESOLVERS", bind.server)
    text = "links.child.example.test CNAME data.vendor.test\n"
    code = main(["watch", write(tmp_path, text), "--domain", "example.test", "--once", "--json"])
    lines = json_lines(capsys.readouterr().out)
    assert code == 1
    statuses = [line["status"] for line in lines if "status" in line]
    assert statuses == ["missing", "waiting"]
    final = lines[-1]
    assert final["all_good"] is False
    assert [f["code"] for f in final["findings"]] == ["wrong-zone"]  # type: ignore[union-attr]


def test_plain_output_and_summary(
    bind: BindServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "watch",
            write(tmp_path, ABSENT),
            "--authoritative",
            bind.server,
            "--authoritative-only",
            "--once",
        ]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert "✗ missing" in out and "NXDOMAIN" in out
    assert "0 of 1 records are live" in out


def test_watch_stops_when_all_good(
    bind: BindServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["watch", write(tmp_path, PRESENT), "--authoritative", bind.server, "--authoritative-only"]
    )
    assert code == 0
    assert "All 2 records are live" in capsys.readouterr().out


def test_watch_timeout_reports(
    bind: BindServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "watch",
            write(tmp_path, ABSENT),
            "--authoritative",
            bind.server,
            "--authoritative-only",
            "--timeout",
            "0.3",
            "--json",
        ]
    )
    lines = json_lines(capsys.readouterr().out)
    assert code == 1
    assert lines[-1]["outcome"] == "timeout"
    assert "Gave up waiting" in str(lines[-1]["message"])


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["watch"], "Say what to watch"),
        (["watch", "/nonexistent/records.txt", "--authoritative", "127.0.0.1"], "Cannot read"),
        (["watch", "EMPTY", "--authoritative", "127.0.0.1"], "No records found"),
        (["watch", "EMPTY", "--authoritative", "127.0.0.1:99999"], "port must be"),
        (["watch", "EMPTY", "--last"], "either FILE or --last"),
    ],
)
def test_usage_errors(
    argv: list[str], needle: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("nothing to see here\n")
    argv = [str(empty) if a == "EMPTY" else a for a in argv]
    if "port must be" in needle:
        (tmp_path / "r.txt").write_text(PRESENT)
        argv[1] = str(tmp_path / "r.txt")
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2
    assert needle in err
    assert "Traceback" not in err
