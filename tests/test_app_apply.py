"""The app layer's apply and revert: an outcome always names the attempt it is about."""

from __future__ import annotations

from collections.abc import Sequence

from providers.base import Progress, ReadBack
from tests.test_apply_revert import BASE, PASTE, ZONE, MemoryProvider
from wizard.app import reverting
from wizard.app.applying import apply_reviewed
from wizard.journal import Journal
from wizard.model.changes import Change
from wizard.model.errors import ProviderError
from wizard.model.records import Record
from wizard.plan import build_plan

SECOND = [Record("TXT", f"s1._domainkey.{ZONE}", "k=rsa; p=SECOND", 300)]


class HalfWriter(MemoryProvider):
    """Writes the first change of the next apply, then fails: a write that partly landed."""

    half_next = False

    def apply(
        self, zone: str, changes: Sequence[Change], progress: Progress | None = None
    ) -> ReadBack:
        if self.half_next:
            self.half_next = False
            super().apply(zone, changes[:1], progress)
            raise ProviderError("The host dropped the connection.")
        return super().apply(zone, changes, progress)


def test_success_carries_its_apply_id() -> None:
    provider = MemoryProvider(BASE)
    plan = build_plan(provider, ZONE, PASTE)
    outcome = apply_reviewed(provider, plan, Journal(), PASTE, confirm_updates=True)
    assert outcome.ok and outcome.apply_id is not None
    assert Journal().get(outcome.apply_id) is not None
    assert len(outcome.written) == 3 and outcome.present == 1


def test_refusal_of_a_stale_plan_starts_nothing_and_names_no_apply() -> None:
    provider = MemoryProvider(BASE)
    plan = build_plan(provider, ZONE, PASTE)
    first = apply_reviewed(provider, plan, Journal(), PASTE, confirm_updates=True)
    assert first.ok
    # The same (now stale) plan again, as after Esc back to an old plan screen.
    again = apply_reviewed(provider, plan, Journal(), PASTE, confirm_updates=True)
    assert again.refused and again.apply_id is None and not again.may_have_landed
    assert "changed since" in str(again.error)
    assert [a.apply_id for a in Journal().applies()] == [first.apply_id]


def test_revert_of_a_failed_attempt_leaves_the_earlier_apply_alone() -> None:
    provider = HalfWriter(BASE)
    first_plan = build_plan(provider, ZONE, PASTE)
    first = apply_reviewed(provider, first_plan, Journal(), PASTE, confirm_updates=True)
    assert first.ok
    after_first = provider.snapshot()

    second_records = [*SECOND, Record("TXT", f"s2._domainkey.{ZONE}", "k=rsa; p=TWO", 300)]
    plan = build_plan(provider, ZONE, second_records)
    provider.half_next = True
    failed = apply_reviewed(provider, plan, Journal(), second_records, confirm_updates=True)
    assert not failed.ok and failed.may_have_landed and failed.apply_id != first.apply_id
    assert isinstance(failed.error, ProviderError)

    applied = reverting.target(Journal(), apply_id=failed.apply_id)
    assert applied is not None
    _, rplan = reverting.review(applied, provider)
    assert [c.action for c in rplan.changes] == ["delete"]
    assert reverting.revert(provider, rplan, Journal()).ok
    assert provider.snapshot() == after_first


def test_nothing_landed_means_an_empty_revert() -> None:
    provider = MemoryProvider(BASE)
    plan = build_plan(provider, ZONE, PASTE)
    provider.fail_next = True
    failed = apply_reviewed(provider, plan, Journal(), PASTE, confirm_updates=True)
    assert failed.apply_id is not None
    applied = reverting.target(Journal(), apply_id=failed.apply_id)
    assert applied is not None
    assert reverting.review(applied, provider)[1].changes == ()
