"""Route 53 where moto is kinder than AWS: the plan's own checks are the guard, tested without moto
(records and an Existing made by hand), plus an alias read from moto for the conflict check."""

from __future__ import annotations

import pytest

from providers.base import Existing
from providers.route53 import Route53Provider
from tests.fakes.moto_server import moto_route53
from wizard.model.rdata import split_txt
from wizard.model.records import Record
from wizard.plan import build_plan, make_plan

ZONE = "example.test"
CAPS = Route53Provider.capabilities


def plan_for(records: list[Record], existing: Existing) -> list[tuple[str, str]]:
    plan = make_plan(records, existing, zone=ZONE, provider_id="route53", capabilities=CAPS)
    return [(i.kind, i.reason) for i in plan.items]


def test_a_cname_beside_an_alias_is_a_conflict() -> None:
    alias = Record("A", f"links.{ZONE}", "alias to d111.cloudfront.net")
    ((kind, reason),) = plan_for(
        [Record("CNAME", f"links.{ZONE}", "e.customeriomail.com")], Existing((), held=(alias,))
    )
    assert kind == "conflict" and "alias to d111.cloudfront.net" in reason


def test_an_alias_does_not_stop_other_types_nor_is_it_ever_written() -> None:
    alias = Record("A", f"links.{ZONE}", "alias to d111.cloudfront.net")
    records = [Record("TXT", f"links.{ZONE}", "v=1"), Record("A", f"links.{ZONE}", "192.0.2.1")]
    plan = make_plan(
        records,
        Existing((), held=(alias,)),
        zone=ZONE,
        provider_id="route53",
        capabilities=CAPS,
        replace_sets=True,
    )
    assert [i.kind for i in plan.items] == ["create", "create"]
    assert all(c.record != alias for c in plan.changes)


def test_a_cname_beside_other_data_is_a_conflict() -> None:
    existing = Existing((Record("TXT", f"em.{ZONE}", "v=1"),))
    ((kind, _),) = plan_for([Record("CNAME", f"em.{ZONE}", "x.example.net")], existing)
    assert kind == "conflict"


def test_a_cname_at_the_apex_is_a_conflict() -> None:
    ((kind, reason),) = plan_for([Record("CNAME", ZONE, "x.example.net")], Existing(()))
    assert kind == "conflict" and "apex" in reason


def test_a_300_character_txt_is_split_before_it_is_written() -> None:
    value = "k=rsa; p=" + "A" * 291
    assert [len(s) for s in split_txt(value)] == [255, 45]
    from providers.route53_sets import record_value

    assert record_value(Record("TXT", ZONE, value)).count('" "') == 1


def test_every_upsert_carries_a_ttl() -> None:
    from providers.route53_sets import change_batch
    from wizard.model.changes import create

    batch = change_batch({}, [create(Record("TXT", f"a.{ZONE}", "v=1"))])
    batch += change_batch({}, [create(Record("TXT", f"b.{ZONE}", "v=1", 60))])
    assert [c["Action"] for c in batch] == ["UPSERT", "UPSERT"]
    assert [c["ResourceRecordSet"]["TTL"] for c in batch][1] == 60
    assert all(int(c["ResourceRecordSet"]["TTL"]) > 0 for c in batch)


def test_an_alias_in_route53_makes_a_planned_cname_a_conflict(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with moto_route53(monkeypatch) as r53:
        zid = r53.create_zone(ZONE)
        r53.put_alias(zid, f"links.{ZONE}.", "d111.cloudfront.net.", target_zone="Z2FDTNDATAQYW2")
        provider = Route53Provider({})
        plan = build_plan(provider, ZONE, [Record("CNAME", f"links.{ZONE}", "e.example.net")])
    assert plan.has_conflicts
    assert "d111.cloudfront.net" in plan.conflicts[0].reason
