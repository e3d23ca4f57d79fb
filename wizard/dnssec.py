"""Telling a DNSSEC failure from a record that is not there yet, with a validating resolver.

A validating resolver answers SERVFAIL for a name whose signatures do not validate; asked
again with checking disabled (the CD flag) it answers. People read SERVFAIL as "not live
yet" and wait; this says it will not come by waiting.
"""

from __future__ import annotations

import dns.exception
import dns.flags
import dns.resolver

from wizard.model.names import normalize_name


def validation_fails(name: str, resolver: dns.resolver.Resolver, rdtype: str = "A") -> bool:
    """True when `resolver` fails (SERVFAIL) on (name, type) but answers with CD set."""
    qname = normalize_name(name) + "."
    try:
        resolver.resolve(qname, rdtype)
        return False
    except dns.resolver.NoNameservers:
        pass  # every server failed: SERVFAIL, the mark of a validation failure
    except dns.exception.DNSException:
        return False
    flags = resolver.flags
    resolver.flags = dns.flags.RD | dns.flags.CD
    try:
        resolver.resolve(qname, rdtype)
        return True
    except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
        return True  # an answer all the same
    except dns.exception.DNSException:
        return False
    finally:
        resolver.flags = flags
