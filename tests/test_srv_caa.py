"""SRV and CAA in the model, rdata both ways, and the watcher comparing them by meaning.

The watch tests ask a real BIND that holds the records spelled otherwise than the vendor gave
them (target in capitals, tag in capitals): it still "serves it". A value that differs in what
DNS means (a port, the CA's name) is still "wrong".
"""

from __future__ import annotations

import dns.rdata
import pytest

from tests.fakes.bind import BindServer
from tests.test_propagation import auth, update
from wizard.model.fields import Caa, Srv, caa_fields, srv_fields
from wizard.model.rdata import record_from_rdata, record_to_rdata
from wizard.model.records import Record
from wizard.watch import Expectation, Watcher, same_value

SIP = Record("SRV", "_sip._tls.example.test", "1 443 sipdir.online.lync.com", 3600, 100)
CAA = Record("CAA", "example.test", '0 issue "letsencrypt.org"', 3600)


def test_srv_fields_both_ways() -> None:
    srv = srv_fields(100, "1 443 SIPDIR.online.lync.com.")
    assert srv == Srv(100, 1, 443, "sipdir.online.lync.com")
    assert srv.value == "1 443 sipdir.online.lync.com"
    assert srv_fields(0, "0 0 .") == Srv(0, 0, 0, ".")
    for bad in ("1 443", "a 443 x.test", "1 443 x.test extra"):
        with pytest.raises(ValueError):
            srv_fields(1, bad)
    with pytest.raises(ValueError):
        srv_fields(None, "1 443 x.test")


def test_caa_fields_both_ways() -> None:
    caa = caa_fields('128 ISSUE "letsencrypt.org; validationmethods=dns-01"')
    assert caa == Caa(128, "ISSUE", "letsencrypt.org; validationmethods=dns-01")
    assert caa.text == '128 ISSUE "letsencrypt.org; validationmethods=dns-01"'
    assert (
        Caa(0, "iodef", 'mailto:"a"@example.test').text == '0 iodef "mailto:\\"a\\"@example.test"'
    )
    assert caa_fields(Caa(0, "iodef", 'x"y\\z').text) == Caa(0, "iodef", 'x"y\\z')
    assert caa_fields("0 issue letsencrypt.org").text == '0 issue "letsencrypt.org"'
    with pytest.raises(ValueError):
        caa_fields("issue letsencrypt.org")


@pytest.mark.parametrize(
    ("record", "text"),
    [
        (SIP, "100 1 443 sipdir.online.lync.com."),
        (Record("SRV", "_xmpp._tcp.example.test", "0 0 .", 300, 0), "0 0 0 ."),
        (CAA, '0 issue "letsencrypt.org"'),
        (Record("CAA", "example.test", '128 iodef "mailto:ca@example.test"'), None),
    ],
)
def test_rdata_both_ways(record: Record, text: str | None) -> None:
    rdata = record_to_rdata(record)
    assert rdata.to_text() == (text or record.value)
    back = record_from_rdata(record.name, record.type, rdata, record.ttl or 300)
    assert back is not None and back.same_data(record)
    assert (back.value, back.priority) == (record.value, record.priority)


def test_rdata_read_as_dns_spells_it() -> None:
    srv = dns.rdata.from_text("IN", "SRV", "100 1 443 SipDir.Online.Lync.COM.")
    got = record_from_rdata("_SIP._tls.Example.test.", "SRV", srv, 60)
    assert got == Record("SRV", "_sip._tls.example.test", "1 443 sipdir.online.lync.com", 60, 100)
    caa = dns.rdata.from_text("IN", "CAA", "0 Issue letsencrypt.org")
    assert record_from_rdata("example.test", "CAA", caa, 60) == Record(
        "CAA", "example.test", '0 Issue "letsencrypt.org"', 60
    )


def test_same_data_by_meaning() -> None:
    def srv(value: str, priority: int = 100) -> Record:
        return Record("SRV", SIP.name, value, None, priority)

    assert SIP.same_data(srv("1 443 SIPDIR.online.lync.com."))
    assert not SIP.same_data(srv("1 5061 sipdir.online.lync.com"))
    assert not SIP.same_data(srv("1 443 sipdir.online.lync.com", 10))

    def caa(value: str) -> Record:
        return Record("CAA", CAA.name, value)

    assert CAA.same_data(caa('0 ISSUE "letsencrypt.org"'))  # RFC 8659 §4.1: tag without case
    assert CAA.same_data(caa("0 issue letsencrypt.org"))
    assert not CAA.same_data(caa('0 issue "LetsEncrypt.org"'))  # the value is exact
    assert not CAA.same_data(caa('128 issue "letsencrypt.org"'))
    assert not caa("not a caa value").same_data(CAA)
    assert same_value(SIP, srv("1 443 sipdir.online.lync.com.")) and not same_value(
        SIP, srv("2 443 sipdir.online.lync.com")
    )


async def test_watch_compares_srv_and_caa_by_meaning(bind: BindServer) -> None:
    await update(
        bind,
        "example.test",
        add=[
            "_sip._tls.example.test. 300 SRV 100 1 443 SIPDIR.Online.Lync.com.",
            "example.test. 300 CAA 0 ISSUE letsencrypt.org",
        ],
    )
    wrong_port = Record("SRV", SIP.name, "1 5061 sipdir.online.lync.com", None, 100)
    wrong_ca = Record("CAA", CAA.name, '0 issue "pki.goog"')
    expectations = [Expectation(r) for r in (SIP, CAA, wrong_port, wrong_ca)]
    sweep = await Watcher(expectations, [auth(bind)], []).sweep()
    got = [sweep.for_expectation(e)[0].status for e in expectations]
    assert got == ["match", "match", "wrong", "wrong"]
    assert "100 1 443 sipdir.online.lync.com" in sweep.for_expectation(expectations[2])[0].detail


async def test_watch_sees_a_removed_srv_gone(bind: BindServer) -> None:
    await update(bind, "example.test", add=["_sip._tls.example.test. 300 SRV 100 1 443 a.test."])
    removal = Expectation(Record("SRV", SIP.name, "1 443 A.test.", None, 100), present=False)
    assert [r.status for r in (await Watcher([removal], [auth(bind)], []).sweep()).results] == [
        "wrong"
    ]
    await update(bind, "example.test", delete=["_sip._tls.example.test. SRV"])
    sweep = await Watcher([removal], [auth(bind)], []).sweep()
    assert [(r.status, r.detail) for r in sweep.results] == [("match", "gone")]
