"""The GoDaddy provider: its REST calls against the local API in tests/fakes/godaddy_api.py."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from hypothesis import given, settings

from providers.godaddy import GoDaddyProvider
from tests.examples import examples
from tests.fakes.bind import BindServer
from tests.fakes.godaddy_api import GoDaddyAPI, sample_records
from tests.gr_zones import LABELS, Case, cases, expected_after, fqdn
from tests.short_timeouts import GoDaddyCutShort
from wizard.model import errors
from wizard.model.changes import create, delete, update
from wizard.model.records import Record
from wizard.plan import build_plan

ZONE = "example.test"


@pytest.fixture
def api() -> Iterator[GoDaddyAPI]:
    with GoDaddyAPI({ZONE: sample_records()}) as server:
        yield server


def make(
    api: GoDaddyAPI,
    *,
    short_method: str | None = None,
    short_at: int | None = None,
    **settings: str,
) -> GoDaddyProvider:
    """The plugin against `api`; with `short_method` or `short_at`, only that request (by HTTP
    method or by number) gets a short timeout (tests/short_timeouts.py)."""
    values = {"api_key": api.key, "api_secret": api.secret, "api_url": api.url, **settings}
    if short_method is None and short_at is None:
        provider = GoDaddyProvider(values)
    else:
        provider = GoDaddyCutShort(values, method=short_method, at=short_at)
    provider.conflict_backoff = 0.01
    provider.timeout = 2.0
    provider.rate_limit_wait = 0.0  # a 429 ends the apply unless a test says otherwise
    return provider


@pytest.fixture
def provider(api: GoDaddyAPI) -> Iterator[GoDaddyProvider]:
    p = make(api)
    yield p
    p.close()


def items(api: GoDaddyAPI, rtype: str, name: str) -> list[Any]:
    return sorted(r["data"] for r in api.records(ZONE) if r["type"] == rtype and r["name"] == name)


def test_list_records_converts_names_and_values(provider: GoDaddyProvider) -> None:
    existing = provider.list_records(ZONE, [ZONE, "www.example.test", "none.example.test"])
    got = {(r.type, r.name, r.value, r.priority) for r in existing.records}
    assert ("TXT", ZONE, "v=spf1 include:_spf.example.net ~all", None) in got
    assert ("MX", ZONE, "mail.example.test", 10) in got
    assert ("CNAME", "www.example.test", ZONE, None) in got  # "@" as data means the apex
    assert all(r.name in (ZONE, "www.example.test") for r in existing.records)


def test_base_url_from_environment(api: GoDaddyAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKING_WIZARD_GODADDY_API_URL", api.url.rstrip("/"))
    provider = GoDaddyProvider({"api_key": api.key, "api_secret": api.secret})
    provider.check_credentials(ZONE)
    assert api.requests[-1][0] == "GET"


def test_create_txt_beside_existing_values_keeps_them(
    provider: GoDaddyProvider, api: GoDaddyAPI
) -> None:
    new = Record("TXT", ZONE, "pendo-domain-verification=xyz", ttl=600)
    provider.apply(ZONE, [create(new)])
    assert items(api, "TXT", "@") == sorted(
        [
            "v=spf1 include:_spf.example.net ~all",
            "google-site-verification=abc123",
            "pendo-domain-verification=xyz",
        ]
    )
    written = [r for r in api.records(ZONE) if r["data"] == "pendo-domain-verification=xyz"]
    assert written[0]["ttl"] == 600
    assert api.write_requests == 1


def test_a_ttl_below_600_is_moved_by_the_plan_and_never_sent_by_the_plugin(
    provider: GoDaddyProvider, api: GoDaddyAPI
) -> None:
    low = Record("TXT", ZONE, "pendo-domain-verification=xyz", ttl=300)
    with pytest.raises(errors.ProviderError, match="GoDaddy takes a TTL of 600 to 2147483647"):
        provider.apply(ZONE, [create(low)])
    assert api.write_requests == 0
    plan = build_plan(provider, ZONE, [low])
    assert [f.code for f in plan.findings] == ["ttl-out-of-range"]
    assert plan.changes[0].new is not None and plan.changes[0].new.ttl == 600


def test_many_creates_go_in_one_patch(provider: GoDaddyProvider, api: GoDaddyAPI) -> None:
    records = [
        Record("CNAME", "data.example.test", "cname.pendo-dev.io"),
        Record("TXT", "_dmarc.example.test", "v=DMARC1; p=none"),
        Record("TXT", "s1._domainkey.example.test", "k=rsa; p=MIGf" + "A" * 300),
        Record("MX", "bounce.example.test", "feedback-smtp.us-east-1.amazonses.com", priority=10),
    ]
    provider.apply(ZONE, [create(r) for r in records])
    assert api.write_requests == 1
    listed = provider.list_records(ZONE, [r.name for r in records]).records
    for record in records:
        assert any(record.same_data(x) for x in listed), record
    assert [m for m, _ in api.requests if m != "GET"] == ["PATCH"]


def test_reapply_writes_nothing(provider: GoDaddyProvider, api: GoDaddyAPI) -> None:
    record = Record("TXT", ZONE, "v=spf1 include:_spf.example.net ~all")
    provider.apply(ZONE, [create(record)])
    assert api.write_requests == 0


def test_delete_one_value_keeps_the_others(provider: GoDaddyProvider, api: GoDaddyAPI) -> None:
    provider.apply(ZONE, [delete(Record("TXT", ZONE, "google-site-verification=abc123"))])
    assert items(api, "TXT", "@") == ["v=spf1 include:_spf.example.net ~all"]
    assert ("PUT", "/v1/domains/example.test/records/TXT/@") in api.requests


def test_delete_last_value_uses_typed_delete(provider: GoDaddyProvider, api: GoDaddyAPI) -> None:
    provider.apply(ZONE, [delete(Record("CNAME", "www.example.test", ZONE))])
    assert items(api, "CNAME", "www") == []
    assert ("DELETE", "/v1/domains/example.test/records/CNAME/www") in api.requests
    assert items(api, "A", "@") == ["192.0.2.1"]


def test_update_cname(provider: GoDaddyProvider, api: GoDaddyAPI) -> None:
    old = Record("CNAME", "www.example.test", ZONE)
    provider.apply(ZONE, [update(old, Record("CNAME", "www.example.test", "web.vendor.example"))])
    assert items(api, "CNAME", "www") == ["web.vendor.example"]


def test_update_one_value_of_a_multi_value_name(provider: GoDaddyProvider, api: GoDaddyAPI) -> None:
    old = Record("TXT", ZONE, "google-site-verification=abc123")
    new = Record("TXT", ZONE, "google-site-verification=def456")
    provider.apply(ZONE, [update(old, new)])
    assert items(api, "TXT", "@") == sorted(
        ["v=spf1 include:_spf.example.net ~all", "google-site-verification=def456"]
    )


def test_apply_then_inverse_restores_zone(provider: GoDaddyProvider, api: GoDaddyAPI) -> None:
    before = sorted(map(repr, api.records(ZONE)))
    changes = [
        create(Record("TXT", ZONE, "pendo=1", ttl=3600)),
        create(Record("CNAME", "data.example.test", "cname.pendo-dev.io", ttl=3600)),
        delete(Record("TXT", ZONE, "google-site-verification=abc123", ttl=3600)),
        update(
            Record("CNAME", "www.example.test", ZONE, ttl=3600),
            Record("CNAME", "www.example.test", "x.example.net", ttl=3600),
        ),
    ]
    provider.apply(ZONE, changes)
    provider.apply(ZONE, [c.inverse() for c in reversed(changes)])
    assert sorted(map(repr, api.records(ZONE))) == before


def test_bad_credentials_raise_auth_error_without_secret(api: GoDaddyAPI) -> None:
    provider = make(api, api_secret="wrong-secret-value-998877")
    with pytest.raises(errors.AuthError) as info:
        provider.apply(ZONE, [create(Record("TXT", ZONE, "x"))])
    assert "wrong-secret-value-998877" not in str(info.value)
    assert api.write_requests == 0  # the read failed first


def test_missing_credentials(api: GoDaddyAPI) -> None:
    with pytest.raises(errors.AuthError, match="GODADDY_API_KEY"):
        GoDaddyProvider({"api_url": api.url}).list_records(ZONE, [ZONE])


def test_access_denied_explains_the_threshold(api: GoDaddyAPI, provider: GoDaddyProvider) -> None:
    api.denied.add(ZONE)
    with pytest.raises(errors.PermissionDenied) as info:
        provider.check_credentials(ZONE)
    message = str(info.value)
    assert "10 or more domains" in message and "Discount Domain Club" in message
    assert "manual" in message


def test_unknown_domain(provider: GoDaddyProvider) -> None:
    with pytest.raises(errors.ZoneNotFound):
        provider.list_records("other.test", ["other.test"])


def test_409_is_retried_then_succeeds(provider: GoDaddyProvider, api: GoDaddyAPI) -> None:
    api.inject(409, method="PATCH", times=2)
    provider.apply(ZONE, [create(Record("TXT", ZONE, "after-conflict"))])
    assert "after-conflict" in items(api, "TXT", "@")
    assert api.write_requests == 3


def test_409_forever_gives_up(provider: GoDaddyProvider, api: GoDaddyAPI) -> None:
    provider.conflict_retries = 2
    api.inject(409, method="PATCH", times=10)
    with pytest.raises(errors.ProviderError, match="busy"):
        provider.apply(ZONE, [create(Record("TXT", ZONE, "never"))])
    assert api.write_requests == 3
    assert "never" not in items(api, "TXT", "@")


def test_conflict_window_after_an_edit(api: GoDaddyAPI, provider: GoDaddyProvider) -> None:
    """A write right after an edit gets GoDaddy's 409; the provider waits and tries again.

    The lock after the first edit lasts until the provider says it is waiting (its log line),
    so the 409 happens however slow the machine, and the retry finds the lock lifted."""

    class LockLiftsWhileWaiting(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if "409" in record.getMessage():
                waits.append(record.getMessage())
                api.conflict_window = 0.0

    waits: list[str] = []
    provider.apply(ZONE, [create(Record("TXT", ZONE, "one"))])
    api.conflict_window = 3600.0
    patches = [m for m, _ in api.requests].count("PATCH")
    handler = LockLiftsWhileWaiting(logging.INFO)
    logger = logging.getLogger("providers.godaddy")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    try:
        provider.apply(ZONE, [create(Record("TXT", ZONE, "two"))])
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    assert len(waits) == 1 and "retrying" in waits[0]
    assert [m for m, _ in api.requests].count("PATCH") - patches == 2  # refused, then taken
    assert {"one", "two"} <= set(items(api, "TXT", "@"))


def test_429_is_rate_limited_with_retry_after(provider: GoDaddyProvider, api: GoDaddyAPI) -> None:
    api.inject(429, method="PATCH", retry_after=30)
    with pytest.raises(errors.RateLimited) as info:
        provider.apply(ZONE, [create(Record("TXT", ZONE, "x"))])
    assert info.value.retry_after == 30
    assert "30 seconds" in str(info.value)


def test_short_429_pauses_are_waited_out(provider: GoDaddyProvider, api: GoDaddyAPI) -> None:
    provider.rate_limit_wait = 0.05
    api.inject(429, method="PATCH", retry_after=0, times=2)
    provider.apply(ZONE, [create(Record("TXT", ZONE, "after-429"))])
    assert "after-429" in items(api, "TXT", "@")
    assert api.write_requests == 3
    api.inject(429, method="PATCH", retry_after=0, times=3)
    with pytest.raises(errors.RateLimited):
        provider.apply(ZONE, [create(Record("TXT", ZONE, "never"))])
    assert "never" not in items(api, "TXT", "@")


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors(provider: GoDaddyProvider, api: GoDaddyAPI, status: int) -> None:
    api.inject(status, method="GET")
    with pytest.raises(errors.ProviderError, match=f"HTTP {status}"):
        provider.list_records(ZONE, [ZONE])


def test_non_json_error_body_is_still_a_clear_message(
    provider: GoDaddyProvider, api: GoDaddyAPI
) -> None:
    api.inject(502, method="GET")
    api.faults[-1].raw = b"<html><body>502 Bad Gateway</body></html>"
    with pytest.raises(errors.ProviderError, match="server error"):
        provider.list_records(ZONE, [ZONE])


def test_a_stalled_server_times_out(api: GoDaddyAPI) -> None:
    provider = make(api, short_method="PATCH")
    api.inject(200, method="PATCH", stall=30)
    with pytest.raises(errors.ProviderError, match="did not answer") as info:
        provider.apply(ZONE, [create(Record("TXT", ZONE, "x"))])
    assert "may or may not" in str(info.value)


def test_validation_error_names_the_field(provider: GoDaddyProvider, api: GoDaddyAPI) -> None:
    # GoDaddy refuses a CNAME beside other records; the message carries its reason.
    with pytest.raises(errors.ProviderError, match="rejected") as info:
        provider.apply(ZONE, [create(Record("CNAME", ZONE, "other.example"))])
    assert "CNAME at @ cannot sit beside other records" in str(info.value)
    assert "other.example" not in items(api, "CNAME", "@")


def test_no_secret_in_any_message_or_log(api: GoDaddyAPI, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    provider = make(api)
    api.inject(409, method="PATCH", times=1, message=f"echo {api.secret} {api.key}")
    api.inject(422, method="PATCH", message=f"bad {api.secret}")
    with pytest.raises(errors.ProviderError) as info:
        provider.apply(ZONE, [create(Record("TXT", ZONE, "x"))])
    for text in (str(info.value), caplog.text):
        assert api.secret not in text
        assert api.key not in text


def test_faults_at_each_request_leave_consistent_state(api: GoDaddyAPI) -> None:
    """A fault at request n either writes the whole request or nothing; a retry completes it."""
    changes = [
        create(Record("TXT", ZONE, "pendo=1")),
        delete(Record("TXT", ZONE, "google-site-verification=abc123")),
        update(
            Record("CNAME", "www.example.test", ZONE),
            Record("CNAME", "www.example.test", "x.example.net"),
        ),
    ]
    for status in (403, 429, 500):
        for n in range(4):
            with GoDaddyAPI({ZONE: sample_records()}) as server:
                provider = make(server)
                server.inject(status, skip=n)
                try:
                    provider.apply(ZONE, changes)
                except errors.ProviderError as exc:
                    assert str(exc) and server.secret not in str(exc)
                server.faults.clear()
                provider.apply(ZONE, changes)  # running again finishes the job
                assert items(server, "TXT", "@") == sorted(
                    ["v=spf1 include:_spf.example.net ~all", "pendo=1"]
                )
                assert items(server, "CNAME", "www") == ["x.example.net"]


def seed_items(records: Sequence[Record]) -> list[dict[str, Any]]:
    """GoDaddy's JSON for records a property test starts the zone with."""
    return [
        {
            "type": r.type,
            "name": GoDaddyProvider.relative(ZONE, r.name),
            "data": r.value,
            "ttl": r.ttl,
            **({"priority": r.priority} if r.priority is not None else {}),
        }
        for r in records
    ]


