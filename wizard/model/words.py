"""Counts in plain words: "1 record", "4 records", never "4 record(s)" nor "1 records".

Every count the wizard shows a person (the CLI, the TUI, a plugin's progress line) goes through
these, so the same thing is counted the same way everywhere.
"""

from __future__ import annotations


def noun(count: int, singular: str, plural: str | None = None) -> str:
    """The noun that goes with `count`; `plural` defaults to `singular` + "s"."""
    return singular if count == 1 else plural or singular + "s"


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """`count` and the noun that goes with it: "1 record", "2 records", "0 records"."""
    return f"{count} {noun(count, singular, plural)}"


def all_of(count: int, singular: str, plural: str | None = None) -> str:
    """Every one of `count` things, as a sentence says it: "the record", "both records",
    "all 3 records" (capitalise at the start of a sentence)."""
    if count == 1:
        return f"the {singular}"
    if count == 2:
        return f"both {noun(2, singular, plural)}"
    return f"all {counted(count, singular, plural)}"


def part_of(part: int, total: int, singular: str, plural: str | None = None) -> str:
    """`part` of `total` things, the noun agreeing with the total: "0 of 1 record",
    "1 of 3 records"."""
    return f"{part} of {counted(total, singular, plural)}"


def is_are(count: int) -> str:
    """The verb for `count` things: "1 record is", "0 records are"."""
    return "is" if count == 1 else "are"


def capitalised(text: str) -> str:
    """The first letter raised, for a phrase that starts a sentence ("Both records are…")."""
    return text[:1].upper() + text[1:]
