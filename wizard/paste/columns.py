"""Tables: which column holds which record field, from the header or from what the cells hold.

A column that is no record field (Status, Purpose, Notes, "#") is named once in a finding and
kept out of every value, always: a row's value is the text of its value column and nothing else.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from itertools import product

from wizard.model.records import Finding
from wizard.paste.cells import Cell, Separator, choose_separator, is_rule, split
from wizard.paste.ledger import Mark
from wizard.paste.lines import cell_doubts, unplaced
from wizard.paste.noise import is_noise, noise, trim_captions
from wizard.paste.readings import Column, TooMany, column, fits, readings
from wizard.paste.rows import RawRow, row_from_words, set_field, tokens
from wizard.paste.vocabulary import (
    AUTO_TTL,
    EXACT,
    IGNORED,
    Role,
    header_role,
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
    columns: tuple[Column, ...]


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


# ---- with a header -----------------------------------------------------------------------


def read_header(
    cells: list[Cell], number: int, separator: Separator = "tab"
) -> tuple[Header, list[Finding]] | None:
    """The header a row is, with a finding for each column it ignores; None for data."""
    texts = [trim_captions(c.text)[0] for c in cells]
    if separator == "tokens":
        phrases = phrase_header(texts)
        if phrases is None:
            return None
        texts = phrases
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
    starts = tuple(c.start for c in cells) if separator != "tokens" else ()
    columns = tuple(column(role, text) for role, text in zip(final, texts, strict=True))
    return Header(tuple(final), starts, columns), findings


def phrase_header(words: list[str]) -> list[str] | None:
    """A header written with single spaces ("Type Hostname Enter This Value Status"): its
    words grouped into the column names they make, or None when they make no header.

    Of the groupings where every group names a column and no record field is named twice,
    the one naming the most fields is taken, then the one whose groups are most often a
    single word or a whole header the vocabulary knows ("Enter This Value" over "Hostname
    Enter" + "This Value"); a tie is no header."""
    if not words or len(words) > 12:
        return None
    scored: list[tuple[tuple[int, int], tuple[str, ...]]] = []

    def walk(i: int, groups: list[str], roles: list[Role]) -> None:
        if i == len(words):
            fields = [r for r in roles if r != IGNORED]
            if len(fields) == len(set(fields)):
                known = sum(1 for g in groups if " " not in g or g.lower() in EXACT)
                scored.append(((len(fields), known), tuple(groups)))
            return
        for size in range(1, min(5, len(words) - i) + 1):
            phrase = " ".join(words[i : i + size])
            role = header_role(phrase)
            if role is not None and _coherent(words[i : i + size], role):
                walk(i + size, [*groups, phrase], [*roles, role])

    walk(0, [], [])
    if not scored:
        return None
    top = max(score for score, _ in scored)
    winners = {groups for score, groups in scored if score == top}
    return list(winners.pop()) if len(winners) == 1 else None


def _coherent(words: list[str], role: Role) -> bool:
    """No word of a column name names another field on its own ("Time to Live (TTL*) Record"
    is no column: "Record" names the type); words in parentheses are an aside."""
    depth = 0
    for word in words:
        depth += word.count("(")
        alone = header_role(word) if depth == 0 and len(words) > 1 else None
        depth = max(0, depth - word.count(")"))
        if alone is not None and alone != role:
            return False
    return True


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
    if placed is None:
        return
    row = RawRow(number)
    for role, text in placed:
        if role != IGNORED and text:
            yield from cell_doubts(number, text, role)
            set_field(row, role, trim_captions(text)[0])
    yield row


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
    words = tokens(line)
    tail: list[str] = []
    while len(words) > 3:
        size = next((k for k in (3, 2, 1) if noise(" ".join(words[-k:]))), 0)
        if not size:
            break
        tail.insert(0, " ".join(words[-size:]))
        words = words[:-size]
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


def headerless(run: list[tuple[int, str, list[str]]], domain: str | None) -> Iterator[Event]:
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


def _unexplained(number: int, line: str, cells: list[str]) -> Iterator[Event]:
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
    if not cell or is_noise(cell) or split_type(cell) or cell.isdecimal():
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
    if not cell or is_noise(cell):
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
