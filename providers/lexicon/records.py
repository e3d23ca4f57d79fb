"""Records in and out of a dns-lexicon backend, as its row in the table says they travel.

A backend takes `(type, name, content)` and lists dicts with `type`, `name`, `content`, `ttl`,
`id` and, where it keeps one, a priority (`options.mx.priority`, `priority` or `prio`). Names come
back fully qualified, relative or as `@.zone`; targets with or without their trailing dot. This
module turns both ways between those and our Record, reading nothing in that the backend did
not say: a value it cannot read plainly is kept as the host gave it, so the read-back shows it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from providers.lexicon.table import LexiconHost
from wizard.model.names import normalize_name
from wizard.model.records import RECORD_TYPES, Record

#: Types whose value is a host name, sent with a trailing dot where the row says so.
TARGET_TYPES = frozenset({"CNAME", "MX", "NS"})


def content_for(host: LexiconHost, record: Record) -> str:
    """The content the backend is given for `record` (its TTL and priority travel apart)."""
    value = record.value
    if record.type in TARGET_TYPES:
        value = normalize_name(value) + ("." if host.target_dot else "")
    if record.type == "MX" and host.mx_priority == "content":
        value = f"{record.priority} {value}"
    if record.type == "TXT" and host.txt_quoted:
        value = f'"{value}"'
    return value


def record_from(host: LexiconHost, zone: str, item: Mapping[str, Any]) -> Record | None:
    """Our Record for one listed dict, or None for a type the wizard does not read (SOA…)."""
    rtype = str(item.get("type", "")).upper()
    if rtype not in RECORD_TYPES:
        return None
    name = _full_name(str(item.get("name", "")), zone)
    content = str(item.get("content", ""))
    priority = _priority(item)
    if rtype == "MX" and host.mx_priority == "content" and priority is None:
        first, _, rest = content.partition(" ")
        if first.isdigit() and rest:
            priority, content = int(first), rest
    if rtype in TARGET_TYPES:
        content = normalize_name(content)
    if (
        rtype == "TXT"
        and host.txt_quoted
        and len(content) >= 2
        and content[0] == content[-1] == '"'
    ):
        content = content[1:-1]
    ttl = item.get("ttl")
    held = int(ttl) if ttl not in (None, "") else None
    return Record(
        type=rtype,
        name=name,
        value=content,
        # Where a record has no TTL of its own (the zone's, or the host's automatic one), it
        # reads as none: what the plan asked for there, and what a revert puts back.
        ttl=None if held == host.automatic_ttl or not host.ttl_settable else held,
        priority=priority if rtype in ("MX", "SRV") else None,
    )


def _full_name(name: str, zone: str) -> str:
    """A listed name made fully qualified: `@`, `@.zone`, relative and absolute all read, and
    `.zone` too (lexicon's `_full_name("")`, as Vultr, Linode and OVH list the apex)."""
    text = normalize_name(name).lstrip(".")
    if text in ("", "@") or text == f"@.{zone}":
        return zone
    if text.startswith("@."):
        text = text[2:]
    if text == zone or text.endswith("." + zone):
        return text
    return f"{text}.{zone}"


def _priority(item: Mapping[str, Any]) -> int | None:
    options = item.get("options")
    if isinstance(options, Mapping):
        mx = options.get("mx")
        if isinstance(mx, Mapping) and mx.get("priority") not in (None, ""):
            return int(mx["priority"])
    for key in ("priority", "prio"):
        if item.get(key) not in (None, ""):
            return int(item[key])
    return None
