"""Text in, `(records, findings)` out: whatever shape the vendor's page gave the records in.

Shapes: tables split by tabs, runs of spaces, pipes (Markdown or not) or commas, with a header
in the vendors' own words or none (each column is then typed by what it holds); `Label: value`
blocks, labels on their own line and values wrapped across lines; BIND zone-file lines (read by
dnspython); and vendors' API JSON. A column that is no record field (Status, Purpose) is named
in a finding and kept out of every value. Nothing is changed silently: each doubt is a Finding
on its line, and a value the vendor did not give is never produced.

Values: a TXT value is the text itself (presentation quotes dropped, split strings joined); a
CNAME, MX or NS target has no trailing dot and MX keeps its priority in `priority`. An SRV
record keeps its priority in `priority` and "weight port target" in `value`, so its
presentation form is f"{priority} {value}"; a CAA value is dnspython's presentation form,
`0 issue "amazon.com"`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from wizard.model.names import normalize_name
from wizard.model.records import Finding, Record
from wizard.paste.blocks import block_rows, looks_like_blocks
from wizard.paste.build import RowError, build_record
from wizard.paste.cleaning import clean_line
from wizard.paste.columns import table_rows
from wizard.paste.consistency import check_set
from wizard.paste.jsonshapes import json_rows
from wizard.paste.rows import RawRow
from wizard.paste.values import sound_records
from wizard.paste.zonefile import looks_like_zone, zone_rows

__all__ = ["parse_paste", "parse_paste_lines"]


def parse_paste(text: str, domain: str | None = None) -> tuple[list[Record], list[Finding]]:
    """Read every record in `text`; relative names are completed with `domain`."""
    records, findings = parse_paste_lines(text, domain)
    return [r for _, r in records], findings


def parse_paste_lines(
    text: str, domain: str | None = None
) -> tuple[list[tuple[int, Record]], list[Finding]]:
    """`parse_paste`, each record with the paste line it starts on (for correcting it in place)."""
    findings: list[Finding] = []
    domain = normalize_name(domain) if domain else None
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        cleaned, line_findings = clean_line(raw, number)
        findings.extend(line_findings)
        lines.append((number, cleaned))
    filled = [(n, line) for n, line in lines if line.strip()]
    if not filled:
        findings.append(
            Finding(
                "error",
                "no-records",
                "No records found: paste the records from the vendor's page.",
                1,
            )
        )
        return [], findings
    records = _records(_rows(lines, filled, domain), domain, findings)
    if not records and not any(f.level == "error" for f in findings):
        findings.append(
            Finding("error", "no-records", "No records found in what was pasted.", filled[0][0])
        )
    findings.sort(key=lambda f: (f.line or 0, f.level != "error"))
    return records, findings


def _rows(
    lines: list[tuple[int, str]], filled: list[tuple[int, str]], domain: str | None
) -> Iterable[RawRow | Finding]:
    first_number, first_line = filled[0]
    if first_line.lstrip().startswith(("[", "{")):
        body = "\n".join(line for n, line in lines if n >= first_number)
        return json_rows(body, first_number)
    if looks_like_zone(filled):
        return zone_rows([(n, line) for n, line in lines if n >= first_number], domain)
    if looks_like_blocks(filled):
        return block_rows(filled)
    return table_rows(filled, domain)


def _records(
    rows: Iterable[RawRow | Finding], domain: str | None, findings: list[Finding]
) -> list[tuple[int, Record]]:
    records: list[tuple[int, Record]] = []
    seen: set[tuple[str, str, str, int | None]] = set()
    for row in rows:
        if isinstance(row, Finding):
            findings.append(row)
            continue
        try:
            record, row_findings = build_record(row, domain)
        except RowError as err:
            findings.append(err.finding)
            continue
        findings.extend(row_findings)
        records.append((row.line, record))
    records = sound_records(records, findings)
    findings.extend(check_set(records, domain))
    unique: list[tuple[int, Record]] = []
    for line, record in records:
        key = (record.name, record.type, record.value, record.priority)
        if key not in seen:
            seen.add(key)
            unique.append((line, record))
    return unique
