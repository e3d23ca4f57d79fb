"""A CAA record's value (RFC 8659 §4), in our form: dnspython's presentation `0 issue "ca.example"`.

Flags are 0 to 255; a tag is 1 to 15 letters and digits. The tags a vendor asks for are known
ones: issue, issuewild, iodef (RFC 8659), issuemail (RFC 9495), issuevmc and the CA/Browser
Forum's contactemail and contactphone; a CA that meets a critical unknown tag refuses to issue,
so an unknown tag here is a typo more likely than a wish. Issue values follow §4.2's grammar
(an issuer domain, then `; name=value` parameters); iodef is a mailto: or http(s): URL (§4.4).
"""

from __future__ import annotations

import re

from wizard.grammar._words import hint
from wizard.model.fields import caa_fields

RFC = "RFC 8659"
ISSUE_TAGS = frozenset({"issue", "issuewild", "issuemail", "issuevmc"})
OTHER_TAGS = frozenset({"iodef", "contactemail", "contactphone"})
TAG = re.compile(r"^[A-Za-z0-9]{1,15}$")
LABEL = r"[A-Za-z0-9](?:-*[A-Za-z0-9])*"
ISSUER = re.compile(rf"^{LABEL}(?:\.{LABEL})*$")
PARAMETER = re.compile(rf"^(?P<tag>{LABEL})\s*=\s*[\x21-\x3a\x3c-\x7e]*$")
IODEF = re.compile(r"^(?:mailto:[^@\s]+@[^@\s]+|https?://\S+)$", re.IGNORECASE)


def caa_problems(value: str) -> list[str]:
    """What is wrong with `value` as a CAA record's value; [] when it is one."""
    try:
        caa = caa_fields(value)
    except ValueError as err:
        return [
            f"it is not a CAA value ({err}): it needs flags, a tag and a value, such as "
            '0 issue "letsencrypt.org".'
        ]
    if not 0 <= caa.flags <= 255:
        return [f"the flags {caa.flags} are not a number from 0 to 255 ({RFC} §4.1)."]
    tag = caa.tag
    if not TAG.match(tag):
        return [f"the tag {tag!r} is not 1 to 15 letters and digits ({RFC} §4.1)."]
    lowered = tag.lower()
    if lowered in ISSUE_TAGS:
        return _issue_problems(lowered, caa.value)
    if lowered == "iodef" and not IODEF.match(caa.value):
        return [f"iodef {caa.value!r} is not a mailto: or https: URL ({RFC} §4.4)."]
    if lowered not in OTHER_TAGS:
        known = ", ".join(sorted(ISSUE_TAGS | OTHER_TAGS))
        return [f"{tag!r} is not a CAA tag a certificate authority knows ({known}).{hint(tag)}"]
    return []


def _issue_problems(tag: str, text: str) -> list[str]:
    issuer, semicolon, parameters = text.partition(";")
    issuer = issuer.strip()
    if issuer and not ISSUER.match(issuer):
        word = issuer.split()[-1]
        return [
            f"{tag} {text!r}: {issuer!r} is not a certificate authority's domain name "
            f"({RFC} §4.2).{hint(word)}"
        ]
    if not semicolon:
        return []
    for parameter in (p.strip() for p in parameters.split(";")):
        if parameter and not PARAMETER.match(parameter):
            return [f"{tag} {text!r}: {parameter!r} is not a parameter name=value ({RFC} §4.2)."]
    return []
