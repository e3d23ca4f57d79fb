"""Text in, `(records, findings)` out: whatever shape the vendor's page gave the records in.

A paste is cut into regions (`regions.py`) at blank lines and where the shape changes, and each
region is read by its own reader, so a page may mix prose, headings, tables and label blocks.
Every non-empty line ends in one role in a ledger (`ledger.py`): part of a record, a header, a
heading, a caption, a status, prose… and a line no reader claimed is an error. Where the layout
allows two readings, the reader says so as an error naming both instead of choosing.

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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from wizard.model.names import normalize_name
from wizard.model.records import Finding, Record
from wizard.paste.blocks import block_rows
from wizard.paste.build import RowError, build_record
from wizard.paste.cleaning import clean_line
from wizard.paste.columns import table_rows
from wizard.paste.consistency import check_set
from wizard.paste.jsonshapes import json_rows
from wizard.paste.ledger import Ledger, LineRole, Mark
from wizard.paste.lines import heading_type, unplaced
from wizard.paste.regions import Region, split_regions
from wizard.paste.rows import RawRow
from wizard.paste.values import sound_records
from wizard.paste.zonefile import zone_region

__all__ = ["Reading", "parse_paste", "parse_paste_lines", "read_paste"]

Event = RawRow | Finding | Mark


@dataclass(frozen=True)
class Reading:
    """What a paste was read as: the records, the findings, and each non-empty line's role."""

    records: list[Record]
    findings: list[Finding]
    ledger: Mapping[int, LineRole]
    #: Each record with the paste line it starts on (for correcting it in place).
    located: list[tuple[int, Record]]


def parse_paste(text: str, domain: str | None = None) -> tuple[list[Record], list[Finding]]:
    """Read every record in `text`; relative names are completed with `domain`."""
    reading = read_paste(text, domain)
    return reading.records, reading.findings


def parse_paste_lines(
    text: str, domain: str | None = None
) -> tuple[list[tuple[int, Record]], list[Finding]]:
    """`parse_paste`, each record with the paste line it starts on (for correcting it in place)."""
    reading = read_paste(text, domain)
    return reading.located, reading.findings


def read_paste(text: str, domain: str | None = None) -> Reading:
    """Read `text` region by region, accounting for every non-empty line in the ledger."""
    findings: list[Finding] = []
    domain = normalize_name(domain) if domain else None
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        cleaned, line_findings = clean_line(raw, number)
        findings.extend(line_findings)
        lines.append((number, cleaned))
    filled = [(n, line) for n, line in lines if line.strip()]
    ledger = Ledger()
    if not filled:
        findings.append(
            Finding(
                "error",
                "no-records",
                "No records found: paste the records from the vendor's page.",
                1,
            )
        )
        return Reading([], findings, ledger.roles(), [])
    events = (event for region in split_regions(lines) for event in _read(region, domain))
    records = _records(events, domain, findings, ledger)
    ledger.close(filled, findings)
    if not records and not any(f.level == "error" for f in findings):
        findings.append(
            Finding(
                "error",
                "no-records",
                f"Line {filled[0][0]}: no records found in what was pasted.",
                filled[0][0],
            )
        )
    findings.sort(key=lambda f: (f.line or 0, f.level != "error"))
    return Reading([r for _, r in records], findings, ledger.roles(), records)


def _typed_by_heading(line: int, heading: tuple[int, str]) -> Finding:
    return Finding(
        "info",
        "type-from-heading",
        f"Line {line}: no record type was given beside the record; read as {heading[1]}, the "
        f"type the heading on line {heading[0]} names.",
        line=line,
        field="type",
    )


def _read(region: Region, domain: str | None) -> Iterable[Event]:
    """The reader for the region's shape."""
    lines = list(region.lines)
    if region.kind == "json":
        return json_rows(lines)
    if region.kind == "zone":
        return zone_region(lines, domain)
    if region.kind == "labels":
        return block_rows(lines)
    if region.kind == "table":
        return table_rows(lines, domain)
    return (unplaced(number, line) for number, line in lines)


def _records(
    events: Iterable[Event], domain: str | None, findings: list[Finding], ledger: Ledger
) -> list[tuple[int, Record]]:
    """Records from the readers' rows: each built and checked, then checked as a set.

    The one place a record is made. Each value is then checked by its type's grammar
    (`sound_records`): a record it drops has its lines marked refused below."""
    records: list[tuple[int, Record]] = []
    lines_of: dict[int, list[int]] = {}
    heading: tuple[int, str] | None = None  # the type the last heading gives, and its line
    for event in events:
        if isinstance(event, Mark):
            ledger.mark(event)
            if event.role == "heading":
                given = heading_type(event.text)
                heading = (event.line, given) if given else None
            continue
        if isinstance(event, Finding):
            findings.append(event)
            continue
        if heading is not None and not (event.type or "").strip():
            event.type = heading[1]
            findings.append(_typed_by_heading(event.line, heading))
        lines = [event.line, *event.span]
        try:
            record, row_findings = build_record(event, domain)
        except RowError as err:
            findings.append(err.finding)
            ledger.mark_lines(lines, "refused")
            continue
        findings.extend(row_findings)
        records.append((event.line, record))
        lines_of[id(record)] = lines
    records = sound_records(records, findings)
    kept = {id(record) for _, record in records}
    for made, lines in lines_of.items():
        ledger.mark_lines(lines, "record" if made in kept else "refused")
    findings.extend(check_set(records, domain))
    unique: list[tuple[int, Record]] = []
    seen: set[tuple[str, str, str, int | None]] = set()
    for line, record in records:
        key = (record.name, record.type, record.value, record.priority)
        if key not in seen:
            seen.add(key)
            unique.append((line, record))
    return unique
