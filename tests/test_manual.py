"""The manual path: exact per-host instructions, underscore warnings, DNS reads for the plan."""

from __future__ import annotations

import pytest

from providers.hosts import CLOUDFLARE, ROUTE53, host_by_id
from providers.manual import ManualProvider, host_field, instructions, underscore_warning
from tests.fakes.bind import BindServer
from wizard.model.errors import ProviderError
from wizard.model.records import Record
from wizard.plan import build_plan

DKIM = Record("TXT", "pendo._domainkey.example.test", "k=rsa; p=MIGf+/==", 3600)
CNAME = Record("CNAME", "links.example.test", "track.vendor.example", 300)
APEX = Record("TXT", "example.test", 'v=verify "quoted"', None)


def test_host_field_relative_apex_and_fqdn() -> None:
    assert host_field("links.example.test", "example.test") == "links"
    assert host_field("example.test", "example.test") == "@"
    assert host_field("a.b.example.test.", "Example.Test") == "a.b"
    assert host_field("links.example.test", "example.test", fqdn=True) == "links.example.test"


def test_instructions_copy_values_exactly() -> None:
    steps = instructions([DKIM, CNAME, APEX], "example.test", CLOUDFLARE)
    assert [s.host_field for s in steps] == ["pendo._domainkey", "links", "@"]
    assert [s.value for s in steps] == [DKIM.value, CNAME.value, APEX.value]
    assert [s.ttl for s in steps] == [3600, 300, None]
    assert all(s.warning is None for s in steps)
    assert "TTL: the host's default" in steps[2].lines()
    assert instructions([CNAME], "example.test", ROUTE53)[0].host_field == "links.example.test"


def test_underscore_warnings() -> None:
    refusing = host_by_id("wix")
    assert refusing is not None
    from dataclasses import replace

    refusing = replace(refusing, underscores=False)
    text = underscore_warning(DKIM.name, refusing)
    assert text and "refuse" in text and "support" in text and "move" in text
    unknown = underscore_warning(DKIM.name, host_by_id("namecheap"))
    assert unknown and "don't know" in unknown
    assert underscore_warning(DKIM.name, None) is not None
    assert underscore_warning(CNAME.name, refusing) is None
    assert underscore_warning(DKIM.name, CLOUDFLARE) is None


def test_hosts_keep_doc_titles() -> None:
    titles = {h.id: h.docs_title for h in map(host_by_id, ["dreamhost", "hostgator", "wix"]) if h}
    assert titles["dreamhost"] == "How do I add custom DNS records"
    assert all(titles.values())


def test_reads_dns_so_the_plan_says_present(bind: BindServer) -> None:
    provider = ManualProvider({"nameserver": bind.server})
    wanted = [
        Record("TXT", "example.test", "v=spf1 include:_spf.example.net ~all", 300),
        Record("MX", "example.test", "mail.example.test", 300, 10),
        CNAME,
    ]
    plan = build_plan(provider, "example.test", wanted)
    assert [i.kind for i in plan.items] == ["present", "present", "create"]


def test_writes_nothing() -> None:
    provider = ManualProvider({})
    assert provider.capabilities.writes is False
    with pytest.raises(ProviderError):
        provider.apply("example.test", [])
