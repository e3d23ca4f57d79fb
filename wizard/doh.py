"""DNS over HTTPS: where the public resolvers answer it, and asking there when port 53 is blocked.

Many offices let DNS out only through their own resolver, yet let HTTPS through: the same
public resolver then answers at its DoH URL (RFC 8484). The watcher and zone discovery ask
there when a question on port 53 times out, or at once when told to (`--doh`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

import dns.exception
import dns.message
import dns.nameserver
import dns.query

log = logging.getLogger(__name__)

_CLOUDFLARE = "https://cloudflare-dns.com/dns-query"
_GOOGLE = "https://dns.google/dns-query"
_QUAD9 = "https://dns.quad9.net/dns-query"
_OPENDNS = "https://doh.opendns.com/dns-query"

#: The DoH URL of each public resolver, by the address it answers port 53 on.
PUBLIC_DOH: dict[str, str] = {
    "1.1.1.1": _CLOUDFLARE,
    "1.0.0.1": _CLOUDFLARE,
    "2606:4700:4700::1111": _CLOUDFLARE,
    "2606:4700:4700::1001": _CLOUDFLARE,
    "8.8.8.8": _GOOGLE,
    "8.8.4.4": _GOOGLE,
    "2001:4860:4860::8888": _GOOGLE,
    "2001:4860:4860::8844": _GOOGLE,
    "9.9.9.9": _QUAD9,
    "149.112.112.112": _QUAD9,
    "2620:fe::fe": _QUAD9,
    "2620:fe::9": _QUAD9,
    "208.67.222.222": _OPENDNS,
    "208.67.220.220": _OPENDNS,
}


def doh_url(address: str, urls: Mapping[str, str] | None = None) -> str | None:
    """The DoH URL of the resolver at `address` (from `urls`, else the public ones), if known."""
    return (PUBLIC_DOH if urls is None else urls).get(address)


#: What a blocked port 53 looks like: no answer in time, or the connection refused (TCP).
BLOCKED = (dns.exception.Timeout, OSError)


class FallbackNameserver(dns.nameserver.Do53Nameserver):
    """A resolver asked on port 53 until a question there goes unanswered, then at its DoH URL
    for good (or at the URL from the start with `force`): for dnspython's sync Resolver."""

    def __init__(self, address: str, port: int, url: str, *, force: bool = False) -> None:
        super().__init__(address, port)
        self.url = url
        #: True once questions go over HTTPS (forced, or after port 53 went unanswered).
        self.via_https = force

    def kind(self) -> str:
        return "DoH" if self.via_https else "Do53"

    def query(
        self,
        request: dns.message.QueryMessage,
        timeout: float,
        source: str | None,
        source_port: int,
        max_size: bool,
        one_rr_per_rrset: bool = False,
        ignore_trailing: bool = False,
    ) -> dns.message.Message:
        if not self.via_https:
            try:
                return super().query(
                    request,
                    timeout,
                    source,
                    source_port,
                    max_size,
                    one_rr_per_rrset,
                    ignore_trailing,
                )
            except BLOCKED as exc:
                log.info(
                    "%s:%d did not answer (%s): asking %s", self.address, self.port, exc, self.url
                )
                self.via_https = True
        return dns.query.https(
            request,
            self.url,
            timeout=timeout,
            one_rr_per_rrset=one_rr_per_rrset,
            ignore_trailing=ignore_trailing,
        )
