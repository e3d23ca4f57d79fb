"""RFC 2136 dynamic updates signed with TSIG, for self-hosted BIND, Knot or PowerDNS.

Reads are plain queries to the same server (per name and type); an apply is one UPDATE message
holding every change. A value added to an existing set keeps that set's TTL, because an RRset has
one TTL and changing it would touch records outside the plan.
"""

from __future__ import annotations

import base64
import binascii
import logging
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from providers.base import ALL_RECORD_TYPES, Capabilities, Existing, Progress, Provider
from providers.options import (
    Base64SecretOption,
    ChoiceOption,
    IntegerOption,
    NameOption,
    Option,
    ServerOption,
)
from wizard.model.changes import Change
from wizard.model.errors import AuthError, ProviderError, ZoneNotFound
from wizard.model.rdata import record_from_rdata, record_to_rdata
from wizard.model.records import Record
from wizard.model.servers import Server, parse_server
from wizard.model.words import counted

log = logging.getLogger(__name__)

READ_TYPES = ("CNAME", "A", "AAAA", "TXT", "MX", "NS", "SRV", "CAA")
DEFAULT_TTL = 300
ALGORITHMS = ("hmac-sha256", "hmac-sha512", "hmac-sha384", "hmac-sha224", "hmac-sha1", "hmac-md5")


