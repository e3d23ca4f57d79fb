"""The paste as the person corrected it in place: the reader's records with the person's edits,
removals, additions and "not a record" lines laid over them, each checked as the reader checks.

Corrections are kept apart from the pasted text and laid over every new reading of it, so the
text stays editable: a correction whose record (or line) the paste no longer gives lapses, and
the face says so. The set goes on to the plan only when no error finding is left unsettled.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from wizard.app.planning import Pasted
from wizard.model.names import normalize_name
from wizard.model.records import Finding, Record, has_errors
from wizard.paste.consistency import check_set
from wizard.paste.fields import TypedFields, read_fields

#: A line of the paste: its number (from 1) and its text. A mark on a line lapses when the
#: line's text changes, so it never settles an error on a line the person has rewritten since.
LineKey = tuple[int, str]

#: The types whose records carry a priority (MX preference, SRV priority).
PRIORITY_TYPES = frozenset({"MX", "SRV"})

RowKind = Literal["record", "error", "not-a-record"]
Mark = Literal["", "edited", "added"]


def paste_lines(text: str) -> list[str]:
    """The paste's lines, numbered as the reader numbers them."""
    return re.split(r"\r\n|\r|\n", text)


def unnumbered(finding: Finding) -> Finding:
    """A finding about a record typed by hand has no paste line: no "Line 0:" in its sentence."""
    if finding.line not in (0, None) or not finding.message.startswith("Line 0"):
        return finding
    message = finding.message.removeprefix("Line 0: ").removeprefix("Line 0 ")
    return replace(finding, line=None, message=message[:1].upper() + message[1:])


def fields_of(record: Record) -> TypedFields:
    """A record as the form shows it: its fields as text, the TTL blank for the host's default."""
    return TypedFields(
        type=record.type,
        name=record.name,
        value=record.value,
        ttl="" if record.ttl is None else str(record.ttl),
        priority="" if record.priority is None else str(record.priority),
    )


@dataclass(frozen=True)
class Typed:
    """A record the person typed or corrected, with the reader's notes on it (info, warnings)."""

    record: Record
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class RecordForm:
    """What a record form starts with, and what its fields are checked against."""

    title: str
    fields: TypedFields
    domain: str | None
    #: The paste line the record stands for; None for a record added by hand.
    line: int | None = None
    #: The other records of the table: a record typed twice is refused.
    others: tuple[Record, ...] = ()

    def check(self, fields: TypedFields) -> tuple[Typed | None, tuple[Finding, ...]]:
        """The record the fields make, checked as the reader checks a pasted row; or None and
        the error findings that say why not (each naming its field)."""
        if "\n" in fields.value or "\r" in fields.value:
            return None, (
                Finding(
                    "error",
                    "value-line-break",
                    "A value is one line: remove the line break (a long value wraps on the "
                    "screen by itself).",
                    self.line,
                    "value",
                ),
            )
        record, findings = read_fields(fields, self.domain, self.line)
        found = tuple(unnumbered(f) for f in findings)
        if record is None or has_errors(found):
            return None, tuple(f for f in found if f.level == "error")
        if fields.priority.strip() and record.type not in PRIORITY_TYPES:
            return None, (
                Finding(
                    "error",
                    "no-priority",
                    f"A {record.type} record has no priority: leave it blank.",
                    self.line,
                    "priority",
                ),
            )
        same = next((r for r in self.others if r.same_data(record)), None)
        if same is not None:
            return None, (
                Finding(
                    "error",
                    "typed-twice",
                    f"The table has this record already: {same}.",
                    self.line,
                    "value",
                ),
            )
        return Typed(record, found), ()


@dataclass(frozen=True)
class Row:
    """One row of the understood table: a record, or a paste line that gave an error."""

    kind: RowKind
    #: The paste line (None for a record added by hand, or when the line is not known).
    line: int | None
    #: The line's text, for error and "not a record" rows.
    text: str = ""
    record: Record | None = None
    #: The reader's record this row shows (a paste record, edited or not).
    origin: Record | None = None
    #: Its place in `Corrections.added` (a record added by hand).
    added: int | None = None
    mark: Mark = ""

    @property
    def line_key(self) -> LineKey | None:
        return (self.line, self.text) if self.line is not None and self.kind != "record" else None


