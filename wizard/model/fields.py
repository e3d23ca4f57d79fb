"""SRV and CAA values taken apart into their fields, and put back together.

Our convention (the paste parser's): an SRV record keeps its priority in `Record.priority` and
"weight port target" in its value, the target without the trailing dot ("." when the vendor
says "no such service"); a CAA value is the presentation form dnspython prints,
`0 issue "letsencrypt.org"`. Each DNS host's API wants the fields apart (Cloudflare's `data`,
GoDaddy's service / protocol / port / weight columns), and comparing by meaning needs them too:
an SRV target is a name (no case, no trailing dot) and a CAA tag is case-insensitive while its
value is compared exactly (RFC 8659 §4.1).
"""

from __future__ import annotations

from dataclasses import dataclass

from wizard.model.names import normalize_name


@dataclass(frozen=True)
class Srv:
    """The four fields of one SRV record (RFC 2782); `target` without the trailing dot."""

    priority: int
    weight: int
    port: int
    target: str

    @property
    def value(self) -> str:
        """Our value form: "weight port target"."""
        return f"{self.weight} {self.port} {self.target}"

    def meaning(self) -> tuple[int, int, int, str]:
        """What the record says in DNS: the target as a name."""
        return (self.priority, self.weight, self.port, normalize_name(self.target) or ".")


@dataclass(frozen=True)
class Caa:
    """The three fields of one CAA record (RFC 8659 §4.1): `value` without quotes or escapes."""

    flags: int
    tag: str
    value: str

    @property
    def text(self) -> str:
        """The presentation form dnspython prints: flags tag "value" (escapes where needed)."""
        import dns.rdata

        tag, value = self.tag.encode(), self.value.encode()
        wire = bytes([self.flags, len(tag)]) + tag + value  # RFC 8659 §4.1's wire form
        return str(dns.rdata.from_wire("IN", "CAA", wire, 0, len(wire)).to_text())

    def meaning(self) -> tuple[int, str, str]:
        """Tags match without case (RFC 8659 §4.1); the value is exact."""
        return (self.flags, self.tag.lower(), self.value)


def srv_fields(priority: int | None, value: str) -> Srv:
    """An SRV record's fields from our priority and "weight port target" value."""
    parts = value.split()
    if priority is None or len(parts) != 3 or not all(p.isdigit() for p in parts[:2]):
        raise ValueError(f"{value!r} is not an SRV value of the form 'weight port target'")
    target = normalize_name(parts[2]) or "."
    return Srv(priority, int(parts[0]), int(parts[1]), target)


def caa_fields(value: str) -> Caa:
    """A CAA value's fields from its presentation form (dnspython reads the quoting)."""
    import dns.exception
    import dns.rdata
    import dns.rdataclass
    from dns.rdtypes.ANY.CAA import CAA

    try:
        rdata = dns.rdata.from_text(dns.rdataclass.IN, "CAA", value)
    except (dns.exception.DNSException, ValueError) as exc:
        raise ValueError(f"{value!r} is not a CAA value ({exc})") from None
    assert isinstance(rdata, CAA)
    tag = rdata.tag.decode("ascii", errors="replace")
    return Caa(int(rdata.flags), tag, rdata.value.decode("utf-8", errors="backslashreplace"))