@settings(max_examples=examples(30), deadline=None)
@given(case=cases(ZONE))
def test_property_apply_then_inverse_restores_the_zone(case: Case) -> None:
    with GoDaddyAPI({ZONE: seed_items(case.existing)}) as server:
        provider = make(server)
        before = sorted(map(repr, (sorted(i.items()) for i in server.records(ZONE))))
        provider.apply(ZONE, case.changes)
        names = {fqdn(label, ZONE) for label in LABELS}
        listed = provider.list_records(ZONE, names).records
        assert {(r.type, r.name, r.value, r.priority) for r in listed} == expected_after(case)
        provider.apply(ZONE, [c.inverse() for c in reversed(case.changes)])
        after = sorted(map(repr, (sorted(i.items()) for i in server.records(ZONE))))
        assert after == before
        provider.close()


def test_writes_reach_dns_through_bind(bind: BindServer) -> None:
    """The fake API passes writes to BIND, so values are checked as DNS serves them."""
    seed = [
        {"type": "TXT", "name": "@", "data": "v=spf1 include:_spf.example.net ~all", "ttl": 600},
        {"type": "MX", "name": "@", "data": "mail.example.test", "ttl": 600, "priority": 10},
        {"type": "A", "name": "www", "data": "192.0.2.10", "ttl": 600},
    ]
    dkim = "k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA" + "x" * 300
    with GoDaddyAPI({ZONE: seed}, bind=bind) as server:
        provider = make(server)
        provider.apply(
            ZONE,
            [
                create(Record("TXT", ZONE, "pendo-domain-verification=abc")),
                create(Record("TXT", "s1._domainkey.example.test", dkim)),
                create(Record("CNAME", "data.example.test", "cname.pendo-dev.io")),
            ],
        )
        assert bind.texts(ZONE, "TXT") == sorted(
            ['"v=spf1 include:_spf.example.net ~all"', '"pendo-domain-verification=abc"']
        )
        served = bind.query("s1._domainkey.example.test", "TXT")[0][0]
        assert b"".join(served.strings).decode() == dkim
        assert bind.texts("data.example.test", "CNAME") == ["cname.pendo-dev.io."]
        provider.apply(ZONE, [delete(Record("TXT", ZONE, "pendo-domain-verification=abc"))])
        assert bind.texts(ZONE, "TXT") == ['"v=spf1 include:_spf.example.net ~all"']
        assert bind.texts(ZONE, "MX") == ["10 mail.example.test."]


