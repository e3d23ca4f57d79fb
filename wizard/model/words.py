"""Counts in plain words: "1 record", "4 records", never "4 record(s)"."""

from __future__ import annotations


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """`count` and the noun that goes with it; `plural` defaults to `singular` + "s"."""
    return f"{count} {singular if count == 1 else plural or singular + 's'}"
