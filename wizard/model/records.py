"""The record model shared by every step: what the vendor asked for, kept exactly as given."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from wizard.model.fields import caa_fields, srv_fields
from wizard.model.names import normalize_name

RecordType = Literal["A", "AAAA", "CNAME", "TXT", "MX", "NS", "SRV", "CAA"]
RECORD_TYPES: tuple[RecordType, ...] = ("A", "AAAA", "CNAME", "TXT", "MX", "NS", "SRV", "CAA")

#: Types that may hold several values at one name; a new value is added beside the others.
MULTI_VALUE_TYPES: frozenset[str] = frozenset({"A", "AAAA", "TXT", "MX", "NS", "SRV", "CAA"})

Level = Literal["error", "warning", "info"]


@dataclass(frozen=True, order=True)
class Record:
    """One DNS record. `name` is fully qualified without the trailing dot.

    `value` is the content itself: a TXT value without quotes (split strings joined), a CNAME or
    MX target without the trailing dot. The representation a provider needs is derived from it.
    """

    type: RecordType
    name: str
    value: str
    ttl: int | None = None
    priority: int | None = None

    @property
    def key(self) -> tuple[str, str]:
        """The RRset this record belongs to: (name, type)."""
        return (self.name.lower(), self.type)

    def same_data(self, other: Record) -> bool:
        """True when both records say the same thing in DNS (TTL aside)."""
        if self.key != other.key or self.priority != other.priority:
            return False
        if self.type in ("CNAME", "MX", "NS"):
            return normalize_name(self.value) == normalize_name(other.value)
        if self.type in ("SRV", "CAA"):  # by their fields: SRV's target is a name, CAA's tag
            try:
                return _fields(self) == _fields(other)
            except ValueError:
                return self.value == other.value
        return self.value == other.value

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Record:
        return cls(
            type=data["type"],
            name=data["name"],
            value=data["value"],
            ttl=data.get("ttl"),
            priority=data.get("priority"),
        )

    def __str__(self) -> str:
        prio = f"{self.priority} " if self.priority is not None else ""
        return f"{self.name} {self.type} {prio}{self.value}"


def _fields(record: Record) -> tuple[object, ...]:
    """An SRV or CAA record's meaning, field by field; ValueError when the value is malformed."""
    if record.type == "SRV":
        return srv_fields(record.priority, record.value).meaning()
    return caa_fields(record.value).meaning()


@dataclass(frozen=True)
class Finding:
    """Something a person should know about their input or their zone, with where it is."""

    level: Level
    code: str
    message: str
    line: int | None = None
    field: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else ""
        if self.field:
            where = f"{where}, {self.field}" if where else self.field
        prefix = f"{self.level} ({where})" if where else self.level
        return f"{prefix}: {self.message} [{self.code}]"


def has_errors(findings: list[Finding] | tuple[Finding, ...]) -> bool:
    return any(f.level == "error" for f in findings)
