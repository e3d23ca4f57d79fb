"""Label-then-value blocks: `Host: links`, `Host⇥links`, or the label on its own line and the
value under it; headings, captions and prose between blocks are named, never read as values.

A blank line ends a value. A line under a value continues it only when it is of the value's own
kind: more base64 of a key wrapped at the page's width, the next tag of a DKIM/DMARC tag list,
the rest of a quoted string; never a heading, label, status or caption word. A line that might
be either is an error naming both readings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from wizard.model.records import Finding
from wizard.paste.ledger import Mark
from wizard.paste.lines import HEADING_WORDS, cell_doubts, line_role, unplaced
from wizard.paste.noise import noise, trim_captions
from wizard.paste.rows import RawRow, set_field
from wizard.paste.vocabulary import IGNORED, Role, header_role, is_type

LABELED = re.compile(r"^\s*([A-Za-z#][A-Za-z0-9 _/()*#?.-]{0,48}?)\s*:\s*(.*?)\s*$")
#: Ignored labels that may stand alone on their line (a Status value must not look like one).
ALONE_IGNORED = re.compile(r"\b(status|purpose|notes?|comments?|description)\b", re.I)
BASE64 = re.compile(r"[A-Za-z0-9+/]+={0,2}")
KEY_TAIL = re.compile(r"(?:^|p=|\s)[A-Za-z0-9+/]{40,}$")
TAG_LIST = re.compile(r'^"?(v=DKIM1|v=DMARC1|k=\w+|p=|h=|t=)', re.I)
TAG_START = re.compile(r"[a-z]{1,8}=")
#: A wrapped line is a full line of the page: shorter, it was not wrapped.
WRAPPED = 40
Continuation = Literal["join", "no", "ambiguous"]


def label(line: str) -> tuple[Role, str, str] | None:
    """(role, label text, value on the same line) when the line is a label."""
    if "\t" in line:
        cells = _cells(line)
        inline = LABELED.match(cells[0])
        if len(cells) == 2 and noise(cells[1]) and inline is not None and inline.group(2):
            line = cells[0]  # "Host: links⇥Copy": a caption in a cell of its own
        else:
            return _tab_label(cells)
    match = LABELED.match(line)
    if match and not match.group(2).startswith("//"):
        role = header_role(match.group(1))
        if role is not None:
            return role, match.group(1).strip(), match.group(2)
    text = line.strip()
    if not text or len(text) > 48 or "  " in text or "," in text:
        return None
    role = header_role(text)
    if role is None or (role == IGNORED and not ALONE_IGNORED.search(text)):
        return None
    return role, text.rstrip(":").strip(), ""


def _cells(line: str) -> list[str]:
    """The tab-separated cells of a line, without the captions and statuses after them."""
    cells = [c.strip() for c in line.split("\t") if c.strip()] or [""]
    while len(cells) > 2 and noise(cells[-1]) is not None:
        cells.pop()
    return cells


def _tab_label(cells: list[str]) -> tuple[Role, str, str] | None:
    """A row of a vertical two-column table: `Record type⇥CNAME`, `Points to⇥target`
    (a status after the value stays out of it)."""
    if len(cells) != 2:
        return None
    role = header_role(cells[0])
    header_like = header_role(cells[1]) is not None and noise(cells[1]) is None
    if role is None or header_like or len(cells[0]) > 48:
        return None
    return role, cells[0], cells[1]


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


Event = RawRow | Finding | Mark


class _Reader:
    """The row being filled and the label being read, across the blank lines of a region."""

    def __init__(self) -> None:
        self.row: RawRow | None = None
        self.current: _Open | None = None

    def end_value(self) -> Iterator[Event]:
        if self.current is not None:
            yield from _close(self.current, self.row)
            self.current = None

    def end_row(self) -> Iterator[Event]:
        yield from self.end_value()
        if self.row is not None:
            yield self.row
            self.row = None

    def on_label(self, number: int, found: tuple[Role, str, str]) -> Iterator[Event]:
        yield from self.end_value()
        role, text, inline = found
        if role == IGNORED:
            yield Mark(number, "ignored", text)
            self.current = _Open(role, text, number, [(number, inline)] if inline else [])
            return
        if self.row is not None and getattr(self.row, role) is not None:
            yield from self.end_row()
        if self.row is None:
            self.row = RawRow(number)
        elif number != self.row.line:
            self.row.span.append(number)
        if inline:
            yield from cell_doubts(number, inline, role)
            self.current = _Open(role, text, number, [(number, _clean(inline))])
        else:
            yield Mark(number, "label", text)
            self.current = _Open(role, text, number)

    def on_line(self, number: int, line: str) -> Iterator[Event]:
        current = self.current
        text = line.strip()
        if current is not None and current.role == IGNORED and not current.parts:
            current.parts.append((number, text))
            yield Mark(number, noise(text) or "ignored", text)
            return
        found = noise(text)
        if found is not None:
            if current is not None and current.parts:
                yield from self.end_value()
            yield Mark(number, found, text)
            return
        if current is not None and not current.parts:
            if self.row is not None:
                self.row.span.append(number)
                yield from cell_doubts(number, text, current.role)
            current.parts.append((number, _clean(text)))
            return
        if current is not None:
            verdict = _continues(current, text)
            if verdict == "join":
                current.parts.append((number, text))
                if self.row is not None:
                    self.row.span.append(number)
                return
            if verdict == "ambiguous":
                yield _ambiguous(current, number, text)
                yield from self.end_value()
                return
        if line_role(text) in ("heading", "prose"):
            yield from self.end_row()
        else:
            yield from self.end_value()
        yield unplaced(number, line)


def block_rows(lines: list[tuple[int, str]]) -> Iterator[Event]:
    reader = _Reader()
    for number, line in lines:
        if not line.strip():
            yield from reader.end_value()
            continue
        found = label(line)
        if found is not None:
            yield from reader.on_label(number, found)
        else:
            yield from reader.on_line(number, line)
    yield from reader.end_row()


def _clean(text: str) -> str:
    return trim_captions(text)[0]


def _continues(current: _Open, text: str) -> Continuation:
    """Whether `text` goes on with the value being read: only text of the value's own kind."""
    if current.role != "value" or label(text) is not None or noise(text) is not None:
        return "no"
    joined = _joined([t for _, t in current.parts])
    last = current.parts[-1][1]
    if _open_quote(joined):
        return "join"
    words = {w.lower().strip(":") for w in text.split()}
    if words & HEADING_WORDS or is_type(text):
        return "no"
    if BASE64.fullmatch(text) and KEY_TAIL.search(joined):
        return _continues_key(joined, last, text)
    if TAG_LIST.match(joined) and joined.rstrip().endswith(";") and TAG_START.match(text):
        return "join"
    return "no"


