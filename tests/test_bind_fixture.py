"""The BIND fixture itself: it serves the zone, takes TSIG-signed updates, and gives each test
its zones as their text says on the module's shared BIND."""

from __future__ import annotations

from collections.abc import Callable

import dns.message
import dns.query
import dns.rcode
import dns.rdata
import dns.tsigkeyring
import dns.update

from tests.fakes.bind import EXAMPLE_ZONE, BindServer, zone_file


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


def test_each_test_gets_its_zones_as_their_text_says(
    start_bind: Callable[[dict[str, str]], BindServer],
) -> None:
    """The module's BIND is shared, so a zone used before is reset to its text: records
    written are gone, records deleted are back, the SOA's negative TTL is the text's, and a
    zone the next test does not ask for is no longer served."""
    first = start_bind({"example.test": EXAMPLE_ZONE, "other.test": zone_file("other.test", "")})
    first.replace_sets(
        "example.test",
        {
            ("links.example.test.", "CNAME"): [(60, cname("e.customeriomail.com."))],
            ("www.example.test.", "A"): [],
        },
    )
    assert first.texts("links.example.test", "CNAME") == ["e.customeriomail.com."]
    first.stop()
    text = zone_file("example.test", "www IN A 192.0.2.10\n", negative_ttl=7)
    again = start_bind({"example.test": text})
    assert again.texts("links.example.test", "CNAME") == []
    assert again.texts("www.example.test", "A") == ["192.0.2.10"]
    assert again.texts("mail.example.test", "A") == []
    (soa,) = again.query("example.test", "SOA")[0]
    assert soa.minimum == 7
    answer = dns.query.udp(
        dns.message.make_query("other.test", "SOA"), again.address, port=again.port, timeout=2
    )
    assert answer.rcode() == dns.rcode.REFUSED


def test_a_second_server_with_the_same_zone_is_a_bind_of_its_own(
    start_bind: Callable[[dict[str, str]], BindServer],
) -> None:
    one = start_bind({"example.test": EXAMPLE_ZONE})
    two = start_bind({"example.test": zone_file("example.test", "www IN A 192.0.2.99\n")})
    assert one.port != two.port
    assert one.texts("www.example.test", "A") == ["192.0.2.10"]
    assert two.texts("www.example.test", "A") == ["192.0.2.99"]


def cname(target: str) -> dns.rdata.Rdata:
    return dns.rdata.from_text("IN", "CNAME", target)
