"""Checks across the records of one paste: what no single row can show is wrong."""

from __future__ import annotations

from wizard.model.records import Finding, Record


def check_set(records: list[tuple[int, Record]], domain: str | None) -> list[Finding]:
    """Checks across records: CNAME at the apex, CNAME beside other data, duplicates."""
    findings: list[Finding] = []
    by_name: dict[str, list[tuple[int, Record]]] = {}
    for line, record in records:
        by_name.setdefault(record.name, []).append((line, record))
    for name, group in by_name.items():
        cnames = [(line, r) for line, r in group if r.type == "CNAME"]
        for line, _ in cnames:
            if domain and name == domain:
                findings.append(
                    Finding(
                        "error",
                        "cname-at-apex",
                        f"Line {line}: a CNAME cannot sit at {domain} itself (the apex), because "
                        "the apex must also hold the domain's SOA and NS records. Check the name.",
                        line,
                        "name",
                    )
                )
        if cnames and len({(r.type, r.value) for _, r in group}) > 1:
            line = cnames[0][0]
            others: list[str] = sorted({r.type for _, r in group} - {"CNAME"}) or ["another CNAME"]
            findings.append(
                Finding(
                    "error",
                    "cname-with-other-data",
                    f"Line {line}: {name} has a CNAME and also {', '.join(others)}. A name with a "
                    "CNAME can hold nothing else.",
                    line,
                    "name",
                )
            )
    seen: dict[tuple[str, str, str, int | None], int] = {}
    for line, record in records:
        key = (record.name, record.type, record.value, record.priority)
        if key in seen:
            findings.append(
                Finding(
                    "warning",
                    "duplicate",
                    f"Line {line} repeats the record on line {seen[key]}; it will be written once.",
                    line,
                )
            )
        else:
            seen[key] = line
    return findings
