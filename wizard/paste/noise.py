"""What pages put beside records and is never part of one: captions, status words, glyphs.

A copy button's word (`Copy`, `Click to copy`), a verification status (`Unverified`,
`Not started`) or a status glyph (✓ ⚠ ✗) is copied with the record it sits beside; here it is
recognised, so a reader can name the line or cell and keep it out of every value.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

from wizard.paste.vocabulary import STATUS_WORDS

Noise = Literal["caption", "status"]

CAPTIONS = frozenset(
    {
        "copy",
        "copied",
        "copied!",
        "copy!",
        "click to copy",
        "copy to clipboard",
        "copy value",
        "copy all",
        "copy record",
        "copy name",
        "copy host",
        "copy code",
        "show more",
        "show less",
        "edit",
        "delete",
        "remove",
    }
)
#: Status phrases of more than one word, longest first, for reading a status out of a row.
STATUS_PHRASES = frozenset(w for w in STATUS_WORDS if " " in w) | {
    "not yet verified",
    "action required",
    "awaiting verification",
    "not connected",
    "not authenticated",
    "not authenticating",
    "not configured",
    "not set up",
    "not detected",
}
MORE_STATUS = frozenset(
    "unverified unknown checking propagating connected disconnected success warning "
    "not_started verifying complete incomplete authenticated configured".split()
)
#: The longest noise phrase, in words.
LONGEST = 3


def _is_glyph(text: str) -> bool:
    """A symbol with no letters or digits (✓ ⚠ ✗ ❌ ✅ •), with its emoji variation selector."""
    chars = [ch for ch in text if ch not in "\ufe0f\ufe0e"]
    return bool(chars) and all(unicodedata.category(ch) == "So" or ch in "•·" for ch in chars)


@lru_cache(maxsize=4096)
def noise(text: str) -> Noise | None:
    """What a cell, token run or whole line is when it is a caption or a status; else None."""
    lowered = re.sub(r"\s+", " ", text.strip().lower())
    if not lowered:
        return None
    if lowered in CAPTIONS:
        return "caption"
    if lowered in STATUS_WORDS or lowered in STATUS_PHRASES or lowered in MORE_STATUS:
        return "status"
    words = lowered.split(" ")
    if all(_is_glyph(w) for w in words):
        return "status"
    if len(words) > 1 and _is_glyph(words[0]) and noise(" ".join(words[1:])) is not None:
        return "status"  # "✓ Verified"
    return None


def is_noise(text: str) -> bool:
    return noise(text) is not None


@lru_cache(maxsize=4096)
def is_glyph(text: str) -> bool:
    return bool(text.strip()) and all(_is_glyph(w) for w in text.split())


def trim_captions(text: str) -> tuple[str, list[str]]:
    """The text without caption words or glyphs at its edges, and what was taken off.

    Only captions and glyphs are taken: a status word at a value's edge may be the value's own
    text, so the reader names it as a doubt instead (see `status_at_edge`)."""
    if " " not in text:
        return text, []
    words = text.split(" ")
    taken: list[str] = []
    while len(words) > 1:
        tail = _edge(words, from_end=True)
        if tail == 0:
            break
        taken.insert(0, " ".join(words[-tail:]))
        words = words[:-tail]
    while len(words) > 1:
        head = _edge(words, from_end=False)
        if head == 0:
            break
        taken.insert(0, " ".join(words[:head]))
        words = words[head:]
    return " ".join(words), taken


def _edge(words: list[str], from_end: bool) -> int:
    for size in range(min(LONGEST, len(words) - 1), 0, -1):
        part = words[-size:] if from_end else words[:size]
        phrase = " ".join(part)
        if phrase.lower() in CAPTIONS or is_glyph(phrase):
            return size
    return 0


def status_at_edge(text: str) -> str | None:
    """A status phrase that ends (or starts) a multi-word value: a doubt, never cut silently."""
    words = text.split()
    if len(words) < 2:
        return None
    for size in range(min(LONGEST, len(words) - 1), 0, -1):
        for part in (words[-size:], words[:size]):
            phrase = " ".join(part)
            if noise(phrase) == "status":
                return phrase
    return None


def noise_tail(words: list[str]) -> tuple[list[str], list[str]]:
    """The words of a row without the captions, glyphs and statuses after its value, and
    those, in order; a row keeps at least three words (type, name, value)."""
    tail: list[str] = []
    while len(words) > 3:
        size = next((k for k in (3, 2, 1) if noise(" ".join(words[-k:]))), 0)
        if not size:
            break
        tail.insert(0, " ".join(words[-size:]))
        words = words[:-size]
    return words, tail
