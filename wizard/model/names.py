"""DNS names in one canonical form: fully qualified, lower case, no trailing dot."""

from __future__ import annotations


def normalize_name(name: str) -> str:
    """A fully qualified name in our canonical form: lower case, no trailing dot."""
    return name.strip().rstrip(".").lower()


def in_zone(name: str, zone: str) -> bool:
    """True when `name` is `zone` itself or a name below it."""
    name, zone = normalize_name(name), normalize_name(zone)
    return name == zone or name.endswith("." + zone)


def relative(name: str, zone: str) -> str:
    """`name` as a DNS host's panel shows it: relative to `zone`, `@` at the apex.

    A name outside the zone is returned whole.
    """
    name, zone = normalize_name(name), normalize_name(zone)
    if name == zone:
        return "@"
    if name.endswith("." + zone):
        return name[: -len(zone) - 1]
    return name
