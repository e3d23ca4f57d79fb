"""The plan decides each record's fate from what the host has: pure, so every case is cheap."""

from __future__ import annotations

from providers.base import Capabilities, Existing
from wizard.model.records import Record
from wizard.plan import Plan, make_plan

ZONE = "example.test"
SPF = Record("TXT", ZONE, "v=spf1 include:_spf.example.net ~all", 300)
MX = Record("MX", ZONE, "mail.example.test", 300, 10)
WWW = Record("A", f"www.{ZONE}", "192.0.2.10", 300)
OLD_CNAME = Record("CNAME", f"links.{ZONE}", "old.vendor.example", 300)
EXISTING = Existing((SPF, MX, WWW, OLD_CNAME))


DEFAULT_CAPS = Capabilities()


def plan(
    records: list[Record], caps: Capabilities = DEFAULT_CAPS, *, replace_sets: bool = False
) -> Plan:
    return make_plan(
        records,
        EXISTING,
        zone=ZONE,
        provider_id="x",
        capabilities=caps,
        replace_sets=replace_sets,
    )


def kinds(p: Plan) -> list[str]:
    return [i.kind for i in p.items]


def test_txt_is_added_beside_spf_and_spf_stays() -> None:
    p = plan([Record("TXT", ZONE, "pendo-verification=1", 300)])
    assert kinds(p) == ["create"]
    assert [c.action for c in p.changes] == ["create"]
    assert "stay" in p.items[0].reason
    assert not any(c.existing == SPF for c in p.changes)


def test_exact_value_already_present() -> None:
    p = plan(
        [
            Record("TXT", ZONE, SPF.value, 60),
            Record("MX", "EXAMPLE.test.", "Mail.Example.Test.", 1, 10),
        ]
    )
    assert kinds(p) == ["present", "present"]
    assert p.changes == ()


def test_txt_compare_is_exact() -> None:
    p = plan([Record("TXT", ZONE, SPF.value.upper(), 300)])
    assert kinds(p) == ["create"]


def test_mx_with_other_priority_is_added() -> None:
    assert kinds(plan([Record("MX", ZONE, "mail.example.test", 300, 20)])) == ["create"]


def test_cname_update_needs_confirmation() -> None:
    new = Record("CNAME", f"links.{ZONE}", "new.vendor.example", 300)
    p = plan([new])
    assert kinds(p) == ["update"]
    assert p.updates[0].change is not None
    assert p.updates[0].change.existing == OLD_CNAME and p.updates[0].change.new == new
    assert "old.vendor.example" in p.items[0].reason


def test_cname_same_target_is_present() -> None:
    assert kinds(plan([Record("CNAME", f"links.{ZONE}", "OLD.vendor.example.", 300)])) == [
        "present"
    ]


def test_conflicts_say_why() -> None:
    cases = {
        "apex": Record("CNAME", ZONE, "x.example", 300),
        "already has A": Record("CNAME", f"www.{ZONE}", "x.example", 300),
        "is a CNAME": Record("TXT", f"links.{ZONE}", "hello", 300),
        "not inside the zone": Record("A", "other.test", "192.0.2.1", 300),
    }
    for words, rec in cases.items():
        p = plan([rec])
        assert kinds(p) == ["conflict"], words
        assert words in p.items[0].reason
        assert p.changes == ()


def test_underscore_conflict_only_when_the_host_cannot() -> None:
    dkim = Record("TXT", f"s1._domainkey.{ZONE}", "k=rsa; p=x", 300)
    assert kinds(plan([dkim])) == ["create"]
    p = plan([dkim], Capabilities(underscores=False))
    assert kinds(p) == ["conflict"] and "underscore" in p.items[0].reason


