"""A DMARC policy record (RFC 7489 §6.3 and §6.4).

`v=DMARC1` first and `p=` right after it ("the v and p tags MUST be present and MUST appear in
that order"); then any of sp, rua, ruf, adkim, aspf, pct, fo, rf, ri, each with its own
grammar. Report addresses are URIs (`mailto:dmarc@example.com`, optionally `!10m` for a size
limit), separated by commas. Tags RFC 7489 does not define are left alone, as receivers do.
"""

from __future__ import annotations

import re

from wizard.grammar._words import hint
from wizard.grammar.hostnames import host_problems
from wizard.grammar.taglist import read_tags

RFC = "RFC 7489 §6.3"
POLICIES = ("none", "quarantine", "reject")
#: Tags whose value is one word from a fixed list.
WORDS: dict[str, tuple[str, ...]] = {
    "p": POLICIES,
    "sp": POLICIES,
    "adkim": ("r", "s"),
    "aspf": ("r", "s"),
}
#: A report URI with its optional size limit (RFC 7489 §6.4, `dmarc-uri`).
URI = re.compile(r"^(?P<uri>[A-Za-z][A-Za-z0-9+.-]*:[^\s,!]+)(?:!\d+[kmgt]?)?$")
MAILTO = re.compile(r"^mailto:(?P<local>[^@\s]+)@(?P<host>[^@\s]+)$", re.IGNORECASE)


def dmarc_problems(value: str, *, authorization: bool = False) -> list[str]:
    """What is wrong with `value` as a DMARC record; [] when it is one. An `authorization`
    record (`example.com._report._dmarc.reports.example.net`, RFC 7489 §7.1) lets another
    domain receive reports: it is `v=DMARC1` alone, with no policy."""
    tags = read_tags(value, "RFC 7489 §6.4")
    problems = list(tags.problems)
    names = tags.names
    if not names or names[0] != "v" or tags.get("v") != "DMARC1":
        problems.append(f"a DMARC record begins with v=DMARC1 ({RFC}).")
    if not authorization:
        problems.extend(_policy_problems(names))
    for tag, given in tags.tags:
        problem = _tag_problem(tag, given)
        if problem:
            problems.append(problem)
    return problems


def _policy_problems(names: list[str]) -> list[str]:
    if "p" not in names:
        return [
            f"it has no p= tag (none, quarantine or reject), which a DMARC record must have "
            f"right after v=DMARC1 ({RFC})."
        ]
    if names[:2] != ["v", "p"] and names[:1] == ["v"]:
        return [f"p= must come right after v=DMARC1 ({RFC})."]
    return []


def _tag_problem(tag: str, given: str) -> str | None:
    if tag in WORDS:
        allowed = WORDS[tag]
        if given not in allowed:
            return (
                f"{tag}={given} is not allowed: {tag}= takes {_either(allowed)} ({RFC})."
                f"{_stray(given, allowed)}"
            )
    elif tag == "pct":
        if not given.isdecimal() or int(given) > 100:
            return f"pct={given} is not a percentage from 0 to 100 ({RFC}).{_stray(given, ())}"
    elif tag == "ri":
        if not given.isdecimal() or int(given) > 2**32 - 1:
            return f"ri={given} is not a number of seconds ({RFC}).{_stray(given, ())}"
    elif tag == "fo":
        unknown = [x for x in given.split(":") if x.strip() not in ("0", "1", "d", "s")]
        if unknown:
            return f"fo={given} is not allowed: fo= takes 0, 1, d or s, separated by ':' ({RFC})."
    elif tag == "rf":
        if not all(re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", x.strip()) for x in given.split(":")):
            return f"rf={given} is not a list of report formats such as afrf ({RFC})."
    elif tag in ("rua", "ruf"):
        return _uris_problem(tag, given)
    return None


def _uris_problem(tag: str, given: str) -> str | None:
    for item in (part.strip() for part in given.split(",")):
        match = URI.match(item)
        if not match:
            if "@" in item and ":" not in item:
                return (
                    f"{tag}= gives {item!r}, an address without 'mailto:': it must be a URI "
                    f"such as mailto:{item} ({RFC})."
                )
            word = item.split()[-1] if item.split() else item
            return (
                f"{tag}= gives {item!r}, which is not a URI such as mailto:dmarc@example.com "
                f"({RFC}).{hint(word)}"
            )
        uri = match.group("uri")
        if uri.lower().startswith("mailto:"):
            address = MAILTO.match(uri)
            if not address:
                return f"{tag}= gives {uri!r}, which is not a mailto: address ({RFC})."
            problems = host_problems(address.group("host"), f"the domain of {uri!r}")
            if problems:
                return problems[0]
    return None


def _either(allowed: tuple[str, ...]) -> str:
    return ", ".join(allowed[:-1]) + " or " + allowed[-1]


def _stray(given: str, allowed: tuple[str, ...]) -> str:
    """The hint for a value with a word after it: `none Unverified`."""
    words = given.split()
    if len(words) > 1:
        return f" Is {' '.join(words[1:])!r} part of it?{hint(words[-1])}"
    return ""
