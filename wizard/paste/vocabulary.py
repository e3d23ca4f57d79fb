"""The words vendors' pages use: column headers and labels, record types, TTL spellings.

One place for them, so a table header, a `Label:` line and a JSON key are read the same way.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from wizard.model.records import RECORD_TYPES

Field = Literal["type", "name", "value", "ttl", "priority", "weight", "port", "service", "protocol"]
#: A column or label that is not part of a DNS record (Status, Purpose, Notes, "#"...).
IGNORED: Literal["ignored"] = "ignored"
Role = Field | Literal["ignored"]

#: Whole header texts whose meaning a keyword can't give.
EXACT: dict[str, Role] = {
    "record": "type",
    "kind": "type",
    "rr": "type",
    "#": IGNORED,
    "no": IGNORED,
    "no.": IGNORED,
    "id": IGNORED,
    "": IGNORED,
    "enter this value": "value",
    "goes to": "value",
    "points to": "value",
    "pointsto": "value",
    "txt value": "value",
    "pref": "priority",
    "mx priority": "priority",
    "domain": "name",
    "subdomain": "name",
    "record name": "name",
    "name": "name",
}
#: Keyword -> role; a header is read by the one family its words belong to.
KEYWORDS: dict[str, Role] = {
    **dict.fromkeys(
        "status state purpose note notes comment comments description added verified "
        "valid current found detected action actions category usage "
        "check checked result results step done reason group groupid".split(),
        IGNORED,
    ),
    **dict.fromkeys("ttl live".split(), "ttl"),
    **dict.fromkeys("priority preference".split(), "priority"),
    "weight": "weight",
    "port": "port",
    "service": "service",
    "protocol": "protocol",
    **dict.fromkeys("type".split(), "type"),
    **dict.fromkeys(
        "value values points data content target answer destination address text".split(),
        "value",
    ),
    **dict.fromkeys("name host hostname alias hostnames".split(), "name"),
}
TYPE_WORDS = frozenset(RECORD_TYPES) | {"PTR", "SOA", "DS", "SPF", "HTTPS", "SVCB", "TLSA"}
CLASS_WORDS = frozenset({"IN", "CH", "HS"})
#: What a Status or Purpose column holds; never read as a DNS name in a table without header.
STATUS_WORDS = frozenset(
    "verified unverified pending active inactive valid invalid failed failing missing "
    "ok yes no required optional recommended done not verified not started in place "
    "not found found mismatch error warning ✓ ✔ ✗ ✘".split()
) | {"not verified", "not started", "in place", "not found", "not_started", "needs attention"}

TTL_UNITS: dict[str, int] = {
    **dict.fromkeys(["s", "sec", "secs", "second", "seconds"], 1),
    **dict.fromkeys(["m", "min", "mins", "minute", "minutes"], 60),
    **dict.fromkeys(["h", "hr", "hrs", "hour", "hours"], 3600),
    **dict.fromkeys(["d", "day", "days"], 86400),
    **dict.fromkeys(["w", "wk", "week", "weeks"], 604800),
}
#: TTL words that mean "whatever the DNS host uses".
AUTO_TTL = frozenset({"auto", "automatic", "default", "auto (recommended)"})
TTL_PATTERN = re.compile(r"(\d+|1/2)\s*([a-z]*)")


@lru_cache(maxsize=4096)
def header_role(cell: str) -> Role | None:
    """The record field a header cell, label or JSON key names; None when it names none."""
    text = _normal(cell)
    if text in EXACT:
        return EXACT[text]
    outside = _normal(re.sub(r"\([^)]*\)", " ", text))
    role = _by_keywords(outside) if outside else None
    if role is None and "(" in text:
        role = _by_keywords(_normal(" ".join(re.findall(r"\(([^)]*)\)", text))))
    return role


def _normal(cell: str) -> str:
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", cell.strip())  # pointsTo, recordType
    text = re.sub(r"[\s_*:?\-]+", " ", text.lower())
    return text.strip()


#: Words of a sentence, never of a column name: "Add this at your DNS host:" names no column.
SENTENCE_WORDS = frozenset(
    "add your the following copy paste click it these below above please should must will "
    "you we our then and make sure".split()
)


def _by_keywords(text: str) -> Role | None:
    words = re.findall(r"[a-z0-9#]+", text)
    if len(words) > 6 or SENTENCE_WORDS.intersection(words):
        return None
    roles = {KEYWORDS[w] for w in words if w in KEYWORDS}
    if IGNORED in roles:
        return IGNORED
    if len(roles) == 1:
        return roles.pop()
    if roles == {"ttl", "name"} and "live" in words:
        return "ttl"
    return None


@lru_cache(maxsize=4096)
def split_type(cell: str) -> tuple[str, str | None] | None:
    """A record type cell, with the MX priority some pages put beside it ("MX 10")."""
    match = re.fullmatch(r"([A-Za-z]+)(?:\s*\(?\s*(\d{1,5})\s*\)?)?", cell.strip())
    if match is None or match.group(1).upper() not in TYPE_WORDS:
        return None
    return match.group(1).upper(), match.group(2)


def is_type(cell: str) -> bool:
    return split_type(cell) is not None


@lru_cache(maxsize=4096)
def ttl_seconds(text: str) -> int | None:
    """Seconds for a TTL spelling ("3600", "1 Hour", "1h", "300 seconds"); None if not one."""
    lowered = text.strip().lower()
    match = TTL_PATTERN.fullmatch(lowered)
    if match is None:
        return None
    number, unit = match.groups()
    if unit not in TTL_UNITS and unit != "":
        return None
    scale = TTL_UNITS.get(unit, 1)
    seconds = scale // 2 if number == "1/2" else int(number) * scale
    return seconds if 0 < seconds <= 2_147_483_647 else None


def is_ttl(text: str) -> bool:
    return text.strip().lower() in AUTO_TTL or ttl_seconds(text) is not None


def is_status(text: str) -> bool:
    return text.strip().lower() in STATUS_WORDS
