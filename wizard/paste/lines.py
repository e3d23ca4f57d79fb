"""A line that holds no record: a heading, a sentence, a caption or a status, told from a record.

A line is only called a heading or prose when it cannot also be read as a record; when it can be
both ("TXT mail verification" is a heading and a record), the reader says so as an error.
"""

from __future__ import annotations

import re

from wizard.model.records import RECORD_TYPES, Finding
from wizard.paste.ledger import LineRole, Mark
from wizard.paste.noise import noise, noise_tail, status_at_edge, trim_captions
from wizard.paste.readings import value_fits
from wizard.paste.rows import row_from_words, tokens

#: A plain word of a title or sentence: letters, with the punctuation prose puts around them.
PLAIN = re.compile(r"[(\"']?[A-Za-z][A-Za-z'’&/-]*[)\"']?[.,:;!?)]*")
#: Words that make "TXT record" a title, never a record named "record".
TITLE_WORDS = frozenset({"record", "records", "entry", "entries"})
#: A zone-file comment after a record (`bounce MX 10 mail ; relative target`).
ZONE_COMMENT = re.compile(r"\s;")
#: A word of data, never of a sentence: a tag=value, cells joined by commas, an _underscore
#: or @ name (a sentence may name a domain: "Records for Customer.io").
DATA = re.compile(r"\w,\w|\w=|^[_@]|^\"")
#: A number in a title ("CNAME record 1", "Step 2.").
NUMBER = re.compile(r"#?\d{1,3}[.):]?")
#: An aside in parentheses ("Apex domain (example.com)"), left out when a title is judged.
ASIDE = re.compile(r"\s*\([^()]*\)")
HEADING_WORDS = frozenset(
    "dkim spf dmarc bimi mx cname txt srv caa ns record records return path return-path "
    "tracking link links branding sending receiving inbound outbound verification domain "
    "domains dns mail email bounce bounces authentication setup set up step required "
    "optional recommended host hosts subdomain apex root www publish".split()
)


def is_heading(line: str) -> bool:
    """A short title between records ("DKIM", "Bounce domain", "Sending records"): up to five
    plain words, one of them about DNS or mail, or a title of up to three capitalised words."""
    words = ASIDE.sub("", line.strip()).rstrip(":").split()
    if not words or len(words) > 5:
        return False
    if not all(PLAIN.fullmatch(w) or NUMBER.fullmatch(w) for w in words):
        return False
    lowered = {re.sub(r"[^a-z-]", "", w.lower()) for w in words}
    if lowered & HEADING_WORDS:
        return True
    return len(words) <= 3 and all(w[0].isupper() for w in words)


def is_prose(line: str) -> bool:
    """A sentence: five words or more (three when it ends like one), mostly plain words."""
    words = line.split()
    if not words or "\t" in line or "|" in line or any(DATA.search(w) for w in words):
        return False
    ends = line.rstrip().endswith((".", "!", "?", ":"))
    if len(words) < (3 if ends else 5):
        return False
    plain = [w for w in words if PLAIN.fullmatch(w)]
    lower = [w for w in plain if w[0].islower()]
    return len(plain) * 10 >= len(words) * 6 and len(lower) >= 2


def record_words(line: str, number: int) -> bool:
    """The line reads as a whole record on its own (type, name and value), as words."""
    if line.rstrip().endswith(":"):
        return False
    code = ZONE_COMMENT.split(line, 1)[0]
    row = row_from_words(noise_tail(tokens(code))[0], number)
    if row is None or not row.name or not row.value or not row.type:
        return False
    if {row.name.lower(), row.value.split()[0].lower()} & TITLE_WORDS:
        return False  # "CNAME record 1", "Publish CNAME records": a title about records
    return value_fits(row.type, row.value, bool(row.priority))


def line_role(line: str) -> LineRole | None:
    """caption, status, heading or prose, when the line is one of them; else None."""
    found = noise(line)
    if found is not None:
        return found
    if is_heading(line):
        return "heading"
    if is_prose(line):
        return "prose"
    return None


def unplaced(number: int, line: str) -> Mark | Finding:
    """A line no record took: its role when it has one, else an error naming it."""
    role = line_role(line)
    if role is not None and not (role in ("heading", "prose") and record_words(line, number)):
        return Mark(number, role, line.strip())
    if role is not None:
        return Finding(
            "error",
            "ambiguous-line",
            f"Line {number}: this reads both as a {role} and as a record: {_shown(line)!r}. "
            "Correct the record by hand if it is one.",
            line=number,
        )
    return not_a_record(number, line)


def _shown(line: str) -> str:
    shown = line.strip()
    return shown if len(shown) <= 60 else shown[:57] + "..."


def not_a_record(number: int, line: str) -> Finding:
    return Finding(
        "error",
        "not-a-record",
        f"Line {number}: this is not a DNS record: {_shown(line)!r}. A record needs a type "
        "(such as CNAME or TXT), a name and a value.",
        line=number,
    )


def cell_doubts(number: int, text: str, role: str) -> list[Finding]:
    """Captions beside a field are named; a status word at a value's edge is an error, since
    it reads both as a status beside the record and as a word of the value."""
    kept, taken = trim_captions(text.strip())
    findings = [
        Finding(
            "info",
            "caption",
            f"Line {number}: {word!r} beside the {role} was read as a caption, not part of it.",
            line=number,
            field=role,
        )
        for word in taken
    ]
    status = status_at_edge(kept) if role == "value" else None
    if status is not None:
        findings.append(
            Finding(
                "error",
                "status-in-value",
                f"Line {number}: the value {kept!r} ends or starts with {status!r}, which reads "
                "as a status beside the record as well as a word of the value. Correct the "
                "value by hand.",
                line=number,
                field="value",
            )
        )
    return findings


def heading_type(line: str) -> str | None:
    """The record type a heading gives the records under it ("MX records", "CNAME record 1"):
    the one type word it holds, written as a type is; None when it holds none or two."""
    words = {w.strip(":.") for w in ASIDE.sub("", line).split()}
    found = {w for w in words if w in RECORD_TYPES}
    return found.pop() if len(found) == 1 else None
