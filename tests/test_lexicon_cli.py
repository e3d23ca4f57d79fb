"""`tracking-wizard plan`, `apply`, `journal` and `revert` through a host written by dns-lexicon,
as a person runs them: the token (and here the fake's API address) from the environment."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes.lexicon.digitalocean import DigitalOceanAPI
from tests.keys import DKIM_2048
from wizard.cli import main
from wizard.commands import EXIT_OK, EXIT_PROBLEM

ZONE = "example.test"
PASTE = (
    "Type\tHost\tValue\tTTL\n"
    f"CNAME\tlinks.{ZONE}\te.customeriomail.com\t3600\n"
    f"TXT\ts1._domainkey.{ZONE}\t{DKIM_2048}\t3600\n"
    f"MX\tbounce.{ZONE}\t10 feedback-smtp.us-east-1.amazonses.com\t3600\n"
)


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> Iterator[DigitalOceanAPI]:
    with DigitalOceanAPI() as fake:
        fake.add_domain(ZONE)
        monkeypatch.setenv("TRACKING_WIZARD_DIGITALOCEAN_TOKEN", fake.token)
        monkeypatch.setenv("TRACKING_WIZARD_DIGITALOCEAN_API_ADDRESS", fake.url)
        yield fake


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_plan_apply_journal_revert_through_digitalocean(
    api: DigitalOceanAPI, tmp_path: Path, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    paste = tmp_path / "records.txt"
    paste.write_text(PASTE)
    base = ["--zone", ZONE, "--provider", "digitalocean"]
    start = {(r["type"], r["name"], r["data"]) for r in api.records(ZONE)}

    code, out, _ = run(capsys, "plan", str(paste), *base, "--json")
    assert code == EXIT_PROBLEM  # a conflict in the plan: the MX
    kinds = {i["record"]["type"]: (i["kind"], i["host_cannot"]) for i in json.loads(out)["items"]}
    assert kinds == {
        "CNAME": ("create", False),
        "TXT": ("create", False),
        "MX": ("conflict", True),  # DigitalOcean cannot write it; it can go in by hand
    }

    code, out, err = run(capsys, "apply", str(paste), *base, "--yes")
    assert "sends no priority" in out and "Nothing was written" in err
    # The MX can still be added by hand through the wizard: said under it, and only under it.
    hint = "By hand: `tracking-wizard apply FILE --provider manual` with just this record"
    assert out.count(hint) == 1 and out.index(hint) > out.index("MX not written")
    assert [s.method for s in api.requests_seen if s.method != "GET"] == []

    paste.write_text(PASTE.rsplit("MX", 1)[0])  # the MX goes in DigitalOcean's own page
    code, out, err = run(capsys, "apply", str(paste), *base, "--yes")
    assert code == EXIT_OK, (out, err)
    assert "Confirmed at DigitalOcean: 2 of 2 changes exactly as given" in out
    held = {(r["type"], r["name"], r["data"]) for r in api.records(ZONE)}
    assert ("TXT", "s1._domainkey", DKIM_2048) in held  # the whole key, as given
    assert ("CNAME", "links", "e.customeriomail.com") in held

    code, out, _ = run(capsys, "journal", "--json")
    assert code == EXIT_OK and api.token not in (data_dir / "journal.jsonl").read_text()

    code, out, err = run(capsys, "revert", "--zone", ZONE, "--yes")
    assert code == EXIT_OK, (out, err)
    assert "Confirmed at DigitalOcean: 2 of 2 changes exactly as given" in out
    assert {(r["type"], r["name"], r["data"]) for r in api.records(ZONE)} == start
