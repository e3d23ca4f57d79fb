"""Apply and revert through the real plan/journal/rollback code, on an in-memory DNS host."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

import pytest

from providers.base import Existing, Progress, Provider
from providers.options import SecretOption, TextOption
from tests.roundtrip import check_apply_then_revert
from wizard.apply import apply_plan
from wizard.journal import Journal
from wizard.model.changes import Change
from wizard.model.errors import PlanError, ProviderError
from wizard.model.records import Record
from wizard.plan import build_plan
from wizard.rollback import latest_revertible, plan_revert, revert_apply

ZONE = "example.test"


class MemoryProvider(Provider):
    """A DNS host held in a set; `fail_next` makes the next apply raise after doing nothing."""

    id = "memory"
    display_name = "Memory"
    options = (
        TextOption("endpoint", "Endpoint", "where"),
        SecretOption("token", "Token", "secret"),
    )

    def __init__(self, records: Iterable[Record] = ()) -> None:
        super().__init__({"endpoint": "local", "token": "s3cr3t-token"})
        self.records: list[Record] = list(records)
        self.writes = 0
        self.fail_next = False

    def _list_records(self, zone: str, names: Sequence[str]) -> Existing:
        wanted = set(names)
        return Existing(tuple(r for r in self.records if r.name in wanted))

    def _apply(self, zone: str, changes: Sequence[Change], progress: Progress) -> None:
        if self.fail_next:
            self.fail_next = False
            raise ProviderError("The host timed out.")
        self.writes += 1
        for c in changes:
            if c.existing is not None:
                self.records = [r for r in self.records if not r.same_data(c.existing)]
            if c.new is not None:
                self.records.append(c.new)

    def snapshot(self) -> set[tuple[str, str, str, int | None]]:
        return {(r.name, r.type, r.value, r.priority) for r in self.records}


BASE = [
    Record("TXT", ZONE, "v=spf1 include:_spf.example.net ~all", 300),
    Record("MX", ZONE, "mail.example.test", 300, 10),
    Record("CNAME", f"links.{ZONE}", "old.vendor.example", 300),
    Record("A", f"www.{ZONE}", "192.0.2.10", 300),
]
PASTE = [
    Record("TXT", ZONE, "pendo-verification=abc", 300),
    Record("CNAME", f"links.{ZONE}", "track.vendor.example", 300),
    Record("TXT", f"pendo._domainkey.{ZONE}", "k=rsa; p=MIGf", 300),
    Record("A", f"www.{ZONE}", "192.0.2.10", 300),
]


def test_roundtrip_helper_restores_the_zone() -> None:
    provider = MemoryProvider(BASE)
    plan = check_apply_then_revert(provider, ZONE, PASTE, provider.snapshot)
    assert [i.kind for i in plan.items] == ["create", "update", "create", "present"]
    assert provider.writes == 2  # one apply, one revert


def test_updates_refused_without_confirmation_and_nothing_written() -> None:
    provider = MemoryProvider(BASE)
    plan = build_plan(provider, ZONE, PASTE)
    with pytest.raises(PlanError, match="links.example.test"):
        apply_plan(provider, plan, Journal(), digest=plan.digest, confirm_updates=False)
    assert provider.writes == 0
    assert Journal().applies() == []


def test_digest_mismatch_and_changed_zone_are_refused() -> None:
    provider = MemoryProvider(BASE)
    plan = build_plan(provider, ZONE, PASTE)
    with pytest.raises(PlanError):
        apply_plan(provider, plan, Journal(), digest="0" * 16, confirm_updates=True)
    provider.records.append(Record("TXT", ZONE, "pendo-verification=abc", 300))
    with pytest.raises(PlanError, match="changed since"):
        apply_plan(
            provider, plan, Journal(), digest=plan.digest, confirm_updates=True, recheck=PASTE
        )
    assert provider.writes == 0


def test_journal_has_no_secret_and_records_provider() -> None:
    provider = MemoryProvider(BASE)
    plan = build_plan(provider, ZONE, PASTE)
    apply_plan(provider, plan, Journal(), digest=plan.digest, confirm_updates=True)
    text = Journal().path.read_text()
    assert "s3cr3t-token" not in text
    setup = json.loads(text.splitlines()[0])
    assert setup["provider"] == "memory" and setup["settings"] == {"endpoint": "local"}
    assert [json.loads(line)["kind"] for line in text.splitlines()] == ["setup", "pending", "done"]


def test_failed_write_is_journalled_and_revert_is_a_noop_when_nothing_landed() -> None:
    provider = MemoryProvider(BASE)
    before = provider.snapshot()
    plan = build_plan(provider, ZONE, PASTE)
    provider.fail_next = True
    with pytest.raises(ProviderError):
        apply_plan(provider, plan, Journal(), digest=plan.digest, confirm_updates=True)
    applied = latest_revertible(Journal())
    assert applied is not None and applied.status == "failed"
    rplan = plan_revert(provider, applied)
    assert rplan.changes == ()
    revert_apply(provider, rplan, Journal(), digest=rplan.digest)
    assert provider.snapshot() == before
    assert latest_revertible(Journal()) is None


def test_revert_after_write_without_done_line() -> None:
    provider = MemoryProvider(BASE)
    before = provider.snapshot()
    plan = build_plan(provider, ZONE, PASTE)
    apply_plan(provider, plan, Journal(), digest=plan.digest, confirm_updates=True)
    path = Journal().path
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[:-1]) + "\n" + '{"kind":"done","apply_id":"x"')  # torn line
    applied = latest_revertible(Journal())
    assert applied is not None and applied.status == "incomplete"
    rplan = plan_revert(provider, applied)
    revert_apply(provider, rplan, Journal(), digest=rplan.digest)
    assert provider.snapshot() == before


def test_revert_leaves_a_value_someone_else_changed() -> None:
    provider = MemoryProvider(BASE)
    plan = build_plan(provider, ZONE, PASTE)
    apply_plan(provider, plan, Journal(), digest=plan.digest, confirm_updates=True)
    provider.records = [r for r in provider.records if r.type != "CNAME"]
    provider.records.append(Record("CNAME", f"links.{ZONE}", "third.example", 300))
    applied = latest_revertible(Journal())
    assert applied is not None
    rplan = plan_revert(provider, applied)
    assert len(rplan.conflicts) == 1 and "third.example" in rplan.conflicts[0]
    revert_apply(provider, rplan, Journal(), digest=rplan.digest)
    assert Record("CNAME", f"links.{ZONE}", "third.example", 300) in provider.records
    assert not any(r.value == "pendo-verification=abc" for r in provider.records)


def test_replace_sets_removes_other_values_and_revert_restores_them() -> None:
    provider = MemoryProvider(BASE)
    paste = [Record("TXT", ZONE, "only-this", 300)]
    plan = check_apply_then_revert(provider, ZONE, paste, provider.snapshot, replace_sets=True)
    assert [i.kind for i in plan.items] == ["create", "update"]
    assert plan.items[1].change is not None and plan.items[1].change.action == "delete"
