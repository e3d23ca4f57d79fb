"""Route 53's record sets: its text forms both ways, and the ChangeBatch for a list of changes.

Route 53 stores a name and type as one RRset, so adding or removing one value is written as an
UPSERT of the full new set (or a DELETE of the exact old set when nothing remains). The new set
is computed from a fresh read; values outside the plan are carried over, never dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from wizard.model.changes import Change
from wizard.model.fields import caa_fields, srv_fields
from wizard.model.names import normalize_name
from wizard.model.rdata import decode_escapes, decode_txt, encode_txt
from wizard.model.records import RECORD_TYPES, Record

DEFAULT_TTL = 300
RRKey = tuple[str, str]  # (fully qualified name, type)
RRSet = dict[str, Any]  # a ResourceRecordSet as boto3 gives and takes it


def decode_name(name: str) -> str:
    return normalize_name(decode_escapes(name).decode("utf-8", errors="replace"))


def record_value(record: Record) -> str:
    """The ResourceRecord `Value` Route 53 wants for our record."""
    if record.type == "TXT":
        return encode_txt(record.value)
    if record.type in ("CNAME", "NS"):
        return normalize_name(record.value) + "."
    if record.type == "MX":
        priority = record.priority if record.priority is not None else 10
        return f"{priority} {normalize_name(record.value)}."
    # SRV "[priority] [weight] [port] [domain name]" and CAA `0 issue "ca.example.net"`: the
    # presentation forms of "Supported DNS Resource Record Types" in the Route 53 Developer
    # Guide, where botocore's ResourceRecord `Value` points.
    if record.type == "SRV":
        srv = srv_fields(record.priority, record.value)
        target = "." if srv.target == "." else srv.target + "."
        return f"{srv.priority} {srv.weight} {srv.port} {target}"
    if record.type == "CAA":
        return caa_fields(record.value).text
    return record.value


def parse_value(rtype: str, name: str, value: str, ttl: int | None) -> Record | None:
    if rtype not in RECORD_TYPES:
        return None
    priority: int | None = None
    if rtype == "TXT":
        data = decode_txt(value)
    elif rtype == "MX":
        first, _, rest = value.strip().partition(" ")
        try:
            priority = int(first)
        except ValueError:
            return None
        data = decode_name(rest.strip())
    elif rtype in ("CNAME", "NS"):
        data = decode_name(value)
    elif rtype == "SRV":
        parts = value.split()
        if len(parts) != 4 or not all(p.isdigit() for p in parts[:3]):
            return None
        priority = int(parts[0])
        data = f"{parts[1]} {parts[2]} {decode_name(parts[3]) or '.'}"
    elif rtype == "CAA":
        try:
            data = caa_fields(value).text
        except ValueError:
            data = value.strip()
    else:
        data = value.strip()
    return Record(type=rtype, name=name, value=data, ttl=ttl, priority=priority)


def records_of(rrset: RRSet) -> list[Record]:
    """The records of one set, skipping values of types the wizard does not handle."""
    name = decode_name(rrset["Name"])
    ttl = rrset.get("TTL")
    records = []
    for rr in rrset.get("ResourceRecords", []):
        record = parse_value(rrset["Type"], name, rr["Value"], ttl)
        if record is not None:
            records.append(record)
    return records


def key_of(rrset: RRSet) -> RRKey:
    return (decode_name(rrset["Name"]), str(rrset["Type"]))


def is_special(rrset: RRSet) -> bool:
    """An alias or routing-policy set: the wizard reads around it and never writes it."""
    return "AliasTarget" in rrset or bool(rrset.get("SetIdentifier"))


def change_batch(current: Mapping[RRKey, RRSet], changes: Sequence[Change]) -> list[RRSet]:
    """The `Changes` of one ChangeBatch: each touched set as it must end up; [] if none moves.

    `current` holds the sets the changes touch as Route 53 has them now.
    """
    target: dict[RRKey, list[Record]] = {}
    for change in changes:
        key = change.record.key
        values = target.setdefault(key, records_of(current[key]) if key in current else [])
        if change.existing is not None:
            values[:] = [v for v in values if not v.same_data(change.existing)]
        if change.new is not None and not any(v.same_data(change.new) for v in values):
            values.append(change.new)

    batch: list[RRSet] = []
    for key, values in target.items():
        old = current.get(key)
        old_values = records_of(old) if old else []
        unchanged = len(old_values) == len(values) and all(
            any(o.same_data(v) for o in old_values) for v in values
        )
        if unchanged:
            continue
        if not values:
            if old is not None:
                batch.append({"Action": "DELETE", "ResourceRecordSet": old})
            continue
        # One TTL per set: the set's own while values outside the plan stay in it (changing it
        # would touch them); the planned one when every value is the plan's.
        planned = [c.new for c in changes if c.new is not None and c.new.key == key]
        carried = [v for v in values if not any(v.same_data(p) for p in planned)]
        ttl = old.get("TTL") if old and carried else None
        if ttl is None:
            ttl = next((v.ttl for v in values if v.ttl is not None), DEFAULT_TTL)
        batch.append(
            {
                "Action": "UPSERT",
                "ResourceRecordSet": {
                    "Name": key[0] + ".",
                    "Type": key[1],
                    "TTL": int(ttl),
                    "ResourceRecords": [{"Value": record_value(v)} for v in values],
                },
            }
        )
    return batch
