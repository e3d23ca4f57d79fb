"""`watch --last` after a roll back: its sentence is about the records going, never "live"."""

from __future__ import annotations

import pytest

from tests.fakes.bind import BindServer
from tests.test_watch_cli import bind_only, journal_apply
from wizard.cli import main
from wizard.model.changes import create, delete
from wizard.model.records import Record


def test_last_after_a_revert_says_the_records_are_gone(
    bind: BindServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """The setup made two records and the roll back removed them: BIND serves neither."""
    made = [
        Record("CNAME", "gone1.example.test", "data.vendor.test", 300),
        Record("TXT", "gone2.example.test", "vendor-verification=1", 300),
    ]
    first = journal_apply([create(r) for r in made])
    journal_apply([delete(r) for r in made], reverts=first)
    code = main(bind_only(bind, "--last", "--once"))
    out = capsys.readouterr().out
    assert "Both records are gone from every server asked" in out
    assert "live" not in out
    assert code == 0
