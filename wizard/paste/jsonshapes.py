"""Vendors' API JSON: lists of records, objects keyed by purpose, records nested anywhere.

SendGrid keys records by purpose (`{"mail_cname": {"host", "type", "data"}}`), Resend lists
`{record, name, type, value, ttl: "Auto"}` where `record` is the purpose, Mailgun says
`record_type`. Each object with a value and a name or type is one record.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from wizard.model.records import Finding
from wizard.paste.ledger import Mark
from wizard.paste.rows import RawRow, set_field
from wizard.paste.vocabulary import IGNORED, header_role, split_type


def json_rows(lines: list[tuple[int, str]]) -> Iterator[RawRow | Finding | Mark]:
    """The records of one JSON document; its other lines are marked as structure."""
    first_line = lines[0][0]
    text = "\n".join(line for _, line in lines)
    try:
        data, _ = json.JSONDecoder().raw_decode(text, len(text) - len(text.lstrip()))
    except json.JSONDecodeError as exc:
        where = first_line + exc.lineno - 1
        yield Finding(
            "error",
            "bad-json",
            f"Line {where}: this looks like JSON but is not valid: {exc.msg} (column {exc.colno}).",
            line=where,
        )
        for number, _ in lines:
            yield Mark(number, "refused")
        return
    spans = _object_spans(text, first_line)
    objects: list[dict[str, Any]] = []
    _preorder(data, objects)
    span_of = {id(obj): spans[i] for i, obj in enumerate(objects) if i < len(spans)}
    line_of = {key: span[0] for key, span in span_of.items()}
    found = False
    if isinstance(data, list):
        items = _item_lines(text, first_line)
        line_of.update({id(v): items[i] for i, v in enumerate(data) if i < len(items)})
    for item, where in _records(data, first_line, line_of):
        found = True
        if isinstance(item, Finding):
            yield item
            continue
        row, findings = _row(item, where)
        start, end = span_of.get(id(item), (where, where))
        row.span.extend(range(max(start, where) + 1, end + 1))
        yield from findings
        if any(f.level == "error" for f in findings):
            yield from (Mark(n, "refused") for n in [row.line, *row.span])
        else:
            yield row
    yield from _count_check(data, first_line, line_of)
    if not found:
        yield Finding(
            "error",
            "bad-json",
            f"Line {first_line}: the JSON holds no record (an object with a type, name and value).",
            line=first_line,
        )
    for number, _ in lines:
        yield Mark(number, "structure")  # a line already read into a record keeps that role


def _preorder(data: Any, out: list[dict[str, Any]]) -> None:
    if isinstance(data, dict):
        out.append(data)
        for value in data.values():
            _preorder(value, out)
    elif isinstance(data, list):
        for value in data:
            _preorder(value, out)


def _is_record(item: dict[str, Any]) -> bool:
    roles = {header_role(str(key)) for key, value in item.items() if not isinstance(value, dict)}
    return "value" in roles and bool(roles & {"name", "type"})


def _records(
    data: Any, first_line: int, line_of: dict[int, int]
) -> Iterator[tuple[dict[str, Any] | Finding, int]]:
    if isinstance(data, dict):
        if _is_record(data):
            yield data, line_of.get(id(data), first_line)
            return
        typed = _named_type(data)
        if typed is not None:
            where = line_of.get(id(data), first_line)
            yield (
                Finding(
                    "error",
                    "unread-json-record",
                    f"Line {where}: this object names a {typed} record but gives no name and "
                    "value this reader knows; it was not read. Add the record by hand.",
                    line=where,
                ),
                where,
            )
        for value in data.values():
            yield from _records(value, first_line, line_of)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            if isinstance(value, dict | list):
                yield from _records(value, first_line, line_of)
            elif all(not isinstance(v, dict | list) for v in data):
                return
            else:
                where = line_of.get(id(value), first_line)
                yield (
                    Finding(
                        "error",
                        "not-a-record",
                        f"Line {where}: item {index + 1} is not an object with type, name "
                        "and value.",
                        line=where,
                    ),
                    where,
                )


#: Keys that are a record field's own word; they win over compound keys such as `zone_name`.
PLAIN_KEYS = frozenset(
    "type name value content data ttl priority host target weight port service protocol".split()
)
#: Keys only Cloudflare's API puts in a record, where `"ttl": 1` means "automatic".
CLOUDFLARE_KEYS = frozenset({"proxied", "proxiable", "zone_id", "zone_name"})


def _named_type(item: dict[str, Any]) -> str | None:
    for key, value in item.items():
        if header_role(str(key)) == "type" and isinstance(value, str) and split_type(value):
            return value.upper()
    return None


def _row(item: dict[str, Any], line: int) -> tuple[RawRow, list[Finding]]:
    row = RawRow(line, from_json=True)
    findings: list[Finding] = []
    has_type = any(header_role(str(key)) == "type" and str(key) != "record" for key in item)
    given: dict[str, list[tuple[str, str]]] = {}
    for key, value in item.items():
        if value is None or isinstance(value, dict | list | bool):
            continue
        role = header_role(str(key))
        if str(key).lower() == "record" and (has_type or not split_type(str(value))):
            role = IGNORED  # Resend: "record" is the purpose (SPF, DKIM) beside "type"
        if role is None or role == IGNORED:
            continue
        given.setdefault(role, []).append((str(key), str(value)))
    for field_name, keyed in given.items():
        plain = [(k, v) for k, v in keyed if k.lower() in PLAIN_KEYS] or keyed
        if len({v for _, v in plain}) > 1:
            (k1, v1), (k2, v2) = plain[:2]
            findings.append(
                Finding(
                    "error",
                    "ambiguous-json",
                    f"Line {line}: the record's {field_name} is given twice, as {k1} {v1!r} "
                    f"and as {k2} {v2!r}. Correct the record by hand.",
                    line=line,
                    field=field_name,
                )
            )
        set_field(row, field_name, plain[0][1])
    if row.ttl == "1" and CLOUDFLARE_KEYS & {str(k).lower() for k in item}:
        row.ttl = None
        findings.append(
            Finding(
                "info",
                "automatic-ttl",
                f"Line {line}: TTL 1 is how Cloudflare's API says 'automatic'; read as the DNS "
                "host's default.",
                line=line,
                field="ttl",
            )
        )
    return row, findings


def _count_check(data: Any, first_line: int, line_of: dict[int, int]) -> Iterator[Finding]:
    """Cloudflare's `result_info` says how many records there are: a page short is said."""
    if not isinstance(data, dict) or not isinstance(data.get("result_info"), dict):
        return
    info = data["result_info"]
    count, total = info.get("count"), info.get("total_count")
    if isinstance(count, int) and isinstance(total, int) and total > count:
        where = line_of.get(id(info), first_line)
        yield Finding(
            "warning",
            "json-page",
            f"Line {where}: the JSON says there are {total} records and holds {count}: copy "
            "the other pages too.",
            line=where,
        )


