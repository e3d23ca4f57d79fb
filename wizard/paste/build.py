"""From raw rows to records: names completed, values read exactly, and every doubt a finding."""

from __future__ import annotations

import ipaddress
import re

from wizard.model.names import normalize_name
from wizard.model.records import RECORD_TYPES, Finding, Record, RecordType
from wizard.paste.inference import infer_type
from wizard.paste.rows import RawRow, tokens
from wizard.paste.vocabulary import AUTO_TTL, split_type, ttl_seconds

LABEL = re.compile(r"^(\*|[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)$")
#: How documentation writes "the domain itself" in a name column (Google's "Blank or @").
APEX_WORDS = frozenset({"blank or @", "@ or blank", "(blank) or @", "@ (blank)", "blank / @"})


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
    rtype = _record_type(row, findings)
    name = _name(row, domain, findings, rtype)
    ttl = _ttl(row)
    value, priority = _value(row, rtype)
    return Record(rtype, name, value, ttl, priority), findings


def _record_type(row: RawRow, findings: list[Finding]) -> RecordType:
    if not row.type or not row.type.strip():
        inferred = infer_type(row.value, row.line) if row.value else None
        if inferred is None:
            raise _error(
                row, "type", "missing-type", "the record type is missing (CNAME, TXT, MX…)."
            )
        row.type = inferred[0]
        findings.append(inferred[1])
    parsed = split_type(row.type)
    rtype = parsed[0] if parsed else row.type.strip().upper()
    if parsed and parsed[1] is not None:
        if row.priority and row.priority.strip() != parsed[1]:
            raise _error(
                row,
                "priority",
                "bad-priority",
                f"the type says {row.type.strip()!r} but the priority column says "
                f"{row.priority.strip()!r}.",
            )
        row.priority = parsed[1]
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


def _name(row: RawRow, domain: str | None, findings: list[Finding], rtype: RecordType) -> str:
    raw = (row.name or "").strip()
    if raw.lower() in APEX_WORDS:
        findings.append(
            Finding(
                "info",
                "apex-name",
                f"Line {row.line}: the name {raw!r} was read as @, the domain itself.",
                row.line,
                "name",
            )
        )
        raw = "@"
    if rtype == "SRV" and (row.service or row.protocol):
        raw = _srv_owner(row, raw, findings)
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


def _srv_owner(row: RawRow, raw: str, findings: list[Finding]) -> str:
    """_service._protocol.name from the Service, Protocol and Name columns of an SRV row."""
    labels = []
    for part, what in ((row.service, "service"), (row.protocol, "protocol")):
        text = (part or "").strip()
        if not text:
            raise _error(row, what, f"missing-{what}", f"the SRV record's {what} is missing.")
        if not text.startswith("_"):
            findings.append(
                Finding(
                    "info",
                    "srv-underscore",
                    f"Line {row.line}: the {what} {text!r} was written _{text}, as an SRV name "
                    "needs.",
                    row.line,
                    what,
                )
            )
            text = "_" + text
        labels.append(text)
    if raw in ("", "@"):
        return ".".join(labels)
    return ".".join([*labels, raw])


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
    if row.ttl is None or not row.ttl.strip() or row.ttl.strip().lower() in AUTO_TTL:
        return None
    seconds = ttl_seconds(row.ttl)
    if seconds is not None:
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
    priority = _number(row, "priority", row.priority) if rtype in ("MX", "SRV") else None
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
    if rtype == "CAA":
        return _caa(row, raw), None
    if rtype == "SRV":
        return _srv(row, raw, priority)
    if rtype == "MX":
        raw, priority = _mx(row, raw, priority)
    _check_name(row, raw, "value")
    if row.zone_syntax and not raw.endswith(".") and row.origin:
        raw = f"{raw}.{row.origin}"
    return raw.rstrip("."), priority


def _mx(row: RawRow, raw: str, priority: int | None) -> tuple[str, int]:
    """The MX target and its priority, from the priority column or the value ("10 mx.host")."""
    parts = raw.split()
    if len(parts) == 2 and parts[0].isdecimal():
        given = _number(row, "priority", parts[0])
        if priority is not None and given != priority:
            raise _error(
                row,
                "priority",
                "bad-priority",
                f"the value says priority {given} but the priority column says {priority}.",
            )
        return parts[1], given if given is not None else 0
    if priority is None:
        raise _error(
            row,
            "priority",
            "missing-priority",
            "an MX record needs a priority (a number such as 10).",
        )
    return raw, priority


def _srv(row: RawRow, raw: str, priority: int | None) -> tuple[str, int]:
    """An SRV value as "weight port target" with the priority apart, from one cell or columns."""
    parts = raw.split()
    if row.weight is not None or row.port is not None:
        parts = [row.weight or "", row.port or "", *parts]
    if len(parts) == 4 and priority is None:
        priority, parts = _number(row, "priority", parts[0]), parts[1:]
    elif len(parts) == 4 and parts[0] == str(priority):
        parts = parts[1:]
    if len(parts) != 3 or priority is None:
        raise _error(
            row,
            "value",
            "bad-srv",
            f"{raw!r} is not an SRV value: it needs a priority, a weight, a port and a target "
            "(such as 100 1 443 sipdir.online.lync.com).",
        )
    weight, port = _number(row, "weight", parts[0]), _number(row, "port", parts[1])
    target = parts[2]
    if target != ".":
        _check_name(row, target, "value")
    return f"{weight} {port} {target.rstrip('.') or '.'}", priority


def _caa(row: RawRow, raw: str) -> str:
    """A CAA value in the presentation form dnspython prints: flags tag "value"."""
    import dns.exception  # loaded only for CAA: `records` on other pastes starts without it
    import dns.rdata
    import dns.rdataclass

    try:
        return dns.rdata.from_text(dns.rdataclass.IN, "CAA", raw).to_text()
    except (dns.exception.DNSException, ValueError) as exc:
        raise _error(
            row,
            "value",
            "bad-caa",
            f"{raw!r} is not a CAA value ({exc}); it needs flags, a tag and a value, such as "
            '0 issue "letsencrypt.org".',
        ) from None


def _number(row: RawRow, field: str, text: str | None) -> int | None:
    if text is None or not text.strip():
        return None
    text = text.strip()
    if not text.isdecimal() or int(text) > 65535:
        raise _error(
            row,
            field,
            f"bad-{field}",
            f"the {field} {text!r} is not a number from 0 to 65535.",
        )
    return int(text)


def _txt_text(row: RawRow, raw: str) -> str:
    """A TXT value from a table: quotes are syntax, split strings are joined."""
    if not raw.startswith('"') or (row.from_json and not raw.endswith('"')):
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


def unescape(text: str) -> str:
    """Presentation escapes inside a quoted TXT string: \\" and \\DDD."""
    return re.sub(
        r"\\(\d{3}|.)",
        lambda m: chr(int(m.group(1))) if m.group(1).isdecimal() else m.group(1),
        text,
    )
