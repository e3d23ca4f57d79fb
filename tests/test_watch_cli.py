"""`tracking-wizard watch` against a real BIND, through the same entry point a user runs."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.fakes.bind import BindServer
from wizard.cli import main
from wizard.model.records import Record

PRESENT = "www.example.test A 192.0.2.10\nexample.test MX 10 mail.example.test\n"
ABSENT = "links.example.test CNAME data.vendor.test\n"


def bind_only(bind: BindServer, *args: str) -> list[str]:
    """`watch ARGS` asking BIND alone: as the zone's server, and no resolver at all."""
    return ["watch", *args, "--authoritative", bind.server, "--authoritative-only"]


def json_lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_once_json_all_live(
    bind: BindServer, paste_file: Callable[..., str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "watch",
            paste_file(PRESENT),
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
    paste_file: Callable[..., str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Servers from the environment this time.
    monkeypatch.setenv("TRACKING_WIZARD_AUTHORITATIVE", bind.server)
    monkeypatch.setenv("TRACKING_WIZARD_RESOLVERS", bind.server)
    text = "links.child.example.test CNAME data.vendor.test\n"
    code = main(["watch", paste_file(text), "--domain", "example.test", "--once", "--json"])
    lines = json_lines(capsys.readouterr().out)
    assert code == 1
    statuses = [line["status"] for line in lines if "status" in line]
    assert statuses == ["missing", "waiting"]
    final = lines[-1]
    assert final["all_good"] is False
    assert [f["code"] for f in final["findings"]] == ["wrong-zone"]  # type: ignore[attr-defined]


def test_plain_output_and_summary(
    bind: BindServer, paste_file: Callable[..., str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(bind_only(bind, paste_file(ABSENT), "--once"))
    out = capsys.readouterr().out
    assert code == 1
    assert "✗ missing" in out and "NXDOMAIN" in out
    assert "The record is not live on every server asked yet." in out


def test_watch_stops_when_all_good(
    bind: BindServer, paste_file: Callable[..., str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(bind_only(bind, paste_file(PRESENT)))
    assert code == 0
    assert "Both records are live" in capsys.readouterr().out


def test_watch_timeout_reports(
    bind: BindServer, paste_file: Callable[..., str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(bind_only(bind, paste_file(ABSENT), "--timeout", "0.3", "--json"))
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


def journal_apply(changes: list[object], *, reverts: str | None = None) -> str:
    from wizard.datadir import default_journal_path
    from wizard.journal import Journal, Setup, new_apply_id

    journal = Journal(default_journal_path())
    apply_id = new_apply_id()
    journal.start(Setup(apply_id, "example.test", "rfc2136", reverts=reverts))
    journal.pending(apply_id, 1, changes, [])  # type: ignore[arg-type]
    journal.done(apply_id, 1)
    return apply_id


def test_last_watches_the_last_apply(bind: BindServer, capsys: pytest.CaptureFixture[str]) -> None:
    import asyncio

    from tests.test_propagation import update
    from wizard.model.changes import create

    links = Record("CNAME", "links.example.test", "data.vendor.test", 300)
    journal_apply([create(Record("A", "old.example.test", "192.0.2.1"))])
    journal_apply([create(links)])
    argv = bind_only(bind, "--last", "--once")
    assert main([*argv, "--json"]) == 1
    lines = json_lines(capsys.readouterr().out)
    assert [line["record"] for line in lines if "status" in line] == [links.to_json()]
    asyncio.run(update(bind, "example.test", add=["links 300 CNAME data.vendor.test."]))
    assert main(argv) == 0


def test_last_after_a_revert_confirms_removal(
    bind: BindServer, capsys: pytest.CaptureFixture[str]
) -> None:
    from wizard.model.changes import delete, update

    first = journal_apply(
        [
            update(
                Record("A", "www.example.test", "192.0.2.10"),
                Record("A", "www.example.test", "192.0.2.99"),
            )
        ]
    )
    journal_apply(
        [
            update(
                Record("A", "www.example.test", "192.0.2.99"),
                Record("A", "www.example.test", "192.0.2.10"),
            ),
            delete(Record("CNAME", "links.example.test", "data.vendor.test")),
        ],
        reverts=first,
    )
    code = main(bind_only(bind, "--last", "--once", "--json"))
    lines = json_lines(capsys.readouterr().out)
    pairs = [line for line in lines if "status" in line]
    assert [(p["present"], p["status"]) for p in pairs] == [(False, "match"), (False, "match")]
    assert "prior value 192.0.2.10" in str(pairs[0]["detail"])
    assert code == 0


def test_last_with_an_empty_journal(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["watch", "--last", "--authoritative", "127.0.0.1"]) == 2
    assert "no apply yet" in capsys.readouterr().err
