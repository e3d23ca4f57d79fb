"""The checks every host written through dns-lexicon passes, run over each host's `CASE`.

Each tests/test_lexicon_<host>.py declares what these need of its host (its fake, its plugin,
its reference's shapes, its quirks with the sentence each must produce, its failures as
sentences) and keeps the tests only that host has; the checks themselves live here once.
"""

from __future__ import annotations

from typing import Any

import pytest

from providers.hosts import host_for_ns
from tests import (
    test_lexicon_digitalocean,
    test_lexicon_dnsimple,
    test_lexicon_gandi,
    test_lexicon_hetzner,
    test_lexicon_infomaniak,
    test_lexicon_inwx,
    test_lexicon_linode,
    test_lexicon_namecom,
    test_lexicon_namesilo,
    test_lexicon_netcup,
    test_lexicon_ovh,
    test_lexicon_porkbun,
    test_lexicon_vultr,
)
from tests.lexicon_roundtrip import (
    Failure,
    LexiconCase,
    Quirk,
    check_failure,
    check_quirk,
    check_refused,
    check_round_trip,
    check_shapes,
)

Case = LexiconCase[Any]
CASES: tuple[Case, ...] = (
    test_lexicon_digitalocean.CASE,
    test_lexicon_dnsimple.CASE,
    test_lexicon_gandi.CASE,
    test_lexicon_hetzner.CASE,
    test_lexicon_infomaniak.CASE,
    test_lexicon_inwx.CASE,
    test_lexicon_linode.CASE,
    test_lexicon_namecom.CASE,
    test_lexicon_namesilo.CASE,
    test_lexicon_netcup.CASE,
    test_lexicon_ovh.CASE,
    test_lexicon_porkbun.CASE,
    test_lexicon_vultr.CASE,
)


def each(cases: tuple[Case, ...] = CASES) -> pytest.MarkDecorator:
    """Parametrize a test over `cases`, each named by its host."""
    return pytest.mark.parametrize("case", cases, ids=[c.id for c in cases])


@each()
def test_every_declared_type_round_trips_confirmed(case: Case) -> None:
    with case.fake() as api:
        host = case.plugin.host
        assert (host.record_types, host.long_txt) == (case.record_types, case.long_txt)
        before = case.untouched(api) if case.untouched else None
        seen = check_round_trip(case.provider(api), case.zone)
        assert tuple(seen.lines) == case.lines
        if case.untouched is not None:
            assert case.untouched(api) == before, "the host's own records were changed"


@each()
def test_types_outside_the_row_are_refused_in_the_plan(case: Case) -> None:
    with case.fake() as api:
        reasons = check_refused(case.provider(api), case.zone)
        assert set(reasons) == set(case.refused), reasons
        for rtype, words in case.refused.items():
            assert all(w in reasons[rtype] for w in words), (words, reasons[rtype])
        assert not case.writes(api), "a refused record reached the host"


@each(tuple(c for c in CASES if c.shapes is not None))
def test_every_request_matches_the_hosts_reference(case: Case) -> None:
    assert case.shapes is not None
    with case.fake() as api:
        check_round_trip(case.provider(api), case.zone)
        seen = case.requests(api)
        assert check_shapes(seen, case.shapes) == len(seen) > case.more_than
        assert case.methods <= {method for method, _, _ in seen}
        if case.requests_also is not None:
            case.requests_also(api)


@pytest.mark.parametrize(
    ("case", "quirk"),
    [pytest.param(c, q, id=f"{c.id}-{q.name}") for c in CASES for q in c.quirks],
)
def test_what_the_host_keeps_otherwise_is_caught(case: Case, quirk: Quirk) -> None:
    with case.fake() as api:
        check_quirk(case.provider(api), api, case.zone, quirk)


@pytest.mark.parametrize(
    ("case", "failure"),
    [pytest.param(c, f, id=f"{c.id}-{f.name}") for c in CASES for f in c.wrong_credentials],
)
def test_wrong_credentials_are_a_sentence_without_the_secrets(case: Case, failure: Failure) -> None:
    with case.fake() as api:
        check_failure(case, api, failure)


@pytest.mark.parametrize(
    ("case", "failure"),
    [pytest.param(c, f, id=f"{c.id}-{f.name}") for c in CASES for f in c.unreadable_zones],
)
def test_a_zone_that_cannot_be_read_is_a_sentence(case: Case, failure: Failure) -> None:
    with case.fake() as api:
        check_failure(case, api, failure)


@each(tuple(c for c in CASES if c.name_servers))
def test_the_zone_step_names_the_host_from_its_name_servers(case: Case) -> None:
    for names in case.name_servers:
        found = host_for_ns(list(names))
        assert found is not None and found.id == case.id, names
