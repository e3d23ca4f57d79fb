"""The raw row every paste shape is read into, and the findings shared by the shape readers.

Nothing is judged here beyond the shape; `build.py` turns rows into records and findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wizard.model.records import Finding, Level


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


HEADING = re.compile(r"[A-Za-z][A-Za-z()&/'-]*(?: [A-Za-z()&/'-]+){0,3}")
#: Words a section title over DNS records uses; a short line of other words is still an error.
HEADING_WORDS = frozenset(
    "dkim spf dmarc bimi mx cname txt srv caa ns record records return path return-path "
    "tracking link links branding sending receiving inbound outbound verification domain "
    "dns mail email bounce bounces authentication".split()
)


def is_heading(line: str) -> bool:
    """A short title between records ("DKIM", "Sending records"): up to four plain words,
    one of them about DNS or mail."""
    text = line.strip().rstrip(":")
    words = {w.lower() for w in re.split(r"[\s()/&]+", text) if w}
    return bool(HEADING.fullmatch(text)) and bool(words & HEADING_WORDS)


def line_finding(
    level: Level, code: str, number: int, sentence: str, field: str | None = None
) -> Finding:
    """A finding about line `number`, its message starting "Line N: "."""
    return Finding(level, code, f"Line {number}: {sentence}", line=number, field=field)


def skipped_heading(number: int, line: str) -> Finding:
    sentence = f"{line.strip()!r} was read as a heading, not a record."
    return line_finding("info", "heading", number, sentence)


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


def unplaced(number: int, line: str) -> Finding:
    """A heading when it reads as one, else the line is an error."""
    return skipped_heading(number, line) if is_heading(line) else not_a_record(number, line)
