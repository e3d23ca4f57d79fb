"""A DNSSEC-signed zone for BIND, signed with BIND's own tools, and one way to break it.

`sign_zone` makes fresh keys, signs the zone text and returns the signed text with the
`trust-anchors` entry a validating resolver needs; `tamper` changes one record's data after
signing, so its signature no longer matches: what a validating resolver sees as bogus.
"""

from __future__ import annotations

import base64
import subprocess
from pathlib import Path

import dns.name
import dns.rdatatype
import dns.zone

from tests.tools import missing

#: BIND's signing tools (Debian's bind9-utils).
DNSSEC_TOOLS = ("dnssec-keygen", "dnssec-signzone")


def dnssec_tools() -> bool:
    return not missing(*DNSSEC_TOOLS)


def sign_zone(origin: str, text: str, directory: Path) -> tuple[str, str]:
    """The zone signed (ECDSA P-256, a KSK and a ZSK), and its KSK as a trust anchor."""
    directory.mkdir(parents=True, exist_ok=True)
    for extra in ((), ("-f", "KSK")):
        subprocess.run(
            ["dnssec-keygen", "-q", "-a", "ECDSAP256SHA256", *extra, "-K", str(directory), origin],
            check=True,
            capture_output=True,
        )
    unsigned = directory / f"{origin}.unsigned"
    unsigned.write_text(text)
    signed = directory / f"{origin}.signed"
    subprocess.run(
        ["dnssec-signzone", "-S", "-K", str(directory), "-o", origin, "-f", str(signed)]
        + ["-O", "full", str(unsigned)],
        check=True,
        capture_output=True,
        cwd=directory,
    )
    zone = dns.zone.from_text(signed.read_text(), origin, relativize=False)
    keys = zone.find_rdataset(dns.name.from_text(origin), dns.rdatatype.DNSKEY)
    ksk = next(rd for rd in keys if rd.flags & 1)  # the SEP bit marks the key-signing key
    key = base64.b64encode(ksk.key).decode()
    anchor = f'"{origin}." static-key {ksk.flags} {ksk.protocol} {int(ksk.algorithm)} "{key}"'
    return signed.read_text(), anchor


def tamper(signed: str, before: str, after: str) -> str:
    """The signed zone with one record's data changed and its signature left as it was."""
    assert signed.count(before) == 1, f"{before!r} must occur once"
    return signed.replace(before, after)