class Rfc2136Provider(Provider):
    id = "rfc2136"
    display_name = "RFC 2136 (BIND, Knot, PowerDNS)"
    options: ClassVar[tuple[Option, ...]] = (
        ServerOption(
            "server",
            "Server",
            "the primary name server as HOST[:PORT]",
            where="The server that takes dynamic updates for the zone (its primary).",
        ),
        NameOption(
            "key_name",
            "TSIG key name",
            "the key's name as in the server config",
            where=(
                "From the server's admin: a TSIG key (BIND: `tsig-keygen NAME`) allowed to "
                "update this zone only (BIND: update-policy { grant NAME zonesub ANY; };)."
            ),
        ),
        Base64SecretOption(
            "key_secret",
            "TSIG key secret",
            "base64, as in the config",
            where="The `secret` line of that key's block in the server's config.",
        ),
        ChoiceOption(
            "key_algorithm",
            "TSIG algorithm",
            "the key's algorithm, as in the config",
            required=False,
            default="hmac-sha256",
            choices=ALGORITHMS,
        ),
        IntegerOption(
            "timeout",
            "Timeout",
            "seconds to wait for the server",
            required=False,
            default="10",
            minimum=1,
            maximum=300,
            advanced=True,
        ),
    )
    #: SRV and CAA go as dnspython rdata, like every other type (wizard.model.rdata).
    capabilities: ClassVar[Capabilities] = Capabilities(
        record_types=ALL_RECORD_TYPES, ttl_per_set=True
    )

    def __init__(self, settings: Mapping[str, str] | None = None) -> None:
        super().__init__(settings)
        #: rdata as last read, so a delete names a TXT value split as the server holds it.
        self._seen: dict[tuple[str, str, str, int | None], Any] = {}

    # -- plumbing -------------------------------------------------------------------------

    @property
    def _address(self) -> Server:
        return parse_server(self.text("server") or "")

    @property
    def _timeout(self) -> float:
        return float(self.integer("timeout") or 10)

    def _where(self) -> str:
        return str(self._address)

    def _send(self, message: Any) -> Any:
        import dns.exception
        import dns.query
        import dns.tsig

        server = self._address
        try:
            return dns.query.tcp(message, server.host, port=server.port, timeout=self._timeout)
        except dns.exception.Timeout:
            raise ProviderError(
                f"The DNS server {self._where()} did not answer within {self._timeout:g} s. "
                "Check it is running and reachable, then run the command again.",
                title="No answer",
            ) from None
        except dns.tsig.PeerError as err:
            raise AuthError(
                f"The DNS server {self._where()} rejected the TSIG key "
                f"({type(err).__name__}): check the key name, secret and algorithm."
            ) from None
        except (OSError, EOFError, dns.exception.DNSException) as err:
            reason = getattr(err, "strerror", None) or type(err).__name__
            raise ProviderError(
                f"Could not talk to the DNS server {self._where()}: {reason}.",
                title="Server unreachable",
            ) from None

    def _keyring(self) -> tuple[Any, Any, str]:
        import dns.name
        import dns.tsigkeyring

        name = self.text("key_name") or ""
        secret = self.text("key_secret") or ""
        algorithm = self.text("key_algorithm") or "hmac-sha256"
        if not name or not secret:
            raise AuthError("The TSIG key name and secret are both needed.")
        try:
            base64.b64decode(secret, validate=True)
            keyring = dns.tsigkeyring.from_text({name: secret})
        except (binascii.Error, ValueError):
            raise AuthError("The TSIG key secret is not valid base64.") from None
        return keyring, dns.name.from_text(name), algorithm

    def _query(self, name: str, rdtype: str) -> Any:
        import dns.message

        return self._send(dns.message.make_query(name, rdtype))

    def _check_zone(self, zone: str) -> None:
        import dns.rcode
        import dns.rdatatype

        response = self._query(zone, "SOA")
        rcode = response.rcode()
        soa = [
            r
            for r in response.answer
            if r.rdtype == dns.rdatatype.SOA and r.name.to_text(True).lower() == zone
        ]
        if rcode == dns.rcode.REFUSED or rcode == dns.rcode.NXDOMAIN or not soa:
            raise ZoneNotFound(
                f"The DNS server {self._where()} does not serve the zone {zone} "
                f"({dns.rcode.to_text(rcode)}). Check the zone name and the server setting."
            )

    def _check_credentials(self, zone: str) -> None:
        """Reads need no key, so ask for the SOA signed with it: the server checks the TSIG."""
        import dns.message

        self._check_zone(zone)
        keyring, keyname, algorithm = self._keyring()
        query = dns.message.make_query(zone + ".", "SOA")
        query.use_tsig(keyring, keyname=keyname, algorithm=algorithm)
        self._send(query)

    # -- reading --------------------------------------------------------------------------

    def _to_record(self, name: str, rdtype: str, ttl: int, rdata: Any) -> Record | None:
        rec = record_from_rdata(name, rdtype, rdata, ttl)
        if rec is not None:
            self._seen[(rec.name, rec.type, rec.value, rec.priority)] = rdata
        return rec

    def _rrset(self, name: str, rdtype: str) -> list[Record]:
        import dns.rdatatype

        response = self._query(name, rdtype)
        found: list[Record] = []
        for rrset in response.answer:
            owner = rrset.name.to_text(omit_final_dot=True).lower()
            if owner != name or dns.rdatatype.to_text(rrset.rdtype) != rdtype:
                continue
            for rdata in rrset:
                record = self._to_record(owner, rdtype, int(rrset.ttl), rdata)
                if record is not None:
                    found.append(record)
        return found

    def _list_records(self, zone: str, names: Sequence[str]) -> Existing:
        self._check_zone(zone)
        records: list[Record] = []
        for name in names:
            for rdtype in READ_TYPES:
                records.extend(self._rrset(name, rdtype))
        return Existing(tuple(records))

    # -- writing --------------------------------------------------------------------------

    def _rdata(self, record: Record) -> Any:
        """The rdata to send: as last read when we read it, so a delete matches the server's."""
        seen = self._seen.get((record.name.lower(), record.type, record.value, record.priority))
        return seen if seen is not None else record_to_rdata(record)

    def _apply(self, zone: str, changes: Sequence[Change], progress: Progress) -> None:
        import dns.rcode
        import dns.update

        keyring, keyname, algorithm = self._keyring()
        message = dns.update.UpdateMessage(
            zone, keyring=keyring, keyname=keyname, keyalgorithm=algorithm
        )
        set_ttls: dict[tuple[str, str], int] = {}
        going = [c.existing for c in changes if c.existing is not None]
        for change in changes:
            if change.existing is not None:
                old = change.existing
                message.delete(old.name + ".", self._rdata(old))
            if change.new is not None:
                new = change.new
                ttl = new.ttl if new.ttl is not None else DEFAULT_TTL
                if change.action == "create":
                    key = (new.name.lower(), new.type)
                    if key not in set_ttls:
                        # One TTL per RRset: the set's own while values outside the plan stay.
                        stay = [
                            r for r in self._rrset(*key) if not any(r.same_data(g) for g in going)
                        ]
                        set_ttls[key] = stay[0].ttl or ttl if stay else ttl
                    ttl = set_ttls[key]
                message.add(new.name + ".", ttl, self._rdata(new))
        progress(f"Sending one update with {counted(len(changes), 'change')} to {self._where()}…")
        response = self._send(message)
        rcode = response.rcode()
        if rcode == dns.rcode.NOERROR:
            log.info("rfc2136: %s in %s", counted(len(changes), "change"), zone)
            return
        text = dns.rcode.to_text(rcode)
        if rcode == dns.rcode.REFUSED:
            raise AuthError(
                f"The DNS server {self._where()} refused the update to {zone} (REFUSED): the key "
                "is not allowed to update this zone (see allow-update / update-policy), or the "
                "server's own checks rejected a record (such as an MX whose target in the zone "
                "has no address). The server's log says which. Nothing was changed."
            )
        if rcode in (dns.rcode.NOTAUTH, dns.rcode.NOTZONE, dns.rcode.NXDOMAIN):
            raise ZoneNotFound(
                f"The DNS server {self._where()} is not the primary for {zone} ({text}). Point "
                "the server setting at the zone's primary."
            )
        raise ProviderError(
            f"The DNS server {self._where()} did not apply the update to {zone} ({text}). "
            "Nothing was changed."
        )
