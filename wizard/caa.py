"""Which certificate authority a name's CAA records let issue for it (RFC 8659).

The relevant CAA set is the first one found climbing from the name itself through its
parents, up to but not including the root (RFC 8659 §3). Looking CAA up at a name follows
aliases like any DNS question, but the climb goes through the name's own parents, never a
CNAME target's (RFC 6844 did that; RFC 8659 removed it).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import dns.exception
import dns.resolver

from wizard.model.names import normalize_name
from wizard.zones import cname_chain

#: The CAA issuer names that let AWS Certificate Manager issue (the ACM user guide, "CAA").
AMAZON = ("amazon.com", "amazontrust.com", "awstrust.com", "amazonaws.com")
#: The property tags RFC 8659 defines; a critical record with any other forbids issuance.
KNOWN_TAGS = frozenset({"issue", "issuewild", "iodef"})
CRITICAL = 128

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CaaRecord:
    flags: int
    tag: str
    value: str

    @property
    def issuer(self) -> str:
        """The issuer domain of an issue property (empty for `;`: no CA at all)."""
        return normalize_name(self.value.split(";", 1)[0].strip())

    def __str__(self) -> str:
        return f'{self.flags} {self.tag} "{self.value}"'


@dataclass(frozen=True)
class CaaSet:
    """The relevant CAA records for a name, and the name they were found at."""

    owner: str
    records: tuple[CaaRecord, ...]


def relevant_caa(name: str, resolver: dns.resolver.Resolver) -> CaaSet | None:
    """The closest CAA set at `name` or a parent (None: no CAA anywhere, every CA may issue).

    Raises dns.exception.DNSException when the lookup at `name` itself fails (a CA does not
    issue then either).
    """
    labels = normalize_name(name).split(".")
    for start in range(len(labels)):
        owner = ".".join(labels[start:])
        try:
            records = _caa_at(owner, resolver)
        except dns.resolver.NoNameservers:
            if start == 0:
                raise
            # A parent nobody will answer about (a server that holds only the zone refuses
            # the TLD): counted as holding no CAA, where a CA would stop. We only advise.
            log.info("CAA at %s could not be read; the climb goes on", owner)
            continue
        if records:
            return CaaSet(owner, records)
    return None


def _caa_at(owner: str, resolver: dns.resolver.Resolver) -> tuple[CaaRecord, ...]:
    """CAA(X) of RFC 8659: the set at `owner`, or at the end of its aliases (a recursive
    resolver follows them; an authoritative server may stop at the first CNAME)."""
    for name in (owner, *cname_chain(owner, resolver)):
        try:
            answer = resolver.resolve(name + ".", "CAA")
        except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
            continue
        return tuple(
            CaaRecord(rd.flags, rd.tag.decode().lower(), rd.value.decode(errors="replace"))
            for rd in answer
        )
    return ()


def unknown_critical(caa: CaaSet) -> list[CaaRecord]:
    """Critical records with a tag no CA knows: they forbid every CA (RFC 8659 §4.1)."""
    return [r for r in caa.records if r.flags & CRITICAL and r.tag not in KNOWN_TAGS]


def allows(caa: CaaSet | None, issuers: Sequence[str]) -> bool:
    """Whether a CA known by any of `issuers` may issue a (non-wildcard) certificate."""
    if caa is None:
        return True
    if unknown_critical(caa):
        return False
    issue = [r for r in caa.records if r.tag == "issue"]
    if not issue:
        return True  # only issuewild or iodef: no limit on ordinary certificates
    wanted = {normalize_name(i) for i in issuers}
    return any(r.issuer in wanted for r in issue)


def record_to_add(caa: CaaSet, issuer: str) -> str:
    """The record that lets `issuer` issue, beside the set that is there now."""
    return f'{caa.owner}. CAA 0 issue "{issuer}"'


@dataclass(frozen=True)
class CaaVerdict:
    """What the readiness check says about CAA: ok, or what blocks the CA and the fix."""

    ok: bool
    summary: str
    detail: str = ""


def caa_verdict(
    host: str, issuers: Sequence[str], ca_name: str, resolver: dns.resolver.Resolver
) -> CaaVerdict | None:
    """Whether the CA the HTTPS path needs (`issuers`, called `ca_name`) may issue for
    `host`; None when no CAA record limits any CA (nothing to say)."""
    try:
        caa = relevant_caa(host, resolver)
    except dns.exception.DNSException as exc:
        return CaaVerdict(
            False,
            f"The CAA records of {host} could not be read ({exc}); a CA refuses to issue "
            "while they cannot be.",
        )
    if caa is None:
        return None
    shown = "; ".join(f"{caa.owner}. CAA {r}" for r in caa.records)
    if allows(caa, issuers):
        return CaaVerdict(True, f"The CAA records at {caa.owner} let {ca_name} issue.", shown)
    blocked = unknown_critical(caa)
    if blocked:
        return CaaVerdict(
            False,
            f"The CAA record {caa.owner}. CAA {blocked[0]} is marked critical with a tag no CA "
            f"knows, so no CA, {ca_name} included, will issue for {host}. Fix: remove it.",
            shown,
        )
    return CaaVerdict(
        False,
        f"The CAA records at {caa.owner} do not let {ca_name} issue a certificate for {host}. "
        f"Fix: add the record {record_to_add(caa, issuers[0])}.",
        shown,
    )
