"""Why a record is not live: the classic mistakes, recognised from what the servers answer.

The watcher says *that* a record is missing or wrong; this module asks a few more questions
(the name with the domain doubled, without its underscore, the A record behind an expected
CNAME, the CNAME's target) and turns what it finds into findings with a plain fix.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import re
from collections.abc import Iterable, Sequence

from wizard.model.names import in_zone, normalize_name
from wizard.model.records import Finding, Record
from wizard.watch.client import Client
from wizard.watch.compare import same_value
from wizard.watch.model import Answer, Expectation, PairResult, ServerSpec, Sweep

log = logging.getLogger(__name__)

_QUOTES = "\"'“”‘’"


async def diagnose(
    expectation: Expectation,
    results: Sequence[PairResult],
    *,
    zone: str | None = None,
    timeout: float = 2.0,
    client: Client | None = None,
) -> list[Finding]:
    """Findings for one expectation from its sweep results (plus a few follow-up queries).

    `zone` is the zone the record was meant for; without it, the zone of the authoritative
    servers asked (`ServerSpec.zone`) is used. `client` asks the follow-up questions (the
    watcher's, which knows the servers' addresses); without it, one with `timeout`. Removals
    are not diagnosed.
    """
    if not expectation.present:
        return []
    client = client if client is not None else Client(timeout)
    record = expectation.record
    auth = [r for r in results if r.server.role == "authoritative" and r.status != "error"]
    auth_specs = _unique(r.server for r in auth)
    resolver_specs = _unique(r.server for r in results if r.server.role == "resolver")
    zone = normalize_name(zone) if zone else next((s.zone for s in auth_specs if s.zone), None)
    findings: list[Finding] = []
    wrong = [r for r in auth if r.status == "wrong"]
    missing = [r for r in auth if r.status == "missing"]
    if wrong:
        findings.extend(_wrong_value(record, wrong[0]))
    if missing and auth_specs:
        findings.extend(await _missing(record, missing, auth_specs, zone, client))
    dnssec = await _dnssec(record, results, client)
    if dnssec is not None:
        findings.append(dnssec)
    if record.type == "CNAME" and any(r.status == "match" for r in auth):
        finding = await _dangling(record, auth_specs, resolver_specs, zone, client)
        if finding is not None:
            findings.append(finding)
    return findings


async def diagnose_sweep(
    sweep: Sweep, *, zone: str | None = None, timeout: float = 2.0, client: Client | None = None
) -> dict[Expectation, list[Finding]]:
    """Diagnose every expectation of a sweep at once; only those with findings are returned."""
    expectations = sweep.expectations
    client = client if client is not None else Client(timeout)
    found = await asyncio.gather(
        *(diagnose(e, sweep.for_expectation(e), zone=zone, client=client) for e in expectations)
    )
    return {e: f for e, f in zip(expectations, found, strict=True) if f}


def _unique(specs: Iterable[ServerSpec]) -> list[ServerSpec]:
    return list(dict.fromkeys(specs))


# ---------------------------------------------------------------------------------------------
# Wrong values


def txt_squash(text: str) -> str:
    """TXT text without quotes and whitespace: what survives copy-paste damage."""
    return re.sub(r"\s+", "", text.strip().translate({ord(q): None for q in _QUOTES}))


def txt_damaged(expected: str, found: Sequence[str]) -> bool:
    """True when the found TXT values hold the expected text but for quotes, whitespace or
    how it was split into strings or records."""
    want = txt_squash(expected)
    if not want:
        return False
    orders = itertools.permutations(found) if len(found) <= 4 else iter([tuple(found)])
    joined = ["".join(order) for order in orders]
    return any(txt_squash(c) == want for c in [*found, *joined])


def _wrong_value(record: Record, result: PairResult) -> list[Finding]:
    where = result.server.label
    if result.alias and not result.found:
        return [
            Finding(
                "error",
                "alias-in-the-way",
                f"{record.name} is an alias (CNAME) to {result.alias} on {where}, so it cannot "
                f"hold the {record.type} record. Fix: remove that CNAME, then add the "
                f"{record.type} record.",
            )
        ]
    values = [f.value for f in result.found]
    if record.type == "TXT" and txt_damaged(record.value, values):
        shown = "; ".join(f'"{v}"' for v in values)
        return [
            Finding(
                "error",
                "txt-damaged",
                f"The TXT value at {record.name} differs from the vendor's only by quotes, "
                f"spaces or how it was split: found {shown}. Fix: replace it with the value "
                "pasted exactly as given, as one value without surrounding quotes; the DNS host "
                "splits long values itself.",
            )
        ]
    if record.type == "TXT":
        return []  # other TXT values at the name are normal (SPF, other vendors)
    if record.type == "CNAME":
        return [
            Finding(
                "error",
                "wrong-target",
                f"{record.name} points to {', '.join(values)}, but the vendor gave "
                f"{record.value}. Fix: change the CNAME target to {record.value}.",
            )
        ]
    return [
        Finding(
            "error",
            "wrong-value",
            f"{record.name} {record.type} holds {', '.join(values)}, but the vendor gave "
            f"{record.value}. Fix: change the value to {record.value}.",
        )
    ]


# ---------------------------------------------------------------------------------------------
# Missing records


async def _first_answer(
    specs: Sequence[ServerSpec], name: str, rdtype: str, client: Client
) -> Answer | None:
    """The first server's usable answer for (name, type), asking them all at once."""
    answers = await asyncio.gather(
        *(client.ask(s.server, name, rdtype, recursion=s.recursion, doh=s.doh) for s in specs)
    )
    return next((a for a in answers if a.error is None), None)


