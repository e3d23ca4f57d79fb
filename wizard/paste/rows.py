"""Reading each paste shape into raw rows: which text is the type, the name, the value.

Nothing is judged here beyond the shape; `build.py` turns rows into records and findings.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from wizard.model.records import RECORD_TYPES, Finding

Field = str  # one of "type", "name", "value", "ttl", "priority"

#: Header words vendors and DNS panels use, lower case, for each field.
HEADER_SYNONYMS: dict[str, Field] = {
    "type": "type",
    "record type": "type",
    "record": "type",
    "kind": "type",
    "name": "name",
    "host": "name",
    "hostname": "name",
    "host name": "name",
    "record name": "name",
    "host record": "name",
    "alias": "name",
    "value": "value",
    "points to": "value",
    "data": "value",
    "content": "value",
    "target": "value",
    "enter this value": "value",
    "answer": "value",
    "destination": "value",
    "record value": "value",
    "value / answer": "value",
    "value/answer": "value",
    "ttl": "ttl",
    "time to live": "ttl",
    "priority": "priority",
    "preference": "priority",
    "pref": "priority",
}
TYPE_WORDS = frozenset(RECORD_TYPES) | {"SRV", "CAA", "PTR", "SOA", "DS", "SPF"}
CLASS_WORDS = frozenset({"IN", "CH", "HS"})
TTL_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


@dataclass
class RawRow:
    """The text of one record as the paste gave it, with the line it started on."""

    line: int
    type: str | None = None
    name: str | None = None
    value: str | None = None
    ttl: str | None = None
    priority: str | None = None
    #: Zone-file rows: names and targets without a trailing dot are relative to `origin`.
    zone_syntax: bool = False
    origin: str | None = None
    #: The TXT strings were already unquoted and joined (zone files, JSON).
    value_is_text: bool = False
    extra: dict[str, str] = field(default_factory=dict)


def header_field(cell: str) -> Field | None:
    key = re.sub(r"[\s_:*]+", " ", cell.strip().lower()).strip()
    return HEADER_SYNONYMS.get(key)


def is_type(token: str) -> bool:
    return token.strip().upper() in TYPE_WORDS


def split_cells(line: str) -> list[str]:
    """Tabs, else runs of two or more spaces, else single spaces (quotes kept together)."""
    if "\t" in line:
        return [c.strip() for c in line.split("\t") if c.strip()]
    if re.search(r"\S {2,}\S", line.strip()):
        cells = [c.strip() for c in re.split(r" {2,}", line.strip()) if c.strip()]
        if any(is_type(c) for c in cells) or header_map(cells) is not None:
            return cells
    return tokens(line)


def tokens(text: str) -> list[str]:
    """Whitespace-separated tokens; a quoted string (with \\" escapes) stays one token."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        if text[i] == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i : j + 1])
            i = j + 1
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] != '"':
            j += 1
        out.append(text[i:j])
        i = j
    return out


# ---- tables (tabs, spaces, Markdown, CSV) -------------------------------------------------


def header_map(cells: list[str]) -> dict[int, Field] | None:
    """Column index -> field, when at least two cells are header words and one names the type
    or the value; None when the row is data."""
    mapping = {i: f for i, c in enumerate(cells) if (f := header_field(c)) is not None}
    fields = set(mapping.values())
    if len(fields) >= 2 and fields & {"value", "name"} and not any(is_type(c) for c in cells):
        return mapping
    return None


def row_from_header(cells: list[str], mapping: dict[int, Field], line: int) -> RawRow:
    row = RawRow(line)
    value_cols = [i for i, f in mapping.items() if f == "value"]
    for i, cell in enumerate(cells):
        f = mapping.get(i)
        if f is None and value_cols and i > max(value_cols) and len(cells) > len(mapping):
            f = "value"  # a value that itself held wide spaces spilled into more cells
        if f is None or not cell:
            continue
        current = getattr(row, f)
        setattr(row, f, cell if current is None else f"{current} {cell}")
    return row


def row_from_cells(cells: list[str], line: int) -> RawRow | None:
    """A row without a header: find the type, then place the name, TTL and value around it."""
    cells = [c for c in cells if c.upper() not in CLASS_WORDS]
    type_index = next((i for i, c in enumerate(cells) if is_type(c)), None)
    if type_index is None:
        return None
    row = RawRow(line, type=cells[type_index].upper())
    before, after = cells[:type_index], cells[type_index + 1 :]
    if type_index == 0 and after:
        row.name, after = after[0], after[1:]
        if after and len(after) > 1 and _is_ttl(after[-1]) and row.type != "TXT":
            row.ttl, after = after[-1], after[:-1]
        elif after and len(after) > 1 and _is_ttl(after[-1]) and after[-2].endswith('"'):
            row.ttl, after = after[-1], after[:-1]
    else:
        for cell in before:
            if _is_ttl(cell) and row.name is not None:
                row.ttl = cell
            elif row.name is None:
                row.name = cell
            else:
                row.extra.setdefault("unplaced", cell)
    if row.type == "MX" and len(after) >= 2 and after[0].isdigit():
        row.priority, after = after[0], after[1:]
    if after:
        row.value = " ".join(after)
    return row


