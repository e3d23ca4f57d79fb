"""From raw rows to records: names completed, values read exactly, and every doubt a finding."""

from __future__ import annotations

import ipaddress
import re

from wizard.model.names import normalize_name
from wizard.model.records import RECORD_TYPES, Finding, Record, RecordType
from wizard.paste.rows import RawRow, tokens
from wizard.paste.zonefile import unescape

LABEL = re.compile(r"^(\*|[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)$")
TTL_WORDS = {
    "s": 1,
    "sec": 1,
    "second": 1,
    "m": 60,
    "min": 60,
    "minute": 60,
    "h": 3600,
    "hour": 3600,
    "d": 86400,
    "day": 86400,
    "w": 604800,
    "week": 604800,
}


class RowError(Exception):
    """A row that cannot become a record; carries the finding that says why."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def _error(row: RawRow, field: str, code: str, message: str) -> RowError:
    return RowError(Finding("error", code, f"Line {row.line}: {message}", row.line, field))


def build_record(row: RawRow, domain: str | None) -> tuple[Record, list[Finding]]:
    """One record from one row; raises RowError when a field can't be read."""
    findings: list[Finding] = []
    rtype = _record_type(row)
    name = _name(row, domain, findings)
    ttl = _ttl(row)
    value, priority = _value(row, rtype)
    return Record(rtype, name, value, ttl, priority), findings


def _record_type(row: RawRow) -> RecordType:
    if not row.type:
        raise _error(row, "type", "missing-type", "the record type is missing (CNAME, TXT, MX…).")
    rtype = row.type.strip().upper()
    if rtype == "SPF":
        raise _error(
            row,
            "type",
            "unsupported-type",
            "SPF records are obsolete; publish the SPF text as a TXT record instead.",
        )
    if rtype not in RECORD_TYPES:
        raise _error(
            row,
            "type",
            "unsupported-type",
            f"{row.type.strip()!r} is not a record type this wizard writes "
            f"({', '.join(RECORD_TYPES)}).",
        )
    return rtype


def _check_name(row: RawRow, name: str, field: str = "name") -> None:
    if "://" in name or "/" in name:
        raise _error(
            row, field, "bad-name", f"{name!r} looks like a web address; give only the host name."
        )
    if " " in name.strip():
        raise _error(row, field, "bad-name", f"{name!r} has a space in it; a DNS name cannot.")
    labels = name.rstrip(".").split(".")
    bad = next((label for label in labels if not LABEL.match(label)), None)
    if bad is not None:
        reason = "an empty part (two dots in a row)" if bad == "" else f"the part {bad!r}"
        raise _error(row, field, "bad-name", f"{name!r} is not a valid DNS name: {reason}.")


def _name(row: RawRow, domain: str | None, findings: list[Finding]) -> str:
    raw = (row.name or "").strip()
    if not raw:
        raise _error(row, "name", "missing-name", "the record's name (host) is missing.")
    if raw == "@":
        base = row.origin if row.zone_syntax else domain
        if not base:
            raise _needs_domain(row, raw)
        return normalize_name(base)
    _check_name(row, raw)
    if raw.endswith("."):
        name = normalize_name(raw)
    elif row.zone_syntax:
        if not row.origin:
            raise _needs_domain(row, raw)
        name = normalize_name(f"{raw}.{row.origin}")
    elif domain:
        lowered = normalize_name(raw)
        if lowered == domain or lowered.endswith("." + domain):
            name = lowered
        else:
            name = normalize_name(f"{raw}.{domain}")
            if "." in raw and not raw.split(".")[-1].startswith("_"):
                findings.append(
                    Finding(
                        "info",
                        "completed-name",
                        f"Line {row.line}: {raw!r} does not end in {domain}, so it was read as "
                        f"{name}. If it is a full name in another domain, give that one instead.",
                        row.line,
                        "name",
                    )
                )
    elif "." not in raw or raw.split(".")[-1].startswith("_"):
        raise _needs_domain(row, raw)
    else:
        name = normalize_name(raw)
    repeated = _repeated_suffix(name)
    if repeated:
        findings.append(
            Finding(
                "warning",
                "doubled-domain",
                f"Line {row.line}: {name} repeats {repeated}. Many DNS panels add the domain "
                f"themselves; the intended name is probably {name[: -len(repeated) - 1]}.",
                row.line,
                "name",
            )
        )
    return name


