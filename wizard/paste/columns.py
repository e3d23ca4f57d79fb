"""Tables: which column holds which record field, from the header or from what the cells hold.

A column that is no record field (Status, Purpose, Notes, "#") is named once in a finding and
kept out of every value, always: a row's value is the text of its value column and nothing else.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import product

from wizard.model.records import Finding
from wizard.paste.cells import Cell, Separator, choose_separator, is_rule, split
from wizard.paste.rows import RawRow, set_field, unplaced
from wizard.paste.vocabulary import (
    AUTO_TTL,
    CLASS_WORDS,
    IGNORED,
    Role,
    header_role,
    is_status,
    is_ttl,
    split_type,
    ttl_seconds,
)

LABEL = re.compile(r"^(\*|[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)$")
DATA_LIKE = re.compile(r"[=@\"]|\w\.\w|^\d+$")
NEEDS_PRIORITY = frozenset({"MX", "SRV"})


@dataclass(frozen=True)
class Header:
    """The roles of a header row's columns, and where each column starts on the line."""

    roles: tuple[Role, ...]
    starts: tuple[int, ...]


def table_rows(lines: list[tuple[int, str]], domain: str | None) -> Iterator[RawRow | Finding]:
    separator = choose_separator([line for _, line in lines])
    edged = next((ln.lstrip().startswith("|") for _, ln in lines if "|" in ln), True)
    header: Header | None = None
    run: list[tuple[int, str, list[str]]] = []
    for number, line in lines:
        cells = split(line, separator, edged)
        if separator == "pipe" and is_rule(cells):
            continue
        found = read_header(cells, number)
        if found is not None:
            yield from headerless(run, domain)
            run = []
            header, findings = found
            yield from findings
            continue
        if header is not None and separator != "tokens":
            yield from headed_row(cells, header, separator, number, line)
        elif len([c for c in cells if c.text]) < 2 or separator == "tokens":
            yield from headerless(run, domain)
            run = []
            yield single_row(line, number)
        else:
            if run and len(run[-1][2]) != len(cells):
                yield from headerless(run, domain)
                run = []
            run.append((number, line, [c.text for c in cells]))
    yield from headerless(run, domain)


# ---- with a header -----------------------------------------------------------------------


def read_header(cells: list[Cell], number: int) -> tuple[Header, list[Finding]] | None:
    """The header a row is, with a finding for each column it ignores; None for data."""
    texts = [c.text for c in cells]
    filled = [t for t in texts if t]
    if len(filled) < 2 or any(split_type(t) or DATA_LIKE.search(t) or len(t) > 48 for t in filled):
        return None
    roles = [header_role(t) for t in texts]
    fields = {r for r in roles if r is not None and r != IGNORED}
    if len(fields) < 2 or not fields & {"name", "value"}:
        return None
    findings: list[Finding] = []
    seen: dict[Role, str] = {}
    final: list[Role] = []
    for text, role in zip(texts, roles, strict=True):
        if role is not None and role != IGNORED and role not in seen:
            seen[role] = text
            final.append(role)
            continue
        final.append(IGNORED)
        if not text:
            continue
        reason = (
            f"the {seen[role]} column already gives the record's {role}"
            if role is not None and role != IGNORED
            else "it is not part of a DNS record"
        )
        findings.append(
            Finding(
                "info",
                "ignored-column",
                f"Line {number}: {text} column ignored: {reason}.",
                line=number,
                field=text,
            )
        )
    return Header(tuple(final), tuple(c.start for c in cells)), findings


def headed_row(
    cells: list[Cell], header: Header, separator: Separator, number: int, line: str
) -> Iterator[RawRow | Finding]:
    if len([c for c in cells if c.text]) < 2:
        yield single_row(line, number)
        return
    placed = _aligned(cells, header, line) if separator == "spaces" else _positional(cells, header)
    row = RawRow(number)
    for role, text in placed:
        if role != IGNORED and text:
            set_field(row, role, text)
    yield row


def _positional(cells: list[Cell], header: Header) -> list[tuple[Role, str]]:
    return [(role, cell.text) for role, cell in zip(header.roles, cells, strict=False)]


def _aligned(cells: list[Cell], header: Header, line: str) -> list[tuple[Role, str]]:
    """Space-aligned cells laid under the header column each starts in; a cell that starts
    inside the same column as the one before it continues that cell's text."""
    spans: dict[int, tuple[int, int]] = {}
    previous = 0
    for cell in cells:
        column = max((i for i, s in enumerate(header.starts) if s <= cell.start + 1), default=0)
        column = max(column, previous)
        end = cell.start + len(cell.text)
        first = spans.get(column, (cell.start, end))[0]
        spans[column] = (first, end)
        previous = column
    return [(header.roles[i], line[a:b].strip()) for i, (a, b) in spans.items()]


