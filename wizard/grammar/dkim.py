"""A DKIM key record (RFC 6376 §3.6.1; Ed25519 keys RFC 8463; key sizes RFC 8301).

The tags: `v=DKIM1` (first, if present), `k=` the key type (rsa by default, or ed25519), `p=`
the key in base64 (required; empty means the key is revoked), `h=`, `s=`, `t=`, `n=`. The key
must decode to a public key of the stated type: an RSA SubjectPublicKeyInfo of at least 1024
bits, or Ed25519's 32 raw bytes. A key that a heading or status word was glued onto, or that
was cut short, fails here, and the message says which: the DER length at the start of an RSA
key says how long the key is, so text after it is named.
"""

from __future__ import annotations

import base64
import binascii
import re

from wizard.grammar._words import hint
from wizard.grammar.taglist import read_tags

RFC = "RFC 6376 §3.6.1"
KEY_TYPES = ("rsa", "ed25519")
ED25519_BYTES = 32
MIN_RSA_BITS = 1024  # RFC 8301 §3.2: verifiers must not accept smaller keys
BASE64 = re.compile(r"^[A-Za-z0-9+/]*={0,2}$")


def dkim_problems(value: str) -> list[str]:
    """What is wrong with `value` as a DKIM key record; [] when it is a usable key."""
    tags = read_tags(value, RFC)
    problems = list(tags.problems)
    version = tags.get("v")
    if version is not None:
        if tags.names[0] != "v":
            problems.append(f"v=DKIM1 must come first in a DKIM record ({RFC}).")
        if version != "DKIM1":
            problems.append(f"v={version} is not a DKIM version: it must be v=DKIM1 ({RFC}).")
    key_type = (tags.get("k") or "rsa").strip()
    if key_type not in KEY_TYPES:
        problems.append(
            f"k={key_type} is not a DKIM key type: rsa or ed25519 (RFC 6376, RFC 8463)."
            f"{hint(key_type.split()[-1]) if key_type.split() else ''}"
        )
    for tag, allowed in (("h", ("sha1", "sha256")), ("s", ("*", "email"))):
        given = tags.get(tag)
        if given is not None:
            unknown = [x for x in _colon_list(given) if x not in allowed]
            if unknown:
                problems.append(
                    f"{tag}={given} names {', '.join(map(repr, unknown))}; {tag}= takes "
                    f"{' or '.join(allowed)}, separated by ':' ({RFC}).{hint(unknown[-1])}"
                )
    key = tags.get("p")
    if key is None:
        problems.append(f"it has no p= tag, the public key every DKIM record needs ({RFC}).")
    elif not key.strip():
        problems.append(
            f"p= is empty, which means the key is revoked ({RFC}). A vendor gives a key to "
            "publish; copy the p= value from the vendor's page again."
        )
    elif key_type in KEY_TYPES:
        problems.extend(_key_problems(key, key_type))
    return problems


def _colon_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(":")]


def _key_problems(key: str, key_type: str) -> list[str]:
    compact = re.sub(r"\s+", "", key)
    expected = _rsa_length(compact) if key_type == "rsa" else _ed25519_length(compact)
    if expected is not None and len(compact) > expected and BASE64.match(compact[:expected]):
        extra = compact[expected:]
        return [
            f"p= goes on past the end of its key: {extra!r} after it is not part of the key."
            f"{hint(extra) or ' Is it a word from beside the value?'}"
        ]
    odd = re.search(r"[^A-Za-z0-9+/=]", compact)
    if odd:
        around = compact[max(0, odd.start() - 6) : odd.start() + 12]
        return [f"p= is not base64: it has {odd.group()!r} in …{around}…, which a key cannot."]
    if expected is not None and len(compact) < expected:
        return [
            f"p= is cut short: its key is {expected} base64 characters long, but p= holds "
            f"{len(compact)}. Copy the whole key again."
        ]
    try:
        der = base64.b64decode(compact, validate=True)
    except binascii.Error:
        return [
            f"p= does not decode as base64 ({len(compact)} characters, padding at the wrong "
            "place or missing): is it cut short or does it have text glued to it?"
        ]
    return _decoded_problems(der, key_type)


def _decoded_problems(der: bytes, key_type: str) -> list[str]:
    from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
    from cryptography.hazmat.primitives.serialization import load_der_public_key

    if key_type == "ed25519":
        if len(der) == ED25519_BYTES:
            ed25519.Ed25519PublicKey.from_public_bytes(der)
            return []
        if _loads_as_rsa(der):
            return ["p= holds an RSA key, but k=ed25519 says it is Ed25519: is k= wrong?"]
        return [
            f"p= decodes to {len(der)} bytes, but an Ed25519 key (k=ed25519) is {ED25519_BYTES} "
            "bytes (RFC 8463 §4.2)."
        ]
    try:
        public = load_der_public_key(der)
    except (ValueError, TypeError):
        if len(der) == ED25519_BYTES:
            return [
                "p= holds 32 bytes, an Ed25519 key, but the record says it is RSA "
                "(k=rsa, or no k=, which means rsa): should it say k=ed25519?"
            ]
        return [f"p= decodes, but not to an RSA public key ({len(der)} bytes that are no key)."]
    if not isinstance(public, rsa.RSAPublicKey):
        kind = type(public).__name__.removeprefix("_").removesuffix("PublicKey")
        return [f"p= holds a key of another kind ({kind}), not the RSA key the record says."]
    if public.key_size < MIN_RSA_BITS:
        return [
            f"p= is a {public.key_size}-bit RSA key; DKIM keys must have at least "
            f"{MIN_RSA_BITS} bits (RFC 8301 §3.2)."
        ]
    return []


def _loads_as_rsa(der: bytes) -> bool:
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import load_der_public_key

    try:
        return isinstance(load_der_public_key(der), rsa.RSAPublicKey)
    except (ValueError, TypeError):
        return False


def _rsa_length(compact: str) -> int | None:
    """How many base64 characters the DER key that `compact` starts with takes, from the length
    in its first bytes (a SEQUENCE: 0x30, then the length); None when it starts otherwise."""
    try:
        head = base64.b64decode(compact[:8], validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(head) < 2 or head[0] != 0x30:
        return None
    if head[1] < 0x80:
        total = 2 + head[1]
    else:
        size = head[1] & 0x7F
        if size == 0 or size > 3 or len(head) < 2 + size:
            return None
        total = 2 + size + int.from_bytes(head[2 : 2 + size], "big")
    return 4 * -(-total // 3)


def _ed25519_length(compact: str) -> int | None:
    """An Ed25519 key is 44 base64 characters (32 bytes, one '=')."""
    return 44 if len(compact) > 44 and compact[43] == "=" else None
