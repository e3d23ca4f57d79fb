"""The BIND fixture itself: it serves the zone and takes TSIG-signed updates."""

from __future__ import annotations

import dns.query
import dns.tsigkeyring
import dns.update

from tests.fakes.bind import BindServer


def test_serves_the_test_zone(bind: BindServer) -> None:
    assert bind.texts("www.example.test", "A") == ["192.0.2.10"]
    assert bind.texts("app.child.example.test", "A") == ["192.0.2.20"]


def test_accepts_a_signed_update(bind: BindServer) -> None:
    keyring = dns.tsigkeyring.from_text({bind.key_name: (bind.key_algorithm, bind.key_secret)})
    update = dns.update.UpdateMessage("example.test", keyring=keyring)
    update.add("links", 300, "CNAME", "e.customeriomail.com.")
    response = dns.query.tcp(update, bind.address, port=bind.port, timeout=2)
    assert response.rcode() == 0
    assert bind.texts("links.example.test", "CNAME") == ["e.customeriomail.com."]


def test_refuses_an_unsigned_update(bind: BindServer) -> None:
    update = dns.update.UpdateMessage("example.test")
    update.add("links", 300, "CNAME", "e.customeriomail.com.")
    response = dns.query.tcp(update, bind.address, port=bind.port, timeout=2)
    assert response.rcode() != 0
    assert bind.texts("links.example.test", "CNAME") == []
