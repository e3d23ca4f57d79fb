"""Lines into cells: tabs, runs of two or more spaces, pipes, or CSV, chosen once per paste.

A cell keeps the column it started at, so a space-aligned row can be laid under its header
even when a cell is empty or a value runs past its column.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from typing import Literal

Separator = Literal["tab", "pipe", "csv", "spaces", "tokens"]
PIPE_RULE = re.compile(r":?-{2,}:?")
WIDE_GAP = re.compile(r" {2,}")


@dataclass(frozen=True)
class Cell:
    text: str
    start: int


def choose_separator(lines: list[str]) -> Separator:
    """The one separator that explains the paste's table lines."""
    rows = [line for line in lines if line.strip()]
    if not rows:
        return "tokens"
    piped = [line for line in rows if "|" in line]
    if len(piped) * 2 > len(rows) or rows[0].lstrip().startswith("|"):
        return "pipe"
    if any("\t" in line for line in rows):
        return "tab"
    if _csv_shaped(rows):
        return "csv"
    if sum(1 for line in rows if WIDE_GAP.search(line.strip())) * 2 >= len(rows):
        return "spaces"
    return "tokens"


def _csv_shaped(rows: list[str]) -> bool:
    """Most lines split by commas into the same number of cells (a heading or status line
    between the rows has no comma and is read on its own)."""
    if len(rows) > 2:
        with_commas = [line for line in rows if "," in line]
        if len(with_commas) * 3 < len(rows) * 2:
            return False
        rows = with_commas
    if not all("," in line for line in rows[: min(len(rows), 3)]):
        return False
    counts = {len(cells) for cells in csv.reader(rows, skipinitialspace=True) if any(cells)}
    if len(counts) != 1 or counts.pop() < 2:
        return False
    return not any(WIDE_GAP.search(line.strip()) for line in rows)


def is_rule(cells: list[Cell]) -> bool:
    """A Markdown separator row (|---|:--|)."""
    texts = [c.text for c in cells if c.text]
    return bool(texts) and all(PIPE_RULE.fullmatch(t) for t in texts)


def split(line: str, separator: Separator, edged: bool = True) -> list[Cell]:
    """The cells of one line; empty cells are kept where the separator shows them.

    `edged`: the table's pipes frame each row (| a | b |), so the outer ones are no cells."""
    if separator == "tab":
        return _positions(line, line.split("\t"), 1)
    if separator == "pipe":
        body = line.strip() if edged else line
        if edged and body.startswith("|"):
            body = body[1:]
        if edged and body.endswith("|") and not body.endswith("\\|"):
            body = body[:-1]
        offset = line.find(body) if body else 0
        cells = _positions(body, body.split("|"), 1)
        return [Cell(c.text.strip("`").strip(), c.start + offset) for c in cells]
    if separator == "csv":
        row = next(csv.reader([line], skipinitialspace=True), [])
        return [Cell(text.strip(), i) for i, text in enumerate(row)]
    if separator == "spaces":
        return [
            Cell(m.group(0).strip(), m.start())
            for m in re.finditer(r"\S+(?: \S+)*", line)
            if m.group(0).strip()
        ]
    return [Cell(text, 0) for text in _tokens(line)]


def _positions(line: str, parts: list[str], width: int) -> list[Cell]:
    cells: list[Cell] = []
    start = 0
    for part in parts:
        lead = len(part) - len(part.lstrip())
        cells.append(Cell(part.strip(), start + lead))
        start += len(part) + width
    return cells


def _tokens(line: str) -> list[str]:
    from wizard.paste.rows import tokens

    return tokens(line)