# ---- without a header ----------------------------------------------------------------------


def single_row(line: str, number: int) -> RawRow | Finding:
    """One line read on its own, around its record type (tokens, no columns)."""
    from wizard.paste.rows import tokens

    row = row_from_words(tokens(line), number)
    return row if row is not None else unplaced(number, line)


def row_from_words(words: list[str], number: int) -> RawRow | None:
    """[name] [ttl] [class] TYPE [priority] value... or TYPE name [ttl] value..."""
    words = [w for w in words if w.upper() not in CLASS_WORDS]
    index = next((i for i, w in enumerate(words) if split_type(w)), None)
    if index is None:
        return None
    rtype, priority = split_type(words[index]) or ("", None)
    row = RawRow(number, type=rtype, priority=priority)
    before, after = words[:index], words[index + 1 :]
    if index == 0 and after:
        row.name, after = after[0], after[1:]
        if len(after) > 1 and is_ttl(after[0]) and rtype != "TXT":
            row.ttl, after = after[0], after[1:]
    else:
        for word in before:
            if row.name is None:
                row.name = word
            elif is_ttl(word) and row.ttl is None:
                row.ttl = word
            else:
                return None
    if rtype == "MX" and row.priority is None and len(after) >= 2 and after[0].isdecimal():
        row.priority, after = after[0], after[1:]
    if after:
        row.value = " ".join(after)
    return row


def headerless(
    run: list[tuple[int, str, list[str]]], domain: str | None
) -> Iterator[RawRow | Finding]:
    """Rows with the same number of cells and no header: type each column by what it holds
    and take the assignment that explains every row; else each row on its own."""
    if not run:
        return
    plan = assign_columns([cells for _, _, cells in run], domain)
    if plan is None:
        if len(run) > 1:
            for one in run:
                yield from headerless([one], domain)
        else:
            yield from _unexplained(*run[0])
        return
    for j in range(len(run[0][2])):
        sample = next((cells[j] for _, _, cells in run if cells[j]), "")
        if j not in plan.values() and sample:
            yield Finding(
                "info",
                "ignored-column",
                f"Line {run[0][0]}: column {j + 1} ({sample!r}) ignored: it is not part of a "
                "DNS record.",
                line=run[0][0],
                field=f"column {j + 1}",
            )
    for number, _, cells in run:
        row = RawRow(number)
        for role, j in plan.items():
            if role == "type":
                row.type, prio = split_type(cells[j]) or (cells[j], None)
                row.priority = row.priority or prio
            elif cells[j]:
                set_field(row, role, cells[j])
        yield row


def _unexplained(number: int, line: str, cells: list[str]) -> Iterator[RawRow | Finding]:
    """A row no column typing explains: read around its type so its error names the field,
    but two cells are never joined into one value."""
    filled = [c for c in cells if c]
    row = row_from_words(filled, number)
    if row is None:
        yield unplaced(number, line)
    elif row.value is not None and row.value not in filled:
        yield Finding(
            "error",
            "ambiguous-columns",
            f"Line {number}: cannot tell which cell is the value "
            f"({', '.join(repr(c) for c in filled)}). Add a header row (Type, Name, Value).",
            line=number,
        )
    else:
        yield row


def assign_columns(rows: list[list[str]], domain: str | None) -> dict[str, int] | None:
    """Role -> column for a table without header, or None when no assignment explains it."""
    width = len(rows[0])
    typed = [j for j in range(width) if all(split_type(r[j]) for r in rows)]
    type_col = typed[0] if typed else None
    types: list[tuple[str | None, str | None]] = [
        (split_type(r[type_col]) or ("", None)) if type_col is not None else (None, None)
        for r in rows
    ]
    rest = [j for j in range(width) if j != type_col]
    names = {j: _score(rows, j, lambda c, _t: _name_points(c, domain)) for j in rest}
    values = {j: _score(rows, j, lambda c, t: _value_points(c, t, domain), types) for j in rest}
    ttls = [j for j in rest if _optional(rows, j, _plausible_ttl)]
    prios = [j for j in rest if _priorities(rows, j, types)]
    best: tuple[float, dict[str, int]] | None = None
    for n, v in product(rest, rest):
        if n == v or names[n] is None or values[v] is None:
            continue
        for t, p in product([None, *ttls], [None, *prios]):
            used = {n, v, t, p} - {None}
            if len(used) != 2 + (t is not None) + (p is not None):
                continue
            if p is None and not all(
                k[1] or _has_priority(r[v], k[0]) for r, k in zip(rows, types, strict=True)
            ):
                continue
            score = float(names[n] or 0) + float(values[v] or 0) + (0.5 if n < v else 0)
            score += 2.5 + _ttl_bonus(rows, t) if t is not None else 0
            score += 2.5 + _priority_bonus(rows, p) if p is not None else 0
            if best is None or score > best[0]:
                plan = {"name": n, "value": v}
                if type_col is not None:
                    plan["type"] = type_col
                if t is not None:
                    plan["ttl"] = t
                if p is not None:
                    plan["priority"] = p
                best = (score, plan)
    return best[1] if best else None


