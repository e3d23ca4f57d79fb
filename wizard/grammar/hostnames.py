"""Host names as a record points at them: CNAME, MX, NS and SRV targets (RFC 1035 §2.3.1,
RFC 1123 §2.1, RFC 2181 §11).

A host name is letters, digits and hyphens (LDH) in labels of at most 63 characters, 253 in
all. MX, NS and SRV targets must be host names with addresses (RFC 5321 §5.1, RFC 2782), so
they are held to LDH. A CNAME target may be any name, and vendors do point at names with
underscore labels: Microsoft 365's DKIM CNAME targets `selector1-contoso-com._domainkey.
contoso.onmicrosoft.com`, AWS Certificate Manager's `_3a1….acm-validations.aws`. So a CNAME
target may have labels that *start* with an underscore (RFC 8552's attribute leaves), and
nothing else: an underscore inside a label, a space or a glued word is an error.
"""

from __future__ import annotations

import ipaddress
import re

from wizard.grammar._words import glued_tail, hint

LDH = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
LEAF = re.compile(r"^_[A-Za-z0-9](?:[A-Za-z0-9-]{0,60}[A-Za-z0-9])?$")
MAX_NAME = 253
MAX_LABEL = 63


def host_problems(target: str, what: str, *, underscore_labels: bool = False) -> list[str]:
    """What is wrong with `target` as a host name; `what` says whose target it is ("the CNAME
    target"). `underscore_labels` lets labels start with `_` (CNAME targets only)."""
    name = target.strip()
    if not name or name == ".":
        return [f"{what} is empty: it must be a host name such as mail.example.com."]
    words = name.split()
    if len(words) > 1:
        tail = words[-1]
        return [
            f"{what} {name!r} has a space in it, and a host name is one word: "
            f"is {tail!r} part of it?{hint(tail)}"
        ]
    try:
        ipaddress.ip_address(name)
    except ValueError:
        pass
    else:
        return [
            f"{what} {name!r} is an IP address, not a host name: an address goes in an A or "
            "AAAA record."
        ]
    name = name.removesuffix(".")
    if len(name) > MAX_NAME:
        return [f"{what} is {len(name)} characters long; a DNS name has at most {MAX_NAME}."]
    labels = name.split(".")
    if len(labels) == 1:
        return [
            f"{what} {name!r} is a single word; it must be a full host name such as "
            "mail.example.com."
        ]
    for label in labels:
        problem = _label_problem(label, name, what, underscore_labels)
        if problem:
            return [problem]
    last = labels[-1]
    if last.isdecimal():
        return [f"{what} {name!r} ends in a number; a top-level domain is never all digits."]
    glued = glued_tail(last)
    if glued:
        return [
            f"{what} {name!r} ends in {last!r}: no top-level domain is spelled so. Is "
            f"{glued!r} a word glued to the name?{hint(glued)}"
        ]
    return []


def _label_problem(label: str, name: str, what: str, underscore_labels: bool) -> str | None:
    if not label:
        return f"{what} {name!r} has an empty part (two dots in a row)."
    if len(label) > MAX_LABEL:
        return (
            f"{what} {name!r} has a part of {len(label)} characters; a DNS label has at most "
            f"{MAX_LABEL}."
        )
    if LDH.match(label) or (underscore_labels and LEAF.match(label)):
        return None
    if label.startswith("_"):
        return (
            f"{what} {name!r} has the part {label!r}: a host name has no underscores "
            "(letters, digits and hyphens only)."
        )
    if "_" in label:
        where = "begin a part (as _domainkey does)" if underscore_labels else "appear"
        return (
            f"{what} {name!r} has the part {label!r}: an underscore may only {where} in a "
            "host name."
        )
    if label.startswith("-") or label.endswith("-"):
        return f"{what} {name!r} has the part {label!r}, which begins or ends with a hyphen."
    odd = next(c for c in label if not (c.isascii() and (c.isalnum() or c == "-")))
    return (
        f"{what} {name!r} has {odd!r} in the part {label!r}; a host name has only letters, "
        "digits and hyphens."
    )
