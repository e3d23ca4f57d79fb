"""The Route 53 provider: real boto3 over HTTP against moto's server (tests/moto_server.py)."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterator, Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from providers.route53 import Route53Provider
from providers.route53_errors import WRITE_METHOD
from providers.route53_sets import decode_name, record_value
from tests.examples import examples
from tests.fakes.moto_server import MotoRoute53, moto_route53
from tests.gr_zones import LABELS, Case, cases, expected_after, fqdn
from tests.short_timeouts import Route53CutShort
from wizard.model import errors
from wizard.model.changes import create, delete, update
from wizard.model.rdata import decode_txt, encode_txt
from wizard.model.records import Record

ZONE = "example.test"
SPF = "v=spf1 include:_spf.example.net ~all"
GOOGLE = "google-site-verification=abc123"


@pytest.fixture
def route53(monkeypatch: pytest.MonkeyPatch) -> Iterator[MotoRoute53]:
    with moto_route53(monkeypatch) as r53:
        yield r53


@pytest.fixture
def zone_id(route53: MotoRoute53) -> str:
    zid = route53.create_zone(ZONE)
    route53.put(zid, ZONE, "TXT", [f'"{SPF}"', f'"{GOOGLE}"'])
    route53.put(zid, ZONE, "MX", ["10 mail.example.test."])
    route53.put(zid, "www.example.test", "CNAME", ["web.example.net."])
    route53.put(zid, "\\052.wild.example.test", "A", ["192.0.2.7"])
    return zid


def quick_provider(
    *, retries: bool = True, short_method: str | None = None, short_at: int | None = None
) -> Route53Provider:
    """The plugin as in real use (credentials and endpoint from the environment), asking moto
    for the change's status every 10 ms; without `retries`, a failed request fails at once.
    With `short_method` or `short_at`, only that call (by boto3 method or by number) gets a
    short read timeout (tests/short_timeouts.py)."""
    if short_method is None and short_at is None:
        p = Route53Provider({})
    else:
        p = Route53CutShort({}, method=short_method, at=short_at)
    p.poll_interval = 0.01
    if not retries:
        p.max_attempts = 1
    return p


@pytest.fixture
def provider(zone_id: str) -> Route53Provider:
    return quick_provider(retries=False)


def values(route53: MotoRoute53, zone_id: str, name: str, rtype: str) -> list[str]:
    for rrset in route53.rrsets(zone_id):
        if decode_name(rrset["Name"]) == name and rrset["Type"] == rtype:
            return sorted(
                decode_txt(r["Value"]) if rtype == "TXT" else r["Value"]
                for r in rrset["ResourceRecords"]
            )
    return []


def test_txt_encoding_round_trips() -> None:
    long = "k=rsa; p=" + "A" * 600
    encoded = encode_txt(long)
    assert encoded.count('" "') == 2  # three strings of at most 255 bytes
    assert all(len(part) <= 255 for part in encoded.strip('"').split('" "'))
    assert decode_txt(encoded) == long
    tricky = 'say "hi" \\ and caf\u00e9'
    assert decode_txt(encode_txt(tricky)) == tricky
    assert decode_name("\\052.example.test.") == "*.example.test"
    assert decode_name("a\\100b.example.test.") == "a@b.example.test"


def test_list_records_decodes(provider: Route53Provider) -> None:
    existing = provider.list_records(ZONE, [ZONE, "*.wild.example.test", "www.example.test"])
    got = {(r.type, r.name, r.value, r.priority) for r in existing.records}
    assert ("TXT", ZONE, SPF, None) in got
    assert ("TXT", ZONE, GOOGLE, None) in got
    assert ("MX", ZONE, "mail.example.test", 10) in got
    assert ("CNAME", "www.example.test", "web.example.net", None) in got
    assert ("A", "*.wild.example.test", "192.0.2.7", None) in got


def test_private_zone_is_ignored_and_missing_zone_raises(
    route53: MotoRoute53,
) -> None:
    route53.create_zone("private.test", private=True)
    provider = Route53Provider({})
    with pytest.raises(errors.ZoneNotFound, match="public"):
        provider.zone_id("private.test")
    with pytest.raises(errors.ZoneNotFound):
        provider.list_records("nowhere.test", ["nowhere.test"])


def test_endpoint_setting_overrides_environment(
    route53: MotoRoute53,
    zone_id: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL_ROUTE_53", "http://127.0.0.1:9")
    provider = Route53Provider({"endpoint_url": route53.url})
    provider.check_credentials(ZONE)
    assert route53.proxy.requests


def test_create_beside_existing_txt_keeps_them(
    provider: Route53Provider,
    route53: MotoRoute53,
    zone_id: str,
) -> None:
    lines: list[str] = []
    route53.proxy.pending_polls = 2
    provider.apply(ZONE, [create(Record("TXT", ZONE, "pendo=1"))], progress=lines.append)
    assert values(route53, zone_id, ZONE, "TXT") == sorted([SPF, GOOGLE, "pendo=1"])
    assert route53.proxy.write_requests == 1
    polls = [p for m, p in route53.proxy.requests if "/change/" in p]
    assert len(polls) == 3  # PENDING, PENDING, INSYNC
    assert sum("Waiting for Route 53 to sync (PENDING" in line for line in lines) == 3
    assert lines[-2].startswith("Route 53 has the change in sync")
    assert lines[-1] == "Reading the written names back from Amazon Route 53…"


def test_sync_wait_is_bounded(
    provider: Route53Provider, route53: MotoRoute53, zone_id: str
) -> None:
    lines: list[str] = []
    route53.proxy.pending_polls = 1000
    provider.sync_timeout = 0.2
    provider.apply(ZONE, [create(Record("TXT", ZONE, "pendo=1"))], progress=lines.append)
    assert "has not finished syncing" in lines[-2]
    assert "pendo=1" in values(route53, zone_id, ZONE, "TXT")


def test_all_changes_in_one_batch_and_reapply_writes_nothing(
    provider: Route53Provider,
    route53: MotoRoute53,
    zone_id: str,
) -> None:
    records = [
        Record("TXT", f"s{i}._domainkey.example.test", "k=rsa; p=" + "B" * 400) for i in range(10)
    ]
    records.append(Record("CNAME", "data.example.test", "cname.pendo-dev.io", ttl=600))
    records.append(Record("MX", "bounce.example.test", "feedback.example.net", priority=5))
    provider.apply(ZONE, [create(r) for r in records])
    assert route53.proxy.write_requests == 1
    listed = provider.list_records(ZONE, [r.name for r in records]).records
    for record in records:
        assert any(record.same_data(x) for x in listed), record
    provider.apply(ZONE, [create(r) for r in records])
    assert route53.proxy.write_requests == 1


def test_delete_one_value_upserts_the_rest(
    provider: Route53Provider,
    route53: MotoRoute53,
    zone_id: str,
) -> None:
    provider.apply(ZONE, [delete(Record("TXT", ZONE, GOOGLE))])
    assert values(route53, zone_id, ZONE, "TXT") == [SPF]


def test_delete_last_value_deletes_the_set(
    provider: Route53Provider,
    route53: MotoRoute53,
    zone_id: str,
) -> None:
    provider.apply(ZONE, [delete(Record("CNAME", "www.example.test", "web.example.net"))])
    assert values(route53, zone_id, "www.example.test", "CNAME") == []


def test_update_cname_and_one_txt_value(
    provider: Route53Provider,
    route53: MotoRoute53,
    zone_id: str,
) -> None:
    provider.apply(
        ZONE,
        [
            update(
                Record("CNAME", "www.example.test", "web.example.net"),
                Record("CNAME", "www.example.test", "other.example.net"),
            ),
            update(Record("TXT", ZONE, GOOGLE), Record("TXT", ZONE, "google-site-verification=n")),
        ],
    )
    assert values(route53, zone_id, "www.example.test", "CNAME") == ["other.example.net."]
    assert values(route53, zone_id, ZONE, "TXT") == sorted([SPF, "google-site-verification=n"])
    assert route53.proxy.write_requests == 1


def test_apply_then_inverse_restores_zone(
    provider: Route53Provider,
    route53: MotoRoute53,
    zone_id: str,
) -> None:
    def snapshot() -> list[str]:
        return sorted(repr(sorted(s.items())) for s in route53.rrsets(zone_id))

    before = snapshot()
    changes = [
        create(Record("TXT", ZONE, "pendo=1")),
        create(Record("CNAME", "data.example.test", "cname.pendo-dev.io")),
        delete(Record("TXT", ZONE, GOOGLE)),
        update(
            Record("CNAME", "www.example.test", "web.example.net"),
            Record("CNAME", "www.example.test", "x.example.net"),
        ),
    ]
    provider.apply(ZONE, changes)
    assert snapshot() != before
    provider.apply(ZONE, [c.inverse() for c in reversed(changes)])
    after = sorted(
        (
            decode_name(s["Name"]),
            s["Type"],
            sorted(
                decode_txt(r["Value"]) if s["Type"] == "TXT" else r["Value"]
                for r in s["ResourceRecords"]
            ),
        )
        for s in route53.rrsets(zone_id)
    )
    assert ("example.test", "TXT", sorted([GOOGLE, SPF])) in after
    assert ("www.example.test", "CNAME", ["web.example.net."]) in after
    assert not any(name == "data.example.test" for name, _, _ in after)


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("InvalidClientTokenId", errors.AuthError),
        ("SignatureDoesNotMatch", errors.AuthError),
        ("AccessDenied", errors.PermissionDenied),
        ("Throttling", errors.RateLimited),
        ("InvalidChangeBatch", errors.ProviderError),
        ("InternalFailure", errors.ProviderError),
    ],
)
def test_error_mapping_on_the_write(
    provider: Route53Provider,
    route53: MotoRoute53,
    zone_id: str,
    code: str,
    error: type[errors.ProviderError],
) -> None:
    route53.proxy.inject(code, times=10)
    with pytest.raises(error) as info:
        provider.apply(ZONE, [create(Record("TXT", ZONE, "pendo=1"))])
    assert "Traceback" not in str(info.value) and str(info.value)
    if code == "InvalidChangeBatch":
        assert "conflicting RRSet" in str(info.value)
    assert values(route53, zone_id, ZONE, "TXT") == sorted([SPF, GOOGLE])


def test_auth_failure_on_the_first_read(
    provider: Route53Provider,
    route53: MotoRoute53,
) -> None:
    route53.proxy.inject("InvalidClientTokenId", write_only=False)
    with pytest.raises(errors.AuthError):
        provider.check_credentials(ZONE)
    assert route53.proxy.write_requests == 0


def test_a_stalled_endpoint_times_out(route53: MotoRoute53, zone_id: str) -> None:
    provider = quick_provider(retries=False, short_method=WRITE_METHOD)
    route53.proxy.inject("InternalFailure", stall=30)
    with pytest.raises(errors.ProviderError, match="did not answer") as info:
        provider.apply(ZONE, [create(Record("TXT", ZONE, "pendo=1"))])
    assert "may or may not" in str(info.value)


def test_no_secret_in_messages_or_logs(
    route53: MotoRoute53,
    zone_id: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="providers")
    secret = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY"
    provider = Route53Provider({"access_key_id": "AKIAEXAMPLE123", "secret_access_key": secret})
    provider.max_attempts = 1
    for code in ("SignatureDoesNotMatch", "InvalidChangeBatch"):
        route53.proxy.inject(code, message=f"bad AKIAEXAMPLE123 {secret}")
        with pytest.raises(errors.ProviderError) as info:
            provider.apply(ZONE, [create(Record("TXT", ZONE, "pendo=1"))])
        assert secret not in str(info.value) and "AKIAEXAMPLE123" not in str(info.value)
    assert secret not in caplog.text


def test_key_id_without_secret_is_refused() -> None:
    with pytest.raises(errors.AuthError, match="both"):
        Route53Provider({"access_key_id": "AKIAEXAMPLE123"}).client()


def test_unknown_profile(route53: MotoRoute53) -> None:
    with pytest.raises(errors.AuthError, match="no AWS profile"):
        Route53Provider({"profile": "does-not-exist"}).client()


_counter = itertools.count()


def seeded_zone(route53: MotoRoute53, zone: str, records: Sequence[Record]) -> str:
    """A new hosted zone holding `records`, one record set per name and type."""
    zid = route53.create_zone(zone)
    sets: dict[tuple[str, str], list[Record]] = {}
    for r in records:
        sets.setdefault((r.name, r.type), []).append(r)
    for (name, rtype), recs in sets.items():
        route53.put(zid, name + ".", rtype, [record_value(r) for r in recs], ttl=recs[0].ttl or 300)
    return zid


ZoneProperty = Callable[[MotoRoute53, st.DataObject], None]


def zone_property(max_examples: int) -> Callable[[ZoneProperty], ZoneProperty]:
    """A Hypothesis property on moto's server, drawing its cases from `data`: no deadline, and
    one moto for all the examples (each draws a zone of its own, see `drawn_zone`)."""
    checked = settings(
        max_examples=examples(max_examples),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    return lambda test: checked(given(data=st.data())(test))


def drawn_zone(route53: MotoRoute53, data: st.DataObject, prefix: str) -> tuple[str, Case, str]:
    """A fresh zone, a case drawn for it, and the hosted zone seeded with its existing records."""
    zone = f"{prefix}{next(_counter)}.test"
    case: Case = data.draw(cases(zone))
    return zone, case, seeded_zone(route53, zone, case.existing)


@zone_property(12)
def test_property_apply_then_inverse_restores_the_zone(
    route53: MotoRoute53, data: st.DataObject
) -> None:
    zone, case, zid = drawn_zone(route53, data, "z")

    def snapshot() -> list[tuple[str, str, int, list[str]]]:
        return sorted(
            (s["Name"], s["Type"], s["TTL"], sorted(r["Value"] for r in s["ResourceRecords"]))
            for s in route53.rrsets(zid)
        )

    provider = quick_provider()
    before = snapshot()
    provider.apply(zone, case.changes)
    listed = provider.list_records(zone, {fqdn(label, zone) for label in LABELS}).records
    got = {(r.type, r.name, r.value, r.priority) for r in listed if r.type != "NS"}
    assert got == expected_after(case)
    provider.apply(zone, [c.inverse() for c in reversed(case.changes)])
    assert snapshot() == before
    provider.close()


@pytest.mark.parametrize("code", ["Throttling", "AccessDenied", "InternalFailure"])
def test_fault_at_each_request_is_clear_and_a_rerun_finishes(
    route53: MotoRoute53, zone_id: str, code: str
) -> None:
    changes = [
        create(Record("TXT", ZONE, "pendo=1")),
        delete(Record("TXT", ZONE, GOOGLE)),
        update(
            Record("CNAME", "www.example.test", "web.example.net"),
            Record("CNAME", "www.example.test", "x.example.net"),
        ),
    ]
    for n in range(4):  # zone lookup, record sets, the change, one get_change
        provider = quick_provider(retries=False)
        route53.proxy.pending_polls = 1
        route53.proxy.faults.clear()
        route53.proxy.inject(code, write_only=False, skip=n)
        try:
            provider.apply(ZONE, changes)
        except errors.ProviderError as exc:
            assert str(exc) and "Traceback" not in str(exc)
        route53.proxy.faults.clear()
        route53.proxy.pending_polls = 0
        provider.apply(ZONE, changes)
        assert values(route53, zone_id, ZONE, "TXT") == sorted([SPF, "pendo=1"])
        assert values(route53, zone_id, "www.example.test", "CNAME") == ["x.example.net."]


# -- through the real plan, journal, apply and revert (tests/roundtrip.py) ------------------------
PASTED = [
    Record("CNAME", "data.example.test", "cname.pendo-dev.io", ttl=300),
    Record("TXT", ZONE, "pendo-domain-verification=4f2a", ttl=300),
    Record("TXT", "s1._domainkey.example.test", "k=rsa; p=MIGfMA0GCS" + "q" * 280, ttl=300),
    Record("CNAME", "www.example.test", "web.vendor.example", ttl=300),  # an update
]


def zone_state(route53: MotoRoute53, zone_id: str) -> set[tuple[object, ...]]:
    return {
        (
            s["Name"],
            s["Type"],
            s.get("TTL"),
            tuple(sorted(r["Value"] for r in s["ResourceRecords"])),
        )
        for s in route53.rrsets(zone_id)
    }


def test_apply_then_revert_through_the_journal(
    provider: Route53Provider, route53: MotoRoute53, zone_id: str
) -> None:
    from tests.roundtrip import check_apply_then_revert

    def applied(plan: object) -> None:
        assert values(route53, zone_id, ZONE, "TXT") == sorted(
            [SPF, GOOGLE, "pendo-domain-verification=4f2a"]
        )
        assert values(route53, zone_id, "www.example.test", "CNAME") == ["web.vendor.example."]

    writes = route53.proxy.write_requests
    check_apply_then_revert(
        provider, ZONE, PASTED, lambda: zone_state(route53, zone_id), check_applied=applied
    )
    assert route53.proxy.write_requests - writes == 2  # one batch to apply, one to revert


@pytest.mark.parametrize(
    "fault", ["Throttling", "AccessDenied", "InternalFailure", "InvalidChangeBatch", "timeout"]
)
def test_fault_at_each_request_then_revert(route53: MotoRoute53, zone_id: str, fault: str) -> None:
    """Whatever request fails, the user gets a sentence and revert restores the zone."""
    from tests.roundtrip import apply_records, revert_latest
    from wizard.journal import Journal
    from wizard.rollback import latest_revertible

    start = zone_state(route53, zone_id)
    for n in range(6):
        provider = quick_provider(retries=False, short_at=n if fault == "timeout" else None)
        route53.proxy.pending_polls = 1
        if fault == "timeout":
            route53.proxy.inject("InternalFailure", write_only=False, skip=n, stall=5)
        else:
            route53.proxy.inject(fault, write_only=False, skip=n)
        journal = Journal()
        try:
            apply_records(provider, ZONE, PASTED, journal)
        except errors.ProviderError as exc:
            assert str(exc).endswith(".") and "Traceback" not in str(exc)
        route53.proxy.faults.clear()
        route53.proxy.pending_polls = 0
        if latest_revertible(journal) is not None:
            # A later run, as a person would start it: the normal timeouts, not the 0.3 s
            # one that made the fault (a first list call on a busy machine can take longer).
            reverter = quick_provider()
            revert_latest(reverter, journal)
        assert zone_state(route53, zone_id) == start, (fault, n)


@zone_property(10)
def test_property_paste_apply_revert_through_the_journal(
    route53: MotoRoute53, data: st.DataObject
) -> None:
    from hypothesis import assume

    from tests.roundtrip import check_apply_then_revert
    from wizard.plan import build_plan

    zone, case, zid = drawn_zone(route53, data, "j")
    pasted = [c.new for c in case.changes if c.new is not None]
    assume(pasted)
    provider = quick_provider()
    assume(not build_plan(provider, zone, pasted).has_conflicts)
    check_apply_then_revert(provider, zone, pasted, lambda: zone_state(route53, zid))
    provider.close()


def test_write_made_but_answer_lost_is_still_reverted(route53: MotoRoute53, zone_id: str) -> None:
    """The ChangeBatch lands but its answer never comes: a sentence, and revert undoes it."""
    from tests.roundtrip import apply_records, revert_latest
    from wizard.journal import Journal

    start = zone_state(route53, zone_id)
    provider = quick_provider(retries=False, short_method=WRITE_METHOD)
    route53.proxy.inject("InternalFailure", stall=5, after=True)
    journal = Journal()
    with pytest.raises(errors.ProviderError, match="may or may not"):
        apply_records(provider, ZONE, PASTED, journal)
    assert "pendo-domain-verification=4f2a" in values(route53, zone_id, ZONE, "TXT")
    revert_latest(provider, journal)
    assert zone_state(route53, zone_id) == start