def test_made_from_sdk_environment_variables(
    api: GoDaddyAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wizard.credentials import make_provider

    monkeypatch.setenv("GODADDY_API_KEY", api.key)
    monkeypatch.setenv("GODADDY_API_SECRET", api.secret)
    monkeypatch.setenv("TRACKING_WIZARD_GODADDY_API_URL", api.url)
    provider = make_provider("godaddy")
    assert isinstance(provider, GoDaddyProvider)
    provider.check_credentials(ZONE)


def test_loading_the_providers_imports_no_sdk() -> None:
    code = (
        "import sys, providers.godaddy, providers.route53\n"
        "heavy = {'godaddypy', 'boto3', 'botocore', 'requests'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_large_zone_is_read_page_by_page() -> None:
    seed = [{"type": "A", "name": f"h{i}", "data": "192.0.2.9", "ttl": 600} for i in range(1200)]
    with GoDaddyAPI({ZONE: seed}) as server:
        provider = make(server)
        found = provider.list_records(ZONE, ["h1199.example.test", "h0.example.test"]).records
        assert {r.name for r in found} == {"h1199.example.test", "h0.example.test"}
        assert sum(1 for m, _ in server.requests if m == "GET") == 3


# -- through the real plan, journal, apply and revert (tests/roundtrip.py) ------------------------
PASTED = [
    Record("CNAME", "data.example.test", "cname.pendo-dev.io", ttl=3600),
    Record("TXT", ZONE, "pendo-domain-verification=4f2a", ttl=3600),
    Record("TXT", "s1._domainkey.example.test", "k=rsa; p=MIGfMA0GCS" + "q" * 280, ttl=3600),
    Record("CNAME", "www.example.test", "web.vendor.example", ttl=3600),  # an update
]


def zone_state(server: GoDaddyAPI) -> set[tuple[Any, ...]]:
    return {
        (r["type"], r["name"], r["data"], r["ttl"], r.get("priority")) for r in server.records(ZONE)
    }


def test_apply_then_revert_through_the_journal(api: GoDaddyAPI, provider: GoDaddyProvider) -> None:
    from tests.roundtrip import check_apply_then_revert

    def applied(plan: Any) -> None:
        assert items(api, "TXT", "@") == sorted(
            [
                "v=spf1 include:_spf.example.net ~all",
                "google-site-verification=abc123",
                "pendo-domain-verification=4f2a",
            ]
        )
        assert items(api, "CNAME", "www") == ["web.vendor.example"]

    check_apply_then_revert(provider, ZONE, PASTED, lambda: zone_state(api), check_applied=applied)
    journal_text = "".join(p.read_text() for p in _journal_files())
    assert journal_text and api.secret not in journal_text and api.key not in journal_text


def _journal_files() -> list[Any]:
    from wizard.datadir import default_journal_path

    path = default_journal_path()
    return [path] if path.exists() else []


@pytest.mark.parametrize("fault", ["403", "409", "429", "500", "timeout"])
def test_fault_at_each_request_then_revert(fault: str) -> None:
    """Whatever request fails, the user gets a sentence and revert restores the zone."""
    from tests.roundtrip import apply_records, revert_latest
    from wizard.journal import Journal

    for n in range(6):
        with GoDaddyAPI({ZONE: sample_records()}) as server:
            start = zone_state(server)
            provider = make(server, short_at=n if fault == "timeout" else None)
            provider.conflict_retries = 1
            if fault == "timeout":
                server.inject(504, skip=n, stall=5)
            else:
                server.inject(int(fault), skip=n, times=3)
            journal = Journal()
            try:
                apply_records(provider, ZONE, PASTED, journal)
            except errors.ProviderError as exc:
                message = str(exc)
                assert message.endswith(".") and server.secret not in message
            server.faults.clear()
            from wizard.rollback import latest_revertible

            if latest_revertible(journal) is not None:
                revert_latest(provider, journal)
            assert zone_state(server) == start, (fault, n)
            provider.close()


@settings(max_examples=examples(15), deadline=None)
@given(case=cases(ZONE))
def test_property_paste_apply_revert_through_the_journal(case: Case) -> None:
    from hypothesis import assume

    from tests.roundtrip import check_apply_then_revert
    from wizard.plan import build_plan

    pasted = [c.new for c in case.changes if c.new is not None]
    assume(pasted)
    with GoDaddyAPI({ZONE: seed_items(case.existing)}) as server:
        provider = make(server)
        assume(not build_plan(provider, ZONE, pasted).has_conflicts)
        check_apply_then_revert(provider, ZONE, pasted, lambda: zone_state(server))
        provider.close()


def test_write_made_but_answer_lost_is_still_reverted(api: GoDaddyAPI) -> None:
    """The PATCH lands but its answer never comes: a sentence, and revert still undoes it."""
    from tests.roundtrip import apply_records, revert_latest
    from wizard.journal import Journal

    start = zone_state(api)
    provider = make(api, short_method="PATCH")
    api.inject(200, method="PATCH", stall=5, after=True)
    journal = Journal()
    with pytest.raises(errors.ProviderError, match="may or may not"):
        apply_records(provider, ZONE, PASTED, journal)
    assert "pendo-domain-verification=4f2a" in items(api, "TXT", "@")  # it did land
    revert_latest(provider, journal)
    assert zone_state(api) == start