@dataclass(frozen=True)
class Corrections:
    """What the person changed in the reader's table, kept apart from the paste."""

    #: The reader's record, and what the person made of it.
    edited: tuple[tuple[Record, Typed], ...] = ()
    #: The reader's records the person removed.
    removed: frozenset[Record] = frozenset()
    #: Records typed by hand, each with the error line it stands for (or None).
    added: tuple[tuple[LineKey | None, Typed], ...] = ()
    #: Lines the person said are not a record: their error findings are settled.
    not_records: frozenset[LineKey] = frozenset()

    @property
    def empty(self) -> bool:
        return not (self.edited or self.removed or self.added or self.not_records)

    def edit(self, row: Row, typed: Typed) -> Corrections:
        """`row`'s record is now `typed` (back to what the reader read: no longer edited)."""
        if row.added is not None:
            added = list(self.added)
            added[row.added] = (added[row.added][0], typed)
            return replace(self, added=tuple(added))
        assert row.origin is not None
        edited = tuple((o, t) for o, t in self.edited if o != row.origin)
        if typed.record != row.origin:
            edited = (*edited, (row.origin, typed))
        return replace(self, edited=edited)

    def remove(self, row: Row) -> Corrections:
        if row.added is not None:
            return replace(self, added=self.added[: row.added] + self.added[row.added + 1 :])
        assert row.origin is not None
        edited = tuple((o, t) for o, t in self.edited if o != row.origin)
        return replace(self, edited=edited, removed=self.removed | {row.origin})

    def add(self, typed: Typed, line: LineKey | None = None) -> Corrections:
        return replace(self, added=(*self.added, (line, typed)))

    def toggle_not_a_record(self, line: LineKey) -> Corrections:
        """Mark the line "not a record", or take the mark back."""
        return replace(self, not_records=self.not_records ^ {line})


@dataclass(frozen=True)
class Corrected:
    """The table a person sees and the set that goes on to the plan."""

    rows: tuple[Row, ...]
    records: tuple[Record, ...]
    findings: tuple[Finding, ...]
    #: The records the person edited or added: marked in the plan and the journal.
    by_hand: tuple[Record, ...]
    #: The corrections that still apply to this paste (the lapsed ones dropped).
    corrections: Corrections
    #: How many corrections lapsed because the paste no longer gives their record or line.
    lapsed: int = 0

    @property
    def usable(self) -> bool:
        """True when there is something to plan and no error finding is left unsettled."""
        return bool(self.records) and not has_errors(self.findings)


