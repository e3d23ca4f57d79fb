"""One record from fields a person typed or corrected, checked exactly as the paste reader checks.

The TUI's correction table calls this for every edit, so a record typed by hand meets the same
rules (name, type, TTL, priority and the value's own grammar) as one read from a vendor's page.
"""

from __future__ import annotations

from dataclasses import dataclass

from wizard.model.names import normalize_name
from wizard.model.records import Finding, Record
from wizard.paste.build import RowError, build_record
from wizard.paste.rows import RawRow
from wizard.paste.values import value_finding


@dataclass(frozen=True)
class TypedFields:
    """A record's fields as text, as a person types them (blank TTL: the host's default)."""

    type: str
    name: str
    value: str
    ttl: str = ""
    priority: str = ""


def read_fields(
    fields: TypedFields, domain: str | None, line: int | None = None
) -> tuple[Record | None, list[Finding]]:
    """The record these fields make, or None and the error findings that say why not."""
    row = RawRow(
        line=line or 0,
        type=fields.type,
        name=fields.name,
        value=fields.value,
        ttl=fields.ttl or None,
        priority=fields.priority or None,
    )
    try:
        record, findings = build_record(row, normalize_name(domain) if domain else None)
    except RowError as err:
        return None, [err.finding]
    bad_value = value_finding(record, line)
    if bad_value is not None:
        return None, [bad_value]
    return record, findings
