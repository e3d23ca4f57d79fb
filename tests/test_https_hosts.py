"""The validation and host records through other DNS hosts: Cloudflare and GoDaddy (their local
APIs writing through to BIND), and the manual host, where the watcher waits for a person."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import dns.rdata
import pytest

from providers.cloudflare import CloudflareProvider
from providers.godaddy import GoDaddyProvider
from providers.manual import ManualProvider
from tests.fakes.bind import BindServer
from tests.fakes.cloudflare_api import CloudflareAPI
from tests.fakes.godaddy_api import GoDaddyAPI
from tests.fakes.moto_server import MotoAws
from tests.test_https import (
    FAST,
    HOST,
    ZONE,
    acm_validation,
    nothing_left,
    revert_all,
    set_up,
)
from wizard.app import https
from wizard.https.progress import Progress
from wizard.journal import Journal
from wizard.model.servers import Server
from wizard.readiness import Reach

#: The moto, test CA and stand-in edge fixtures.
pytest_plugins = ["tests.https_fixtures"]


def cloudflare(bind: BindServer) -> Iterator[Any]:
    with CloudflareAPI({ZONE: []}, bind=bind) as api:
        provider = CloudflareProvider({"api_token": api.token, "base_url": api.url})
        yield provider, lambda: {(r["type"], r["name"]) for r in api.zone_records(ZONE)}


def godaddy(bind: BindServer) -> Iterator[Any]:
    seed = [{"type": "A", "name": "www", "data": "192.0.2.10", "ttl": 600}]
    with GoDaddyAPI({ZONE: seed}, bind=bind) as api:
        provider = GoDaddyProvider(
            {"api_key": api.key, "api_secret": api.secret, "api_url": api.url}
        )
        provider.conflict_backoff = 0.01
        yield provider, lambda: {(r["type"], f"{r['name']}.{ZONE}") for r in api.records(ZONE)}


@pytest.mark.parametrize("host_api", [cloudflare, godaddy], ids=["cloudflare", "godaddy"])
def test_records_through_the_hosts_api(
    aws: MotoAws,
    bind: BindServer,
    reach: Reach,
    host_api: Callable[[BindServer], Iterator[Any]],
) -> None:
    for provider, names in host_api(bind):
        outcome = set_up(provider, reach)
        assert outcome.ok, outcome.error
        assert outcome.certificate_arn is not None
        validation = acm_validation(aws, outcome.certificate_arn)[0]
        assert {("CNAME", validation), ("CNAME", HOST)} <= names()
        assert bind.texts(HOST, "CNAME") == [f"{outcome.distribution_domain}."]
        assert revert_all(provider).ok
        assert not {("CNAME", validation), ("CNAME", HOST)} & names()
        nothing_left(aws, bind)


def by_hand(bind: BindServer, events: list[Progress]) -> Callable[[Progress], None]:
    """A person who enters each record the wizard shows into the zone, at once."""

    def person(event: Progress) -> None:
        events.append(event)
        found = re.search(r"Host/Name: (\S+); Value: (\S+);", event.text)
        if event.text.startswith("Enter at your DNS host") and found:
            name, value = found.groups()
            rdata = dns.rdata.from_text("IN", "CNAME", value + ".")
            bind.replace_sets(ZONE, {(f"{name}.{ZONE}.", "CNAME"): [(300, rdata)]})

    return person


def test_the_manual_host_shows_each_record_and_waits_until_it_is_served(
    aws: MotoAws, bind: BindServer, reach: Reach
) -> None:
    events: list[Progress] = []
    provider = ManualProvider({"nameserver": bind.server})
    served_by_bind = [Server(bind.address, bind.port)]
    outcome = set_up(provider, reach, report=by_hand(bind, events), authoritative=served_by_bind)
    assert outcome.ok, outcome.error
    assert outcome.written == ()  # the person wrote them
    shown = [e.text for e in events if e.text.startswith("Enter at your DNS host")]
    assert len(shown) == 2 and "Type: CNAME" in shown[0]
    waited = [e for e in events if "zone's servers to serve it (1 of 1)" in e.text]
    assert [e.step for e in waited] == ["validation", "dns"]
    assert bind.texts(HOST, "CNAME") == [f"{outcome.distribution_domain}."]

    assert outcome.certificate_arn is not None
    validation, target = acm_validation(aws, outcome.certificate_arn)
    run = https.run_to_revert(Journal())
    assert run is not None
    plan = https.review_revert(run, Journal(), provider=provider)
    assert {str(r) for r in plan.by_hand} == {
        f"{HOST} CNAME {outcome.distribution_domain}",
        f"{validation} CNAME {target}",
    }
    assert https.revert_https(plan, Journal(), waits=FAST).ok
    assert aws.certificates() == [] and aws.distributions() == []


def test_the_manual_wait_ends_with_a_sentence_when_nobody_enters_the_record(
    aws: MotoAws, bind: BindServer, reach: Reach
) -> None:
    from wizard.https.progress import Waits

    provider = ManualProvider({"nameserver": bind.server})
    served_by_bind = [Server(bind.address, bind.port)]
    no_wait = Waits(poll=0.0, certificate=0.0)
    outcome = set_up(provider, reach, authoritative=served_by_bind, waits=no_wait)
    assert outcome.waiting and outcome.run_id is not None
    assert "run the same command again" in str(outcome.error)
