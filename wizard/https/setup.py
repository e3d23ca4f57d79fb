"""Set up HTTPS for a tracking host: certificate, validation record, distribution, host record.

Each step first reads what the journal and AWS already hold, so running again after a failure
or a crash continues the same run and never makes a second of anything. Each AWS resource is
journalled (`ledger`) before the call that creates it.
"""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from providers.base import Provider
from providers.route53 import Route53Provider
from wizard.apply import CRASH_ENV, public_settings
from wizard.https import alias, certificate, distribution
from wizard.https.alias import Alias
from wizard.https.aws import Aws, AwsError
from wizard.https.certificate import Certificate
from wizard.https.distribution import Distribution
from wizard.https.ledger import HttpsRun, Ledger, Role, open_run, run_lock
from wizard.https.progress import Progress, Report, Step, Waits, quiet
from wizard.journal import Journal, new_apply_id
from wizard.model.errors import PlanError, UsageError
from wizard.model.names import in_zone, normalize_name
from wizard.model.records import Record

log = logging.getLogger(__name__)

HOST_TTL = 300


class RecordWriter(Protocol):
    """Puts records in place through the DNS host, journalled as the apply `apply_id`.

    The manual host shows what to enter and waits until the records are served instead.
    Returns the records it wrote itself; raises a WizardError when it could not.
    """

    def __call__(self, records: Sequence[Record], apply_id: str, step: Step) -> tuple[Record, ...]:
        """Write (or have entered) `records`."""


@dataclass(frozen=True)
class Target:
    """What to set up: the tracking host in its zone, in front of the vendor's origin."""

    host: str
    zone: str
    origin: str
    origin_https: bool
    vendor: str | None = None


@dataclass(frozen=True)
class HostCheck:
    """What the host holds now, read before anything is made."""

    #: An existing CNAME that the host record would replace (needs the person's yes).
    replaced: tuple[Record, ...] = ()
    #: Reasons nothing can be made: other records at the host, a name outside the zone…
    conflicts: tuple[str, ...] = ()
    #: The unreverted run for this host that a new attempt continues.
    run: HttpsRun | None = None


@dataclass(frozen=True)
class Result:
    run_id: str
    certificate: Certificate
    distribution: Distribution
    #: The run's records at the DNS host (validation, then the host's CNAME), as in place.
    records: tuple[Record, ...]
    #: The Route 53 alias records, when Route 53 is the DNS host.
    aliases: tuple[Alias, ...]
    #: What this invocation wrote itself (a retry writes only what was missing).
    written: tuple[Record, ...]


def crash_point(name: str) -> None:
    """Test hook (tests/test_https_crash.py): `https:NAME` kills this process here."""
    if os.environ.get(CRASH_ENV) == f"https:{name}":
        os.kill(os.getpid(), signal.SIGKILL)


def uses_alias(provider: Provider) -> bool:
    """Route 53 answers for CloudFront with an alias A/AAAA instead of a CNAME."""
    return isinstance(provider, Route53Provider)


def check_host(provider: Provider, target: Target, journal: Journal) -> HostCheck:
    """Read the host's records; say what would be replaced and what blocks the setup."""
    host, zone = normalize_name(target.host), normalize_name(target.zone)
    run = open_run(journal, host)
    if run is not None and (normalize_name(run.zone) != zone or run.provider_id != provider.id):
        raise UsageError(
            f"The journal has an unfinished HTTPS run for {host} ({run.run_id}) in {run.zone} "
            f"at {run.provider_id}. Use the same zone and DNS host to continue it, or revert it "
            f"first: tracking-wizard revert --id {run.run_id}"
        )
    if not in_zone(host, zone):
        return HostCheck(conflicts=(f"{host} is not inside the zone {zone}.",), run=run)
    ours = run.distribution_domain if run else None
    if uses_alias(provider):
        assert isinstance(provider, Route53Provider)
        replaced: tuple[Record, ...] = ()
        conflicts: list[str] = []
        for rrset in alias.rrsets_at(provider, zone, host):
            now = alias.target_of(rrset)
            if rrset["Type"] == "CNAME":
                cnames = provider.list_records(zone, [host]).records
                replaced = tuple(r for r in cnames if r.type == "CNAME")
            elif rrset["Type"] in alias.ALIAS_TYPES and (now is None or now != ours):
                what = f"an alias {rrset['Type']} to {now}" if now else f"an {rrset['Type']}"
                conflicts.append(f"{host} already has {what} record set; remove it first.")
        return HostCheck(replaced, tuple(conflicts), run)
    if host == zone:
        return HostCheck(
            conflicts=(f"A CNAME cannot sit at the zone apex ({zone}); use a subdomain.",), run=run
        )
    existing = provider.list_records(zone, [host]).records
    others = sorted({r.type for r in existing if r.type != "CNAME"})
    if others:
        kinds = ", ".join(others)
        return HostCheck(
            conflicts=(f"{host} already has {kinds} records; a CNAME cannot sit beside them.",),
            run=run,
        )
    replaced = tuple(
        r for r in existing if r.type == "CNAME" and normalize_name(r.value) != (ours or "")
    )
    return HostCheck(replaced, (), run)