def _continues_key(joined: str, last: str, text: str) -> Continuation:
    """More base64 under a key: joined while the key is short of the length its own DER header
    states, never past it; a plain word that would leave the key still short may be a heading."""
    tail = KEY_TAIL.search(joined)
    key = joined.rsplit("p=", 1)[1] if "p=" in joined else tail.group(0) if tail else ""
    key = key.strip()
    needed = der_length(key)
    if needed is not None:
        if len(key) >= needed or len(key) + len(text) > needed:
            return "no"
        if len(key) + len(text) == needed:
            return "join"
    elif len(last) < WRAPPED:
        return "no"
    if text.isalpha() and len(text) < 16 and not text.endswith("AB"):
        return "ambiguous"
    return "join"


def der_length(key: str) -> int | None:
    """How many base64 characters a DER-encoded key is, from the length its header states."""
    import base64
    import binascii

    try:
        head = base64.b64decode(key[:8], validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(head) < 4 or head[0] != 0x30:
        return None
    if head[1] < 0x80:
        total = 2 + head[1]
    elif head[1] == 0x81:
        total = 3 + head[2]
    elif head[1] == 0x82:
        total = 4 + (head[2] << 8 | head[3])
    else:
        return None
    return 4 * -(-total // 3)


def _open_quote(text: str) -> bool:
    return len(re.findall(r'(?<!\\)"', text)) % 2 == 1


def _joined(texts: list[str]) -> str:
    joined = texts[0]
    for text in texts[1:]:
        glued = KEY_TAIL.search(joined) and BASE64.fullmatch(text)
        joined += text if glued else " " + text
    return joined


def _ambiguous(current: _Open, number: int, text: str) -> Finding:
    return Finding(
        "error",
        "ambiguous-line",
        f"Line {number}: {text!r} may be the end of the {current.text} begun on line "
        f"{current.parts[0][0]} (a key wrapped at the page's width) or a heading. Correct the "
        "value by hand.",
        line=number,
        field="value",
    )


def _close(current: _Open, row: RawRow | None) -> Iterator[Finding]:
    if current.role == IGNORED or row is None or not current.parts:
        return
    texts = [text for _, text in current.parts]
    set_field(row, current.role, _joined(texts))
    if len(texts) > 1:
        first, last = current.parts[0][0], current.parts[-1][0]
        yield Finding(
            "info",
            "joined-lines",
            f"Lines {first}-{last}: the {current.text} was wrapped across {len(texts)} lines; "
            "each line after the first is of the value's own kind, so they were read as one.",
            line=first,
            field="value",
        )
