"""Cloudflare: the real `cloudflare` SDK against a local API server that follows Cloudflare's."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from providers.cloudflare import CloudflareProvider
from tests.examples import examples
from tests.fakes.bind import BindServer
from tests.fakes.cloudflare_api import CloudflareAPI
from tests.keys import DKIM_1024
from tests.roundtrip import apply_records, check_apply_then_revert, revert_latest
from wizard.cli import main
from wizard.journal import Journal
from wizard.model import errors
from wizard.model.changes import create
from wizard.model.rdata import decode_txt
from wizard.model.records import Record
from wizard.plan import Plan

ZONE = "example.test"
SEED = [
    {"type": "TXT", "name": ZONE, "content": '"v=spf1 include:_spf.example.net ~all"', "ttl": 1},
    {"type": "MX", "name": ZONE, "content": "mail.example.test", "priority": 10, "ttl": 3600},
    {"type": "CNAME", "name": f"shop.{ZONE}", "content": "shops.example.net", "proxied": True},
]


@pytest.fixture
def api() -> Iterator[CloudflareAPI]:
    with CloudflareAPI({ZONE: [dict(r) for r in SEED]}) as server:
        yield server


def make(api: CloudflareAPI, token: str | None = None) -> CloudflareProvider:
    provider = CloudflareProvider({"api_token": token or api.token, "base_url": api.url})
    provider.timeout = 2.0
    return provider


def contents(api: CloudflareAPI) -> set[tuple[str, str, str]]:
    return {(r["type"], r["name"], decode_txt(r["content"])) for r in api.zone_records(ZONE)}


def test_lists_records_and_reads_quoted_txt(api: CloudflareAPI) -> None:
    existing = make(api).list_records(ZONE, [ZONE])
    got = {(r.type, r.value, r.ttl, r.priority) for r in existing.records}
    assert got == {
        ("TXT", "v=spf1 include:_spf.example.net ~all", None, None),
        ("MX", "mail.example.test", 3600, 10),
    }


def test_a_proxied_record_is_a_finding(api: CloudflareAPI) -> None:
    existing = make(api).list_records(ZONE, [f"shop.{ZONE}"])
    assert [f.code for f in existing.findings] == ["proxied"]
    assert "DNS only" in existing.findings[0].message


def test_the_whole_plan_is_one_batch_request_dns_only(api: CloudflareAPI) -> None:
    provider = make(api)
    records = [
        Record("CNAME", f"links.{ZONE}", "e.customeriomail.com"),
        Record("CNAME", f"abc._domainkey.{ZONE}", "abc.dkim.amazonses.com", 300),
        Record("TXT", ZONE, "google-site-verification=xyz"),
    ]
    before = api.write_requests
    plan, _ = apply_records(provider, ZONE, records, Journal())
    assert api.write_requests - before == 1
    assert [r for r in api.zone_records(ZONE) if r["name"] == f"links.{ZONE}"][0][
        "proxied"
    ] is False
    assert {(r["name"], r["ttl"]) for r in api.zone_records(ZONE) if r["type"] == "CNAME"} >= {
        (f"links.{ZONE}", 1),
        (f"abc._domainkey.{ZONE}", 300),
    }
    assert ("TXT", ZONE, "v=spf1 include:_spf.example.net ~all") in contents(api)


def test_paging_reads_every_record(api: CloudflareAPI) -> None:
    provider = make(api)
    many = [Record("TXT", f"bulk.{ZONE}", f"value-{i}") for i in range(230)]
    provider.apply(ZONE, [create(r) for r in many])

    def reads() -> int:
        return sum(1 for method, path in api.requests if path.endswith("dns_records"))

    before = reads()
    assert len(provider.list_records(ZONE, [f"bulk.{ZONE}"]).records) == 230
    assert reads() - before == 3  # pages of 100, 100 and 30; no extra empty page
    before = reads()
    provider.list_records(ZONE, [f"links.{ZONE}"])
    assert reads() - before == 1


def test_round_trip_restores_the_zone(api: CloudflareAPI) -> None:
    records = [
        Record("CNAME", f"links.{ZONE}", "e.customeriomail.com"),
        Record("TXT", ZONE, "pendo-verification=1"),
        Record("MX", f"bounce.{ZONE}", "feedback-smtp.us-east-1.amazonses.com", None, 10),
    ]
    check_apply_then_revert(make(api), ZONE, records, lambda: contents(api))


def test_update_of_a_cname_is_a_patch_and_reverts(api: CloudflareAPI) -> None:
    """The record is changed in place (same ID: a patch keeps Cloudflare's settings and
    history on it), not deleted and created anew."""
    records = [Record("CNAME", f"shop.{ZONE}", "e.customeriomail.com")]

    def shop() -> dict[str, Any]:
        (record,) = [r for r in api.zone_records(ZONE) if r["name"] == f"shop.{ZONE}"]
        return record

    before = shop()

    def patched(plan: Plan) -> None:
        assert [c.action for c in plan.changes] == ["update"]
        after = shop()
        assert after["content"] == "e.customeriomail.com"
        assert after["id"] == before["id"]

    check_apply_then_revert(make(api), ZONE, records, lambda: contents(api), check_applied=patched)
    assert shop()["id"] == before["id"] and shop()["content"] == "shops.example.net"


@pytest.mark.parametrize(
    ("code", "message"),
    [(81057, "identical record"), (81053, "CNAME record with that host")],
)
def test_cloudflare_refusals_are_passed_on_in_words(
    api: CloudflareAPI, code: int, message: str
) -> None:
    provider = make(api)
    if code == 81057:
        change = create(Record("MX", ZONE, "mail.example.test", None, 10))
    else:
        change = create(Record("CNAME", ZONE, "x.example.net"))
    with pytest.raises(errors.ProviderError, match=message) as info:
        provider.apply(ZONE, [change])
    assert str(code) in str(info.value)


def test_bad_token_and_missing_permission(api: CloudflareAPI) -> None:
    with pytest.raises(errors.AuthError) as info:
        make(api, token="wrong-token-123").check_credentials(ZONE)
    assert "wrong-token-123" not in str(info.value)
    read_only = make(api, token=api.read_only_token)
    read_only.check_credentials(ZONE)
    with pytest.raises(errors.PermissionDenied, match="Zone → DNS → Edit") as denied:
        read_only.apply(ZONE, [create(Record("TXT", ZONE, "x"))])
    assert api.read_only_token not in str(denied.value)


def test_unknown_zone(api: CloudflareAPI) -> None:
    with pytest.raises(errors.ZoneNotFound, match="other.test"):
        make(api).check_credentials("other.test")


def test_rate_limit_and_timeouts(api: CloudflareAPI) -> None:
    provider = make(api)
    api.inject(429, code=10013, message="Rate limited", path_contains="batch", retry_after=30)
    with pytest.raises(errors.RateLimited) as limited:
        provider.apply(ZONE, [create(Record("TXT", ZONE, "x"))])
    assert limited.value.retry_after == 30
    api.inject(500, code=10001, message="Internal error", path_contains="batch")
    with pytest.raises(errors.ProviderError, match="500"):
        provider.apply(ZONE, [create(Record("TXT", ZONE, "x"))])
    provider.timeout = 0.5
    provider.close()
    api.inject(200, path_contains="dns_records", stall=1.5)
    with pytest.raises(errors.ProviderError, match="did not answer"):
        provider.list_records(ZONE, [ZONE])


@pytest.mark.parametrize("status", [401, 403, 429, 500, 504])
@pytest.mark.parametrize("at", ["zones", "dns_records", "batch"])
def test_a_fault_at_each_request_leaves_a_journal_revert_can_use(
    api: CloudflareAPI, status: int, at: str
) -> None:
    start = contents(api)
    records = [
        Record("CNAME", f"links.{ZONE}", "e.customeriomail.com"),
        Record("TXT", ZONE, "pendo-verification=1"),
    ]
    journal = Journal()
    api.inject(status, code=10000, message="injected failure", path_contains=at)
    with pytest.raises(errors.ProviderError) as info:
        apply_records(make(api), ZONE, records, journal)
    assert str(info.value) and "Traceback" not in str(info.value)
    applied = journal.applies()
    if applied:
        revert_latest(make(api), journal)
    assert contents(api) == start


names = st.sampled_from(["links", "em", "abc._domainkey", "@"])


@settings(
    max_examples=examples(15),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    wanted=st.lists(
        st.tuples(names, st.sampled_from(["TXT", "CNAME"]), st.sampled_from(["a", "b", "c"])),
        max_size=4,
    )
)
def test_property_apply_then_revert_restores_the_zone(
    api: CloudflareAPI, wanted: list[Any]
) -> None:
    records: dict[str, Record] = {}
    for name, rtype, value in wanted:
        fqdn = ZONE if name == "@" else f"{name}.{ZONE}"
        if rtype == "CNAME" and (fqdn == ZONE or any(r.name == fqdn for r in records.values())):
            continue
        if any(r.name == fqdn and r.type == "CNAME" for r in records.values()):
            continue
        records[f"{fqdn}{rtype}{value}"] = Record(
            rtype, fqdn, f"{value}.example.net" if rtype == "CNAME" else value
        )
    check_apply_then_revert(make(api), ZONE, list(records.values()), lambda: contents(api))


def test_cli_apply_and_revert_with_the_sdk_environment(
    api: CloudflareAPI,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
) -> None:
    from wizard.cli import main
    from wizard.commands import EXIT_OK

    monkeypatch.setenv("CLOUDFLARE_API_TOKEN", api.token)
    monkeypatch.setenv("CLOUDFLARE_BASE_URL", api.url)
    paste = tmp_path / "records.txt"
    paste.write_text(
        "Type\tName\tValue\n"
        "CNAME\tlinks\te.customeriomail.com\n"
        f'TXT\tabc._domainkey\t"{DKIM_1024}"\n'
    )
    base = ["--domain", ZONE, "--zone", ZONE, "--provider", "cloudflare", "--yes"]
    before = contents(api)
    assert main(["apply", str(paste), *base]) == EXIT_OK, capsys.readouterr()
    assert ("CNAME", f"links.{ZONE}", "e.customeriomail.com") in contents(api)
    assert ("TXT", f"abc._domainkey.{ZONE}", DKIM_1024) in contents(api)
    assert api.token not in (data_dir / "journal.jsonl").read_text()
    assert main(["revert", "--yes"]) == EXIT_OK, capsys.readouterr()
    assert contents(api) == before
    assert api.token not in capsys.readouterr().out


def test_loading_the_provider_imports_no_sdk() -> None:
    code = "import sys, providers.cloudflare\nassert 'cloudflare' not in sys.modules\n"
    subprocess.run([sys.executable, "-c", code], check=True)


# -- written through to BIND, so what Cloudflare would serve can be asked of a name server ------
def test_what_cloudflare_writes_is_served_by_dns(
    bind: BindServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dkim = "k=rsa; p=" + "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA" * 8  # over 255 bytes
    records = [
        Record("CNAME", f"links.{ZONE}", "e.customeriomail.com"),
        Record("TXT", f"abc._domainkey.{ZONE}", dkim, 3600),
    ]
    with CloudflareAPI({ZONE: []}, bind=bind) as server:
        apply_records(make(server), ZONE, records, Journal())
    assert bind.texts(f"links.{ZONE}", "CNAME") == ["e.customeriomail.com."]
    (rrset,) = bind.query(f"abc._domainkey.{ZONE}", "TXT")
    assert rrset.ttl == 3600
    assert b"".join(next(iter(rrset)).strings).decode() == dkim
    assert bind.texts(ZONE, "TXT") == ['"v=spf1 include:_spf.example.net ~all"']  # untouched

    paste = tmp_path / "records.txt"
    paste.write_text(f"links.{ZONE} CNAME e.customeriomail.com\nabc._domainkey.{ZONE} TXT {dkim}\n")
    argv = ["watch", str(paste), "--authoritative", bind.server, "--resolver", bind.server]
    assert main([*argv, "--once", "--json"]) == 0, capsys.readouterr().out


def test_a_record_proxied_in_the_dashboard_is_diagnosed(
    bind: BindServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with CloudflareAPI({ZONE: []}, bind=bind) as server:
        # Someone turned the orange cloud on in Cloudflare's dashboard.
        server.batch(
            server.zone_ids[ZONE],
            {
                "posts": [
                    {
                        "type": "CNAME",
                        "name": f"links.{ZONE}",
                        "content": "e.customeriomail.com",
                        "proxied": True,
                    }
                ]
            },
        )
        assert any(
            f.code == "proxied" for f in make(server).list_records(ZONE, [f"links.{ZONE}"]).findings
        )
    assert bind.texts(f"links.{ZONE}", "A") == ["104.16.0.1"]

    paste = tmp_path / "records.txt"
    paste.write_text(f"links.{ZONE} CNAME e.customeriomail.com\n")
    argv = ["watch", str(paste), "--authoritative", bind.server, "--resolver", bind.server]
    assert main([*argv, "--once", "--json"]) == 1
    final = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line][-1]
    assert [f["code"] for f in final["findings"]] == ["proxied-or-flattened"]
