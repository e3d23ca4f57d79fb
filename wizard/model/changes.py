"""Change value objects: what a plan asks a provider to do, each knowing its own inverse."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from wizard.model.records import Record

Action = Literal["create", "update", "delete"]


@dataclass(frozen=True)
class Change:
    """One write at one value.

    - create: add `new` beside whatever else is at its name and type;
    - delete: remove exactly the value `existing`, leaving the others;
    - update: replace the value `existing` by `new` (single-valued types such as CNAME).
    """

    action: Action
    existing: Record | None = None
    new: Record | None = None

    def __post_init__(self) -> None:
        needs = {"create": (False, True), "delete": (True, False), "update": (True, True)}
        has_existing, has_new = needs[self.action]
        if (self.existing is not None) != has_existing or (self.new is not None) != has_new:
            raise ValueError(f"a {self.action} change needs existing={has_existing}, new={has_new}")

    @property
    def record(self) -> Record:
        """The record this change is about: the new one, or the one that goes."""
        result = self.new or self.existing
        assert result is not None
        return result

    def inverse(self) -> Change:
        if self.action == "create":
            return Change("delete", existing=self.new)
        if self.action == "delete":
            return Change("create", new=self.existing)
        return Change("update", existing=self.new, new=self.existing)

    def to_json(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "existing": self.existing.to_json() if self.existing else None,
            "new": self.new.to_json() if self.new else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Change:
        existing = Record.from_json(data["existing"]) if data.get("existing") else None
        new = Record.from_json(data["new"]) if data.get("new") else None
        return cls(data["action"], existing=existing, new=new)

    def __str__(self) -> str:
        if self.action == "update":
            return f"update {self.existing} -> {self.new.value if self.new else ''}"
        return f"{self.action} {self.record}"


def create(record: Record) -> Change:
    return Change("create", new=record)


def delete(record: Record) -> Change:
    return Change("delete", existing=record)


def update(existing: Record, new: Record) -> Change:
    return Change("update", existing=existing, new=new)