async def _exists(
    specs: Sequence[ServerSpec], name: str, rdtype: str, client: Client
) -> list[Record]:
    answer = await _first_answer(specs, name, rdtype, client)
    return list(answer.found) if answer is not None else []


async def _missing(
    record: Record,
    missing: Sequence[PairResult],
    auth_specs: Sequence[ServerSpec],
    zone: str | None,
    client: Client,
) -> list[Finding]:
    findings: list[Finding] = []
    name = normalize_name(record.name)
    delegated = next(
        (
            r.authority_zone
            for r in missing
            if r.authority_zone
            and zone
            and r.authority_zone != zone
            and r.authority_zone.endswith("." + zone)
        ),
        None,
    )
    if delegated is not None:
        ns = await _exists(auth_specs, delegated, "NS", client)
        servers = f" (its name servers: {', '.join(r.value for r in ns)})" if ns else ""
        findings.append(
            Finding(
                "error",
                "wrong-zone",
                f"{name} lies in {delegated}, a zone delegated to its own name servers{servers}, "
                f"and they do not have the record; a record added in {zone} there is never "
                f"seen. Fix: add the record at the DNS host of {delegated}.",
            )
        )
    checks: list[tuple[str, str, str]] = []  # (code, name, type)
    if record.type == "CNAME":
        checks += [("flattened", name, "A"), ("flattened", name, "AAAA")]
    if zone and in_zone(name, zone):
        checks.append(("doubled", f"{name}.{zone}", record.type))
    bare = ".".join(label.lstrip("_") for label in name.split("."))
    if bare != name:
        checks.append(("underscore", bare, record.type))
    answers = await asyncio.gather(*(_exists(auth_specs, n, t, client) for _c, n, t in checks))
    reported: set[str] = set()
    for (code, qname, rdtype), found in zip(checks, answers, strict=True):
        if not found or code in reported:
            continue
        reported.add(code)
        if code == "flattened":
            findings.append(
                Finding(
                    "error",
                    "proxied-or-flattened",
                    f"{name} answers with an address ({rdtype} {found[0].value}) where a CNAME "
                    f"to {record.value} was expected: on Cloudflare the record is proxied "
                    "(orange cloud) or the CNAME is flattened. Fix: set the record to "
                    "'DNS only' (grey cloud) so the vendor sees its CNAME.",
                )
            )
        elif code == "doubled":
            relative = name.removesuffix("." + str(zone)) if name != zone else "@"
            findings.append(
                Finding(
                    "error",
                    "doubled-domain",
                    f"The record sits at {qname}: the DNS host added {zone} to a name that "
                    f"already ended with it. Fix: delete it and enter the name as {relative!r} "
                    "only.",
                )
            )
        else:
            same = [f for f in found if same_value(Record(record.type, qname, record.value), f)]
            detail = "with the expected value" if same else "with another value"
            findings.append(
                Finding(
                    "error",
                    "missing-underscore",
                    f"A similar record exists at {qname} ({detail}), without the underscore "
                    f"of {name}. Fix: the name must start with '_' exactly as given; if the DNS "
                    "host's panel drops underscores, use its API or zone-file import instead.",
                )
            )
    return findings


# ---------------------------------------------------------------------------------------------
# DNSSEC that does not validate


async def _dnssec(record: Record, results: Sequence[PairResult], client: Client) -> Finding | None:
    """Validating resolvers answer SERVFAIL while the zone's own servers answer: asked again
    with checking disabled (CD), a resolver that answers then failed DNSSEC validation."""
    answered = any(r.server.role == "authoritative" and r.status != "error" for r in results)
    failing = _unique(
        r.server
        for r in results
        if r.server.role == "resolver" and r.status == "error" and "SERVFAIL" in r.detail
    )
    if not answered or not failing:
        return None
    unchecked = await asyncio.gather(
        *(
            client.ask(
                s.server,
                record.name,
                record.type,
                recursion=True,
                doh=s.doh,
                checking_disabled=True,
            )
            for s in failing
        )
    )
    bogus = [s.label for s, a in zip(failing, unchecked, strict=True) if a.error is None]
    if not bogus:
        return None
    return Finding(
        "error",
        "dnssec-broken",
        f"{', '.join(bogus)} answer SERVFAIL for {record.name}, yet answer it with DNSSEC "
        "checking switched off, and the zone's own servers serve it: the zone's DNSSEC "
        "signatures do not validate (expired signatures, or a DS record at the registrar that "
        "matches none of the zone's keys). Waiting will not help. Fix: have the DNS host "
        "re-sign the zone, or remove the DS record at the registrar until DNSSEC is fixed.",
    )


# ---------------------------------------------------------------------------------------------
# Dangling CNAME targets


async def _dangling(
    record: Record,
    auth_specs: Sequence[ServerSpec],
    resolver_specs: Sequence[ServerSpec],
    zone: str | None,
    client: Client,
) -> Finding | None:
    target = normalize_name(record.value)
    specs: Sequence[ServerSpec] = resolver_specs
    if not specs:
        # Without a resolver, only a target inside our own zone can be checked.
        if not (zone and in_zone(target, zone)):
            return None
        specs = auth_specs
    answers = [await _first_answer(specs, target, t, client) for t in ("A", "AAAA")]
    if any(a is None for a in answers):
        return None  # nobody answered: not evidence of anything
    usable = [a for a in answers if a is not None]
    if any(a.exists or a.alias or a.referral for a in usable):
        return None
    why = "does not exist" if usable[0].rcode == "NXDOMAIN" else "has no address"
    return Finding(
        "warning",
        "dangling-target",
        f"The CNAME target {target} {why}, so {record.name} leads nowhere yet. Fix: check the "
        "target is spelled exactly as the vendor gave it; if it is, the vendor still has to "
        "activate the domain on their side.",
    )
