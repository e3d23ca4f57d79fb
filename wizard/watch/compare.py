"""Comparing what a server answered with what should be there, and naming the difference.

Values are compared as DNS means them, not as text: a TXT value exactly, names without case or
the trailing dot, addresses as addresses, SRV and CAA field by field. A resolver that differs
from authoritative servers which already agree is *pending* (it still serves a cached answer),
not wrong.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from typing import Any

from wizard.model.names import normalize_name
from wizard.model.records import Record
from wizard.watch.model import Answer, Expectation, PairResult, ServerSpec


def same_value(expected: Record, found: Record) -> bool:
    """TXT: the joined text exactly; names case-insensitively without the trailing dot;
    addresses as addresses; MX priority only when the expectation names one; SRV and CAA by
    their fields (RFC 2782's target is a name; RFC 8659's tag has no case, its value exact)."""
    if expected.type != found.type:
        return False
    if expected.type == "TXT":
        return expected.value == found.value
    if expected.type in ("A", "AAAA"):
        try:
            return ipaddress.ip_address(expected.value.strip()) == ipaddress.ip_address(found.value)
        except ValueError:
            return expected.value.strip() == found.value
    if expected.type in ("SRV", "CAA"):  # field by field: SRV's target a name, CAA's tag
        return expected.same_data(found)
    if expected.type == "MX" and expected.priority is not None:
        if expected.priority != found.priority:
            return False
    return normalize_name(expected.value) == normalize_name(found.value)


def show_values(records: Sequence[Record]) -> str:
    """Values as a person compares them: TXT quoted, MX with its priority."""
    parts = []
    for r in records:
        value = f'"{r.value}"' if r.type == "TXT" else r.value
        parts.append(f"{r.priority} {value}" if r.priority is not None else value)
    return ", ".join(parts)


def classify(
    expectation: Expectation,
    spec: ServerSpec,
    answer: Answer,
    *,
    authoritative_agree: bool,
    at: float = 0.0,
) -> PairResult:
    """Turn one answer into a status. `authoritative_agree`: every authoritative server already
    gives the wanted state, so a resolver that differs still serves a cached answer."""
    record = expectation.record
    common: dict[str, Any] = {
        "found": answer.found,
        "authority_zone": answer.authority_zone,
        "referral": answer.referral,
        "alias": answer.alias,
        "at": at,
        "via_https": answer.via_https,
    }
    if answer.error is not None:
        return PairResult(expectation, spec, "error", answer.error, **common)
    has_it = any(same_value(record, f) for f in answer.found)
    cached = spec.role == "resolver" and authoritative_agree
    if expectation.present:
        if has_it:
            return PairResult(expectation, spec, "match", "serves it", **common)
        if answer.found or answer.alias:
            what = (
                show_values(answer.found) if answer.found else f"an alias (CNAME) to {answer.alias}"
            )
            if cached:
                detail = f"still serves the cached answer {what}"
                return PairResult(
                    expectation, spec, "pending", detail, eta=_float(answer.ttl), **common
                )
            return PairResult(expectation, spec, "wrong", f"has {what} instead", **common)
        detail = _missing_detail(record, answer)
        if cached:
            detail = f"still remembers the earlier answer: {detail}"
            eta = _float(answer.negative_ttl)
            return PairResult(expectation, spec, "pending", detail, eta=eta, **common)
        return PairResult(expectation, spec, "missing", detail, **common)
    # Removal: good when the value is gone, or the prior value is back.
    if not has_it:
        if expectation.prior is not None and any(
            same_value(expectation.prior, f) for f in answer.found
        ):
            detail = f"back at the prior value {show_values([expectation.prior])}"
        else:
            detail = "gone"
        return PairResult(expectation, spec, "match", detail, **common)
    if cached:
        detail = "still serves the cached old value"
        return PairResult(expectation, spec, "pending", detail, eta=_float(answer.ttl), **common)
    return PairResult(expectation, spec, "wrong", "still there", **common)


def _float(value: int | None) -> float | None:
    return None if value is None else float(value)


def _missing_detail(record: Record, answer: Answer) -> str:
    if answer.referral and answer.authority_zone:
        return f"the name is delegated to the zone {answer.authority_zone} (referral)"
    if answer.rcode == "NXDOMAIN":
        return f"{record.name} does not exist (NXDOMAIN)"
    return f"{record.name} has no {record.type} record (NODATA)"
