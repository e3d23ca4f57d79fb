"""An SRV record (RFC 2782): priority, weight and port from 0 to 65535, then a target host
name, or "." for "no such service here"; its name begins `_service._protocol`.

Our form keeps the priority in `Record.priority` and "weight port target" in the value.
"""

from __future__ import annotations

from wizard.grammar.hostnames import host_problems

RFC = "RFC 2782"
MAX = 65535


def srv_problems(name: str, priority: int | None, value: str) -> list[str]:
    """What is wrong with an SRV record's name, priority and "weight port target"."""
    problems: list[str] = []
    labels = name.split(".")
    if len(labels) < 3 or not all(label.startswith("_") for label in labels[:2]):
        problems.append(
            f"an SRV record's name begins with _service._protocol, such as "
            f"_sip._tls.example.com; {name!r} does not ({RFC})."
        )
    if priority is None or not 0 <= priority <= MAX:
        problems.append(f"the priority {priority} is not a number from 0 to {MAX} ({RFC}).")
    parts = value.split()
    if len(parts) != 3:
        problems.append(
            f"{value!r} is not 'weight port target' ({RFC}): it has {len(parts)} parts, such "
            "as 1 443 sipdir.online.lync.com."
        )
        return problems
    for field, text in zip(("weight", "port"), parts[:2], strict=True):
        if not text.isdecimal() or int(text) > MAX:
            problems.append(f"the {field} {text!r} is not a number from 0 to {MAX} ({RFC}).")
    target = parts[2]
    if target != ".":
        problems.extend(host_problems(target, "the SRV target"))
    return problems
