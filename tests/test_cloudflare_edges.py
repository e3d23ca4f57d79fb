"""Cloudflare at the real API's edges: TTL range, batch size, token errors, duplicates, TXT."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from providers.cloudflare import CloudflareProvider
from tests.fakes.cloudflare_api import CloudflareAPI
from tests.roundtrip import apply_records, revert_latest
from wizard.journal import Journal
from wizard.model import errors
from wizard.model.changes import create
from wizard.model.records import Record
from wizard.plan import build_plan

ZONE = "example.test"


@pytest.fixture
def api() -> Iterator[CloudflareAPI]:
    with CloudflareAPI({ZONE: []}) as server:
        yield server


def make(api: CloudflareAPI, token: str | None = None) -> CloudflareProvider:
    provider = CloudflareProvider({"api_token": token or api.token, "base_url": api.url})
    provider.timeout = 10.0
    return provider


def batches_sent(api: CloudflareAPI) -> int:
    return sum(1 for method, path in api.requests if path.endswith("/batch"))


def stored(api: CloudflareAPI) -> set[tuple[str, str, str, int]]:
    return {(r["type"], r["name"], r["content"], r["ttl"]) for r in api.zone_records(ZONE)}


# -- TTL ------------------------------------------------------------------------------------
def test_the_fake_refuses_a_ttl_outside_the_range_as_cloudflare_does(api: CloudflareAPI) -> None:
    import cloudflare

    client = cloudflare.Cloudflare(api_token=api.token, base_url=api.url, max_retries=0)
    zone_id = api.zone_ids[ZONE]
    with pytest.raises(cloudflare.BadRequestError, match="9021"):
        client.dns.records.batch(
            zone_id=zone_id, posts=[{"type": "TXT", "name": ZONE, "content": '"x"', "ttl": 172800}]
        )
    client.close()
    assert stored(api) == set()


@pytest.mark.parametrize("ttl", [10, 59, 172800])
def test_the_plugin_itself_never_sends_a_ttl_outside_the_range(
    api: CloudflareAPI, ttl: int
) -> None:
    with pytest.raises(errors.ProviderError, match="takes a TTL of 60 to 86400 seconds") as info:
        make(api).apply(ZONE, [create(Record("TXT", ZONE, "x", ttl))])
    assert "(or 1, its automatic)" in str(info.value) and "Nothing was written" in str(info.value)
    assert api.write_requests == 0 and stored(api) == set()


def test_a_pasted_ttl_of_1_stays_automatic(api: CloudflareAPI) -> None:
    records = [Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 1)]
    plan = build_plan(make(api), ZONE, records)
    assert plan.findings == ()
    assert plan.changes[0].new is not None and plan.changes[0].new.ttl == 1
    apply_records(make(api), ZONE, records, Journal())
    assert stored(api) == {("CNAME", f"links.{ZONE}", "e.customeriomail.com", 1)}


@pytest.mark.parametrize(("pasted", "used"), [(10, 60), (30, 60), (172800, 86400)])
def test_a_ttl_outside_the_range_is_a_plan_finding_and_the_bound_is_written(
    api: CloudflareAPI, pasted: int, used: int
) -> None:
    records = [Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", pasted)]
    plan = build_plan(make(api), ZONE, records)
    (finding,) = [f for f in plan.findings if f.code == "ttl-out-of-range"]
    assert f"TTL {pasted} " in finding.message and f"{used} will be used" in finding.message
    assert plan.changes[0].new is not None and plan.changes[0].new.ttl == used
    apply_records(make(api), ZONE, records, Journal())
    assert stored(api) == {("CNAME", f"links.{ZONE}", "e.customeriomail.com", used)}


def test_a_ttl_inside_the_range_has_no_finding(api: CloudflareAPI) -> None:
    plan = build_plan(make(api), ZONE, [Record("TXT", ZONE, "x", 60), Record("TXT", ZONE, "y")])
    assert plan.findings == ()


def test_an_enterprise_zone_takes_30_but_the_wizard_writes_60(api: CloudflareAPI) -> None:
    api.min_ttl = 30  # the fake answers as an Enterprise zone; the plugin keeps to every plan's
    with pytest.raises(errors.ProviderError, match="takes a TTL of 60"):
        make(api).apply(ZONE, [create(Record("TXT", ZONE, "x", 30))])
    make(api).apply(ZONE, [create(Record("TXT", ZONE, "x", 60))])
    assert {r["ttl"] for r in api.zone_records(ZONE)} == {60}


# -- batch size -----------------------------------------------------------------------------
def many(count: int) -> list[Record]:
    return [Record("TXT", f"bulk.{ZONE}", f"value-{i}") for i in range(count)]


def test_a_batch_the_zone_refuses_for_its_size_is_said_and_nothing_is_written(
    api: CloudflareAPI,
) -> None:
    """A zone that takes fewer records per batch than the provider sends (its plan changed):
    Cloudflare's words reach the person, the journal says nothing landed."""
    from wizard.apply import apply_plan

    provider = make(api)
    plan = build_plan(provider, ZONE, many(201))
    api.max_batch = 150
    journal = Journal()
    with pytest.raises(errors.ProviderError) as refused:
        apply_plan(provider, plan, journal, digest=plan.digest, confirm_updates=False)
    assert "at most 150 records" in str(refused.value) and "1004" in str(refused.value)
    assert stored(api) == set()
    (applied,) = journal.applies()
    assert not any(batch.done for batch in applied.batches)


