"""BIND zone-file lines: $ORIGIN, $TTL, relative names, class IN, ( multi-line ) records."""

from __future__ import annotations

import re
from collections.abc import Iterator

from wizard.model.records import Finding
from wizard.paste.rows import CLASS_WORDS, RawRow, is_type, not_a_record, tokens

TTL_TOKEN = re.compile(r"^\d+[smhdwSMHDW]?$")


def looks_like_zone(lines: list[tuple[int, str]]) -> bool:
    for _, line in lines:
        head = line.lstrip()
        if head.startswith(("$ORIGIN", "$TTL")):
            return True
        words = tokens(_strip_comment(line))
        if any(w.upper() in CLASS_WORDS for w in words[:3]) and any(is_type(w) for w in words[:4]):
            return True
    return False


def _strip_comment(line: str) -> str:
    in_quote, escaped = False, False
    for i, ch in enumerate(line):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == '"':
            in_quote = not in_quote
        elif ch == ";" and not in_quote:
            return line[:i]
    return line


def _entries(lines: list[tuple[int, str]]) -> Iterator[tuple[int, str, bool]]:
    """Logical entries (parentheses joined): (first line, text, starts with blank owner)."""
    buffer: list[str] = []
    start, blank_owner, depth = 0, False, 0
    for number, raw in lines:
        text = _strip_comment(raw)
        if not buffer:
            if not text.strip():
                continue
            start, blank_owner = number, raw[:1] in (" ", "\t")
        depth += _paren_balance(text)
        buffer.append(text.replace("(", " ").replace(")", " ") if depth >= 0 else text)
        if depth <= 0:
            yield start, " ".join(buffer), blank_owner
            buffer, depth = [], 0
    if buffer:
        yield start, " ".join(buffer), blank_owner


def _paren_balance(text: str) -> int:
    balance, in_quote = 0, False
    for ch in text:
        if ch == '"':
            in_quote = not in_quote
        elif not in_quote:
            balance += (ch == "(") - (ch == ")")
    return balance


def zone_rows(lines: list[tuple[int, str]], domain: str | None) -> Iterator[RawRow | Finding]:
    origin = domain
    default_ttl: str | None = None
    owner: str | None = None
    for number, text, blank_owner in _entries(lines):
        words = tokens(text)
        if not words:
            continue
        if words[0].upper() == "$ORIGIN":
            origin = words[1].rstrip(".").lower() if len(words) > 1 else origin
            continue
        if words[0].upper() == "$TTL":
            default_ttl = words[1] if len(words) > 1 else default_ttl
            continue
        if words[0].startswith("$"):
            yield Finding(
                "warning",
                "unsupported-directive",
                f"Line {number}: {words[0]} is not supported here and was skipped.",
                line=number,
            )
            continue
        if not blank_owner:
            owner, words = words[0], words[1:]
        ttl = default_ttl
        while words and not is_type(words[0]):
            word = words.pop(0)
            if TTL_TOKEN.match(word):
                ttl = word
            elif word.upper() not in CLASS_WORDS:
                words = []
        if not words or owner is None:
            yield not_a_record(number, text)
            continue
        rtype, rdata = words[0].upper(), words[1:]
        row = RawRow(number, type=rtype, name=owner, ttl=ttl, zone_syntax=True, origin=origin)
        if rtype == "MX" and len(rdata) >= 2:
            row.priority, rdata = rdata[0], rdata[1:]
        if rtype == "TXT":
            text_value = _txt_strings(rdata)
            if text_value is None:
                yield Finding(
                    "error",
                    "unclosed-quote",
                    f"Line {number}: a quote in the TXT value is not closed.",
                    line=number,
                    field="value",
                )
                continue
            row.value, row.value_is_text = text_value, True
        else:
            row.value = " ".join(rdata) if rdata else None
        yield row


def _txt_strings(words: list[str]) -> str | None:
    """Join a TXT record's character strings, unescaping \\" and \\DDD; None when unbalanced."""
    parts: list[str] = []
    for word in words:
        if word.startswith('"'):
            if len(word) < 2 or not word.endswith('"') or word.endswith('\\"') and len(word) == 2:
                return None
            parts.append(unescape(word[1:-1]))
        else:
            parts.append(unescape(word))
    return "".join(parts)


def unescape(text: str) -> str:
    return re.sub(
        r"\\(\d{3}|.)",
        lambda m: chr(int(m.group(1))) if m.group(1).isdigit() else m.group(1),
        text,
    )
