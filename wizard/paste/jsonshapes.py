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
from wizard.paste.rows import RawRow, set_field
from wizard.paste.vocabulary import IGNORED, header_role, split_type


def json_rows(text: str, first_line: int) -> Iterator[RawRow | Finding]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Finding(
            "error",
            "bad-json",
            f"Line {first_line + exc.lineno - 1}: this looks like JSON but is not valid: "
            f"{exc.msg} (column {exc.colno}).",
            line=first_line + exc.lineno - 1,
        )
        return
    starts = _object_lines(text, first_line)
    objects: list[dict[str, Any]] = []
    _preorder(data, objects)
    line_of = {id(obj): starts[i] for i, obj in enumerate(objects) if i < len(starts)}
    found = False
    if isinstance(data, list):
        items = _item_lines(text, first_line)
        line_of.update({id(v): items[i] for i, v in enumerate(data) if i < len(items)})
    for item, where in _records(data, first_line, line_of):
        found = True
        if isinstance(item, Finding):
            yield item
        else:
            yield _row(item, where)
    if not found:
        yield Finding(
            "error",
            "bad-json",
            f"Line {first_line}: the JSON holds no record (an object with a type, name and value).",
            line=first_line,
        )


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


def _row(item: dict[str, Any], line: int) -> RawRow:
    row = RawRow(line, from_json=True)
    has_type = any(header_role(str(key)) == "type" and str(key) != "record" for key in item)
    for key, value in item.items():
        if value is None or isinstance(value, dict | list | bool):
            continue
        role = header_role(str(key))
        if str(key).lower() == "record" and (has_type or not split_type(str(value))):
            role = IGNORED  # Resend: "record" is the purpose (SPF, DKIM) beside "type"
        if role is None or role == IGNORED:
            continue
        if getattr(row, role) is None:
            set_field(row, role, str(value))
    return row


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


def _object_lines(text: str, first_line: int) -> list[int]:
    """The line each JSON object starts on, in the order the objects open."""
    return [line for line, ch in _outside_strings(text, first_line) if ch == "{"]


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
