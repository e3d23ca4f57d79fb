"""The record type of a row that gave none (label pairs, two-column tables): said as a finding.

Only the value's own shape decides, and the finding says which type and why, so the person
can correct it; a value that fits no type stays an error.
"""

from __future__ import annotations

import ipaddress
import re

from wizard.model.records import Finding, Level

TAGS = re.compile(r'^"?(v=spf1|v=DKIM1|v=DMARC1|v=BIMI1|k=rsa|p=[A-Za-z0-9+/])', re.I)
HOST = re.compile(r"^[A-Za-z0-9_*-]+(\.[A-Za-z0-9_-]+)+\.?$")


def infer_type(value: str, line: int) -> tuple[str, Finding] | None:
    """(type, finding) for a value that shows its type; None when it shows none."""
    text = value.strip()
    guess = _guess(text)
    if guess is None:
        return None
    rtype, level, why = guess
    return rtype, Finding(
        level,
        "inferred-type",
        f"Line {line}: no record type was given; read as {rtype} because {why}. "
        "If the vendor says another type, add a Type column or line.",
        line=line,
        field="type",
    )


def _guess(text: str) -> tuple[str, Level, str] | None:
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        pass
    else:
        rtype = "A" if address.version == 4 else "AAAA"
        return rtype, "info", f"the value is an IPv{address.version} address"
    tag = TAGS.match(text)
    if tag:
        return "TXT", "info", f"the value starts with {tag.group(1)}, which only TXT records hold"
    parts = text.split()
    if len(parts) == 2 and parts[0].isdecimal() and HOST.match(parts[1]):
        return "MX", "warning", "the value is a priority and a host name"
    if HOST.match(text):
        return "CNAME", "warning", "the value is a host name"
    if parts and ("=" in text or len(parts) > 1 or text.startswith('"')):
        return "TXT", "warning", "the value is text, not a host name or address"
    return None
