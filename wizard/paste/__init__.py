"""Text in, `(records, findings)` out: whatever shape the vendor's page gave the records in.

Shapes: tab or wide-space tables (with or without a header, any column order), Markdown tables,
CSV, `Key: value` blocks, BIND zone-file lines, and JSON. Nothing is changed silently: each
doubt is a Finding on its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from wizard.model.names import normalize_name
from wizard.model.records import Finding, Record
from wizard.paste.build import RowError, build_record, check_set
from wizard.paste.cleaning import clean_line
from wizard.paste.rows import (
    RawRow,
    block_rows,
    csv_rows,
    json_rows,
    looks_like_blocks,
    looks_like_csv,
    markdown_rows,
    table_rows,
)
from wizard.paste.zonefile import looks_like_zone, zone_rows

__all__ = ["parse_paste"]


def parse_paste(text: str, domain: str | None = None) -> tuple[list[Record], list[Finding]]:
    """Read every record in `text`; relative names are completed with `domain`."""
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
    return [r for _, r in records], findings


def _rows(
    lines: list[tuple[int, str]], filled: list[tuple[int, str]], domain: str | None
) -> Iterable[RawRow | Finding]:
    first_number, first_line = filled[0]
    if first_line.lstrip().startswith(("[", "{")):
        body = "\n".join(line for n, line in lines if n >= first_number)
        return json_rows(body, first_number)
    if all(line.lstrip().startswith("|") for _, line in filled[:2]):
        return markdown_rows(filled)
    if looks_like_zone(filled):
        return zone_rows(filled, domain)
    if looks_like_csv(filled):
        return csv_rows(filled)
    if looks_like_blocks(filled):
        blank_after = {
            n
            for (n, line), (_, following) in zip(lines, lines[1:], strict=False)
            if line.strip() and not following.strip()
        }
        return block_rows(filled, blank_after)
    return table_rows(filled)


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
    findings.extend(check_set(records, domain))
    unique: list[tuple[int, Record]] = []
    for line, record in records:
        key = (record.name, record.type, record.value, record.priority)
        if key not in seen:
            seen.add(key)
            unique.append((line, record))
    return unique