def test_a_large_apply_is_chunked_and_each_chunk_journalled(api: CloudflareAPI) -> None:
    journal = Journal()
    apply_records(make(api), ZONE, many(450), journal)
    assert batches_sent(api) == 3
    (applied,) = journal.applies()
    assert [(b.number, len(b.changes), b.done) for b in applied.batches] == [
        (1, 200, True),
        (2, 200, True),
        (3, 50, True),
    ]
    assert len(api.zone_records(ZONE)) == 450
    revert_latest(make(api), journal)
    assert stored(api) == set()


def test_a_later_chunk_failing_reverts_what_landed(api: CloudflareAPI) -> None:
    journal = Journal()
    api.inject(500, code=10001, message="Internal error", path_contains="batch", skip=1)
    with pytest.raises(errors.ProviderError, match="were reverted") as info:
        apply_records(make(api), ZONE, many(250), journal)
    assert "Internal error" in str(info.value)
    assert stored(api) == set()
    forward, undo = journal.applies()
    assert [(b.number, b.done, b.error is not None) for b in forward.batches] == [
        (1, True, False),
        (2, False, True),
    ]
    assert forward.status == "reverted" and undo.setup.reverts == forward.apply_id
    assert build_plan(make(api), ZONE, many(250)).count("create") == 250


def test_a_single_chunk_failure_has_nothing_to_revert(api: CloudflareAPI) -> None:
    journal = Journal()
    api.inject(500, code=10001, message="Internal error", path_contains="batch")
    with pytest.raises(errors.ProviderError) as info:
        apply_records(make(api), ZONE, many(3), journal)
    assert "reverted" not in str(info.value)
    assert len(journal.applies()) == 1


# -- tokens ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("token", "code"), [("WellFormedButUnknown0123456789", 9109), ("not a token!", 6003)]
)
def test_a_bad_or_malformed_token_is_the_authentication_error(
    api: CloudflareAPI, token: str, code: int
) -> None:
    import httpx

    answer = httpx.get(f"{api.url}/zones", headers={"Authorization": f"Bearer {token}"})
    assert answer.json()["errors"][0]["code"] == code
    with pytest.raises(errors.AuthError, match="Create Token") as info:
        make(api, token=token).check_credentials(ZONE)
    assert token not in str(info.value)


# -- duplicates and TXT ---------------------------------------------------------------------
def test_an_identical_record_is_code_81058_and_a_conflict(api: CloudflareAPI) -> None:
    provider = make(api)
    provider.apply(ZONE, [create(Record("TXT", ZONE, "pendo-verification=1", 300))])
    with pytest.raises(errors.Conflict, match="81058"):
        provider.apply(ZONE, [create(Record("TXT", ZONE, "pendo-verification=1", 300))])


def test_txt_is_written_quoted_and_read_in_either_form(api: CloudflareAPI) -> None:
    long = "k=rsa; p=" + "A" * 300 + ' "quoted"'
    make(api).apply(ZONE, [create(Record("TXT", f"k._domainkey.{ZONE}", long))])
    (content,) = [r["content"] for r in api.zone_records(ZONE)]
    assert content.startswith('"') and '" "' in content  # two character-strings
    api.batch(
        api.zone_ids[ZONE],
        {"posts": [{"type": "TXT", "name": f"k._domainkey.{ZONE}", "content": "plain text"}]},
    )
    values = {r.value for r in make(api).list_records(ZONE, [f"k._domainkey.{ZONE}"]).records}
    assert values == {long, "plain text"}