def _needs_domain(row: RawRow, raw: str) -> RowError:
    return _error(
        row,
        "name",
        "relative-name",
        f"{raw!r} is relative to your domain, and no domain was given. "
        "Say which domain it belongs to (--domain example.com).",
    )


def _repeated_suffix(name: str) -> str | None:
    labels = name.split(".")
    for size in range(len(labels) // 2, 1, -1):
        tail, before = labels[-size:], labels[-2 * size : -size]
        if tail == before:
            return ".".join(tail)
    return None


def _ttl(row: RawRow) -> int | None:
    if row.ttl is None or not row.ttl.strip():
        return None
    text = row.ttl.strip().lower()
    if text in ("auto", "automatic", "default"):
        return None
    match = re.fullmatch(r"(\d+)\s*([a-z]*?)s?", text)
    if match and (not match.group(2) or match.group(2) in TTL_WORDS):
        seconds = int(match.group(1)) * TTL_WORDS.get(match.group(2) or "s", 1)
        if 0 < seconds <= 2_147_483_647:
            return seconds
    raise _error(
        row,
        "ttl",
        "bad-ttl",
        f"the TTL {row.ttl.strip()!r} is not a number of seconds (such as 3600).",
    )


def _value(row: RawRow, rtype: RecordType) -> tuple[str, int | None]:
    raw = (row.value or "").strip()
    if not raw:
        raise _error(row, "value", "missing-value", "the record's value is missing.")
    priority = _priority(row, rtype)
    if rtype == "TXT":
        return (raw if row.value_is_text else _txt_text(row, raw)), None
    if rtype in ("A", "AAAA"):
        try:
            address = ipaddress.ip_address(raw)
        except ValueError:
            raise _error(
                row,
                "value",
                "bad-address",
                f"{raw!r} is not an IP address, which an {rtype} record needs.",
            ) from None
        if (address.version == 4) != (rtype == "A"):
            raise _error(
                row,
                "value",
                "bad-address",
                f"{raw} is an IPv{address.version} address; use "
                f"{'A' if address.version == 4 else 'AAAA'} for it.",
            )
        return raw, None
    if rtype == "MX" and priority is None:
        parts = raw.split()
        if len(parts) == 2 and parts[0].isdigit():
            priority, raw = int(parts[0]), parts[1]
        else:
            raise _error(
                row,
                "priority",
                "missing-priority",
                "an MX record needs a priority (a number such as 10).",
            )
    _check_name(row, raw, "value")
    if row.zone_syntax and not raw.endswith(".") and row.origin:
        raw = f"{raw}.{row.origin}"
    return raw.rstrip("."), priority


def _priority(row: RawRow, rtype: RecordType) -> int | None:
    if row.priority is None or not row.priority.strip():
        return None
    if rtype != "MX":
        return None
    text = row.priority.strip()
    if not text.isdigit() or int(text) > 65535:
        raise _error(
            row,
            "priority",
            "bad-priority",
            f"the priority {text!r} is not a number from 0 to 65535.",
        )
    return int(text)


def _txt_text(row: RawRow, raw: str) -> str:
    """A TXT value from a table: quotes are syntax, split strings are joined."""
    if not raw.startswith('"'):
        return raw
    parts = tokens(raw)
    if not all(p.startswith('"') and p.endswith('"') and len(p) >= 2 for p in parts):
        if raw.count('"') == 2 and raw.endswith('"'):
            return unescape(raw[1:-1])
        raise _error(
            row,
            "value",
            "unclosed-quote",
            "a quote in the TXT value is not closed; copy the whole value again.",
        )
    return "".join(unescape(p[1:-1]) for p in parts)


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
