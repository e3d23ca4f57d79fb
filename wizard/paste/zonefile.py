"""BIND zone-file lines, read by dnspython's tokenizer and rdata parser.

dnspython already knows `$ORIGIN`, `$TTL`, parentheses across lines, comments, `\\DDD` escapes
and multi-string TXT; we only keep each record's line and turn its errors into findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from wizard.model.records import RECORD_TYPES, Finding
from wizard.paste.ledger import Mark
from wizard.paste.lines import not_a_record
from wizard.paste.rows import RawRow, line_finding, tokens
from wizard.paste.vocabulary import CLASS_WORDS, is_type

if TYPE_CHECKING:
    import dns.name
    import dns.tokenizer

# dnspython loads only when a paste is a zone file: `records` on a table starts without it.


CLASS_WORD = re.compile(r"(?:^|\s)(?:IN|CH|HS)(?:\s|$)", re.I)


def looks_like_zone(lines: list[tuple[int, str]]) -> bool:
    for _, line in lines:
        head = line.lstrip()
        if head.startswith(("$ORIGIN", "$TTL")):
            return True
        if not CLASS_WORD.search(line):
            continue
        words = tokens(line.split(";", 1)[0])
        for i, word in enumerate(words[:3]):
            after = words[i + 1 : i + 3]
            if word.upper() in CLASS_WORDS and after and is_type(after[0]):
                return True  # name [ttl] IN CNAME ...
            if word.upper() in CLASS_WORDS and len(after) == 2 and after[0].isdecimal():
                if is_type(after[1]):
                    return True  # name IN 3600 CNAME ...
    return False


def zone_region(
    lines: list[tuple[int, str]], domain: str | None
) -> Iterator[RawRow | Finding | Mark]:
    """The records of zone-file lines; a record in parentheses spans its lines, and
    directives and comments are marked as structure. A heading, sentence, caption or status
    line between records (outside parentheses) is marked as what it is and not tokenized."""
    from wizard.paste.lines import line_role, record_words

    kept: list[tuple[int, str]] = []
    depth = 0
    for number, text in lines:
        role = line_role(text) if depth == 0 and text.strip() else None
        if role is not None and not record_words(text, number):
            yield Mark(number, role, text.strip())
            kept.append((number, ""))
            continue
        kept.append((number, text))
        code = re.sub(r'"(?:[^"\\]|\\.)*"', "", text).split(";", 1)[0]
        depth = max(0, depth + code.count("(") - code.count(")"))
    lines = kept
    for event in zone_rows(lines, domain):
        if isinstance(event, RawRow) and "(" in lines[event.line - lines[0][0]][1]:
            event.span.extend(_continued(lines, event.line))
        yield event
    for number, text in lines:
        if text.strip().startswith(("$", ";")):
            yield Mark(number, "structure", text.strip())


def _continued(lines: list[tuple[int, str]], start: int) -> list[int]:
    """The lines after `start` inside the parentheses its record opens."""
    depth = 0
    span: list[int] = []
    for number, text in lines:
        if number < start:
            continue
        if number > start:
            span.append(number)
        code = re.sub(r'"(?:[^"\\]|\\.)*"', "", text).split(";", 1)[0]
        depth += code.count("(") - code.count(")")
        if depth <= 0:
            break
    return span


def zone_rows(lines: list[tuple[int, str]], domain: str | None) -> Iterator[RawRow | Finding]:
    import dns.exception
    import dns.name
    import dns.tokenizer
    import dns.ttl

    text = "\n".join(line for _, line in lines)
    first = lines[0][0] if lines else 1
    tok = dns.tokenizer.Tokenizer(text)
    origin = dns.name.from_text(domain) if domain else None
    default_ttl: int | None = None
    owner: dns.name.Name | None = None
    failed_at = -1
    while True:
        try:
            token = tok.get(want_leading=True)
        except dns.exception.SyntaxError as exc:
            if tok.line_number == failed_at:
                return
            failed_at = tok.line_number
            yield _syntax(first + tok.line_number - 1, str(exc))
            _skip_line(tok)
            continue
        if token.is_eof():
            return
        if token.is_eol():
            continue
        number = first + tok.line_number - 1
        try:
            if token.is_whitespace():
                token = tok.get()
                if token.is_eol_or_eof():
                    continue
            elif token.value.startswith("$"):
                directive = token.value.upper()
                if directive == "$ORIGIN":
                    origin = tok.get_name(None)
                    tok.get_eol()
                elif directive == "$TTL":
                    default_ttl = dns.ttl.from_text(tok.get_string())
                    tok.get_eol()
                else:
                    yield line_finding(
                        "warning",
                        "unsupported-directive",
                        number,
                        f"{token.value} is not supported here and was skipped.",
                    )
                    _skip_line(tok)
                continue
            else:
                owner = dns.name.from_text(token.value, origin)
                token = tok.get()
            ttl = default_ttl
            while token.is_identifier() and not is_type(token.value):
                if token.value.upper() in CLASS_WORDS:
                    pass
                elif token.value[:1].isdecimal():
                    ttl = dns.ttl.from_text(token.value)
                else:
                    break
                token = tok.get()
            if owner is None or not token.is_identifier() or not is_type(token.value):
                yield not_a_record(number, lines[min(number - first, len(lines) - 1)][1])
                if not token.is_eol_or_eof():
                    _skip_line(tok)
                continue
            yield _record(tok, token.value.upper(), owner, ttl, origin, number)
        except (dns.exception.DNSException, ValueError) as exc:
            yield _syntax(number, str(exc))
            _skip_line(tok)


def _record(
    tok: dns.tokenizer.Tokenizer,
    rtype: str,
    owner: dns.name.Name,
    ttl: int | None,
    origin: dns.name.Name | None,
    number: int,
) -> RawRow | Finding:
    import dns.rdata
    import dns.rdataclass
    import dns.rdtypes.ANY.CNAME
    import dns.rdtypes.ANY.MX
    import dns.rdtypes.ANY.NS
    import dns.rdtypes.ANY.TXT
    import dns.rdtypes.IN.A
    import dns.rdtypes.IN.AAAA
    import dns.rdtypes.IN.SRV

    row = RawRow(
        number,
        type=rtype,
        name=owner.to_text(),
        ttl=None if ttl is None else str(ttl),
        zone_syntax=True,
        origin=origin.to_text(omit_final_dot=True) if origin else None,
    )
    if rtype not in RECORD_TYPES:
        words = []
        while not (token := tok.get()).is_eol_or_eof():
            words.append(token.value)
        row.value = " ".join(words)
        return row
    rdata = dns.rdata.from_text(dns.rdataclass.IN, rtype, tok, origin, relativize=False)
    if isinstance(rdata, dns.rdtypes.ANY.TXT.TXT):
        row.value, row.value_is_text = _text(b"".join(rdata.strings)), True
    elif isinstance(rdata, dns.rdtypes.ANY.MX.MX):
        row.priority, row.value = str(rdata.preference), _target(rdata.exchange, number)
    elif isinstance(rdata, dns.rdtypes.IN.SRV.SRV):
        target = _target(rdata.target, number).rstrip(".")
        row.priority, row.value = str(rdata.priority), f"{rdata.weight} {rdata.port} {target}"
    elif isinstance(rdata, dns.rdtypes.ANY.CNAME.CNAME | dns.rdtypes.ANY.NS.NS):
        row.value = _target(rdata.target, number)
    elif isinstance(rdata, dns.rdtypes.IN.A.A | dns.rdtypes.IN.AAAA.AAAA):
        row.value = rdata.address
    else:  # CAA, and any type whose presentation form is its value
        row.value = rdata.to_text()
    return row


class _RelativeTarget(ValueError):
    pass


def _target(name: dns.name.Name, number: int) -> str:
    if not name.is_absolute():
        raise _RelativeTarget(
            f"the target {name} is relative and there is no $ORIGIN or domain to complete it"
        )
    return name.to_text()


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _syntax(number: int, reason: str) -> Finding:
    sentence = f"this zone-file line cannot be read: {reason.rstrip('.')}."
    return line_finding("error", "bad-zone-line", number, sentence, field="value")


def _skip_line(tok: dns.tokenizer.Tokenizer) -> None:
    import dns.exception

    while True:
        try:
            token = tok.get()
        except dns.exception.SyntaxError:
            return
        if token.is_eol_or_eof():
            return
