"""The hand-kept table of hosts written through dns-lexicon: each row complete, registered,
detected from its own name servers, and its limits said in the plan before anything is sent."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from providers import hosts
from providers.lexicon import plugins
from providers.lexicon.plugin import LexiconProvider
from providers.lexicon.table import LEXICON_HOSTS, LexiconHost
from providers.registry import load, provider_ids
from tests.fakes.lexicon.digitalocean import DigitalOceanAPI
from wizard.model.records import RECORD_TYPES, Record
from wizard.plan import build_plan

ROWS = {row.id: row for row in LEXICON_HOSTS}
ZONE = "example.test"


def example_ns(pattern: str) -> str:
    """A name server name the pattern matches: `*` and `[1-5]`-style classes filled in."""
    return re.sub(r"\[(.)[^\]]*\]", r"\1", pattern).replace("*", "ns1")


@pytest.mark.parametrize("row", LEXICON_HOSTS, ids=lambda r: r.id)
def test_each_row_is_complete(row: LexiconHost) -> None:
    assert row.docs.startswith("https://") and row.limits.strip()
    assert row.record_types <= set(RECORD_TYPES) and {"CNAME", "TXT"} <= row.record_types
    low, high = row.ttl_range
    assert 0 < low <= row.default_ttl <= high
    assert set(row.settings) == {o.name for o in row.options}
    assert all(o.where.strip() for o in row.options), row.id  # where a person gets each
    assert any(o.secret for o in row.options), row.id
    assert row.endpoint.split(":")[0] in ("attr", "option")


@pytest.mark.parametrize("row", LEXICON_HOSTS, ids=lambda r: r.id)
def test_each_row_is_a_registered_plugin_of_its_own(row: LexiconHost) -> None:
    assert row.id in provider_ids()
    cls = load(row.id)
    assert issubclass(cls, LexiconProvider) and cls.host is row
    assert cls.capabilities.record_types == row.record_types
    assert [o.name for o in cls.options][-1] == "api_address"  # the advanced one, last


def test_every_plugin_class_has_a_row_and_every_row_a_class() -> None:
    classes = [
        c for c in vars(plugins).values() if isinstance(c, type) and issubclass(c, LexiconProvider)
    ]
    assert sorted(c.host.id for c in classes if c is not LexiconProvider) == sorted(ROWS)


@pytest.mark.parametrize("row", LEXICON_HOSTS, ids=lambda r: r.id)
def test_the_zone_step_names_each_host_from_its_name_servers(row: LexiconHost) -> None:
    for pattern in row.ns_patterns:
        found = hosts.host_for_ns([example_ns(pattern)])
        assert found is not None and found.id == row.id, pattern
        assert found.provider == row.id and found.name == row.name


def test_no_two_hosts_claim_the_same_name_server() -> None:
    for host in hosts.HOSTS:
        for pattern in host.ns_patterns:
            name = example_ns(pattern)
            claimed = [other.id for other in hosts.HOSTS if other.matches(name)]
            assert claimed == [host.id], (name, claimed)


@pytest.fixture
def digitalocean() -> Iterator[DigitalOceanAPI]:
    with DigitalOceanAPI() as api:
        api.add_domain(ZONE)
        yield api


def test_a_txt_value_a_backend_cannot_quote_exactly_is_refused_before_sending(
    digitalocean: DigitalOceanAPI,
) -> None:
    provider = plugins.DigitalOceanProvider(
        {"token": digitalocean.token, "api_address": digitalocean.url}
    )
    quoted = Record("TXT", f"q.{ZONE}", 'say "hello"', 3600)
    slashed = Record("TXT", f"s.{ZONE}", "a\\b", 3600)
    plan = build_plan(provider, ZONE, [quoted, slashed, Record("TXT", f"ok.{ZONE}", "fine", 3600)])
    reasons = [i.reason or "" for i in plan.conflicts]
    assert len(reasons) == 2 and len(plan.changes) == 1
    assert "cannot be sent a TXT value holding '\"' exactly" in reasons[0]
    assert "holding '\\\\' exactly" in reasons[1]
    assert not [s for s in digitalocean.requests_seen if s.method != "GET"]


#: A round trip through DigitalOcean's backend in a fresh process, with lexicon's own sources of
#: settings set against us: a `LEXICON_*` variable and a `lexicon.yml` in the working directory
#: (each naming a wrong token and a TTL of 86400), and every connection off loopback refused.
ISOLATED = """
import socket, sys
import tldextract
elsewhere = []
real_connect = socket.socket.connect
def loopback_only(self, address):
    if isinstance(address, tuple) and address[0] not in ("127.0.0.1", "::1", "localhost"):
        elsewhere.append(address[0])
        raise OSError(f"the test refused a connection to {address[0]}")
    return real_connect(self, address)
socket.socket.connect = loopback_only
guesses = []
real_init = tldextract.TLDExtract.__init__
def noting_init(self, *args, **kwargs):
    guesses.append("TLDExtract")
    real_init(self, *args, **kwargs)
tldextract.TLDExtract.__init__ = noting_init
from providers.lexicon.plugins import DigitalOceanProvider
from tests.fakes.lexicon.digitalocean import DigitalOceanAPI
from tests.lexicon_roundtrip import check_round_trip
with DigitalOceanAPI() as api:
    api.add_domain("example.test")
    provider = DigitalOceanProvider({"token": api.token, "api_address": api.url})
    check_round_trip(provider, "example.test")
    ttls = sorted({s.body["ttl"] for s in api.requests_seen if s.method == "POST"})
print("TTLS", ttls)
print("ELSEWHERE", elsewhere)
print("GUESSES", guesses)
"""


def test_lexicons_own_settings_sources_and_the_internet_are_never_used(tmp_path: Path) -> None:
    (tmp_path / "lexicon.yml").write_text("ttl: 86400\ndigitalocean:\n  auth_token: from-file\n")
    (tmp_path / "lexicon_digitalocean.yml").write_text("auth_token: from-file\n")
    env = {
        **os.environ,
        "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
        "LEXICON_DIGITALOCEAN_AUTH_TOKEN": "from-environment",
        "LEXICON_TTL": "86400",
    }
    done = subprocess.run(
        [sys.executable, "-c", ISOLATED], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    assert lines["TTLS"] == "[3600]"  # the plan's TTL on every write; never the file's 86400
    assert lines["ELSEWHERE"] == "[]"  # no connection off loopback was even tried
    assert lines["GUESSES"] == "[]"  # no zone guessed from the public suffix list
