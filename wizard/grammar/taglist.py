"""The tag=value list that DKIM keys (RFC 6376 §3.2) and DMARC records (RFC 7489 §6.4) share.

`tag-spec *( ";" tag-spec ) [ ";" ]`, each `tag = value` with optional whitespace around; a tag
name is a letter then letters, digits or `_`; a value is printable ASCII without `;`, with
whitespace only between its words; a tag appears once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wizard.grammar._words import hint

TAG_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
VALUE = re.compile(r"^[\x21-\x3a\x3c-\x7e]+(?:[ \t\r\n]+[\x21-\x3a\x3c-\x7e]+)*$")


@dataclass(frozen=True)
class TagList:
    """The tags in the order given (names as written) and what was wrong reading them."""

    tags: tuple[tuple[str, str], ...]
    problems: tuple[str, ...]

    def get(self, name: str) -> str | None:
        return next((value for tag, value in self.tags if tag == name), None)

    @property
    def names(self) -> list[str]:
        return [tag for tag, _ in self.tags]


def read_tags(text: str, rfc: str) -> TagList:
    """The tags of `text`; `rfc` names the grammar in messages ("RFC 6376 §3.2")."""
    specs = text.strip().split(";")
    if specs and not specs[-1].strip():
        specs.pop()  # a trailing ";" is allowed
    tags: list[tuple[str, str]] = []
    problems: list[str] = []
    for spec in specs:
        if not spec.strip():
            problems.append(f"it has an empty item between two ';' ({rfc}).")
            continue
        if "=" not in spec:
            word = spec.strip()
            problems.append(f"{word!r} is not a tag=value pair ({rfc}).{hint(word)}")
            continue
        name, value = (part.strip() for part in spec.split("=", 1))
        if not TAG_NAME.match(name):
            problems.append(f"{name!r} is not a tag name ({rfc}): {spec.strip()!r}.")
            continue
        if name in (tag for tag, _ in tags):
            problems.append(f"the tag {name}= appears twice; each tag may appear once ({rfc}).")
            continue
        if value and not VALUE.match(value):
            odd = next((c for c in value if not ("\x21" <= c <= "\x7e" or c in " \t")), None)
            what = f"the character {odd!r}" if odd else "a character"
            problems.append(f"the {name}= value {value!r} has {what}, which a tag value cannot.")
            continue
        tags.append((name, value))
    return TagList(tuple(tags), tuple(problems))
