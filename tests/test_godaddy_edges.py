"""GoDaddy at its real API's edges: what `offset` means, the two 409s, ACCESS_DENIED."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from providers.godaddy import GoDaddyProvider
from tests.fakes.godaddy_api import GoDaddyAPI, sample_records
from wizard.model import errors
from wizard.model.changes import create
from wizard.model.records import Record

ZONE = "example.test"


def make(api: GoDaddyAPI) -> GoDaddyProvider:
    provider = GoDaddyProvider({"api_key": api.key, "api_secret": api.secret, "api_url": api.url})
    provider.conflict_backoff = 0.01
    provider.timeout = 5.0
    return provider


def seed(count: int) -> list[dict[str, object]]:
    return [{"type": "A", "name": f"h{i}", "data": "192.0.2.9", "ttl": 600} for i in range(count)]


@pytest.mark.parametrize("meaning", ["page", "skip"])
@pytest.mark.parametrize("count", [1, 499, 500, 501, 1000, 1001, 1502])
def test_either_meaning_of_offset_reads_every_record_exactly_once(meaning: str, count: int) -> None:
    with GoDaddyAPI({ZONE: seed(count)}, offset_meaning=meaning) as server:
        provider = make(server)
        read = provider._read_zone(ZONE)
        names = Counter(str(item["name"]) for item in read)
        assert set(names) == {f"h{i}" for i in range(count)}
        assert set(names.values()) == {1}
        wanted = [f"h{count - 1}.{ZONE}", f"h0.{ZONE}"]
        assert {r.name for r in provider.list_records(ZONE, wanted).records} == set(wanted)


@pytest.mark.parametrize("meaning", ["page", "skip"])
def test_a_record_past_the_first_page_is_planned_as_there(meaning: str) -> None:
    """Whatever `offset` means, the plan sees records on later pages: the same one is already
    there, and a CNAME at another's name is a conflict, not a write."""
    from wizard.plan import build_plan

    with GoDaddyAPI({ZONE: seed(1000)}, offset_meaning=meaning) as server:
        provider = make(server)
        same = build_plan(provider, ZONE, [Record("A", f"h700.{ZONE}", "192.0.2.9", 600)])
        assert same.changes == () and [i.kind for i in same.items] == ["present"]
        other = build_plan(provider, ZONE, [Record("CNAME", f"h999.{ZONE}", "x.example.net")])
        assert [i.kind for i in other.items] == ["conflict"] and other.changes == ()


def test_a_lasting_409_is_not_retried_and_says_so() -> None:
    with GoDaddyAPI({ZONE: sample_records()}, ineligible={ZONE}) as server:
        before = server.write_requests
        with pytest.raises(errors.ProviderError, match="not eligible") as info:
            make(server).apply(ZONE, [create(Record("TXT", ZONE, "never"))])
        assert server.write_requests - before == 1
        assert "not retried" in str(info.value)


def test_a_transient_409_is_retried_and_named_the_lock() -> None:
    with GoDaddyAPI({ZONE: sample_records()}) as server:
        provider = make(server)
        provider.conflict_retries = 1
        server.inject(409, method="PATCH", times=5)
        with pytest.raises(errors.ProviderError, match="short lock after an edit"):
            provider.apply(ZONE, [create(Record("TXT", ZONE, "later"))])
        assert server.write_requests == 2


def test_access_denied_is_typed_with_the_panel_link() -> None:
    with GoDaddyAPI({ZONE: sample_records()}, denied={ZONE}) as server:
        with pytest.raises(errors.ApiNotAvailable) as info:
            make(server).check_credentials(ZONE)
    assert info.value.panel_url is not None and ZONE in info.value.panel_url


def test_cli_explains_access_denied_and_exits_3(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
) -> None:
    from wizard.cli import main
    from wizard.commands import EXIT_FAILED

    paste = tmp_path / "records.txt"
    paste.write_text(f"links.{ZONE} CNAME e.customeriomail.com\n")
    with GoDaddyAPI({ZONE: sample_records()}, denied={ZONE}) as server:
        monkeypatch.setenv("GODADDY_API_KEY", server.key)
        monkeypatch.setenv("GODADDY_API_SECRET", server.secret)
        monkeypatch.setenv("TRACKING_WIZARD_GODADDY_API_URL", server.url)
        argv = ["apply", str(paste), "--domain", ZONE, "--zone", ZONE, "--provider", "godaddy"]
        assert main([*argv, "--yes"]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert "10 or more domains" in err and "Discount Domain Club" in err
    assert "manual" in err and server.secret not in err
