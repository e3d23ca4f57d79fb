"""The manual path: writes nothing, says exactly what to type into any DNS host's panel.

Most panels want the host field relative to the zone (`@` for the apex); some (Route 53) want
the full name. A host known to refuse `_` in names cannot hold the DKIM record at all, so the
warning says plainly that the way out is the host's support or moving DNS.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from providers.base import ALL_RECORD_TYPES, Capabilities, Existing, Progress, Provider
from providers.hosts import HOSTS, DnsHost, host_by_id
from providers.options import ChoiceOption, Option, ServerOption
from wizard.model.changes import Change
from wizard.model.errors import ProviderError
from wizard.model.names import normalize_name, relative
from wizard.model.rdata import record_from_rdata
from wizard.model.records import Record
from wizard.model.servers import parse_server

log = logging.getLogger(__name__)

READ_TYPES = ("CNAME", "A", "AAAA", "TXT", "MX", "SRV", "CAA")


@dataclass(frozen=True)
class Instruction:
    """One row to enter by hand: every field exactly as the panel wants it."""

    record: Record
    type: str
    host_field: str
    value: str
    priority: int | None
    ttl: int | None
    warning: str | None = None

    def lines(self) -> list[str]:
        out = [f"Type: {self.type}", f"Host/Name: {self.host_field}", f"Value: {self.value}"]
        if self.priority is not None:
            out.append(f"Priority: {self.priority}")
        out.append(f"TTL: {self.ttl}" if self.ttl is not None else "TTL: the host's default")
        if self.warning:
            out.append(f"Warning: {self.warning}")
        return out


def host_field(name: str, zone: str, *, fqdn: bool = False) -> str:
    """The name as a panel's host field: relative to the zone (`@` at the apex) or full."""
    return normalize_name(name) if fqdn else relative(name, zone)


def underscore_warning(name: str, host: DnsHost | None) -> str | None:
    if "_" not in name:
        return None
    who = host.name if host else "your DNS host"
    if host is not None and host.underscores is False:
        return (
            f"{who} is known to refuse underscores in record names, and {name} needs one: "
            "the email key (DKIM) name must start with it. Ask "
            f"{who}'s support to add it for you, or move the domain's DNS to a host that "
            "accepts it (Cloudflare, Route 53 and GoDaddy do)."
        )
    if host is None or host.underscores is None:
        return (
            f"{name} has an underscore. We don't know whether {who} accepts that; if its form "
            "refuses the name, ask its support to add the record, or move the domain's DNS to "
            "a host that accepts underscores."
        )
    return None


def instructions(
    records: Sequence[Record], zone: str, host: DnsHost | None = None
) -> list[Instruction]:
    """What to enter for each record, in the host's own terms."""
    fqdn = bool(host and host.wants_fqdn)
    return [
        Instruction(
            record=r,
            type=r.type,
            host_field=host_field(r.name, zone, fqdn=fqdn),
            value=r.value,
            priority=r.priority,
            ttl=r.ttl,
            warning=underscore_warning(r.name, host),
        )
        for r in records
    ]


class ManualProvider(Provider):
    id = "manual"
    #: What to type for each record; exposed here so a UI needs only the registry.
    instructions = staticmethod(instructions)
    display_name = "By hand (any DNS host)"
    options: ClassVar[tuple[Option, ...]] = (
        ChoiceOption(
            "host",
            "DNS host",
            "which host's panel you use, so the steps use its words",
            required=False,
            choices=tuple(h.id for h in HOSTS),
        ),
        ServerOption(
            "nameserver",
            "Name server",
            "HOST[:PORT] to read the current records from (default: the system resolver)",
            required=False,
        ),
    )
    #: A person types the records, so every type the wizard reads can be asked for.
    capabilities: ClassVar[Capabilities] = Capabilities(writes=False, record_types=ALL_RECORD_TYPES)

    @property
    def host(self) -> DnsHost | None:
        host_id = self.text("host")
        return host_by_id(host_id) if host_id else None

    def _resolver(self) -> object:
        import dns.resolver

        server = self.text("nameserver")
        if not server:
            return dns.resolver.Resolver()
        address = parse_server(server)
        resolver = dns.resolver.Resolver(configure=False)
        resolver.nameservers = [address.host]
        resolver.port = address.port
        return resolver

    def _list_records(self, zone: str, names: Sequence[str]) -> Existing:
        """What DNS answers now, so the plan can still say "already there"."""
        import dns.exception
        import dns.rdatatype
        import dns.resolver

        resolver = self._resolver()
        assert isinstance(resolver, dns.resolver.Resolver)
        resolver.lifetime = 5.0
        found: list[Record] = []
        for name in names:
            for rdtype in READ_TYPES:
                try:
                    answer = resolver.resolve(name, rdtype, raise_on_no_answer=False)
                except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
                    continue
                except dns.exception.Timeout:
                    raise ProviderError(
                        f"DNS did not answer for {name} in time; the plan cannot tell what is "
                        "already there."
                    ) from None
                except dns.exception.DNSException as err:
                    raise ProviderError(
                        f"Could not read {name} from DNS ({type(err).__name__})."
                    ) from None
                for rrset in answer.response.answer:
                    owner = rrset.name.to_text(omit_final_dot=True).lower()
                    if owner != name or dns.rdatatype.to_text(rrset.rdtype) != rdtype:
                        continue
                    for rd in rrset:
                        record = record_from_rdata(name, rdtype, rd, int(rrset.ttl))
                        if record is not None:
                            found.append(record)
        return Existing(tuple(found))

    def _apply(self, zone: str, changes: Sequence[Change], progress: Progress) -> None:
        # Never reached through `apply`, which refuses first because `writes` is off.
        raise ProviderError(
            "The manual path writes nothing: enter the records in your DNS host's panel.",
            title="Written by hand",
        )