Points = Callable[[str, str | None], float | None]


def _score(
    rows: list[list[str]],
    j: int,
    points: Points,
    types: list[tuple[str | None, str | None]] | None = None,
) -> float | None:
    total = 0.0
    for i, row in enumerate(rows):
        rtype = types[i][0] if types else None
        got = points(row[j], rtype)
        if got is None:
            return None
        total += got
    return total


def _is_name(cell: str) -> bool:
    if not cell or is_status(cell) or split_type(cell) or cell.isdecimal():
        return False
    return cell == "@" or all(LABEL.match(label) for label in cell.rstrip(".").split("."))


def _name_points(cell: str, domain: str | None) -> float | None:
    if not _is_name(cell):
        return None
    lowered = cell.rstrip(".").lower()
    points = 0.0
    if cell == "@" or (domain and (lowered == domain or lowered.endswith("." + domain))):
        points += 3
    elif "." not in lowered or lowered.split(".")[-1].startswith("_"):
        points += 1
    elif domain:
        points -= 1
    if "_" in lowered:
        points += 2
    if cell != cell.lower():
        points -= 2
    return points


def _value_points(cell: str, rtype: str | None, domain: str | None) -> float | None:
    if not cell or is_status(cell):
        return None
    if rtype in ("A", "AAAA"):
        try:
            address = ipaddress.ip_address(cell)
        except ValueError:
            return None
        return 2 if (address.version == 4) == (rtype == "A") else None
    if rtype in ("CNAME", "NS", "PTR", "MX"):
        target = cell.split()[-1] if rtype == "MX" and len(cell.split()) == 2 else cell
        if rtype == "MX" and len(cell.split()) == 2 and not cell.split()[0].isdecimal():
            return None
        if not _is_name(target) or "." not in target.strip(".") or target == "@":
            return None
        lowered = target.rstrip(".").lower()
        inside = bool(domain) and (lowered == domain or lowered.endswith(f".{domain}"))
        return (-1 if inside else 2) - (2 if "_" in target else 0)
    if rtype == "SRV":
        return 2 if re.fullmatch(r"(\d+\s+){2,3}\S+", cell) else None
    if rtype == "CAA":
        return 2 if re.fullmatch(r"\d+\s+[A-Za-z0-9]+\s+.+", cell) else None
    points = 2.0 if re.search(r"[=\s\"]", cell) else 0.0
    return points - (1 if _is_name(cell) and rtype == "TXT" else 0)


def _optional(rows: list[list[str]], j: int, test: Callable[[str], bool]) -> bool:
    cells = [r[j] for r in rows]
    return any(cells) and all(not c or test(c) for c in cells)


def _plausible_ttl(cell: str) -> bool:
    """A TTL in a column without header: a row number (1, 2, 3) is not one."""
    seconds = ttl_seconds(cell)
    return cell.strip().lower() in AUTO_TTL or (seconds is not None and seconds >= 30)


def _ttl_bonus(rows: list[list[str]], j: int) -> float:
    cells = [r[j] for r in rows if r[j]]
    return 0.3 if all(not c.isdecimal() or int(c) >= 60 for c in cells) else 0.0


def _priority_bonus(rows: list[list[str]], j: int) -> float:
    cells = [r[j] for r in rows if r[j]]
    return 0.3 if all(int(c) <= 100 for c in cells) else 0.0


def _priorities(rows: list[list[str]], j: int, types: list[tuple[str | None, str | None]]) -> bool:
    cells = [r[j] for r in rows]
    if not any(cells) or not all(not c or (c.isdecimal() and int(c) <= 65535) for c in cells):
        return False
    return all(not c or t in NEEDS_PRIORITY for c, (t, _) in zip(cells, types, strict=True))


def _has_priority(value: str, rtype: str | None) -> bool:
    if rtype == "MX":
        return len(value.split()) == 2
    if rtype == "SRV":
        return len(value.split()) == 4
    return True
