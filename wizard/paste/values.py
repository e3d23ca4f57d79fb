"""The grammar check as the paste reader applies it: a record whose value fails is an error.

Kept in one function so any reader (tables, label blocks, JSON, the correction table) applies
it the same way, after its records are built and before any plan exists.
"""

from __future__ import annotations

from wizard.grammar import value_problems
from wizard.model.records import Finding, Record


def value_finding(record: Record, line: int | None) -> Finding | None:
    """The error that says what is wrong with `record`'s value, shown in full; None when sound."""
    problems = value_problems(record)
    if not problems:
        return None
    told = " ".join(_sentence(p) for p in problems)
    where = f"Line {line}: " if line else ""
    return Finding(
        "error",
        "bad-value",
        f"{where}{told} The {record.type} value, in full: {record.value!r}.",
        line,
        "value",
    )


def sound_records(
    records: list[tuple[int, Record]], findings: list[Finding]
) -> list[tuple[int, Record]]:
    """The records whose values pass their grammar; an error finding for each of the others."""
    sound: list[tuple[int, Record]] = []
    for line, record in records:
        finding = value_finding(record, line)
        if finding is None:
            sound.append((line, record))
        else:
            findings.append(finding)
    return sound


def _sentence(problem: str) -> str:
    """A capital for a sentence that begins with a word ("the…"), not with `p=` or a quote."""
    first = problem.split(" ", 1)[0]
    return problem[:1].upper() + problem[1:] if first.isalpha() and first.islower() else problem
