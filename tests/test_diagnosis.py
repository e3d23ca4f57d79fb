"""Diagnosis on a real BIND zone: each classic mistake is made with a dynamic update, then found."""

from __future__ import annotations

import pytest

from tests.fakes.bind import BindServer
from tests.test_propagation import as_resolver, update
from wizard.model.records import Finding, Record
from wizard.model.servers import parse_server
from wizard.watch import Expectation, ServerSpec, Watcher, diagnose, diagnose_sweep, txt_damaged


def zone_auth(bind: BindServer) -> ServerSpec:
    return ServerSpec("bind", parse_server(bind.server), "authoritative", "example.test")


async def findings_for(
    bind: BindServer, record: Record, *, resolvers: bool = False
) -> list[Finding]:
    exp = Expectation(record)
    watcher = Watcher(
        [exp],
        [zone_auth(bind)],
        [as_resolver(bind)] if resolvers else [],
        guard_negative_cache=False,
    )
    sweep = await watcher.sweep()
    return await diagnose(exp, sweep.for_expectation(exp))


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


async def test_doubled_domain(bind: BindServer) -> None:
    await update(
        bind, "example.test", add=["links.example.test.example.test. 300 CNAME t.vendor.test."]
    )
    findings = await findings_for(bind, Record("CNAME", "links.example.test", "t.vendor.test"))
    assert codes(findings) == ["doubled-domain"]
    assert "links.example.test.example.test" in findings[0].message
    assert "'links'" in findings[0].message


async def test_proxied_or_flattened(bind: BindServer) -> None:
    await update(bind, "example.test", add=["links 300 A 192.0.2.50"])
    findings = await findings_for(bind, Record("CNAME", "links.example.test", "t.vendor.test"))
    assert codes(findings) == ["proxied-or-flattened"]
    assert "DNS only" in findings[0].message


async def test_wrong_target(bind: BindServer) -> None:
    await update(bind, "example.test", add=["links 300 CNAME old.vendor.test."])
    findings = await findings_for(bind, Record("CNAME", "links.example.test", "t.vendor.test"))
    assert codes(findings) == ["wrong-target"]
    assert "old.vendor.test" in findings[0].message and "t.vendor.test" in findings[0].message


async def test_record_in_delegated_child_zone(bind: BindServer) -> None:
    findings = await findings_for(
        bind, Record("CNAME", "links.child.example.test", "t.vendor.test")
    )
    assert codes(findings) == ["wrong-zone"]
    message = findings[0].message
    assert "child.example.test" in message and "ns1.child.example.test" in message


async def test_dangling_target(bind: BindServer) -> None:
    await update(bind, "example.test", add=["links 300 CNAME nowhere.example.test."])
    findings = await findings_for(
        bind, Record("CNAME", "links.example.test", "nowhere.example.test"), resolvers=True
    )
    assert codes(findings) == ["dangling-target"]
    assert findings[0].level == "warning"


async def test_resolving_target_is_not_dangling(bind: BindServer) -> None:
    await update(bind, "example.test", add=["links 300 CNAME www.example.test."])
    findings = await findings_for(
        bind, Record("CNAME", "links.example.test", "www.example.test"), resolvers=True
    )
    assert findings == []


async def test_missing_underscore(bind: BindServer) -> None:
    await update(bind, "example.test", add=['dmarc 300 TXT "v=DMARC1; p=none"'])
    findings = await findings_for(bind, Record("TXT", "_dmarc.example.test", "v=DMARC1; p=none"))
    assert codes(findings) == ["missing-underscore"]
    assert "dmarc.example.test" in findings[0].message
    assert "with the expected value" in findings[0].message


@pytest.mark.parametrize(
    "stored",
    [
        r'"\"v=DKIM1; k=rsa; p=MIGfMA0\""',  # literal quotes kept
        '"v=DKIM1;  k=rsa; p=MIGf MA0"',  # whitespace
        '"v=DKIM1; k=rsa; " "p=MIGfMA0"',  # fine: split strings join exactly
    ],
)
async def test_txt_damage(bind: BindServer, stored: str) -> None:
    await update(bind, "example.test", add=[f"s1._domainkey 300 TXT {stored}"])
    record = Record("TXT", "s1._domainkey.example.test", "v=DKIM1; k=rsa; p=MIGfMA0")
    findings = await findings_for(bind, record)
    if stored.startswith('"v=DKIM1; k=rsa; "'):
        assert findings == []
    else:
        assert codes(findings) == ["txt-damaged"]


async def test_txt_split_into_records(bind: BindServer) -> None:
    await update(
        bind,
        "example.test",
        add=['s1._domainkey 300 TXT "v=DKIM1; k=rsa;"', 's1._domainkey 300 TXT "p=MIGfMA0"'],
    )
    # Two records where the vendor gave one value: in whichever order BIND returns them.
    record = Record("TXT", "s1._domainkey.example.test", "v=DKIM1; k=rsa; p=MIGfMA0")
    findings = await findings_for(bind, record)
    assert codes(findings) == ["txt-damaged"]
    assert txt_damaged(record.value, ["p=MIGfMA0", "v=DKIM1; k=rsa;"])


def test_txt_damaged_rejects_real_differences() -> None:
    assert not txt_damaged("v=spf1 -all", ["v=spf1 ~all"])
    assert txt_damaged("v=spf1 -all", ['"v=spf1 -all"'])
    assert txt_damaged("abc", ["“abc”"])


async def test_nothing_to_say_about_a_plain_missing_record(bind: BindServer) -> None:
    assert await findings_for(bind, Record("A", "new.example.test", "192.0.2.1")) == []


async def test_diagnose_sweep_and_removals(bind: BindServer) -> None:
    await update(bind, "example.test", add=["links 300 A 192.0.2.50"])
    flattened = Expectation(Record("CNAME", "links.example.test", "t.vendor.test"))
    removal = Expectation(Record("A", "www.example.test", "192.0.2.10"), present=False)
    sweep = await Watcher([flattened, removal], [zone_auth(bind)], []).sweep()
    result = await diagnose_sweep(sweep)
    assert list(result) == [flattened]
    assert codes(result[flattened]) == ["proxied-or-flattened"]