def _object_spans(text: str, first_line: int) -> list[tuple[int, int]]:
    """(first line, last line) of each JSON object, in the order the objects open."""
    spans: list[list[int]] = []
    open_: list[int] = []
    for line, ch in _outside_strings(text, first_line):
        if ch == "{":
            open_.append(len(spans))
            spans.append([line, line])
        elif ch == "}" and open_:
            spans[open_.pop()][1] = line
    return [(a, b) for a, b in spans]


def _outside_strings(text: str, first_line: int) -> Iterator[tuple[int, str]]:
    """Each character outside JSON strings, with its line; a string shows as its opening quote."""
    line, in_string, escaped = first_line, False, False
    for ch in text:
        if ch == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            continue
        in_string = ch == '"'
        yield line, ch


def _item_lines(text: str, first_line: int) -> list[int]:
    """The line on which each item directly inside the top-level array starts."""
    lines: list[int] = []
    depth, expecting = 0, False
    for line, ch in _outside_strings(text, first_line):
        if expecting and not ch.isspace() and ch != "]":
            lines.append(line)
            expecting = False
        if ch in "[{":
            depth += 1
            expecting = depth == 1
        elif ch in "]}":
            depth -= 1
        elif ch == "," and depth == 1:
            expecting = True
    return lines
