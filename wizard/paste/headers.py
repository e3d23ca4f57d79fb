"""A table's header row: which record field each column names, in the vendors' own words.

A header may be split by tabs, pipes, commas or runs of spaces, or written with single spaces
("Type Hostname Enter This Value Status"), whose words are grouped into the column names they
make. A column that is no record field (Status, Purpose, Notes, "#") is named once in a finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wizard.model.records import Finding
from wizard.paste.cells import Cell, Separator
from wizard.paste.noise import trim_captions
from wizard.paste.readings import Column, column
from wizard.paste.vocabulary import EXACT, IGNORED, Role, header_role, split_type

DATA_LIKE = re.compile(r"[=@\"]|\w\.\w|^\d+$")


@dataclass(frozen=True)
class Header:
    """The roles of a header row's columns, and where each column starts on the line."""

    roles: tuple[Role, ...]
    starts: tuple[int, ...]
    columns: tuple[Column, ...]


def read_header(
    cells: list[Cell], number: int, separator: Separator = "tab"
) -> tuple[Header, list[Finding]] | None:
    """The header a row is, with a finding for each column it ignores; None for data."""
    texts = [trim_captions(c.text)[0] for c in cells]
    if separator == "tokens":
        phrases = phrase_header(texts)
        if phrases is None:
            return None
        texts = phrases
    filled = [t for t in texts if t]
    if len(filled) < 2 or any(split_type(t) or DATA_LIKE.search(t) or len(t) > 48 for t in filled):
        return None
    roles = [header_role(t) for t in texts]
    fields = {r for r in roles if r is not None and r != IGNORED}
    if len(fields) < 2 or not fields & {"name", "value"}:
        return None
    findings: list[Finding] = []
    chosen: dict[Role, int] = {}  # field -> the column that gives it: a plain word beats
    for j, (text, role) in enumerate(zip(texts, roles, strict=True)):  # a loose synonym
        if role is not None and role != IGNORED:
            if role not in chosen or (weak(texts[chosen[role]]) and not weak(text)):
                chosen[role] = j
    seen = {role: texts[j] for role, j in chosen.items()}
    final: list[Role] = []
    for j, (text, role) in enumerate(zip(texts, roles, strict=True)):
        if role is not None and role != IGNORED and chosen.get(role) == j:
            final.append(role)
            continue
        final.append(IGNORED)
        if not text:
            continue
        reason = (
            f"the {seen[role]} column already gives the record's {role}"
            if role is not None and role != IGNORED
            else "it is not part of a DNS record"
        )
        findings.append(
            Finding(
                "info",
                "ignored-column",
                f"Line {number}: {text} column ignored: {reason}.",
                line=number,
                field=text,
            )
        )
    starts = tuple(c.start for c in cells) if separator != "tokens" else ()
    columns = tuple(column(role, text) for role, text in zip(final, texts, strict=True))
    return Header(tuple(final), starts, columns), findings


#: Header words that name a field only loosely: "Record" beside "Type" is the record's purpose,
#: "Domain" beside "Host" is the domain the page is about.
WEAK = frozenset({"record", "kind", "rr", "domain", "subdomain"})


def weak(text: str) -> bool:
    return text.strip().lower().rstrip(":") in WEAK


def phrase_header(words: list[str]) -> list[str] | None:
    """A header written with single spaces ("Type Hostname Enter This Value Status"): its
    words grouped into the column names they make, or None when they make no header.

    Of the groupings where every group names a column and no record field is named twice,
    the one naming the most fields is taken, then the one whose groups are most often a
    single word or a whole header the vocabulary knows ("Enter This Value" over "Hostname
    Enter" + "This Value"); a tie is no header."""
    if not words or len(words) > 12:
        return None
    scored: list[tuple[tuple[int, int], tuple[str, ...]]] = []

    def walk(i: int, groups: list[str], roles: list[Role]) -> None:
        if i == len(words):
            fields = [r for r in roles if r != IGNORED]
            if len(fields) == len(set(fields)):
                known = sum(1 for g in groups if " " not in g or g.lower() in EXACT)
                scored.append(((len(fields), known), tuple(groups)))
            return
        for size in range(1, min(5, len(words) - i) + 1):
            phrase = " ".join(words[i : i + size])
            role = header_role(phrase)
            if role is not None and _coherent(words[i : i + size], role):
                walk(i + size, [*groups, phrase], [*roles, role])

    walk(0, [], [])
    if not scored:
        return None
    top = max(score for score, _ in scored)
    winners = {groups for score, groups in scored if score == top}
    return list(winners.pop()) if len(winners) == 1 else None


def _coherent(words: list[str], role: Role) -> bool:
    """No word of a column name names another field on its own ("Time to Live (TTL*) Record"
    is no column: "Record" names the type); words in parentheses are an aside."""
    depth = 0
    for word in words:
        depth += word.count("(")
        alone = header_role(word) if depth == 0 and len(words) > 1 else None
        depth = max(0, depth - word.count(")"))
        if alone is not None and alone != role:
            return False
    return True
