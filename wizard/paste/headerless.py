"""A table without header: each column typed by what its cells hold, and the one assignment
of columns to record fields that explains every row; a row no assignment explains is read on its
own, and two cells are never joined into one value.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterator
from itertools import product

from wizard.model.records import Finding
from wizard.paste.ledger import Mark
from wizard.paste.lines import unplaced
from wizard.paste.noise import is_noise
from wizard.paste.rows import RawRow, row_from_words, set_field
from wizard.paste.vocabulary import AUTO_TTL, split_type, ttl_seconds

LABEL = re.compile(r"^(\*|[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)$")
NEEDS_PRIORITY = frozenset({"MX", "SRV"})
Event = RawRow | Finding | Mark


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
