"""Each record's value checked by the grammar of what it claims to be: a second line of defence
behind the paste reader, independent of how the value was laid out on the page.

What a record claims to be comes from its type, its name and the start of its value: a TXT that
begins `v=spf1` is SPF (RFC 7208); one at `<selector>._domainkey.` or beginning `v=DKIM1` is a
DKIM key (RFC 6376); one at `_dmarc.` or beginning `v=DMARC1` is DMARC (RFC 7489); a
`…-verification=` TXT is a vendor's token. CNAME, MX and NS targets are host names; SRV and CAA
have their own grammars. Other TXT values are free text. Nothing here reaches the network, and
`cryptography` loads only when a DKIM key is read.
"""

from __future__ import annotations

from wizard.grammar.caa import caa_problems
from wizard.grammar.dkim import dkim_problems
from wizard.grammar.dmarc import dmarc_problems
from wizard.grammar.hostnames import host_problems
from wizard.grammar.spf import spf_problems
from wizard.grammar.srv import srv_problems
from wizard.grammar.tokens import is_token, token_problems
from wizard.model.records import Record

__all__ = ["value_problems"]

#: DKIM names that hold no key: ADSP's policy (RFC 5617, historic) and DomainKeys' `_domainkey`.
NOT_KEYS = ("_adsp",)


def value_problems(record: Record) -> list[str]:
    """Sentences that say what is wrong with `record`'s value; [] when nothing is."""
    if record.type == "TXT":
        return _txt_problems(record)
    if record.type == "CNAME":
        return host_problems(record.value, "the CNAME target", underscore_labels=True)
    if record.type in ("MX", "NS"):
        return host_problems(record.value, f"the {record.type} target")
    if record.type == "SRV":
        return srv_problems(record.name, record.priority, record.value)
    if record.type == "CAA":
        return caa_problems(record.value)
    return []


def _txt_problems(record: Record) -> list[str]:
    value = record.value
    start = value.lstrip()[:8].lower()
    labels = record.name.lower().split(".")
    if start.startswith("v=spf1"):
        return spf_problems(value)
    if start.startswith("v=dkim1") or _is_key_name(labels):
        return dkim_problems(value)
    if start.startswith("v=dmarc1") or labels[0] == "_dmarc":
        return dmarc_problems(value, authorization="_report" in labels[1:])
    if is_token(value):
        return token_problems(value)
    return []


def _is_key_name(labels: list[str]) -> bool:
    """`<selector>._domainkey.<domain>`: a DKIM key's name (RFC 6376 §3.6.2.1)."""
    return len(labels) > 2 and "_domainkey" in labels[1:] and labels[0] not in NOT_KEYS
