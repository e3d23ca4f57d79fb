"""The raw row every paste shape is read into, and the findings shared by the shape readers.

Nothing is judged here beyond the shape; `build.py` turns rows into records and findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wizard.model.records import Finding, Level
from wizard.paste.vocabulary import CLASS_WORDS, is_ttl, split_type


@dataclass
class RawRow:
    """The text of one record as the paste gave it, with the line it started on."""

    line: int
    type: str | None = None
    name: str | None = None
    value: str | None = None
    ttl: str | None = None
    priority: str | None = None
    #: SRV records given column by column (Microsoft 365's admin page and most DNS panels).
    weight: str | None = None
    port: str | None = None
    service: str | None = None
    protocol: str | None = None
    #: Zone-file rows: names and targets are absolute (or relative to `origin` when it is None).
    zone_syntax: bool = False
    origin: str | None = None
    #: The TXT strings were already unquoted and joined (zone files).
    value_is_text: bool = False
    #: JSON values: a TXT value in quotes is in presentation form and the quotes are not text.
    from_json: bool = False
    #: The lines after `line` this record was read from (a label block, a wrapped value).
    span: list[int] = field(default_factory=list)


def set_field(row: RawRow, field: str, text: str) -> None:
    """Fill one field of a row from a header, label or key that names it."""
    setattr(row, field, text)


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
        # "MX name 10 host": the number is the priority; "MX name 3600 10 host": a TTL first
        least = 3 if rtype in ("MX", "SRV") else 2
        if len(after) >= least and is_ttl(after[0]) and rtype != "TXT":
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


def line_finding(
    level: Level, code: str, number: int, sentence: str, field: str | None = None
) -> Finding:
    """A finding about line `number`, its message starting "Line N: "."""
    return Finding(level, code, f"Line {number}: {sentence}", line=number, field=field)
