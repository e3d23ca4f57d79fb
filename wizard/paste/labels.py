"""What a label line is: `Host: links`, `Host⇥links`, a label alone on its line, or a sentence
that ends by naming the field on the next line ("…for the following hostname:").

A label may name a record type as well as a field ("CNAME Record Name", "TXT record value"),
and may name its field only loosely ("Domain" beside "CNAME Record Name"). A label whose words
name no record field ("Selected domain: example.com") is an ignored field, named as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wizard.model.records import RECORD_TYPES
from wizard.paste.noise import noise
from wizard.paste.vocabulary import IGNORED, Role, header_role

LABELED = re.compile(r"^\s*([A-Za-z#][A-Za-z0-9 _/()*#?.-]{0,48}?)\s*:(?:\s+(.*?))?\s*$")
#: Ignored labels that may stand alone on their line (a Status value must not look like one).
ALONE_IGNORED = re.compile(r"\b(status|purpose|notes?|comments?|description)\b", re.I)
#: A label of a few plain words that names no record field ("Selected domain", "Active").
PLAIN_LABEL = re.compile(r"[A-Z][A-Za-z]*(?: [A-Za-z]+){0,3}")
#: Words that name a field loosely: the field is theirs only when no other label gives it.
WEAK = frozenset({"domain", "subdomain", "record", "kind"})
#: The field a sentence ending in ':' names for the line after it.
SENTENCE_FIELDS: dict[str, Role] = {"hostname": "name", "host": "name", "value": "value"}


@dataclass(frozen=True)
class Label:
    """A label line: the field it names, its words, and the value on the same line if any."""

    role: Role
    text: str
    inline: str = ""
    #: The record type the label names too ("CNAME Record Name", "TXT value").
    rtype: str | None = None
    #: It names its field loosely ("Domain"): another label for the field replaces it.
    weak: bool = False
    #: A sentence ending in ':'; its value is the one word on the next line, or it is prose.
    sentence: bool = False


def label(line: str) -> Label | None:
    """The label a line is, or None."""
    if "\t" in line:
        cells = _cells(line)
        labeled = LABELED.match(cells[0])
        if len(cells) == 2 and noise(cells[1]) and labeled is not None and labeled.group(2):
            line = cells[0]  # "Host: links⇥Copy": a caption in a cell of its own
        else:
            return _tab_label(cells)
    match = LABELED.match(line)
    if match and not (match.group(2) or "").startswith("//"):
        head, inline = match.group(1).strip(), match.group(2) or ""
        role = header_role(head)
        if role is not None:
            return _made(role, head, inline)
        if inline and PLAIN_LABEL.fullmatch(head):
            return Label(IGNORED, head, inline)
    text = line.strip()
    sentence = _sentence(text)
    if sentence is not None:
        return sentence
    if not text or len(text) > 48 or "  " in text or "," in text:
        return None
    role = header_role(text)
    if role is None or (role == IGNORED and not ALONE_IGNORED.search(text)):
        return None
    return _made(role, text.rstrip(":").strip(), "")


def _made(role: Role, text: str, inline: str) -> Label:
    return Label(role, text, inline, type_word(text), text.lower() in WEAK)


def type_word(text: str) -> str | None:
    """The one record type a label's words name, written as a type is ("TXT", "CNAME")."""
    found = {w for w in re.findall(r"\b[A-Z]+\b", text) if w in RECORD_TYPES}
    return found.pop() if len(found) == 1 else None


def _cells(line: str) -> list[str]:
    """The tab-separated cells of a line, without the captions and statuses after them."""
    cells = [c.strip() for c in line.split("\t") if c.strip()] or [""]
    while len(cells) > 2 and noise(cells[-1]) is not None:
        cells.pop()
    return cells


def _tab_label(cells: list[str]) -> Label | None:
    """A row of a vertical two-column table: `Record type⇥CNAME`, `Points to⇥target`,
    `CNAME⇥target` (the type's own name labels its value), `Selector⇥sf1` (ignored)."""
    if len(cells) != 2 or len(cells[0]) > 48:
        return None
    head, value = cells
    if header_role(value) is not None and noise(value) is None:
        return None  # a header row of two columns
    role = header_role(head)
    rtype = type_word(head)
    if role is None and rtype is not None:
        role = "value"
    if role is None and PLAIN_LABEL.fullmatch(head):
        role = IGNORED
    if role is None:
        return None
    return Label(role, head, value, rtype, head.lower() in WEAK)


def _sentence(text: str) -> Label | None:
    """ "Create a TXT record … for the following hostname:": a sentence naming one field."""
    if not text.endswith(":") or len(text.split()) < 5:
        return None
    roles = {
        SENTENCE_FIELDS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in SENTENCE_FIELDS
    }
    if len(roles) != 1:
        return None
    return Label(roles.pop(), text.rstrip(":"), "", type_word(text), sentence=True)