def test_record_type_conflict_only_when_the_host_cannot_write_it() -> None:
    mx = Record("MX", f"bounce.{ZONE}", "feedback.vendor.example", 300, 10)
    txt = Record("TXT", f"bounce.{ZONE}", "v=spf1 -all", 300)
    assert kinds(plan([mx, txt])) == ["create", "create"]
    p = plan([mx, txt], Capabilities(record_types=frozenset({"A", "CNAME", "TXT"})))
    assert kinds(p) == ["conflict", "create"]
    assert "cannot write MX records" in p.items[0].reason
    assert p.changes and all(c.record.type == "TXT" for c in p.changes)


def test_a_host_cannot_conflict_is_marked_by_data_and_only_it_splits() -> None:
    """What the host cannot write exactly (a type, a value it would alter) is marked so the
    faces can offer it by hand; a real conflict never is, and no split is offered beside one."""
    mx = Record("MX", f"bounce.{ZONE}", "feedback.vendor.example", 300, 10)
    txt = Record("TXT", f"bounce.{ZONE}", "v=spf1 -all", 300)
    long_txt = Record("TXT", f"s1._domainkey.{ZONE}", "p=" + "A" * 300, 300)
    caps = Capabilities(record_types=frozenset({"A", "CNAME", "TXT"}), txt_max_length=255)
    p = plan([mx, txt, long_txt], caps)
    assert [(i.kind, i.host_cannot) for i in p.items] == [
        ("conflict", True),
        ("create", False),
        ("conflict", True),
    ]
    assert p.splittable and [i.record.type for i in p.host_cannot] == ["MX", "TXT"]
    written = p.writable()
    assert not written.has_conflicts and written.digest == p.digest
    assert [c.record for c in written.changes] == [txt]
    # Real conflicts (outside the zone, a CNAME beside a record, an underscore the host
    # refuses everywhere) are not marked, and the plan with one is not split.
    for real in (
        Record("A", "other.test", "192.0.2.1", 300),
        Record("CNAME", f"www.{ZONE}", "x.example", 300),
    ):
        p = plan([mx, real], caps)
        assert [i.host_cannot for i in p.items] == [True, False] and not p.splittable
    dkim = Record("TXT", f"s1._domainkey.{ZONE}", "k=rsa; p=x", 300)
    p = plan([dkim], Capabilities(underscores=False))
    assert p.has_conflicts and not p.items[0].host_cannot and not p.splittable
    assert not plan([txt]).splittable  # no conflict at all: nothing to split


def test_cname_and_other_record_in_the_same_paste() -> None:
    p = plan([Record("CNAME", f"t.{ZONE}", "x.example", 300), Record("TXT", f"t.{ZONE}", "v", 300)])
    assert kinds(p)[0] == "conflict"


def test_duplicates_in_the_paste_count_once() -> None:
    rec = Record("TXT", ZONE, "v=1", 300)
    assert kinds(plan([rec, rec, Record("TXT", "Example.Test", "v=1", 60)])) == ["create"]


def test_replace_sets_removes_the_other_values_as_updates() -> None:
    p = plan([Record("TXT", ZONE, "only", 300)], replace_sets=True)
    assert kinds(p) == ["create", "update"]
    removal = p.items[1].change
    assert removal is not None and removal.action == "delete" and removal.existing == SPF
    assert not any(c.existing == MX for c in p.changes)  # other types untouched
    assert p.replace_sets


def test_digest_follows_the_changes() -> None:
    a = plan([Record("TXT", ZONE, "v=1", 300)])
    b = plan([Record("TXT", ZONE, "v=1", 300)])
    c = plan([Record("TXT", ZONE, "v=2", 300)])
    assert a.digest == b.digest != c.digest
    present_only = plan([SPF])
    more_present = plan([SPF, MX])
    assert present_only.digest == more_present.digest  # nothing written either way


def test_json_summary() -> None:
    data = plan([SPF, Record("TXT", ZONE, "v=1", 300)]).to_json()
    assert data["summary"] == {"create": 1, "present": 1, "update": 0, "conflict": 0}
