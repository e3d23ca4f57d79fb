"""An SPF record (RFC 7208 §4.5 and §12, the ABNF).

`v=spf1`, then terms separated by spaces. A term is a mechanism with an optional qualifier
(`+ - ~ ?`): `all`, `include:`, `a`, `mx`, `ptr`, `ip4:`, `ip6:`, `exists:`, with their domain
specs (macros allowed, §7) and CIDR lengths; or a modifier `name=value`: `redirect=`, `exp=`, or
one RFC 7208 leaves to others (§6). A word that is none of these, such as a status column's
`Unverified` after `~all` or glued to it (`~allUnverified`), is an error that names the word.
"""

from __future__ import annotations

import ipaddress
import re

from wizard.grammar._words import hint
from wizard.grammar.hostnames import host_problems

RFC = "RFC 7208"
MECHANISMS = ("all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists")
#: Terms that cost a DNS lookup; more than 10 make the record fail (§4.6.4).
LOOKUPS = frozenset({"include", "a", "mx", "ptr", "exists", "redirect"})
MAX_LOOKUPS = 10
TERM = re.compile(r"^(?P<qualifier>[-+~?]?)(?P<name>[A-Za-z][A-Za-z0-9_.-]*)(?P<rest>.*)$", re.S)
MACRO = r"(?:%\{[slodiphcrtv]\d*r?[-.+,/_=]*\}|%%|%_|%-)"
MACRO_STRING = re.compile(rf"^(?:{MACRO}|[\x21-\x24\x26-\x7e])*$", re.IGNORECASE)
ENDS_IN_MACRO = re.compile(rf"{MACRO}$", re.IGNORECASE)
TOPLABEL = re.compile(
    r"^(?:[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9])$"
)
DUAL_CIDR = re.compile(r"(?P<v4>/\d+)?(?://(?P<v6>\d+))?$")


def spf_problems(value: str) -> list[str]:
    """What is wrong with `value` as an SPF record; [] when it is one."""
    head, _, rest = value.partition(" ")
    if head.lower() != "v=spf1":
        return [
            f"{head!r} does not begin with 'v=spf1' and a space ({RFC} §4.5): is a word glued "
            "to v=spf1?"
        ]
    problems: list[str] = []
    lookups = 0
    modifiers: set[str] = set()
    for term in rest.split(" "):
        if not term:
            continue
        problem, name = _term_problem(term)
        if problem:
            problems.append(problem)
            continue
        if name in ("redirect", "exp"):
            if name in modifiers:
                problems.append(f"{name}= appears twice; it may appear once ({RFC} §6).")
            modifiers.add(name)
        lookups += name in LOOKUPS
    if lookups > MAX_LOOKUPS:
        problems.append(
            f"it has {lookups} terms that each need a DNS lookup; SPF allows {MAX_LOOKUPS} "
            f"({RFC} §4.6.4)."
        )
    return problems


def _term_problem(term: str) -> tuple[str | None, str]:
    """(what is wrong with one term or None, the mechanism's or modifier's name)."""
    match = TERM.match(term)
    if not match:
        return f"{term!r} is not an SPF mechanism or modifier ({RFC}).{hint(term)}", ""
    qualifier, name, rest = match["qualifier"], match["name"], match["rest"]
    lowered = name.lower()
    if rest.startswith("="):
        return _modifier_problem(term, qualifier, lowered, rest[1:]), lowered
    if lowered not in MECHANISMS:
        return _unknown_word(term, qualifier, name), lowered
    return _mechanism_problem(term, lowered, rest), lowered


def _unknown_word(term: str, qualifier: str, name: str) -> str:
    glued = next(
        (m for m in sorted(MECHANISMS, key=len, reverse=True) if name.lower().startswith(m)), None
    )
    if glued and name[len(glued) :][:1].isupper():
        word = name[len(glued) :]
        return (
            f"{term!r} is not an SPF mechanism ({RFC}): it reads as {qualifier + glued!r} with "
            f"{word!r} glued on.{hint(word)}"
        )
    return f"{term!r} is not an SPF mechanism or modifier ({RFC}).{hint(term)}"


