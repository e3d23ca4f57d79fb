"""Why a stray word sits in a value: the hint a person needs to see what was glued on.

Copied pages put a Status column, a block's heading or a caption right after a value. The
grammar modules name the stray word and, when it is one of these, say where it came from.
"""

from __future__ import annotations

import re

#: Words of a Status column (what the vendor's page says of each record).
STATUS = frozenset(
    "verified unverified pending active inactive valid invalid failed failing missing "
    "ok done required optional recommended found mismatch error warning".split()
)
#: Headings and captions that sit above or beside a record on vendors' pages.
HEADINGS = frozenset(
    "return-path dkim spf dmarc tracking bounce mx cname txt hostname host name type value "
    "copy copied domainkey verification".split()
)
#: A word glued to the end of a lower-case name or token: `comUnverified`, `IDAQABReturn-Path`.
CAMEL_TAIL = re.compile(r"(?<=[a-z0-9])([A-Z][a-z]+(?:-[A-Za-z]+)*)$")


def hint(word: str) -> str:
    """A question that names where `word` probably came from, or '' when nothing fits."""
    lowered = word.strip().lower()
    if lowered in STATUS or lowered.removeprefix("not").strip() in STATUS:
        return " Is it a status column?"
    if lowered in HEADINGS or any(part in HEADINGS for part in re.split(r"[-\s]", lowered)):
        return " Is it a heading or label from the page?"
    return ""


def glued_tail(text: str) -> str | None:
    """The capitalised word glued to the end of a lower-case `text` (`comVerified` → `Verified`)."""
    match = CAMEL_TAIL.search(text)
    return match.group(1) if match else None
