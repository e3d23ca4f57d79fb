"""The ledger of a paste's lines: each non-empty line ends in exactly one role.

A reader marks what each line it consumed was (part of a record, a header, a heading, a caption…);
the findings about lines that hold no record are written from here, so "every line is accounted
for" is a property of the ledger, and a line no reader claimed is an error, never dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from wizard.model.records import Finding

LineRole = Literal[
    "record",  # read into a record
    "header",  # a table's header row
    "label",  # a label on its own line, whose value is on the next line
    "heading",  # a title over records ("DKIM", "Return-Path")
    "caption",  # a button's word ("Copy", "Click to copy")
    "status",  # a verification status or glyph ("Unverified", "✓")
    "prose",  # a sentence around the records
    "ignored",  # a label or field that is no part of a DNS record ("Status: Pending")
    "structure",  # JSON brackets and keys around the records, zone-file directives and comments
    "refused",  # named in an error finding: the line could not be read as the vendor meant it
]
#: Roles whose lines are named in an info finding, since no record shows them.
NAMED: frozenset[LineRole] = frozenset({"heading", "caption", "status", "prose", "ignored"})


@dataclass(frozen=True)
class Mark:
    """A reader's word about one line: its role, and the text a finding should name."""

    line: int
    role: LineRole
    text: str = ""


#: When two readers speak of one line, the more specific word stands: a label line is also part
#: of its record, a JSON line inside a record is also JSON structure.
RANK: dict[LineRole, int] = {"structure": 0, "record": 1, "refused": 1}


class Ledger:
    """Line number -> role: a line has one role, the most specific one said of it."""

    def __init__(self) -> None:
        self._roles: dict[int, LineRole] = {}
        self._marks: dict[int, Mark] = {}

    def mark(self, mark: Mark) -> None:
        held = self._roles.get(mark.line)
        if held is None or RANK.get(mark.role, 2) > RANK.get(held, 2):
            self._roles[mark.line] = mark.role
            self._marks[mark.line] = mark

    def mark_lines(self, lines: Iterable[int], role: LineRole) -> None:
        for line in lines:
            self.mark(Mark(line, role))

    def roles(self) -> Mapping[int, LineRole]:
        return dict(sorted(self._roles.items()))

    def close(self, filled: Iterable[tuple[int, str]], findings: list[Finding]) -> None:
        """Account for every non-empty line: a line named in an error is refused; a line no
        reader claimed becomes an error of its own. Then write the findings for named roles."""
        errors = {f.line for f in findings if f.level == "error" and f.line is not None}
        for number, text in filled:
            if number in self._roles:
                continue
            if number not in errors:
                findings.append(
                    Finding(
                        "error",
                        "unread",
                        f"Line {number}: this line was not read as part of any record: "
                        f"{_shown(text)!r}. Check the records against the vendor's page.",
                        line=number,
                    )
                )
            self.mark(Mark(number, "refused"))
        findings.extend(_finding(m) for m in self._marks.values() if m.role in NAMED)


def _shown(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 60 else text[:57] + "..."


def _finding(mark: Mark) -> Finding:
    text = _shown(mark.text)
    n = mark.line
    sentence = {
        "heading": f"{text!r} was read as a heading, not a record.",
        "caption": f"{text!r} was read as a caption (a button's word), not part of a record.",
        "status": f"{text!r} was read as a status, not part of a record.",
        "prose": f"read as a sentence around the records, not a record: {text!r}.",
        "ignored": f"{text} ignored: it is not part of a DNS record.",
    }[mark.role]
    field = text if mark.role == "ignored" else None
    return Finding("info", _CODES[mark.role], f"Line {n}: {sentence}", line=n, field=field)


_CODES: dict[LineRole, str] = {
    "heading": "heading",
    "caption": "caption",
    "status": "status",
    "prose": "prose",
    "ignored": "ignored-field",
}
