"""How a watch (and a readiness check) reads to a person, the same in the terminal and the TUI.

The marks, their colours, the server column labels, a cell's text and the summary sentence
live here so the two faces cannot drift apart. Styles are Rich style names, which both Rich
and Textual markup understand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from wizard.model.words import all_of, capitalised, counted, is_are, part_of
from wizard.watch import Expectation, PairResult, ServerSpec, Status, Sweep

if TYPE_CHECKING:
    from wizard.plan import Kind, Plan
    from wizard.readiness import Status as CheckStatus

STATUS_MARK: dict[Status, str] = {
    "match": "✓",
    "missing": "✗",
    "wrong": "≠",
    "pending": "⏳",
    "error": "!",
    "waiting": "…",
}
STATUS_STYLE: dict[Status, str] = {
    "match": "green",
    "missing": "red",
    "wrong": "red",
    "pending": "yellow",
    "error": "magenta",
    "waiting": "dim",
}
#: A readiness check's mark and colour.
CHECK_MARK: dict[CheckStatus, str] = {
    "ok": "✓",
    "optional": "–",
    "warning": "!",
    "failed": "✗",
    "unknown": "?",
}
CHECK_STYLE: dict[CheckStatus, str] = {
    "ok": "green",
    "optional": "dim",
    "warning": "yellow",
    "failed": "red",
    "unknown": "yellow",
}
#: In a narrow cell these marks speak for themselves (a pending cell shows its ETA instead).
_MARK_ALONE: frozenset[Status] = frozenset({"match", "pending"})
#: The widest a line of a server column label gets before it is cut with "…".
LABEL_WIDTH = 16


@dataclass(frozen=True)
class Cell:
    """One (record, server) result as shown: the mark (and word), its style, the ETA."""

    label: str
    style: str
    #: How long a resolver keeps its cached answer ("23 min"), for a pending result.
    eta: str | None = None

    @property
    def text(self) -> str:
        """The plain text: "⏳ pending (23 min)"."""
        return self.label + (f" ({self.eta})" if self.eta else "")


def cell(result: PairResult, *, compact: bool = False) -> Cell:
    """The cell for a result; `compact` drops the word where the mark says enough."""
    status = result.status
    mark = STATUS_MARK[status]
    label = mark if compact and status in _MARK_ALONE else f"{mark} {status}"
    eta = None
    if status == "pending" and result.eta is not None:
        eta = format_duration(result.eta)
    return Cell(label, STATUS_STYLE[status], eta)


def server_name(spec: ServerSpec) -> str:
    """Who a server is: "Cloudflare" of "Cloudflare 1.1.1.1"; the address when it has no name."""
    return spec.label.rpartition(" ")[0] or spec.label


#: Beside a server asked over DNS-over-HTTPS (its port 53 was blocked, or --doh).
VIA_HTTPS = "via HTTPS"


def column_label(spec: ServerSpec, via_https: bool = False) -> str:
    """Who on the first line, the address on the second: "Cloudflare" over "1.1.1.1"; a
    third line "via HTTPS" when the server answered over DNS-over-HTTPS."""
    who, _, address = spec.label.rpartition(" ")

    def fit(text: str) -> str:
        return text if len(text) <= LABEL_WIDTH else text[: LABEL_WIDTH - 1] + "…"

    label = f"{fit(who)}\n{fit(address)}" if who else fit(address)
    return f"{label}\n{VIA_HTTPS}" if via_https else label


def via_https(sweep: Sweep, spec: ServerSpec) -> bool:
    """Whether `spec` answered over DNS-over-HTTPS in `sweep` (a column's third line)."""
    return any(r.via_https for r in sweep.results if r.server == spec)


def row_label(expectation: Expectation) -> str:
    """A record row in a narrow table: type and name, marked when it should be gone."""
    record = expectation.record
    return f"{record.type} {record.name}" + ("" if expectation.present else " (gone)")


def fold_name(name: str, width: int) -> str:
    """A DNS name in lines of at most `width`, broken after a dot, never inside a label (a
    label longer than the width is the one thing still cut, by the table)."""
    if width <= 0 or len(name) <= width:
        return name
    labels = name.split(".")
    pieces = [f"{label}." for label in labels[:-1]] + [labels[-1]]
    lines = [""]
    for piece in pieces:
        if lines[-1] and len(lines[-1]) + len(piece) > width:
            lines.append("")
        lines[-1] += piece
    return "\n".join(lines)


def row_lines(expectation: Expectation, width: int) -> str:
    """The row label in a column `width` wide: on one line when it fits, else the type over
    the name, the name broken at dots."""
    label = row_label(expectation)
    if len(label) <= width:
        return label
    record = expectation.record
    kind = record.type if expectation.present else f"{record.type} (gone)"
    return f"{kind}\n{fold_name(record.name, width)}"


def format_duration(seconds: float) -> str:
    """Seconds as a person reads a wait: "45 s", "23 min", "2.5 h"."""
    seconds = max(0, int(round(seconds)))
    if seconds < 90:
        return f"{seconds} s"
    if seconds < 90 * 60:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"


def live_count(good: int, total: int, state: str) -> str:
    """How many of the records are in `state` ("live", "gone"): "the record is live", "the
    record is not live", "both records are live", "1 of 3 records is live", "0 of 2 records
    are live"."""
    if total == 1:
        return f"the record is {state}" if good else f"the record is not {state}"
    if good == total:
        return f"{all_of(total, 'record')} are {state}"
    return f"{part_of(good, total, 'record')} {is_are(good)} {state}"


def summary(sweep: Sweep) -> str:
    """One sentence for a person: how many records are live, and how long caches may lag.
    A watch of records that should be gone (after a roll back) is said as removal."""
    total = len(sweep.expectations)
    if total and not any(e.present for e in sweep.expectations):
        return removal_summary(sweep)
    good = sweep.good_count
    if sweep.outcome == "timeout":
        return (
            f"Gave up waiting: {live_count(good, total, 'live')} everywhere. "
            "Check the records marked missing or wrong; the watcher's findings say why."
        )
    text = f"{capitalised(live_count(good, total, 'live'))} on every server asked"
    if total and good == total:
        return text + "."
    text += " yet." if total == 1 else "."
    eta = sweep.longest_eta
    if eta is not None:
        text += f" Cached answers expire within {format_duration(eta)}."
    return text


def removal_summary(sweep: Sweep) -> str:
    """The status of a roll back's watch: about records going, never about them being live."""
    total, good = len(sweep.expectations), sweep.good_count
    text = f"{capitalised(live_count(good, total, 'gone'))} from every server asked"
    return text + (" (or back as before)." if total and good == total else ".")


#: What each mark in the watch table means, for the line under it.
MEANINGS = "✓ live  ✗ missing  ≠ other value (below)  ⏳ old answer cached  … not asked yet"
#: The same marks while records are watched going (a roll back): ✓ is then "gone".
REMOVAL_MEANINGS = (
    "✓ gone (or back as before)  ≠ still there (below)  ⏳ old value cached  … not asked yet"
)


def done_sentence(count: int, *, removal: bool) -> str:
    """What a finished watch says: "Both records are live everywhere." ("The record is")."""
    done = "removed or restored" if removal else "live everywhere"
    return f"{capitalised(all_of(count, 'record'))} {is_are(count)} {done}."


def summary_json(sweep: Sweep) -> dict[str, Any]:
    """The summary line of `watch --json`: the counts and the sentence."""
    return {
        "summary": True,
        "sweep": sweep.number,
        "good": sweep.good_count,
        "total": len(sweep.expectations),
        "all_good": sweep.all_good,
        "outcome": sweep.outcome,
        "eta": None if sweep.longest_eta is None else round(sweep.longest_eta, 1),
        "message": summary(sweep),
    }


#: What a server's answer about a record that is not as expected is, in words.
NOT_AS_EXPECTED: dict[Status, str] = {
    "missing": "missing",
    "wrong": "another value",
    "pending": "an old answer cached",
    "error": "no answer",
    "waiting": "not asked yet",
}
#: The same, for a record that should be gone.
NOT_GONE: dict[Status, str] = {
    **NOT_AS_EXPECTED,
    "wrong": "still there",
    "pending": "the old value cached",
}


def not_as_expected(sweep: Sweep) -> list[str]:
    """Each record that is not as expected everywhere, named, with what the servers said:
    "CNAME links.example.com: missing on 2, an old answer cached on 1 (of 5 servers)"."""
    lines = []
    for expectation in sweep.expectations:
        if sweep.record_good(expectation):
            continue
        results = sweep.for_expectation(expectation)
        words = NOT_AS_EXPECTED if expectation.present else NOT_GONE
        said = [
            f"{word} on {sum(1 for r in results if r.status == status)}"
            for status, word in words.items()
            if any(r.status == status for r in results)
        ]
        servers = f"{len(results)} server{'' if len(results) == 1 else 's'}"
        lines.append(f"{row_label(expectation)}: {', '.join(said)} (of {servers})")
    return lines


def record_summary(results: Sequence[PairResult]) -> str:
    """One record across every server, for a table too narrow for a column per server:
    "✓ 7 of 9 · ⏳ 2 (5 s)", or "✗ missing on ns2.example.com" when one server is behind."""
    total = len(results)
    if not total:
        return "… not asked yet"
    good = sum(1 for r in results if r.status == "match")
    if good == total:
        return f"{STATUS_MARK['match']} all {total}"
    # no tick beside none: the marks that follow account for every server
    parts = [f"{STATUS_MARK['match']} {good} of {total}"] if good else []
    for status in ("missing", "wrong", "pending", "error", "waiting"):
        some = [r for r in results if r.status == status]
        if not some:
            continue
        if len(some) == 1:
            text = f"{STATUS_MARK[status]} {status} on {server_name(some[0].server)}"
        else:
            text = f"{STATUS_MARK[status]} {len(some)} {status}"
        etas = [r.eta for r in some if r.eta is not None]
        if status == "pending" and etas:
            text += f" ({format_duration(max(etas))})"
        parts.append(text)
    return " · ".join(parts)


#: A plan item's kind counted: "2 creates", "1 already there", "3 updates", "1 conflict".
KIND_NOUNS: dict[Kind, tuple[str, str]] = {
    "create": ("create", "creates"),
    "present": ("already there", "already there"),
    "update": ("update", "updates"),
    "conflict": ("conflict", "conflicts"),
}


def plan_counts(plan: Plan) -> str:
    """What a plan does, counted: "2 creates, 1 already there", or "nothing"."""
    parts = [
        counted(plan.count(kind), *words) for kind, words in KIND_NOUNS.items() if plan.count(kind)
    ]
    return ", ".join(parts) or "nothing"
