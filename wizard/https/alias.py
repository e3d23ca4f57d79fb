"""With Route 53 as the DNS host, the tracking host is an alias A/AAAA to CloudFront, not a CNAME.

An alias answers with CloudFront's addresses directly (and may sit at a zone apex). The record
sets are written in one change batch; a CNAME they replace is deleted in the same batch and put
back by `remove`, so revert restores the zone as it was. Like every other write, each batch is
read back from Route 53 once it is in sync and compared with what was planned (`confirm`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from providers.readback import ReadBackMismatch
from providers.route53 import Route53Provider
from providers.route53_sets import decode_name, record_value, records_of
from wizard.https.aws import call
from wizard.https.distribution import CLOUDFRONT_ZONE_ID
from wizard.https.progress import Progress, Report, Waits, wait_for
from wizard.model.errors import Conflict
from wizard.model.names import normalize_name
from wizard.model.records import Record

ALIAS_TYPES: tuple[Literal["A", "AAAA"], ...] = ("A", "AAAA")


class AliasMismatch(ReadBackMismatch):
    """Route 53 took the alias batch but holds aliases to other targets (`held`): the journal
    keeps them, so the revert removes what Route 53 made of the write."""

    def __init__(self, message: str, *, confirmed: int, total: int, held: tuple[str, ...]) -> None:
        super().__init__(message, confirmed=confirmed, total=total)
        self.held = held


@dataclass(frozen=True)
class Alias:
    """One Route 53 alias record set pointing at a CloudFront domain."""

    name: str
    type: Literal["A", "AAAA"]
    target: str
    zone_id: str = CLOUDFRONT_ZONE_ID

    def to_json(self) -> dict[str, str]:
        return {
            "type": self.type,
            "name": self.name,
            "alias": self.target,
            "hosted_zone_id": self.zone_id,
        }

    def __str__(self) -> str:
        return f"{self.name} {self.type} alias {self.target}"


def aliases_for(host: str, target: str) -> tuple[Alias, ...]:
    return tuple(Alias(normalize_name(host), t, normalize_name(target)) for t in ALIAS_TYPES)


def _rrset(alias: Alias) -> dict[str, Any]:
    return {
        "Name": alias.name + ".",
        "Type": alias.type,
        "AliasTarget": {
            "HostedZoneId": alias.zone_id,
            "DNSName": alias.target + ".",
            "EvaluateTargetHealth": False,
        },
    }


def _plain(record: Record, ttl: int | None) -> dict[str, Any]:
    return {
        "Name": record.name + ".",
        "Type": record.type,
        "TTL": int(ttl if ttl is not None else (record.ttl or 300)),
        "ResourceRecords": [{"Value": record_value(record)}],
    }


def rrsets_at(provider: Route53Provider, zone: str, host: str) -> list[dict[str, Any]]:
    """The record sets Route 53 holds at exactly `host`, aliases included."""
    host = normalize_name(host)
    answer = call(
        provider.client(),
        "route53",
        "list_resource_record_sets",
        HostedZoneId=provider.zone_id(zone),
        StartRecordName=host + ".",
        MaxItems="20",
    )
    return [s for s in answer.get("ResourceRecordSets", []) if decode_name(s["Name"]) == host]


def target_of(rrset: dict[str, Any]) -> str | None:
    alias = rrset.get("AliasTarget")
    return decode_name(alias.get("DNSName", "")) if alias else None


def _send(
    provider: Route53Provider, zone: str, changes: list[dict[str, Any]], report: Report, w: Waits
) -> None:
    client = provider.client()
    answer = call(
        client,
        "route53",
        "change_resource_record_sets",
        HostedZoneId=provider.zone_id(zone),
        ChangeBatch={"Comment": "tracking-wizard https", "Changes": changes},
    )
    info = answer.get("ChangeInfo", {})
    change_id, status = str(info.get("Id", "")), str(info.get("Status", ""))
    if status == "INSYNC" or not change_id:
        return
    wait_for(
        lambda: str(call(client, "route53", "get_change", Id=change_id)["ChangeInfo"]["Status"]),
        lambda s: s == "INSYNC",
        lambda s, t: f"Waiting for Route 53 to sync ({s}, {t:.0f} s)…",
        step="dns",
        report=report,
        waits=w,
        limit=w.distribution,
        too_long="Route 53 accepted the alias but has not finished syncing; it will.",
    )


def write(
    provider: Route53Provider,
    zone: str,
    host: str,
    target: str,
    replaced: Sequence[Record],
    report: Report,
    waits: Waits,
) -> tuple[Alias, ...]:
    """Create the alias A/AAAA at `host` (deleting `replaced` in the same batch); idempotent."""
    wanted = aliases_for(host, target)
    live = rrsets_at(provider, zone, host)
    changes: list[dict[str, Any]] = []
    for rrset in live:
        here = target_of(rrset)
        if rrset["Type"] in ALIAS_TYPES and here is not None:
            if here != normalize_name(target):
                raise Conflict(
                    f"{host} already has a Route 53 alias {rrset['Type']} to {here}; the wizard "
                    "leaves it alone. Remove it in the Route 53 console first."
                )
            continue
        if rrset["Type"] == "CNAME" and any(r.type == "CNAME" for r in replaced):
            changes.append({"Action": "DELETE", "ResourceRecordSet": rrset})
            continue
        if rrset["Type"] in ("CNAME", *ALIAS_TYPES):
            raise Conflict(
                f"{host} already has a {rrset['Type']} record set; an alias cannot sit beside it. "
                "Remove it first, or allow the wizard to replace it."
            )
    present = {s["Type"] for s in live if target_of(s) == normalize_name(target)}
    changes += [{"Action": "CREATE", "ResourceRecordSet": _rrset(a)} for a in wanted]
    changes = [c for c in changes if c["ResourceRecordSet"]["Type"] not in present]
    if changes:
        report(Progress("dns", f"Writing the alias A/AAAA for {host} to Route 53…"))
        _send(provider, zone, changes, report, waits)
    report(Progress("dns", confirm(provider, zone, host, target, aliased=True, kept=())))
    return wanted


def remove(
    provider: Route53Provider,
    zone: str,
    host: str,
    target: str,
    restore: Sequence[Record],
    report: Report,
    waits: Waits,
    stored: Sequence[str] = (),
) -> list[str]:
    """Delete our alias sets (only those still pointing at `target`, or at what Route 53 made
    of it, `stored`) and put `restore` back."""
    live = rrsets_at(provider, zone, host)
    ours = _ours(live, target, stored)
    changes: list[dict[str, Any]] = [{"Action": "DELETE", "ResourceRecordSet": s} for s in ours]
    done = [f"deleted {host} {s['Type']} alias {target_of(s)}" for s in ours]
    left = {s["Type"] for s in live if s not in ours}
    restored = [record for record in restore if record.type not in left]
    for record in restored:
        changes.append({"Action": "CREATE", "ResourceRecordSet": _plain(record, record.ttl)})
        done.append(f"restored {record}")
    if changes:
        report(Progress("revert", f"Removing the alias for {host} from Route 53…"))
        _send(provider, zone, changes, report, waits)
    said = confirm(provider, zone, host, target, aliased=False, kept=restored, stored=stored)
    report(Progress("revert", said))
    return done


def _ours(live: list[dict[str, Any]], target: str, stored: Sequence[str]) -> list[dict[str, Any]]:
    """The alias sets at the host that the wizard wrote: to `target`, or to what Route 53 made
    of it (`stored`, from the journal)."""
    targets = {normalize_name(t) for t in (target, *stored)}
    return [s for s in live if s["Type"] in ALIAS_TYPES and target_of(s) in targets]


def confirm(
    provider: Route53Provider,
    zone: str,
    host: str,
    target: str,
    *,
    aliased: bool,
    kept: Sequence[Record],
    stored: Sequence[str] = (),
) -> str:
    """Read `host` back from Route 53: our alias A and AAAA point at `target` (or, `aliased`
    False, are gone), and every record of `kept` is there as it was (value and TTL). Returns
    the sentence both faces show; ReadBackMismatch names what Route 53 holds instead."""
    live = rrsets_at(provider, zone, host)
    target = normalize_name(target)
    held = {s["Type"]: target_of(s) for s in live if s["Type"] in ALIAS_TYPES and target_of(s)}
    plain = [r for s in live if "AliasTarget" not in s for r in records_of(s)]
    wrong: list[str] = []
    for rtype in ALIAS_TYPES:
        now = held.get(rtype)
        if aliased and now != target:
            instead = f"an alias to {now}" if now else "none"
            wrong.append(f"planned {host} {rtype} alias {target}; Route 53 holds {instead}")
        if not aliased and now is not None and now in {target, *map(normalize_name, stored)}:
            wrong.append(f"planned to remove {host} {rtype} alias {now}; it is still there")
    for record in kept:
        ttl = record.ttl if record.ttl is not None else 300
        if not any(r.same_data(record) and r.ttl == ttl for r in plain):
            wrong.append(f"planned to put back {record} (TTL {ttl}); Route 53 does not hold it")
    total = len(ALIAS_TYPES) + len(kept)
    if wrong:
        raise AliasMismatch(
            "Amazon Route 53 accepted the change but does not hold exactly what was planned "
            "(read back through its API): " + "; ".join(wrong) + ".",
            confirmed=total - len(wrong),
            total=total,
            held=tuple(sorted({t for t in held.values() if t and t != target})),
        )
    what = "point at " + target if aliased else "are gone"
    back = f", and {len(kept)} put back as {'it was' if len(kept) == 1 else 'they were'}"
    return (
        f"Confirmed at Amazon Route 53: the alias A and AAAA for {host} {what}"
        + (back if kept else "")
        + ", exactly as planned"
    )


def pending(
    provider: Route53Provider,
    zone: str,
    host: str,
    target: str,
    restore: Sequence[Record],
    stored: Sequence[str] = (),
) -> list[str]:
    """What `remove` would do now, in words (for the revert review)."""
    live = rrsets_at(provider, zone, host)
    ours = _ours(live, target, stored)
    lines = [f"delete {host} {s['Type']} alias {target_of(s)}" for s in ours]
    left = {s["Type"] for s in live if s not in ours}
    lines += [f"put back {r}" for r in restore if r.type not in left]
    return lines
