"""The readings of one table row under a header: every way its cells (or words) fit the columns.

Each column has a kind (a record type, a DNS name, a TTL, a priority, a value, a status…), and a
reading gives each column a run of the row's units that is of its kind. When the units are
words split at single spaces, a column may take several; when they are cells, each column takes
one or none. A row is read only when exactly one reading fits; two that give different records
are an error that names both, and none is an error too. Captions and glyphs beside a cell
(`Copy`, ✓) may sit anywhere and belong to no column.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from typing import Literal

from wizard.paste.noise import is_glyph, noise
from wizard.paste.vocabulary import AUTO_TTL, IGNORED, Role, split_type, ttl_seconds

ColumnKind = Literal["type", "name", "value", "ttl", "number", "word", "noise", "any"]
NAME = re.compile(r"(\*|@|[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))(\.[A-Za-z0-9_-]{1,63})*\.?")
WORD = re.compile(r"_?[A-Za-z0-9-]+")
APEX_PHRASES = frozenset({"blank or @", "@ or blank", "(blank) or @", "@ (blank)", "blank / @"})
#: Column header words whose column holds a status or a caption.
NOISE_HEADER = re.compile(
    r"\b(status|state|verified|valid|current|found|detected|result|check|done|added)\b", re.I
)
#: What a page shows in a cell that has nothing to say ("Priority: -" on a TXT row).
PLACEHOLDERS = "-–—"
#: Work allowed for one row before it is called too ambiguous to read.
BUDGET = 20_000


@dataclass(frozen=True)
class Column:
    role: Role
    header: str
    kind: ColumnKind


@dataclass(frozen=True)
class Reading:
    """The text each record field takes in one reading (ignored columns left out)."""

    fields: tuple[tuple[Role, str], ...]
    #: Every column's text by its header, ignored ones too: what a person is shown.
    shown: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def describe(self) -> str:
        return ", ".join(f"{header} {text!r}" for header, text in self.shown if text)


def column(role: Role, header: str) -> Column:
    if role == IGNORED:
        if NOISE_HEADER.search(header) or not header.strip():
            return Column(role, header, "noise")
        if header.strip() in ("#", "No", "No.", "ID", "Id"):
            return Column(role, header, "number")
        return Column(role, header, "any")
    kinds: dict[str, ColumnKind] = {
        "type": "type",
        "name": "name",
        "value": "value",
        "ttl": "ttl",
        "priority": "number",
        "weight": "number",
        "port": "number",
        "service": "word",
        "protocol": "word",
    }
    return Column(role, header, kinds[role])


class TooMany(Exception):
    """The row has too many ways to be read to say which one is meant."""


def readings(units: list[str], columns: list[Column], words: bool) -> list[Reading]:
    """Up to two distinct readings of `units` under `columns`.

    `words`: the units are words split at single spaces, so a value, a TTL ("1 Hour"), an apex
    name ("Blank or @") or a status ("Not verified") may take several."""
    found: list[Reading] = []
    dead: set[tuple[int, int, tuple[tuple[Role, str], ...]]] = set()
    budget = [BUDGET]

    def walk(col: int, pos: int, taken: list[tuple[int, int]]) -> bool:
        """True when a reading was found from here on."""
        budget[0] -= 1
        if budget[0] < 0:
            raise TooMany
        key = (col, pos, _decisive(units, columns, taken))
        if key in dead:
            return False
        any_found = False
        if pos < len(units) and _skippable(units[pos]):
            any_found |= walk(col, pos + 1, taken)
            if len(found) >= 2:
                return True
        if col == len(columns):
            if pos == len(units):
                reading = _reading(units, columns, taken)
                if reading is not None:
                    if reading not in found:
                        found.append(reading)
                    return True
            if not any_found:
                dead.add(key)
            return any_found
        for size in _sizes(columns[col], len(units) - pos, words):
            text = " ".join(units[pos : pos + size])
            if fits(columns[col].kind, text, size):
                if walk(col + 1, pos + size, [*taken, (pos, pos + size)]):
                    any_found = True
                    if len(found) >= 2:
                        return True
        if not any_found:
            dead.add(key)
        return any_found

    walk(0, 0, [])
    return found


def _skippable(unit: str) -> bool:
    return noise(unit) == "caption" or is_glyph(unit)


def _sizes(col: Column, left: int, words: bool) -> range:
    required = col.kind in ("type", "name", "value")
    low = 1 if required else 0
    if not words:
        return range(low, min(1, left) + 1)
    most = {"type": 2, "name": 3, "ttl": 2, "number": 1, "word": 1, "noise": 3}.get(col.kind, left)
    return range(low, min(most, left) + 1)


def fits(kind: ColumnKind, text: str, size: int) -> bool:
    if size == 0:
        return True
    if kind == "type":
        return split_type(text) is not None
    if kind == "name":
        return text.lower() in APEX_PHRASES or (size == 1 and bool(NAME.fullmatch(text)))
    if kind == "value":
        first, _, rest = text.partition(" ")
        last = rest.rsplit(" ", 1)[-1] if rest else first
        return noise(first) is None and noise(last) is None and split_type(text) is None
    if kind == "ttl":
        return text.strip().lower() in AUTO_TTL or ttl_seconds(text) is not None
    if kind == "number":
        return text in PLACEHOLDERS or (text.isdecimal() and int(text) <= 65535)
    if kind == "word":
        return bool(WORD.fullmatch(text))
    if kind == "noise":
        return noise(text) is not None
    return True


def _type_of(units: list[str], columns: list[Column], taken: list[tuple[int, int]]) -> str:
    for (a, b), col in zip(taken, columns, strict=False):
        if col.kind == "type" and b > a:
            found = split_type(" ".join(units[a:b]))
            return found[0] if found else ""
    return ""


def _decisive(
    units: list[str], columns: list[Column], taken: list[tuple[int, int]]
) -> tuple[tuple[Role, str], ...]:
    """What of a partial reading decides whether a completion fits (the type, the value, the
    priority, SRV's weight and port): partial readings that agree on it finish alike."""
    return tuple(
        (col.role, " ".join(units[a:b]))
        for (a, b), col in zip(taken, columns, strict=False)
        if col.role in ("type", "value", "priority", "weight", "port")
    )


def _reading(
    units: list[str], columns: list[Column], taken: list[tuple[int, int]]
) -> Reading | None:
    texts = {col.role: " ".join(units[a:b]) for (a, b), col in zip(taken, columns, strict=True)}
    rtype = _type_of(units, columns, taken)
    value = texts.get("value", "")
    priority = texts.get("priority", "").strip(PLACEHOLDERS)
    if priority and rtype not in ("MX", "SRV"):
        return None  # a TXT value's last word is never taken as a priority the record lacks
    split_srv = bool(texts.get("weight") or texts.get("port"))
    if not value_fits(rtype, value, bool(priority), split_srv):
        return None
    fields = {
        col.role: " ".join(units[a:b])
        for (a, b), col in zip(taken, columns, strict=True)
        if col.role != IGNORED and b > a
    }
    typed = split_type(fields.get("type", ""))
    if typed is not None and typed[1] is not None and not priority:
        fields["type"], fields["priority"] = typed[0], typed[1]  # "MX 0" says what Priority does
        priority = typed[1]
    parts = value.split()
    if rtype == "MX" and not priority and len(parts) == 2:
        fields["priority"], fields["value"] = parts  # "10 mx.host" says what a Priority cell does
    shown = tuple(
        (col.header, " ".join(units[a:b])) for (a, b), col in zip(taken, columns, strict=True)
    )
    return Reading(tuple(sorted(fields.items())), shown)


def value_fits(rtype: str, value: str, has_priority: bool, split_srv: bool = False) -> bool:
    """The value's own kind for its record type: one host for CNAME, an address for A..."""
    parts = value.split()
    if rtype in ("A", "AAAA"):
        try:
            address = ipaddress.ip_address(value)
        except ValueError:
            return False
        return (address.version == 4) == (rtype == "A")
    if rtype in ("CNAME", "NS"):
        return len(parts) == 1 and bool(NAME.fullmatch(value))
    if rtype == "MX":
        if len(parts) == 2 and not has_priority:
            return parts[0].isdecimal() and bool(NAME.fullmatch(parts[1]))
        return len(parts) == 1 and bool(NAME.fullmatch(value))
    if rtype == "SRV":
        return len(parts) == 1 if split_srv else len(parts) in (3, 4)
    if rtype == "CAA":
        return len(parts) >= 3
    return bool(parts)
