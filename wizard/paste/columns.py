"""Tables: which column holds which record field, from the header or from what the cells hold.

A row under a header is laid under its columns by position when its cells line up with them,
and otherwise by the kinds of its cells (`readings.py`): one reading, or an error naming why
not. A column that is no record field is kept out of every value, always: a row's value is the
text of its value column and nothing else.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator

from wizard.model.records import Finding
from wizard.paste.cells import Cell, Separator, choose_separator, is_rule, split
from wizard.paste.headerless import headerless
from wizard.paste.headers import Header, read_header
from wizard.paste.ledger import Mark
from wizard.paste.lines import cell_doubts, unplaced
from wizard.paste.noise import noise, noise_tail, trim_captions
from wizard.paste.readings import TooMany, fits, readings
from wizard.paste.rows import RawRow, row_from_words, set_field, tokens
from wizard.paste.vocabulary import IGNORED, Role

Event = RawRow | Finding | Mark


def table_rows(lines: list[tuple[int, str]], domain: str | None) -> Iterator[Event]:
    """The rows of a table region; a blank line ends a run of rows but not the header."""
    filled = [(n, line) for n, line in lines if line.strip()]
    separator = choose_separator([line for _, line in filled])
    edged = next((ln.lstrip().startswith("|") for _, ln in filled if "|" in ln), True)
    header: Header | None = None
    run: list[tuple[int, str, list[str]]] = []
    for number, line in lines:
        if not line.strip():
            yield from headerless(run, domain)
            run = []
            continue
        cells = split(line, separator, edged)
        if separator == "pipe" and is_rule(cells):
            yield Mark(number, "structure")
            continue
        found = read_header(cells, number, separator)
        if found is not None:
            yield from headerless(run, domain)
            run = []
            header, findings = found
            yield Mark(number, "header")
            yield from findings
            continue
        if header is not None:
            yield from headed_row(cells, header, separator, number, line)
        elif len([c for c in cells if c.text]) < 2 or separator == "tokens":
            yield from headerless(run, domain)
            run = []
            yield from single_row(line, number)
        else:
            if run and len(run[-1][2]) != len(cells):
                yield from headerless(run, domain)
                run = []
            run.append((number, line, [c.text for c in cells]))
    yield from headerless(run, domain)


def headed_row(
    cells: list[Cell], header: Header, separator: Separator, number: int, line: str
) -> Iterator[Event]:
    filled = [c for c in cells if c.text]
    if len(filled) < 2:
        yield from single_row(line, number)
        return
    if separator == "tokens":
        placed = yield from _by_kinds(tokens(line), header, number, line, words=True)
    elif separator == "spaces" and not _plain_fit(cells, header):
        placed = _aligned(cells, header)
        if placed is None:
            placed = yield from _by_kinds([c.text for c in filled], header, number, line, False)
    else:
        placed = _positional(cells, header)
        heads = [c.header for c in header.columns]
        yield from _unheaded(number, [(h, c.text) for h, c in zip(heads, cells, strict=False)])
        yield from _unheaded(number, [("", c.text) for c in cells[len(heads) :]])
    if placed is None:
        return
    row = RawRow(number)
    for role, text in placed:
        if role != IGNORED and text:
            yield from cell_doubts(number, text, role)
            set_field(row, role, trim_captions(text)[0])
    yield row


def _unheaded(number: int, cells: list[tuple[str, str]]) -> Iterator[Finding]:
    """Cells under no header word (a Copy button's column, a glyph): named on their row."""
    for head, text in cells:
        if text and not head.strip():
            kind = noise(text)
            yield Finding(
                "info",
                kind or "ignored-column",
                f"Line {number}: {text!r}, in a column with no header, was read as "
                f"{'a ' + kind if kind else 'no part of a DNS record'}, not part of the record.",
                line=number,
                field=text,
            )


def _plain_fit(cells: list[Cell], header: Header) -> bool:
    """One cell under each column, each of its column's kind."""
    if len(cells) != len(header.columns):
        return False
    return all(
        fits(col.kind, c.text, 1 if c.text else 0)
        for c, col in zip(cells, header.columns, strict=True)
        if col.kind != "value"
    )


def _positional(cells: list[Cell], header: Header) -> list[tuple[Role, str]]:
    return [(role, cell.text) for role, cell in zip(header.roles, cells, strict=False)]


def _aligned(cells: list[Cell], header: Header) -> list[tuple[Role, str]] | None:
    """Space-aligned cells laid under the header column each starts at; None when a cell
    starts under no column's start (the rows are not aligned to the header)."""
    placed: list[tuple[Role, str]] = []
    previous = -1
    for cell in cells:
        column = next((i for i, s in enumerate(header.starts) if abs(s - cell.start) <= 1), None)
        if column is None or column <= previous:
            return None
        placed.append((header.roles[column], cell.text))
        previous = column
    return placed


def _by_kinds(
    units: list[str], header: Header, number: int, line: str, words: bool
) -> Generator[Finding, None, list[tuple[Role, str]] | None]:
    """The one reading of the row by the kinds of its columns, or an error naming why not."""
    try:
        found = readings(units, list(header.columns), words)
    except TooMany:
        found = []
    if len(found) == 1:
        return list(found[0].fields)
    how = "words" if words else "cells"
    if not found:
        yield Finding(
            "error",
            "unfit-row",
            f"Line {number}: the {how} of this row do not fit the header's columns "
            f"({', '.join(c.header for c in header.columns)}): {_shown(line)!r}. Copy the table "
            "again with its columns, or correct the record by hand.",
            line=number,
        )
    else:
        yield Finding(
            "error",
            "ambiguous-row",
            f"Line {number}: the {how} of this row can be read two ways: "
            f"({found[0].describe()}) or ({found[1].describe()}). Copy the table again with "
            "its columns (tabs), or correct the record by hand.",
            line=number,
        )
    return None


def _shown(line: str) -> str:
    shown = line.strip()
    return shown if len(shown) <= 60 else shown[:57] + "..."


# ---- without a header ----------------------------------------------------------------------


def single_row(line: str, number: int) -> Iterator[Event]:
    """One line read on its own, around its record type (words, no columns). Captions, glyphs
    and a status after the value are no part of it: a value never ends in one."""
    words, tail = noise_tail(tokens(line))
    row = row_from_words(words, number)
    if row is None or not row.value:
        yield unplaced(number, line)
        return
    for text in tail:
        yield Finding(
            "info",
            noise(text) or "status",
            f"Line {number}: {text!r} after the value was read as a {noise(text)}, not part "
            "of the value.",
            line=number,
            field="value",
        )
    yield row
