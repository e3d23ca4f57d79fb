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
from wizard.paste.labels import Label, label
from wizard.paste.ledger import Mark
from wizard.paste.lines import HEADING_WORDS, cell_doubts, line_role, unplaced
from wizard.paste.noise import noise, trim_captions
from wizard.paste.rows import RawRow, set_field
from wizard.paste.vocabulary import IGNORED, Role, is_type

BASE64 = re.compile(r"[A-Za-z0-9+/]+={0,2}")
KEY_TAIL = re.compile(r"(?:^|p=|\s)[A-Za-z0-9+/]{40,}$")
TAG_LIST = re.compile(r'^"?(v=DKIM1|v=DMARC1|k=\w+|p=|h=|t=)', re.I)
TAG_START = re.compile(r"[a-z]{1,8}=")
#: A wrapped line is a full line of the page: shorter, it was not wrapped.
WRAPPED = 40
Continuation = Literal["join", "no", "ambiguous"]


def looks_like_blocks(lines: list[tuple[int, str]]) -> bool:
    labels = [found for _, line in lines if (found := label(line)) and found.role != IGNORED]
    return len(labels) >= 2 and len(labels) * 4 >= len(lines)


@dataclass
class _Open:
    """The label being read and the lines under it so far."""

    role: Role
    text: str
    line: int
    parts: list[tuple[int, str]] = field(default_factory=list)
    #: A sentence ending in ':' (see `Label.sentence`): its line is a label once its value
    #: comes, else prose.
    sentence: bool = False


Event = RawRow | Finding | Mark


class _Reader:
    """The row being filled and the label being read, across the blank lines of a region."""

    def __init__(self) -> None:
        self.row: RawRow | None = None
        self.current: _Open | None = None
        #: Fields of the row given by a loose label ("Domain"), and that label's line and words.
        self.weak: dict[Role, tuple[int, str]] = {}

    def end_value(self) -> Iterator[Event]:
        current, self.current = self.current, None
        if current is not None and current.sentence and not current.parts:
            yield Mark(current.line, "prose", current.text)
            if self.row is not None and current.line in self.row.span:
                self.row.span.remove(current.line)
        elif current is not None:
            yield from _close(current, self.row)

    def end_row(self) -> Iterator[Event]:
        yield from self.end_value()
        if self.row is not None:
            yield self.row
            self.row = None
            self.weak = {}

    def on_label(self, number: int, found: Label) -> Iterator[Event]:
        yield from self.end_value()
        role = found.role
        if role == IGNORED:
            yield Mark(number, "ignored", found.text)
            parts = [(number, found.inline)] if found.inline else []
            self.current = _Open(role, found.text, number, parts)
            return
        if self.row is not None and getattr(self.row, role) is not None:
            if role in self.weak and not found.weak:
                line, text = self.weak.pop(role)
                yield Mark(line, "ignored", text)  # "Domain" gave way to "CNAME Record Name"
                setattr(self.row, role, None)
            else:
                yield from self.end_row()
        if self.row is None:
            self.row = RawRow(number)
        elif number != self.row.line:
            self.row.span.append(number)
        if found.weak:
            self.weak[role] = (number, found.text)
        if found.rtype and not self.row.type:
            self.row.type = found.rtype
        if found.inline:
            yield from cell_doubts(number, found.inline, role)
            self.current = _Open(role, found.text, number, [(number, _clean(found.inline))])
        elif found.sentence:
            self.current = _Open(role, found.text, number, sentence=True)
        else:
            yield Mark(number, "label", found.text)
            self.current = _Open(role, found.text, number)

    def on_line(self, number: int, line: str) -> Iterator[Event]:
        current = self.current
        text = line.strip()
        if "\t" in text:  # "pm-bounces⇥Copy": the value's cell and a caption's cell
            cells = [c.strip() for c in text.split("\t") if c.strip()]
            kept = [c for c in cells if noise(c) is None]
            if len(kept) == 1 and len(cells) > 1:
                for cell in cells:
                    if cell != kept[0]:
                        yield _beside(number, cell)
                text = kept[0]
        if current is not None and current.sentence and not current.parts:
            if " " in text or noise(text) is not None:
                yield from self.end_value()  # the sentence was prose: the line is read anew
                yield from self.on_line(number, line)
                return
            yield Mark(current.line, "label", current.text)
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


def _beside(number: int, cell: str) -> Finding:
    kind = noise(cell) or "caption"
    return Finding(
        "info",
        kind,
        f"Line {number}: {cell!r} beside the value was read as a {kind}, not part of it.",
        line=number,
        field="value",
    )


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
