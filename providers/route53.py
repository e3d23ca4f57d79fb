"""Amazon Route 53 through boto3: one ChangeBatch per apply, whole RRsets, wait for INSYNC.

Route 53 stores a name and type as one RRset, so adding or removing one value is written as an
UPSERT of the full new set (or a DELETE of the exact old set when nothing remains). The new set
is computed from a fresh read; values outside the plan are carried over, never dropped.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar

from providers.base import Capabilities, CredentialField, Existing, Progress, Provider
from providers.hosts import ROUTE53
from wizard.model.changes import Change
from wizard.model.errors import (
    AuthError,
    PermissionDenied,
    ProviderError,
    RateLimited,
    ZoneNotFound,
)
from wizard.model.names import normalize_name
from wizard.model.rdata import decode_escapes, decode_txt, encode_txt
from wizard.model.records import RECORD_TYPES, Finding, Record

log = logging.getLogger(__name__)

DEFAULT_TTL = 300
RRKey = tuple[str, str]  # (fully qualified name, type)

AUTH_CODES = frozenset(
    {
        "InvalidClientTokenId",
        "SignatureDoesNotMatch",
        "UnrecognizedClientException",
        "InvalidSignatureException",
        "ExpiredToken",
        "ExpiredTokenException",
        "AuthFailure",
        "IncompleteSignature",
        "MissingAuthenticationToken",
    }
)
DENIED_CODES = frozenset({"AccessDenied", "AccessDeniedException"})
THROTTLE_CODES = frozenset(
    {"Throttling", "ThrottlingException", "PriorRequestNotComplete", "RequestLimitExceeded"}
)
PERMISSIONS = (
    "route53:ListHostedZonesByName, route53:ListResourceRecordSets, "
    "route53:ChangeResourceRecordSets and route53:GetChange"
)


def _sentence(text: str) -> str:
    return text if not text or text.endswith((".", "!", "?")) else text + "."


# -- Route 53's text forms ---------------------------------------------------------------------
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
    else:
        data = value.strip()
    return Record(type=rtype, name=name, value=data, ttl=ttl, priority=priority)


class Route53Provider(Provider):
    id: ClassVar[str] = "route53"
    display_name: ClassVar[str] = "Amazon Route 53"
    ns_patterns: ClassVar[tuple[str, ...]] = ROUTE53.ns_patterns
    credential_fields: ClassVar[tuple[CredentialField, ...]] = (
        CredentialField(
            "profile",
            "AWS profile",
            "A profile from ~/.aws/config; leave empty for the default credential chain.",
            required=False,
            env=("AWS_PROFILE",),
        ),
        CredentialField(
            "access_key_id",
            "Access key ID",
            "Only if you don't use a profile: an IAM user's access key ID.",
            secret=True,
            required=False,
            env=("AWS_ACCESS_KEY_ID",),
        ),
        CredentialField(
            "secret_access_key",
            "Secret access key",
            "The secret that goes with the access key ID.",
            secret=True,
            required=False,
            env=("AWS_SECRET_ACCESS_KEY",),
        ),
        CredentialField(
            "session_token",
            "Session token",
            "Only for temporary credentials (from SSO or an assumed role).",
            secret=True,
            required=False,
            env=("AWS_SESSION_TOKEN",),
        ),
        CredentialField(
            "hosted_zone_id",
            "Hosted zone ID",
            "Only when several public hosted zones share the domain's name.",
            required=False,
        ),
        CredentialField(
            "endpoint_url",
            "Endpoint URL",
            "Leave empty for AWS itself.",
            required=False,
            env=("AWS_ENDPOINT_URL_ROUTE_53",),
        ),
    )
    capabilities: ClassVar[Capabilities] = Capabilities(underscores=True, batch=True)

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
    def _secrets(self) -> list[str]:
        return [
            v
            for k in ("access_key_id", "secret_access_key", "session_token")
            if (v := self.settings.get(k))
        ]

    def _scrub(self, text: str) -> str:
        for secret in self._secrets():
            text = text.replace(secret, "***")
        return text

    def client(self) -> Any:
        if self._client is not None:
            return self._client
        import boto3
        import botocore.config
        import botocore.exceptions

        key_id = self.settings.get("access_key_id") or None
        secret = self.settings.get("secret_access_key") or None
        if bool(key_id) != bool(secret):
            raise AuthError(
                "Route 53 needs both the access key ID and the secret access key, or neither "
                "(to use a profile or the default AWS credential chain)."
            )
        try:
            session = boto3.session.Session(
                profile_name=self.settings.get("profile") or None,
                aws_access_key_id=key_id,
                aws_secret_access_key=secret,
                aws_session_token=(self.settings.get("session_token") or None) if key_id else None,
            )
        except botocore.exceptions.ProfileNotFound:
            raise AuthError(
                f"There is no AWS profile named {self.settings.get('profile')!r} in ~/.aws/config."
            ) from None
        config = botocore.config.Config(
            connect_timeout=self.connect_timeout,
            read_timeout=self.read_timeout,
            retries={"total_max_attempts": self.max_attempts, "mode": "standard"},
        )
        self._client = session.client(
            "route53",
            region_name=session.region_name or "us-east-1",
            endpoint_url=self.settings.get("endpoint_url") or None,
            config=config,
        )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        self._client = None

    def _call(self, method: str, **kwargs: Any) -> Any:
        """One API call with every botocore failure turned into a sentence without secrets."""
        import botocore.exceptions

        try:
            return getattr(self.client(), method)(**kwargs)
        except botocore.exceptions.ClientError as exc:
            raise self._error(exc) from None
        except botocore.exceptions.NoCredentialsError:
            raise AuthError(
                "No AWS credentials were found. Choose a profile, enter an access key, or set "
                "AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY."
            ) from None
        except (
            botocore.exceptions.ConnectTimeoutError,
            botocore.exceptions.ReadTimeoutError,
        ):
            what = (
                "The change may or may not have been made; read the zone before retrying."
                if method == "change_resource_record_sets"
                else "Nothing was changed."
            )
            raise ProviderError(
                f"Route 53 did not answer in time. {what}", title="Route 53 did not answer"
            ) from None
        except botocore.exceptions.EndpointConnectionError:
            raise ProviderError(
                "Could not reach Route 53. Check the network (and AWS_ENDPOINT_URL_ROUTE_53 "
                "if you set it).",
                title="Route 53 unreachable",
            ) from None
        except botocore.exceptions.BotoCoreError as exc:
            raise ProviderError(f"Talking to Route 53 failed ({type(exc).__name__}).") from None

    def _error(self, exc: Any) -> ProviderError:
        error = exc.response.get("Error", {})
        code = str(error.get("Code", ""))
        message = _sentence(self._scrub(str(error.get("Message", "")).strip()))
        if code in AUTH_CODES:
            return AuthError(
                "AWS did not accept the credentials (" + code + "). Check the access key and "
                "secret, or the profile, and that temporary credentials have not expired."
            )
        if code in DENIED_CODES:
            return PermissionDenied(
                "AWS accepted the credentials but they may not manage this hosted zone. "
                f"The IAM identity needs {PERMISSIONS}."
            )
        if code in THROTTLE_CODES:
            return RateLimited(
                "Route 53 is limiting requests (" + code + "). Wait a minute and try again; "
                "nothing more was written.",
                retry_after=60.0,
            )
        if code == "NoSuchHostedZone":
            return ZoneNotFound(f"Route 53 has no such hosted zone. {message}".strip())
        if code == "InvalidChangeBatch":
            return ProviderError(
                f"Route 53 refused the change, and wrote nothing: {message}",
                title="Route 53 refused the change",
            )
        if code == "InvalidInput":
            return ProviderError(f"Route 53 refused the request as invalid: {message}")
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if isinstance(status, int) and status >= 500:
            return ProviderError(
                f"Route 53 had a server error ({code or status}). Nothing more was written; "
                "try again in a few minutes.",
                title="Route 53 server error",
            )
        return ProviderError(
            f"Route 53 answered with an error ({code or 'HTTP ' + str(status)}). {message}".strip()
        )

    # -- zone and records --------------------------------------------------------------------
    def zone_id(self, zone: str) -> str:
        """The ID of the public hosted zone named `zone`; private zones never match."""
        name = normalize_name(zone)
        if name in self._zone_ids:
            return self._zone_ids[name]
        given = self.settings.get("hosted_zone_id")
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

    @staticmethod
    def _records(rrset: dict[str, Any]) -> list[Record]:
        name = decode_name(rrset["Name"])
        ttl = rrset.get("TTL")
        records = []
        for rr in rrset.get("ResourceRecords", []):
            record = parse_value(rrset["Type"], name, rr["Value"], ttl)
            if record is not None:
                records.append(record)
        return records

    def list_records(self, zone: str, names: Iterable[str]) -> Existing:
        wanted = {normalize_name(n) for n in names}
        records: list[Record] = []
        findings: list[Finding] = []
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
            records.extend(self._records(rrset))
        return Existing(tuple(records), tuple(findings))

    def check_credentials(self, zone: str) -> None:
        zone_id = self.zone_id(zone)
        self._call("list_resource_record_sets", HostedZoneId=zone_id, MaxItems="1")

    # -- writes ------------------------------------------------------------------------------
    def apply(self, zone: str, changes: Sequence[Change], progress: Progress | None = None) -> None:
        if not changes:
            return
        report = progress or (lambda _line: None)
        report("Reading the hosted zone from Route 53…")
        zone_id = self.zone_id(zone)
        touched: set[RRKey] = {c.record.key for c in changes}
        current: dict[RRKey, dict[str, Any]] = {}
        for rrset in self._rrsets(zone):
            key = (decode_name(rrset["Name"]), str(rrset["Type"]))
            if key not in touched:
                continue
            if "AliasTarget" in rrset or rrset.get("SetIdentifier"):
                raise ProviderError(
                    f"{key[0]} {key[1]} is a Route 53 alias or routing-policy record set; the "
                    "wizard does not change those. Edit it in the Route 53 console.",
                    title="Record set not supported",
                )
            current[key] = rrset

        target: dict[RRKey, list[Record]] = {}
        for change in changes:
            key = change.record.key
            values = target.setdefault(key, self._records(current[key]) if key in current else [])
            if change.existing is not None:
                values[:] = [v for v in values if not v.same_data(change.existing)]
            if change.new is not None and not any(v.same_data(change.new) for v in values):
                values.append(change.new)

        batch: list[dict[str, Any]] = []
        for key, values in target.items():
            old = current.get(key)
            old_values = self._records(old) if old else []
            unchanged = len(old_values) == len(values) and all(
                any(o.same_data(v) for o in old_values) for v in values
            )
            if unchanged:
                continue
            if not values:
                if old is not None:
                    batch.append({"Action": "DELETE", "ResourceRecordSet": old})
                continue
            ttl = old.get("TTL") if old else None
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
        if not batch:
            report("Route 53 already holds these records; nothing to write.")
            return
        report(f"Sending {len(batch)} record-set change(s) to Route 53 in one batch…")
        answer = self._call(
            "change_resource_record_sets",
            HostedZoneId=zone_id,
            ChangeBatch={"Comment": "tracking-wizard", "Changes": batch},
        )
        self._wait(answer.get("ChangeInfo", {}), report)

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