def correct(pasted: Pasted, text: str, domain: str | None, corrections: Corrections) -> Corrected:
    """Lay `corrections` over the reader's reading of `text` (read with `domain`)."""
    domain = normalize_name(domain) if domain else None
    lines = paste_lines(text)
    numbers: tuple[int | None, ...] = (
        pasted.lines if len(pasted.lines) == len(pasted.records) else (None,) * len(pasted.records)
    )
    read = set(pasted.records)

    def current(key: LineKey | None) -> bool:
        return key is not None and 0 < key[0] <= len(lines) and lines[key[0] - 1] == key[1]

    edited = tuple((o, t) for o, t in corrections.edited if o in read)
    removed = frozenset(r for r in corrections.removed if r in read)
    not_records = frozenset(k for k in corrections.not_records if current(k))
    added = tuple((k if current(k) else None, t) for k, t in corrections.added)
    kept = Corrections(edited, removed, added, not_records)
    lapsed = (
        len(corrections.edited)
        - len(edited)
        + len(corrections.removed)
        - len(removed)
        + len(corrections.not_records)
        - len(not_records)
        + sum(1 for k, _ in corrections.added if k is not None and not current(k))
    )
    about_set = check_set(_lined(numbers, pasted.records), domain)
    rows = _rows(pasted, numbers, lines, kept, about_set)
    if kept.empty:
        return Corrected(rows, pasted.records, pasted.findings, (), kept, lapsed)
    shown = [(r.line, r.record, r.mark) for r in rows if r.record is not None]
    records = _unique([record for _, record, _ in shown])
    by_hand = tuple(record for _, record, mark in shown if mark)
    # The reader's findings stand, except: those about the set (checked again below), those on
    # a line the person settled, the notes on a record the person changed or removed (its own
    # notes replace them), and "no records" once there are some.
    settled = {k[0] for k in not_records} | {k[0] for k, _ in added if k is not None}
    touched = removed | {origin for origin, _ in edited}
    changed = {n for n, r in zip(numbers, pasted.records, strict=True) if r in touched}
    findings = [
        f
        for f in pasted.findings
        if f not in about_set
        and not (f.line is not None and f.line in settled)
        and not (f.level != "error" and f.line is not None and f.line in changed)
        and not (f.code == "no-records" and records)
    ]
    findings += [
        Finding("info", "not-a-record-said", f"Line {n}: not a record, as you said.", n)
        for n, _ in not_records
    ]
    findings += [f for _, t in edited for f in t.findings]
    findings += [f for _, t in added for f in t.findings]
    findings += [unnumbered(f) for f in check_set([(n or 0, r) for n, r, _ in shown], domain)]
    if not records and not any(f.code == "no-records" for f in findings):
        findings.append(
            Finding(
                "error",
                "no-records",
                "No records are left: add one (a), or paste the vendor's records again.",
            )
        )
    findings.sort(key=lambda f: (f.line or 0, f.level != "error"))
    return Corrected(rows, records, tuple(findings), by_hand, kept, lapsed)


def _lined(numbers: Sequence[int | None], records: Sequence[Record]) -> list[tuple[int, Record]]:
    return [(n or 0, r) for n, r in zip(numbers, records, strict=True)]


def _rows(
    pasted: Pasted,
    numbers: Sequence[int | None],
    lines: Sequence[str],
    kept: Corrections,
    about_set: Sequence[Finding],
) -> tuple[Row, ...]:
    """Records and error lines in paste order; a record typed for an error line stands in its
    place, one typed with no line comes last."""
    edited = dict(kept.edited)
    placed: list[tuple[float, Row]] = []
    for record, line in zip(pasted.records, numbers, strict=True):
        if record in kept.removed:
            continue
        typed = edited.get(record)
        row = Row(
            "record",
            line,
            record=typed.record if typed else record,
            origin=record,
            mark="edited" if typed else "",
        )
        placed.append((line or 0, row))
    typed_for = {k: (i, t) for i, (k, t) in enumerate(kept.added) if k is not None}
    # A line with an error of its own gets a row; an error about the set (a CNAME beside other
    # data) does not: it is checked again on the corrected set, so editing a record settles it.
    # Nor does "no records": a record added by hand settles that.
    error_lines = sorted(
        {
            f.line
            for f in pasted.findings
            if f.level == "error"
            and f.line is not None
            and f.line > 0
            and f not in about_set
            and f.code != "no-records"
        }
    )
    for number in error_lines:
        key = (number, lines[number - 1] if number <= len(lines) else "")
        if key in typed_for:
            index, typed = typed_for[key]
            row = Row("record", number, key[1], typed.record, added=index, mark="added")
        elif key in kept.not_records:
            row = Row("not-a-record", number, key[1])
        else:
            row = Row("error", number, key[1])
        placed.append((number + 0.5, row))
    for index, (line_key, typed) in enumerate(kept.added):
        if line_key is None:
            row = Row("record", None, record=typed.record, added=index, mark="added")
            placed.append((float("inf"), row))
    placed.sort(key=lambda p: p[0])
    return tuple(row for _, row in placed)


def _unique(records: Sequence[Record]) -> tuple[Record, ...]:
    """Each record once, as the reader writes a repeated one once."""
    seen: set[tuple[str, str, str, int | None]] = set()
    out: list[Record] = []
    for record in records:
        key = (record.name, record.type, record.value, record.priority)
        if key not in seen:
            seen.add(key)
            out.append(record)
    return tuple(out)
