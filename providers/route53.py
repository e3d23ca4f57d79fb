"""Amazon Route 53 through boto3: one ChangeBatch per apply, whole RRsets, wait for INSYNC.

The record-set forms and the ChangeBatch are in providers.route53_sets, what each botocore
failure means in providers.route53_errors; this module holds the client, the zone lookup and
the order of calls.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from providers.aws import aws_config, aws_session
from providers.base import ALL_RECORD_TYPES, Capabilities, Existing, Progress, Provider
from providers.options import Option, SecretOption, TextOption
from providers.route53_errors import aws_errors
from providers.route53_sets import (
    RRKey,
    RRSet,
    change_batch,
    decode_name,
    is_special,
    key_of,
    records_of,
)
from wizard.model.changes import Change
from wizard.model.errors import AuthError, ProviderError, ZoneNotFound
from wizard.model.names import normalize_name
from wizard.model.records import RECORD_TYPES, Finding, Record
from wizard.model.words import counted


class Route53Provider(Provider):
    id: ClassVar[str] = "route53"
    display_name: ClassVar[str] = "Amazon Route 53"
    options: ClassVar[tuple[Option, ...]] = (
        TextOption(
            "profile",
            "AWS profile",
            "A profile from ~/.aws/config; leave empty for the default credential chain.",
            required=False,
            env=("AWS_PROFILE",),
            where=(
                "AWS IAM: a user or role (SSO works, `aws sso login`) allowed only "
                "route53:ListHostedZonesByName, route53:ListResourceRecordSets, "
                "route53:ChangeResourceRecordSets and route53:GetChange; the change can be "
                "limited to the zone (Resource arn:aws:route53:::hostedzone/ZONE_ID)."
            ),
        ),
        SecretOption(
            "access_key_id",
            "Access key ID",
            "Only if you don't use a profile: an IAM user's access key ID.",
            required=False,
            env=("AWS_ACCESS_KEY_ID",),
            where="IAM → Users → the user → Security credentials → Create access key.",
        ),
        SecretOption(
            "secret_access_key",
            "Secret access key",
            "The secret that goes with the access key ID.",
            required=False,
            env=("AWS_SECRET_ACCESS_KEY",),
        ),
        SecretOption(
            "session_token",
            "Session token",
            "Only for temporary credentials (from SSO or an assumed role).",
            required=False,
            env=("AWS_SESSION_TOKEN",),
            advanced=True,
        ),
        TextOption(
            "hosted_zone_id",
            "Hosted zone ID",
            "Only when several public hosted zones share the domain's name.",
            required=False,
            advanced=True,
        ),
        TextOption(
            "endpoint_url",
            "Endpoint URL",
            "Leave empty for AWS itself.",
            required=False,
            env=("AWS_ENDPOINT_URL_ROUTE_53",),
            advanced=True,
        ),
    )
    #: One TTL per record set; 0 to 2147483647 seconds (botocore's route53 model: TTL is a
    #: long with min 0, max 2147483647).
    capabilities: ClassVar[Capabilities] = Capabilities(
        record_types=ALL_RECORD_TYPES, ttl_per_set=True, ttl_range=(0, 2147483647)
    )

    #: Seconds between `get_change` polls, and how long to wait for INSYNC before moving on.
    poll_interval: float = 5.0
    sync_timeout: float = 300.0
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    #: Attempts per call in total; botocore retries throttling and 5xx between them.
    max_attempts: int = 4

    def __init__(self, settings: Mapping[str, str] | None = None) -> None:
        super().__init__(settings)
        self._client: Any = None
        self._zone_ids: dict[str, str] = {}

    # -- plumbing ------------------------------------------------------------------------
    def client(self) -> Any:
        if self._client is not None:
            return self._client
        key_id = self.text("access_key_id")
        secret = self.text("secret_access_key")
        if bool(key_id) != bool(secret):
            raise AuthError(
                "Route 53 needs both the access key ID and the secret access key, or neither "
                "(to use a profile or the default AWS credential chain)."
            )
        session = aws_session(
            self.text("profile"),
            error=AuthError,
            key_id=key_id,
            secret=secret,
            token=self.text("session_token") if key_id else None,
        )
        config = aws_config(self.connect_timeout, self.read_timeout, self.max_attempts)
        self._client = session.client(
            "route53",
            region_name=session.region_name or "us-east-1",
            endpoint_url=self.text("endpoint_url"),
            config=config,
        )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        self._client = None

    def _call(self, method: str, **kwargs: Any) -> Any:
        """One API call with every botocore failure turned into a sentence."""
        with aws_errors(method):
            return getattr(self.client(), method)(**kwargs)

    # -- zone and records --------------------------------------------------------------------
    def zone_id(self, zone: str) -> str:
        """The ID of the public hosted zone named `zone`; private zones never match."""
        name = normalize_name(zone)
        if name in self._zone_ids:
            return self._zone_ids[name]
        given = self.text("hosted_zone_id")
        if given:
            self._zone_ids[name] = given.rsplit("/", 1)[-1]
            return self._zone_ids[name]
        found: list[str] = []
        marker: dict[str, str] = {"DNSName": name + "."}
        while True:
            page = self._call("list_hosted_zones_by_name", **marker)
            for hz in page.get("HostedZones", []):
                if decode_name(hz["Name"]) != name:
                    continue
                if hz.get("Config", {}).get("PrivateZone"):
                    continue
                found.append(str(hz["Id"]).rsplit("/", 1)[-1])
            zones = page.get("HostedZones", [])
            past = bool(zones) and decode_name(zones[-1]["Name"]) != name
            if not page.get("IsTruncated") or past:
                break
            marker = {"DNSName": page["NextDNSName"], "HostedZoneId": page["NextHostedZoneId"]}
        if not found:
            raise ZoneNotFound(
                f"This AWS account has no public Route 53 hosted zone named {name}. "
                "Check the domain, the AWS account or profile, and that the zone is not private."
            )
        if len(found) > 1:
            raise ProviderError(
                f"This AWS account has {len(found)} public hosted zones named {name} "
                f"({', '.join(found)}). Set the hosted zone ID to say which one the domain uses.",
                title="Several hosted zones",
            )
        self._zone_ids[name] = found[0]
        return found[0]

    def _rrsets(self, zone: str) -> list[dict[str, Any]]:
        zone_id = self.zone_id(zone)
        sets: list[dict[str, Any]] = []
        kwargs: dict[str, Any] = {"HostedZoneId": zone_id}
        while True:
            page = self._call("list_resource_record_sets", **kwargs)
            sets.extend(page.get("ResourceRecordSets", []))
            if not page.get("IsTruncated"):
                return sets
            kwargs = {
                "HostedZoneId": zone_id,
                "StartRecordName": page["NextRecordName"],
                "StartRecordType": page["NextRecordType"],
            }
            if page.get("NextRecordIdentifier"):
                kwargs["StartRecordIdentifier"] = page["NextRecordIdentifier"]

    def _list_records(self, zone: str, names: Sequence[str]) -> Existing:
        wanted = set(names)
        records: list[Record] = []
        findings: list[Finding] = []
        held: list[Record] = []
        for rrset in self._rrsets(zone):
            name = decode_name(rrset["Name"])
            if name not in wanted:
                continue
            if "AliasTarget" in rrset:
                target = decode_name(rrset["AliasTarget"].get("DNSName", ""))
                findings.append(
                    Finding(
                        "warning",
                        "route53-alias",
                        f"{name} has a Route 53 alias {rrset['Type']} record to {target}. "
                        "An alias answers like an A record, so a CNAME cannot sit beside it.",
                    )
                )
                rtype = str(rrset["Type"])
                if rtype in RECORD_TYPES:
                    held.append(Record(rtype, name, f"alias to {target}"))
                continue
            if rrset.get("SetIdentifier"):
                findings.append(
                    Finding(
                        "warning",
                        "route53-routing-policy",
                        f"{name} {rrset['Type']} uses a Route 53 routing policy "
                        f"({rrset['SetIdentifier']}); the wizard leaves it alone.",
                    )
                )
            records.extend(records_of(rrset))
        return Existing(tuple(records), tuple(findings), tuple(held))

    def _check_credentials(self, zone: str) -> None:
        zone_id = self.zone_id(zone)
        self._call("list_resource_record_sets", HostedZoneId=zone_id, MaxItems="1")

    # -- writes ------------------------------------------------------------------------------
    def _apply(self, zone: str, changes: Sequence[Change], progress: Progress) -> None:
        progress("Reading the hosted zone from Route 53…")
        zone_id = self.zone_id(zone)
        touched: set[RRKey] = {c.record.key for c in changes}
        current: dict[RRKey, RRSet] = {}
        rrsets = self._rrsets(zone)
        _refuse_cname_beside_others(rrsets, changes)
        for rrset in rrsets:
            key = key_of(rrset)
            if key not in touched:
                continue
            if is_special(rrset):
                raise ProviderError(
                    f"{key[0]} {key[1]} is a Route 53 alias or routing-policy record set; the "
                    "wizard does not change those. Edit it in the Route 53 console.",
                    title="Record set not supported",
                )
            current[key] = rrset
        batch = change_batch(current, changes)
        if not batch:
            progress("Route 53 already holds these records; nothing to write.")
            return
        progress(f"Sending {counted(len(batch), 'record-set change')} to Route 53 in one batch…")
        answer = self._call(
            "change_resource_record_sets",
            HostedZoneId=zone_id,
            ChangeBatch={"Comment": "tracking-wizard", "Changes": batch},
        )
        self._wait(answer.get("ChangeInfo", {}), progress)

    def _wait(self, info: dict[str, Any], report: Progress) -> None:
        """Poll `get_change` until INSYNC; past `sync_timeout`, say so and stop waiting."""
        change_id = str(info.get("Id", ""))
        status = str(info.get("Status", ""))
        started = time.monotonic()
        while status != "INSYNC" and change_id:
            waited = time.monotonic() - started
            if waited >= self.sync_timeout:
                report(
                    f"Route 53 accepted the change but has not finished syncing after "
                    f"{waited:.0f} seconds; the DNS check below will show when it is live."
                )
                return
            report(f"Waiting for Route 53 to sync ({status or 'PENDING'}, {waited:.0f} s)…")
            time.sleep(self.poll_interval)
            status = str(self._call("get_change", Id=change_id)["ChangeInfo"]["Status"])
        report("Route 53 has the change in sync on all its name servers.")


def _refuse_cname_beside_others(rrsets: Sequence[RRSet], changes: Sequence[Change]) -> None:
    """Refuse, before sending, a CNAME planned beside another record set at its name (an alias
    included) or a record planned beside a CNAME: AWS answers InvalidChangeBatch ("RRSet of
    type CNAME ... is not permitted as it conflicts with other records with the same DNS
    name"). The plan refuses it too; this guard holds for any caller."""
    going = {c.existing.key for c in changes if c.existing is not None and c.new is None}
    for change in changes:
        new = change.new
        if new is None:
            continue
        for rrset in rrsets:
            key = key_of(rrset)
            if key[0] != new.key[0] or key == new.key or key in going:
                continue
            if new.type == "CNAME" or key[1] == "CNAME":
                alias = " alias" if "AliasTarget" in rrset else ""
                raise ProviderError(
                    f"{new.name} already has a Route 53{alias} {key[1]} record set, and a CNAME "
                    f"cannot share a name with other records, so {new} was not sent (AWS would "
                    "refuse the whole change batch). Remove it in the Route 53 console or choose "
                    "another name. Nothing was written.",
                    title="CNAME beside other records",
                )
