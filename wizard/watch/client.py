"""Asking one DNS server one question, and reading its answer the way the watcher needs.

A `Client` remembers the addresses of servers given by host name, so a sweep of hundreds of
pairs looks each name up once. The memory belongs to the client (a watcher owns one), never to
the module: two watches, or two tests, never share it.
"""

from __future__ import annotations

import asyncio
import logging
import socket
from dataclasses import replace

import dns.asyncquery
import dns.exception
import dns.flags
import dns.inet
import dns.message
import dns.name
import dns.rcode
import dns.rdatatype

from wizard.model.names import normalize_name
from wizard.model.rdata import record_from_rdata
from wizard.model.records import Record
from wizard.model.servers import Server
from wizard.watch.model import Answer

log = logging.getLogger(__name__)


class Client:
    """Asks servers over UDP (TCP when truncated), each answer within `timeout` seconds.

    A resolver with a DNS-over-HTTPS URL (`doh`) whose port 53 goes unanswered is asked at
    that URL instead, from then on (an office firewall does not open up mid-watch); with
    `force_https` such resolvers are asked over HTTPS from the start.
    """

    def __init__(self, timeout: float = 2.0, *, force_https: bool = False) -> None:
        self.timeout = timeout
        self.force_https = force_https
        self._addresses: dict[str, str] = {}
        #: Servers whose port 53 went unanswered: asked over HTTPS from then on.
        self._blocked: set[Server] = set()

    async def ask(
        self,
        server: Server,
        name: str,
        rdtype: str,
        *,
        recursion: bool,
        doh: str | None = None,
        checking_disabled: bool = False,
    ) -> Answer:
        """One question; a timeout, an unreachable server or a bad reply is an `Answer` with
        its `error` set, never an exception. `checking_disabled` sets the CD flag: a
        validating resolver then answers even when DNSSEC validation fails."""
        fqdn = normalize_name(name)
        query = dns.message.make_query(fqdn + ".", rdtype)
        if not recursion:
            query.flags &= ~dns.flags.RD
        if checking_disabled:
            query.flags |= dns.flags.CD
        if doh is not None and (self.force_https or server in self._blocked):
            return await self._ask_https(query, doh, fqdn, rdtype)
        answer = await self._ask_port_53(server, query, fqdn, rdtype)
        if doh is not None and answer.rcode in ("TIMEOUT", "UNREACHABLE"):
            log.info("%s did not answer on port %d: asking %s", server.host, server.port, doh)
            via_https = await self._ask_https(query, doh, fqdn, rdtype)
            if via_https.error is None:
                self._blocked.add(server)
            return via_https
        return answer

    async def _ask_port_53(
        self, server: Server, query: dns.message.Message, fqdn: str, rdtype: str
    ) -> Answer:
        timeout = self.timeout
        try:
            async with asyncio.timeout(timeout):
                address = await self.address(server.host)
                response, _tcp = await dns.asyncquery.udp_with_fallback(
                    query, address, timeout=timeout, port=server.port
                )
        except (TimeoutError, dns.exception.Timeout):
            return Answer("TIMEOUT", error=f"no answer within {timeout:g} s")
        except OSError as exc:
            return Answer("UNREACHABLE", error=f"unreachable ({exc.strerror or exc})")
        except dns.exception.DNSException as exc:
            return Answer("BADRESPONSE", error=f"bad response ({exc})")
        return parse_response(response, fqdn, rdtype)

    async def _ask_https(
        self, query: dns.message.Message, url: str, fqdn: str, rdtype: str
    ) -> Answer:
        timeout = self.timeout
        try:
            async with asyncio.timeout(timeout):
                response = await dns.asyncquery.https(query, url, timeout=timeout)
        except (TimeoutError, dns.exception.Timeout):
            return Answer("TIMEOUT", error=f"no answer within {timeout:g} s, over HTTPS either")
        except (OSError, ValueError) as exc:
            return Answer("UNREACHABLE", error=f"unreachable, over HTTPS too ({exc})")
        except dns.exception.DNSException as exc:
            return Answer("BADRESPONSE", error=f"bad response over HTTPS ({exc})")
        except Exception as exc:  # httpx's own errors (connection, HTTP status)
            return Answer("UNREACHABLE", error=f"unreachable, over HTTPS too ({exc})")
        return replace(parse_response(response, fqdn, rdtype), via_https=True)

    async def address(self, host: str) -> str:
        """The address of a server given by name, looked up once per client."""
        if dns.inet.is_address(host):
            return host
        if host not in self._addresses:
            loop = asyncio.get_running_loop()
            infos = await loop.getaddrinfo(host, None, type=socket.SOCK_DGRAM)
            self._addresses[host] = str(infos[0][4][0])
        return self._addresses[host]


async def ask(
    server: Server,
    name: str,
    rdtype: str,
    *,
    recursion: bool,
    timeout: float,
) -> Answer:
    """Ask one server one question, with a client of its own (for a single look)."""
    return await Client(timeout).ask(server, name, rdtype, recursion=recursion)


def parse_response(response: dns.message.Message, fqdn: str, rdtype: str) -> Answer:
    """The records of `rdtype` at `fqdn`, an alias in their place, and what the authority
    section says: the zone answering, its negative TTL, or a referral to a child zone."""
    rcode = dns.rcode.to_text(response.rcode())
    qname = dns.name.from_text(fqdn + ".")
    wanted = dns.rdatatype.from_text(rdtype)
    found: list[Record] = []
    ttl: int | None = None
    alias: str | None = None
    for rrset in response.answer:
        if rrset.name != qname:
            continue
        if rrset.rdtype == wanted:
            ttl = rrset.ttl
            for rd in rrset:
                record = record_from_rdata(fqdn, rdtype, rd, rrset.ttl)
                if record is not None:
                    found.append(record)
        elif rrset.rdtype == dns.rdatatype.CNAME and wanted != dns.rdatatype.CNAME:
            alias = normalize_name(rrset[0].target.to_text())
            ttl = rrset.ttl
    negative_ttl: int | None = None
    authority_zone: str | None = None
    referral = False
    for rrset in response.authority:
        if rrset.rdtype == dns.rdatatype.SOA:
            authority_zone = normalize_name(rrset.name.to_text())
            negative_ttl = min(rrset.ttl, rrset[0].minimum)
        elif rrset.rdtype == dns.rdatatype.NS and not response.answer and authority_zone is None:
            if not response.flags & dns.flags.AA:
                referral = True
                authority_zone = normalize_name(rrset.name.to_text())
    if rcode not in ("NOERROR", "NXDOMAIN"):
        return Answer(rcode, error=f"the server answered {rcode}")
    return Answer(rcode, tuple(found), ttl, negative_ttl, authority_zone, referral, alias)