def _modifier_problem(term: str, qualifier: str, name: str, argument: str) -> str | None:
    if qualifier:
        return f"{term!r}: a modifier takes no qualifier ({RFC} §6)."
    if name == "v":
        return (
            f"{term!r} begins a second SPF record in the same value: a name has one SPF record "
            f"({RFC} §4.5)."
        )
    if name in ("redirect", "exp"):
        return _domain_spec_problem(term, argument)
    if not MACRO_STRING.match(argument):
        return f"{term!r} is not a modifier: its value is not a macro string ({RFC} §7.1)."
    return None


def _mechanism_problem(term: str, name: str, rest: str) -> str | None:
    if name == "all":
        return None if not rest else f"{term!r}: 'all' takes no argument ({RFC} §5.1)."
    if name in ("ip4", "ip6"):
        return _network_problem(term, name, rest)
    if name in ("include", "exists"):
        if not rest.startswith(":") or len(rest) == 1:
            return f"{term!r}: {name} needs a domain, as in {name}:_spf.example.com ({RFC} §5)."
        return _domain_spec_problem(term, rest[1:])
    # a, mx, ptr: an optional domain, then (a and mx) optional CIDR lengths
    spec = rest
    if name in ("a", "mx"):
        cidr = DUAL_CIDR.search(rest)
        if cidr and cidr.group(0):
            if cidr["v4"] and not _in_range(cidr["v4"][1:], 32):
                return f"{term!r}: an IPv4 prefix length is 0 to 32 ({RFC} §5.6)."
            if cidr["v6"] and not _in_range(cidr["v6"], 128):
                return f"{term!r}: an IPv6 prefix length is 0 to 128 ({RFC} §5.6)."
            spec = rest[: cidr.start()]
    if not spec:
        return None
    if not spec.startswith(":") or len(spec) == 1:
        return (
            f"{term!r} is not an SPF mechanism: {name} is followed by ':domain' or '/length' "
            f"({RFC} §5)."
        )
    return _domain_spec_problem(term, spec[1:])


def _network_problem(term: str, name: str, rest: str) -> str | None:
    if not rest.startswith(":"):
        return f"{term!r}: {name} needs an address, as in {name}:192.0.2.0/24 ({RFC} §5.6)."
    address, _, length = rest[1:].partition("/")
    limit = 32 if name == "ip4" else 128
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return (
            f"{term!r}: {address!r} is not an IPv{name[-1]} address ({RFC} §5.6)."
            f"{_tail_hint(address)}"
        )
    if parsed.version != int(name[-1]):
        return (
            f"{term!r}: {address} is an IPv{parsed.version} address; use ip{parsed.version}: "
            f"({RFC} §5.6)."
        )
    if "/" in rest and not _in_range(length, limit):
        return (
            f"{term!r}: the prefix length {length!r} is not a number from 0 to {limit} "
            f"({RFC} §5.6).{_tail_hint(length)}"
        )
    return None


def _domain_spec_problem(term: str, spec: str) -> str | None:
    if not MACRO_STRING.match(spec):
        return f"{term!r}: {spec!r} is not a domain ({RFC} §7.1)."
    if ENDS_IN_MACRO.search(spec):
        return None
    if "%" not in spec:
        problems = host_problems(spec, f"In {term!r}, the domain", underscore_labels=True)
        return problems[0] if problems else None
    labels = spec.removesuffix(".").rsplit(".", 1)
    if len(labels) < 2 or not TOPLABEL.match(labels[1]):
        return f"{term!r}: {spec!r} does not end in a top-level domain or a macro ({RFC} §7.1)."
    return None


def _in_range(text: str, limit: int) -> bool:
    return text.isdecimal() and (text == "0" or not text.startswith("0")) and int(text) <= limit


def _tail_hint(text: str) -> str:
    word = re.sub(r"^[0-9a-fA-F.:]*", "", text)
    return f" Is {word!r} glued to it?{hint(word)}" if word and word != text else ""
