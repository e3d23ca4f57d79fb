"""Domain verification tokens, where the vendor's shape is published.

- Google (Search Console and Workspace): `google-site-verification=` then 43 characters of
  URL-safe base64 (Google's help pages, e.g. "google-site-verification=rXOxyZounnZasA8Z7oaD3c14
  JdjS9aKSWvsR1EbUSIQ"; 32 bytes, as a SHA-256 is, written in 43 characters).
- Microsoft 365 / Entra ID: `MS=ms` then 8 digits (Microsoft's "Add a domain" pages:
  `MS=msXXXXXXXX`).
- Every other `…-verification=token` (Facebook, Atlassian, Apple, Stripe…): the token is one
  word, so a second word after it is an error; their lengths are not published, so not checked.
"""

from __future__ import annotations

import re

from wizard.grammar._words import glued_tail, hint

SHAPES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (
        "google-site-verification=",
        re.compile(r"[A-Za-z0-9_-]{43}"),
        "43 letters, digits, '-' and '_' (Google's verification token)",
    ),
    ("MS=ms", re.compile(r"\d{8}"), "8 digits (Microsoft 365's MS=msXXXXXXXX)"),
)
#: A `name=token` value where the name says it is a verification (`facebook-domain-verification`).
TOKEN = re.compile(
    r"^(?P<key>[A-Za-z0-9._-]*(?:verification|verify|verifier))=(?P<token>.*)$", re.I | re.S
)


def is_token(value: str) -> bool:
    """True when `value` claims to be a verification token this module knows how to check."""
    return bool(TOKEN.match(value)) or any(value.startswith(prefix) for prefix, _, _ in SHAPES)


def token_problems(value: str) -> list[str]:
    """What is wrong with `value` as a verification token; [] when it has its vendor's shape."""
    for prefix, shape, described in SHAPES:
        if value.startswith(prefix):
            token = value[len(prefix) :]
            if shape.fullmatch(token):
                return []
            return [_shape_problem(prefix, token, shape, described)]
    match = TOKEN.match(value)
    if match:
        words = match["token"].split()
        if not words:
            return [f"{match['key']}= has no token after it."]
        if len(words) > 1:
            return [
                f"the token after {match['key']}= is one word, but {match['token']!r} has "
                f"{len(words)}: is {' '.join(words[1:])!r} part of it?{hint(words[-1])}"
            ]
    return []


def _shape_problem(prefix: str, token: str, shape: re.Pattern[str], described: str) -> str:
    first = shape.match(token)
    if first and token[first.end() :]:
        extra = token[first.end() :].strip()
        return (
            f"{prefix} is followed by {described}, then {extra!r}, which is not part of the "
            f"token.{hint(extra.split()[-1]) if extra.split() else ''}"
        )
    glued = glued_tail(token)
    guess = f" Is {glued!r} glued to it?{hint(glued)}" if glued else ""
    return f"{prefix} must be followed by {described}; {token!r} is not.{guess}"
