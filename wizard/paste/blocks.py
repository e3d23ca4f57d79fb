"""Label-then-value blocks: `Host: links`, or the label on its own line and the value under it.

Setup pages and e-mails wrap a long value (a DKIM key) at about 76 columns; the lines under a
value label are read as one value, and the join is always a finding, never silent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from wizard.model.records import Finding
from wizard.paste.rows import RawRow, set_field, unplaced
from wizard.paste.vocabulary import IGNORED, Role, header_role

LABELED = re.compile(r"^\s*([A-Za-z#][A-Za-z0-9 _/()*#?.-]{0,48}?)\s*:\s*(.*?)\s*$")
#: Ignored labels that may stand alone on their line (a Status value must not look like one).
ALONE_IGNORED = re.compile(r"\b(status|purpose|notes?|comments?|description)\b", re.I)
WRAP_WIDTH = 60
KEY_RUN = re.compile(r"[A-Za-z0-9+/=]{40,}$")


def label(line: str) -> tuple[Role, str, str] | None:
    """(role, label text, value on the same line) when the line is a label."""
    match = LABELED.match(line)
    if match:
        role = header_role(match.group(1))
        if role is not None:
            return role, match.group(1).strip(), match.group(2)
    text = line.strip()
    if not text or len(text) > 48 or "\t" in text or "  " in text:
        return None
    role = header_role(text)
    if role is None or (role == IGNORED and not ALONE_IGNORED.search(text)):
        return None
    return role, text, ""


def looks_like_blocks(lines: list[tuple[int, str]]) -> bool:
    labels = [found for _, line in lines if (found := label(line)) and found[0] != IGNORED]
    return len(labels) >= 2 and len(labels) * 4 >= len(lines)


@dataclass
class _Open:
    """The label being read and the lines under it so far."""

    role: Role
    text: str
    line: int
    parts: list[tuple[int, str]] = field(default_factory=list)


def block_rows(lines: list[tuple[int, str]]) -> Iterator[RawRow | Finding]:
    row: RawRow | None = None
    current: _Open | None = None
    named: set[str] = set()
    for number, line in lines:
        found = label(line)
        if found is not None:
            if current is not None:
                yield from _close(current, row)
            role, text, inline = found
            current = _Open(role, text, number, [(number, inline)] if inline else [])
            if role == IGNORED:
                if text.lower() not in named:
                    named.add(text.lower())
                    yield Finding(
                        "info",
                        "ignored-field",
                        f"Line {number}: {text} ignored: it is not part of a DNS record.",
                        line=number,
                        field=text,
                    )
                continue
            if row is not None and getattr(row, role) is not None:
                yield row
                row = None
            if row is None:
                row = RawRow(number)
            continue
        if current is not None and _continues(current, line):
            current.parts.append((number, line.strip()))
            continue
        if current is not None:
            yield from _close(current, row)
            current = None
        yield unplaced(number, line)
    if current is not None:
        yield from _close(current, row)
    if row is not None:
        yield row


def _continues(current: _Open, line: str) -> bool:
    if current.role == IGNORED:
        return not current.parts
    if not current.parts:
        return True
    last = current.parts[-1][1]
    return current.role == "value" and len(last) >= WRAP_WIDTH and " " not in line.strip()[:1]


def _close(current: _Open, row: RawRow | None) -> Iterator[Finding]:
    if current.role == IGNORED or row is None or not current.parts:
        return
    texts = [text for _, text in current.parts]
    joined = texts[0]
    for text in texts[1:]:
        joined += text if KEY_RUN.search(joined) else " " + text
    set_field(row, current.role, joined)
    if len(texts) > 1:
        first, last = current.parts[0][0], current.parts[-1][0]
        yield Finding(
            "warning",
            "joined-lines",
            f"Lines {first}-{last}: the {current.text} was wrapped across {len(texts)} lines "
            "and was read as one value. Check it against the vendor's page.",
            line=first,
            field="value",
        )