class Setup:
    """One run of the HTTPS step, with its collaborators."""

    def __init__(
        self,
        target: Target,
        provider: Provider,
        *,
        aws: Aws,
        journal: Journal,
        write: RecordWriter,
        report: Report = quiet,
        waits: Waits | None = None,
    ) -> None:
        self.target = target
        self.host = normalize_name(target.host)
        self.zone = normalize_name(target.zone)
        self.provider = provider
        self.aws = aws
        self.journal = journal
        self.write = write
        self.report = report
        self.waits = waits or Waits.from_environment()
        self.written: list[Record] = []

    def run(self, *, confirm_replace: bool, run_id: str | None = None) -> Result:
        """Check the host, then make (or find) every resource in order. Raises WizardError."""
        checked = check_host(self.provider, self.target, self.journal)
        if checked.conflicts:
            raise PlanError("Nothing was made: " + " ".join(checked.conflicts))
        if checked.replaced and not confirm_replace:
            shown = "; ".join(str(r) for r in checked.replaced)
            raise PlanError(
                f"{self.host} already has a record that would be replaced ({shown}). Nothing "
                "was made without confirmation (--replace)."
            )
        run = checked.run
        rid = run.run_id if run else (run_id or new_apply_id())
        reference = distribution.caller_reference(rid)
        distribution.find(self.aws.cloudfront(), self.host, reference)  # AliasTaken early
        with run_lock(self.journal, "https"):
            book = Ledger(self.journal, rid)
            if run is None:
                book.note("run", "started", **self._start_fields())
            else:
                self._say("check", f"Continuing the HTTPS run {rid} for {self.host}.")
            crash_point("started")
            cert = self._certificate(book, run, rid)
            dist = self._distribution(book, run, rid, cert)
            records, aliases = self._host_record(book, run, dist, checked.replaced)
            book.note("run", "finished")
        validation = cert.validation
        return Result(rid, cert, dist, (*validation, *records), aliases, tuple(self.written))

    # -- steps ---------------------------------------------------------------------------------
    def _say(self, step: Step, text: str) -> None:
        self.report(Progress(step, text))

    def _start_fields(self) -> dict[str, object]:
        return {
            "host": self.host,
            "zone": self.zone,
            "provider": self.provider.id,
            "settings": public_settings(self.provider),
            "vendor": self.target.vendor,
            "origin": normalize_name(self.target.origin),
            "origin_https": self.target.origin_https,
            "aws_profile": self.aws.profile,
            "time": datetime.now(UTC).isoformat(timespec="seconds"),
        }

    def _certificate(self, book: Ledger, run: HttpsRun | None, rid: str) -> Certificate:
        acm = self.aws.acm()
        arn = run.certificate_arn if run else None
        if arn is not None and certificate.describe(acm, arn) is None:
            raise AwsError(
                f"The certificate {arn} of run {rid} no longer exists. Revert the run "
                f"(tracking-wizard revert --id {rid}) and start again."
            )
        if arn is None:
            if run is None or run.certificate is None:
                book.note("certificate", "intent", token=certificate.token_for(rid))
                crash_point("certificate-intent")
            found = certificate.find_ours(acm, self.host, rid)
            if found:
                arn = found[0]
            else:
                self._say("certificate", f"Requesting a certificate for {self.host} from ACM…")
                arn = certificate.request(acm, self.host, rid)
                crash_point("certificate-requested")
            book.note("certificate", "created", arn=arn)
            crash_point("certificate-created")
        self._say("certificate", f"Certificate {arn}.")
        cert = certificate.wait_for_records(acm, arn, self.report, self.waits)
        if cert.validation:  # kept while the certificate lives: ACM renews through it
            self._dns(book, "validation", cert.validation, "validation")
            crash_point("validation-written")
        cert = certificate.wait_issued(acm, arn, self.report, self.waits)
        self._say("issued", f"ACM issued the certificate for {self.host}.")
        crash_point("issued")
        return cert

    def _distribution(
        self, book: Ledger, run: HttpsRun | None, rid: str, cert: Certificate
    ) -> Distribution:
        cloudfront = self.aws.cloudfront()
        known = run.distribution_id if run else None
        dist: Distribution | None
        if known is not None:
            dist = distribution.get(cloudfront, known)
            if dist is None:
                raise AwsError(
                    f"The CloudFront distribution {known} of run {rid} no longer exists. Revert "
                    f"the run (tracking-wizard revert --id {rid}) and start again."
                )
        else:
            reference = distribution.caller_reference(rid)
            if run is None or run.distribution is None:
                book.note("distribution", "intent", reference=reference)
                crash_point("distribution-intent")
            dist = distribution.find(cloudfront, self.host, reference)
            if dist is None:
                self._say(
                    "distribution",
                    f"Creating a CloudFront distribution for {self.host} in front of "
                    f"{self.target.origin}…",
                )
                dist = distribution.create(
                    cloudfront,
                    self.host,
                    self.target.origin,
                    origin_https=self.target.origin_https,
                    certificate=cert,
                    reference=reference,
                )
                crash_point("distribution-requested")
            book.note("distribution", "created", id=dist.id, arn=dist.arn, domain=dist.domain)
            crash_point("distribution-created")
        self._say("distribution", f"Distribution {dist.id} ({dist.domain}).")
        dist = distribution.wait_deployed(cloudfront, dist.id, self.report, self.waits)
        self._say("deployed", f"CloudFront deployed {dist.id}.")
        crash_point("deployed")
        return dist

    def _host_record(
        self,
        book: Ledger,
        run: HttpsRun | None,
        dist: Distribution,
        replaced: tuple[Record, ...],
    ) -> tuple[tuple[Record, ...], tuple[Alias, ...]]:
        if uses_alias(self.provider):
            assert isinstance(self.provider, Route53Provider)
            known = run.alias if run else None
            if known is None or known.gone or known.data.get("target") != dist.domain:
                book.note(
                    "alias",
                    "intent",
                    host=self.host,
                    zone=self.zone,
                    target=dist.domain,
                    replaced=[r.to_json() for r in replaced],
                    settings=public_settings(self.provider),
                )
            try:
                made = alias.write(
                    self.provider,
                    self.zone,
                    self.host,
                    dist.domain,
                    replaced,
                    self.report,
                    self.waits,
                )
            except alias.AliasMismatch as err:  # landed, as something else: revert removes it
                book.note("alias", "created", stored=list(err.held))
                raise
            book.note("alias", "created")
            crash_point("host-written")
            return (), made
        record = Record("CNAME", self.host, dist.domain, HOST_TTL)
        self._dns(book, "host", (record,), "dns")
        crash_point("host-written")
        return (record,), ()

    def _dns(
        self,
        book: Ledger,
        role: Role,
        records: Sequence[Record],
        step: Step,
    ) -> None:
        """One journalled write through the DNS host; every attempt gets its own apply id."""
        apply_id = new_apply_id()
        book.note(
            "dns", "intent", role=role, dns_apply=apply_id, records=[r.to_json() for r in records]
        )
        written = self.write(records, apply_id, step)
        self.written.extend(written)
        book.note("dns", "created", role=role, dns_apply=apply_id)