def _is_ttl(cell: str) -> bool:
    return bool(
        re.fullmatch(
            r"\d+[smhdw]?|auto(matic)?|\d+\s*(sec|second|min|minute|hour|day)s?",
            cell.strip().lower(),
        )
    )


def table_rows(lines: list[tuple[int, str]]) -> Iterator[RawRow | Finding]:
    mapping: dict[int, Field] | None = None
    for number, line in lines:
        cells = split_cells(line)
        if not cells:
            continue
        if mapping is None:
            found = header_map(cells)
            if found is not None:
                mapping = found
                continue
        if mapping is not None and not any(is_type(c) for c in cells[:1]) and len(cells) > 1:
            yield row_from_header(cells, mapping, number)
            continue
        if mapping is not None and len(cells) == len(set(mapping)):
            yield row_from_header(cells, mapping, number)
            continue
        row = row_from_cells(cells, number)
        yield row if row is not None else not_a_record(number, line)


def markdown_rows(lines: list[tuple[int, str]]) -> Iterator[RawRow | Finding]:
    table = []
    for number, line in lines:
        stripped = line.strip()
        if not stripped.startswith("|"):
            yield not_a_record(number, line)
            continue
        cells = [c.strip().strip("`") for c in stripped.strip("|").split("|")]
        if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
            continue
        table.append((number, "\t".join(cells)))
    yield from table_rows(table)


def csv_rows(lines: list[tuple[int, str]]) -> Iterator[RawRow | Finding]:
    reader = csv.reader([line for _, line in lines], skipinitialspace=True)
    mapping: dict[int, Field] | None = None
    for (number, line), cells in zip(lines, reader, strict=False):
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        if mapping is None:
            mapping = header_map(cells)
            if mapping is not None:
                continue
            row = row_from_cells(cells, number)
            yield row if row is not None else not_a_record(number, line)
            continue
        yield row_from_header(cells, mapping, number)


def looks_like_csv(lines: list[tuple[int, str]]) -> bool:
    first = lines[0][1]
    if "," not in first or "\t" in first:
        return False
    cells = next(csv.reader([first], skipinitialspace=True))
    return header_map([c.strip() for c in cells]) is not None


# ---- Key: value blocks ------------------------------------------------------------------

KEY_VALUE = re.compile(r"^\s*([A-Za-z][A-Za-z _/-]{0,30}?)\s*:\s*(.*?)\s*$")


def looks_like_blocks(lines: list[tuple[int, str]]) -> bool:
    keyed = [m for _, line in lines if (m := KEY_VALUE.match(line)) and header_field(m.group(1))]
    return len(keyed) >= 2 and len(keyed) * 2 >= len(lines)


def block_rows(lines: list[tuple[int, str]], blank_after: set[int]) -> Iterator[RawRow | Finding]:
    row: RawRow | None = None
    for number, line in lines:
        match = KEY_VALUE.match(line)
        f = header_field(match.group(1)) if match else None
        if match is None or f is None:
            if match is not None:
                yield Finding(
                    "info",
                    "ignored-field",
                    f"Line {number}: {match.group(1).strip()!r} is not part of a DNS record, "
                    "so it was not used.",
                    line=number,
                    field=match.group(1).strip(),
                )
                continue
            yield not_a_record(number, line)
            continue
        if row is None or getattr(row, f) is not None:
            if row is not None:
                yield row
            row = RawRow(number)
        setattr(row, f, match.group(2))
        if number in blank_after:
            yield row
            row = None
    if row is not None:
        yield row


# ---- JSON ---------------------------------------------------------------------------------


def json_rows(text: str, first_line: int) -> Iterator[RawRow | Finding]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Finding(
            "error",
            "bad-json",
            f"Line {first_line + exc.lineno - 1}: this looks like JSON but is not valid: "
            f"{exc.msg} (column {exc.colno}).",
            line=first_line + exc.lineno - 1,
        )
        return
    if isinstance(data, dict):
        data = data.get("records", [data])
    if not isinstance(data, list):
        yield Finding("error", "bad-json", "The JSON must be a list of records.", line=first_line)
        return
    starts = _object_lines(text, first_line)
    for index, item in enumerate(data):
        number = starts[index] if index < len(starts) else first_line
        if not isinstance(item, dict):
            yield Finding(
                "error",
                "not-a-record",
                f"Line {number}: item {index + 1} is not an object with type, name and value.",
                line=number,
            )
            continue
        row = RawRow(number, value_is_text=True)
        for key, value in item.items():
            f = header_field(str(key))
            if f is not None and value is not None:
                setattr(row, f, str(value))
        yield row


def _object_lines(text: str, first_line: int) -> list[int]:
    """The line on which each item directly inside the top-level array starts."""
    lines: list[int] = []
    depth, line, in_string, escaped, expecting = 0, first_line, False, False, False
    for ch in text:
        if ch == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            continue
        if expecting and not ch.isspace() and ch != "]":
            lines.append(line)
            expecting = False
        if ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            expecting = depth == 1
        elif ch in "]}":
            depth -= 1
        elif ch == "," and depth == 1:
            expecting = True
    return lines


def not_a_record(number: int, line: str) -> Finding:
    shown = line.strip()
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return Finding(
        "error",
        "not-a-record",
        f"Line {number} is not a DNS record: {shown!r}. A record needs a type (such as CNAME "
        "or TXT), a name and a value.",
        line=number,
    )
