"""How a watch reads: marks, cells, column labels, durations and the summary's plurals."""

from __future__ import annotations

import pytest

from wizard.app import presentation
from wizard.model.records import Record
from wizard.model.servers import Server
from wizard.watch import Expectation, Outcome, PairResult, ServerSpec, Status, Sweep

NS1 = ServerSpec("ns1.example.test 192.0.2.53", Server("192.0.2.53"), "authoritative")
GOOGLE = ServerSpec("Google 8.8.8.8", Server("8.8.8.8"), "resolver")


def expect(n: int) -> Expectation:
    return Expectation(Record("TXT", f"r{n}.example.test", f"token-{n}"))


def sweep_of(
    *pairs: tuple[Expectation, Status], eta: float | None = None, outcome: Outcome | None = None
) -> Sweep:
    results = tuple(
        PairResult(e, NS1, status, "detail", eta=eta if status == "pending" else None)
        for e, status in pairs
    )
    return Sweep(3, 0.0, results, outcome=outcome)


def test_every_status_has_one_mark_and_one_style() -> None:
    statuses = {"match", "missing", "wrong", "pending", "error", "waiting"}
    assert set(presentation.STATUS_MARK) == set(presentation.STATUS_STYLE) == statuses
    assert len(set(presentation.STATUS_MARK.values())) == len(statuses)


@pytest.mark.parametrize(
    ("status", "eta", "text", "compact"),
    [
        ("match", None, "✓ match", "✓"),
        ("missing", None, "✗ missing", "✗ missing"),
        ("wrong", None, "≠ wrong", "≠ wrong"),
        ("pending", 1380.0, "⏳ pending (23 min)", "⏳"),
        ("pending", None, "⏳ pending", "⏳"),
        ("error", None, "! error", "! error"),
        ("waiting", None, "… waiting", "… waiting"),
    ],
)
def test_cells(status: Status, eta: float | None, text: str, compact: str) -> None:
    result = PairResult(expect(1), GOOGLE, status, "detail", eta=eta)
    assert presentation.cell(result).text == text
    shown = presentation.cell(result, compact=True)
    assert shown.label == compact
    assert shown.style == presentation.STATUS_STYLE[status]
    assert shown.eta == ("23 min" if eta else None)


def test_an_eta_only_on_a_pending_cell() -> None:
    result = PairResult(expect(1), GOOGLE, "missing", "detail", eta=60.0)
    assert presentation.cell(result).eta is None


def test_column_labels() -> None:
    assert presentation.column_label(GOOGLE) == "Google\n8.8.8.8"
    assert (
        presentation.column_label(ServerSpec("127.0.0.1", Server("127.0.0.1"), "resolver"))
        == "127.0.0.1"
    )
    long = ServerSpec(
        "ns-1234.awsdns-56.co.uk 2001:db8:1234:5678::53", Server("2001:db8::53"), "authoritative"
    )
    who, address = presentation.column_label(long).split("\n")
    assert (who, address) == ("ns-1234.awsdns-…", "2001:db8:1234:5…")
    assert len(who) == len(address) == 16


def test_row_labels() -> None:
    record = Record("CNAME", "links.example.test", "t.vendor.test")
    assert presentation.row_label(Expectation(record)) == "CNAME links.example.test"
    assert (
        presentation.row_label(Expectation(record, present=False))
        == "CNAME links.example.test (gone)"
    )


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0 s"),
        (89.4, "89 s"),
        (90, "2 min"),
        (1380, "23 min"),
        (5399, "90 min"),
        (5400, "1.5 h"),
    ],
)
def test_format_duration(seconds: float, text: str) -> None:
    assert presentation.format_duration(seconds) == text


def test_summary_of_one_live_record_is_singular() -> None:
    assert (
        presentation.summary(sweep_of((expect(1), "match")))
        == "The record is live on every server asked."
    )


def test_summary_of_many_live_records() -> None:
    sweep = sweep_of(*((expect(n), "match") for n in range(4)))
    assert presentation.summary(sweep) == "All 4 records are live on every server asked."
    sweep = sweep_of((expect(1), "match"), (expect(2), "match"))
    assert presentation.summary(sweep) == "Both records are live on every server asked."


def test_summary_while_waiting_names_the_longest_cache() -> None:
    sweep = sweep_of((expect(1), "match"), (expect(2), "pending"), eta=1380.0)
    assert presentation.summary(sweep) == (
        "1 of 2 records is live on every server asked. Cached answers expire within 23 min."
    )
    sweep = sweep_of((expect(1), "missing"), (expect(2), "missing"), (expect(3), "match"))
    assert presentation.summary(sweep) == "1 of 3 records is live on every server asked."
    sweep = sweep_of((expect(1), "missing"), (expect(2), "missing"))
    assert presentation.summary(sweep) == "0 of 2 records are live on every server asked."
    assert presentation.summary(sweep_of((expect(1), "missing"))) == (
        "The record is not live on every server asked yet."
    )


def test_summary_after_a_timeout() -> None:
    sweep = sweep_of((expect(1), "missing"), (expect(2), "match"), outcome="timeout")
    assert presentation.summary(sweep).startswith(
        "Gave up waiting: 1 of 2 records is live everywhere."
    )
    sweep = sweep_of((expect(1), "missing"), outcome="timeout")
    assert presentation.summary(sweep).startswith(
        "Gave up waiting: the record is not live everywhere."
    )


def test_removal_summary() -> None:
    gone = sweep_of((expect(1), "match"), (expect(2), "match"))
    assert presentation.removal_summary(gone) == (
        "Both records are gone from every server asked (or back as before)."
    )
    assert presentation.removal_summary(sweep_of((expect(1), "missing"))) == (
        "The record is not gone from every server asked."
    )


def test_done_sentences() -> None:
    assert presentation.done_sentence(1, removal=False) == "The record is live everywhere."
    assert presentation.done_sentence(3, removal=False) == "All 3 records are live everywhere."
    assert presentation.done_sentence(1, removal=True) == "The record is removed or restored."
    assert presentation.done_sentence(2, removal=True) == "Both records are removed or restored."


def test_a_record_across_servers_has_no_tick_beside_none() -> None:
    def results(*statuses: Status) -> tuple[PairResult, ...]:
        return tuple(
            PairResult(
                expect(1),
                ServerSpec(f"ns{i} 192.0.2.{i}", Server(f"192.0.2.{i}"), "authoritative"),
                status,
                "detail",
            )
            for i, status in enumerate(statuses)
        )

    assert presentation.record_summary(results("match", "match")) == "✓ all 2"
    assert presentation.record_summary(results("match", "missing", "missing")) == (
        "✓ 1 of 3 · ✗ 2 missing"
    )
    assert presentation.record_summary(results("missing", "missing", "pending")).startswith(
        "✗ 2 missing · ⏳ pending on"
    )
    assert "✓" not in presentation.record_summary(results("missing", "waiting"))


def test_summary_json() -> None:
    sweep = sweep_of((expect(1), "match"), (expect(2), "pending"), eta=12.34)
    assert presentation.summary_json(sweep) == {
        "summary": True,
        "sweep": 3,
        "good": 1,
        "total": 2,
        "all_good": False,
        "outcome": None,
        "eta": 12.3,
        "message": presentation.summary(sweep),
    }
