"""Gandi LiveDNS through dns-lexicon's real `gandi` backend (REST), against a local fake of its API.

LiveDNS keeps a name's values of one type as one record set with one TTL, and the backend writes
by set: a create PUTs the set's values plus the new one (with the TTL it is given), a delete by
value PUTs the rest WITHOUT a TTL (Gandi then gives the set 10800), a delete by "id" removes
every set at the name. The row's knobs keep each of those from touching a value outside the
plan, and these tests show it; `CASE` declares what the shared checks of
tests/test_lexicon_hosts.py need (the round trip, the refused types, the requests against Gandi's
reference, the quirks caught by the read-back and the failures as sentences).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any, ClassVar

import pytest

from providers.lexicon import table
from providers.lexicon.plugins import GandiProvider
from providers.readback import ReadBackMismatch
from tests.fakes.lexicon.gandi import GandiLiveDNS
from tests.keys import DKIM_2048
from tests.lexicon_roundtrip import Failure, LexiconCase, Quirk, Shape, http_writes
from tests.roundtrip import apply_records, revert_latest
from wizard.journal import Journal
from wizard.model.errors import AuthError, PermissionDenied, ProviderError, ZoneNotFound
from wizard.model.records import Record

ZONE = "example.test"
SETS = "/v5/livedns/domains/[^/]+/records/[^/]+/[A-Z]+"

#: Gandi's documented LiveDNS operations, with the fields each body must carry.
SHAPES = (
    Shape("GET", r"/v5/livedns/domains/[^/]+", allowed=frozenset()),
    Shape("GET", r"/v5/livedns/domains/[^/]+/records(/[^/]+){0,2}", allowed=frozenset()),
    Shape(
        "POST",
        SETS,
        required={"rrset_values": list, "rrset_ttl": int},
        allowed=frozenset({"rrset_values", "rrset_ttl"}),
    ),
    Shape(
        "PUT",
        SETS,
        required={"rrset_values": list},
        allowed=frozenset({"rrset_values", "rrset_ttl"}),
    ),
    Shape("DELETE", SETS, allowed=frozenset()),
)


def _set(name: str, rtype: str, ttl: int, *values: str) -> dict[str, Any]:
    return {"rrset_name": name, "rrset_type": rtype, "rrset_ttl": ttl, "rrset_values": [*values]}


def _zone() -> list[dict[str, Any]]:
    """A zone as Gandi creates one: its name servers and a web host at the apex."""
    return [
        _set("@", "NS", 10800, "ns-1.gandi.net.", "ns-2.gandi.net.", "ns-3.gandi.net."),
        _set("@", "A", 10800, "217.70.184.38"),
        _set("www", "CNAME", 10800, "webredir.vip.gandi.net."),
    ]


def fake() -> GandiLiveDNS:
    return GandiLiveDNS({ZONE: _zone()})


def requests_also(api: GandiLiveDNS) -> None:
    """Every request carries the personal access token as a bearer."""
    assert {s.auth.split()[0] for s in api.requests_seen} == {"Bearer"}


CASE = LexiconCase(
    plugin=GandiProvider,
    fake=fake,
    settings=lambda api: {"token": api.token, "api_address": api.url},
    record_types=frozenset({"A", "AAAA", "CNAME", "TXT", "MX"}),
    long_txt=False,
    lines=(
        "Confirmed at Gandi: 7 of 7 changes exactly as given",
        "Confirmed at Gandi: 4 of 4 changes exactly as given",
        "Confirmed at Gandi: 7 of 7 changes exactly as given",
    ),
    untouched=lambda api: api.rrsets(ZONE),
    refused={"NS": (), "SRV": ("cannot write SRV",), "CAA": (), "TXT": ("over 255 characters",)},
    shapes=SHAPES,
    more_than=20,
    methods=frozenset({"POST", "DELETE"}),
    requests_also=requests_also,
    quirks=(
        Quirk(
            "bare-txt",
            Record("TXT", f"_dmarc.{ZONE}", "v=DMARC1; p=none", 3600),
            (
                f"the host holds _dmarc.{ZONE} TXT =DMARC1; p=non (TTL 3600) instead",
                "0 of 1 change as given",
            ),
        ),
        Quirk(
            "keep-ttl",
            Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 3600),
            (
                f"planned links.{ZONE} CNAME e.customeriomail.com with TTL 3600; "
                "the host holds TTL 10800",
            ),
        ),
    ),
    wrong_credentials=(
        Failure(
            "token",
            AuthError,
            ("Gandi did not accept the credentials (HTTP 401)",),
            {"token": "pat_11111111-2222-3333-4444-555555555555"},
        ),
    ),
    unreadable_zones=(
        Failure(
            "unknown",
            ZoneNotFound,
            ("other.test is not a zone these credentials can see",),
            zone="other.test",
        ),
        Failure(
            "token-without-rights",
            PermissionDenied,
            ("Gandi refused this (HTTP 403)",),
            prepare=lambda api: api.denied.add(ZONE),
        ),
    ),
)
provider = CASE.provider


@pytest.fixture
def api() -> Iterator[GandiLiveDNS]:
    with fake() as server:
        yield server


def test_the_apex_is_written_as_at_and_mx_keeps_its_priority_in_the_value(
    api: GandiLiveDNS,
) -> None:
    spf = Record("TXT", ZONE, "v=spf1 include:mailgun.org ~all", 3600)
    mx = Record("MX", f"bounce.{ZONE}", "feedback-smtp.us-east-1.amazonses.com", 3600, 10)
    apply_records(provider(api), ZONE, [spf, mx], Journal())
    posted = {p: b for m, p, b in http_writes(api) if m == "POST"}
    base = f"/v5/livedns/domains/{ZONE}/records"
    assert posted == {
        f"{base}/@/TXT": {"rrset_values": [spf.value], "rrset_ttl": 3600},
        f"{base}/bounce/MX": {
            "rrset_values": ["10 feedback-smtp.us-east-1.amazonses.com."],
            "rrset_ttl": 3600,
        },
    }
    held = {s["rrset_name"]: s["rrset_values"] for s in api.rrsets(ZONE)}
    assert held["@"] == [f'"{spf.value}"']  # Gandi keeps TXT quoted; lexicon takes them off


def test_no_ttl_given_writes_gandis_default_not_lexicons_3600(api: GandiLiveDNS) -> None:
    apply_records(provider(api), ZONE, [Record("A", f"t.{ZONE}", "192.0.2.1")], Journal())
    assert [b for m, _, b in http_writes(api)] == [
        {"rrset_values": ["192.0.2.1"], "rrset_ttl": 10800}
    ]


def test_removing_a_record_leaves_the_other_types_at_its_name(api: GandiLiveDNS) -> None:
    """lexicon's "id" for Gandi is the name: deleting by it would take every set there."""
    api.domains[ZONE].append(_set("track", "TXT", 3600, '"verify=abc"'))
    journal = Journal()
    a = Record("A", f"track.{ZONE}", "192.0.2.10", 3600)
    applied = apply_records(provider(api), ZONE, [a], journal)[1]
    assert applied.confirmed is not None and applied.confirmed.confirmed == 1
    reverted = revert_latest(provider(api), journal)
    assert reverted.confirmed is not None and reverted.confirmed.confirmed == 1
    assert api.rrsets(ZONE) == [*_zone(), _set("track", "TXT", 3600, '"verify=abc"')]
    assert http_writes(api)[-1][:2] == ("DELETE", f"/v5/livedns/domains/{ZONE}/records/track/A")


def test_a_value_added_beside_others_takes_the_sets_ttl(api: GandiLiveDNS) -> None:
    """One TTL per set: the new value is written with the set's, so its neighbour keeps it."""
    api.domains[ZONE].append(_set("mail", "TXT", 10800, '"google-site-verification=x"'))
    spf = Record("TXT", f"mail.{ZONE}", "v=spf1 include:amazonses.com ~all", 3600)
    journal = Journal()
    applied = apply_records(provider(api), ZONE, [spf], journal)[1]
    assert applied.confirmed is not None and applied.confirmed.confirmed == 1
    assert http_writes(api)[-1][2] == {
        "rrset_values": ["google-site-verification=x", spf.value],
        "rrset_ttl": 10800,
    }
    reverted = revert_latest(provider(api), journal)
    assert reverted.confirmed is not None and reverted.confirmed.confirmed == 1
    assert _set("mail", "TXT", 10800, '"google-site-verification=x"') in api.rrsets(ZONE)


def test_a_value_beside_others_at_another_ttl_is_refused_before_anything_is_sent(
    api: GandiLiveDNS,
) -> None:
    """Removing it again would leave its neighbour at 10800: so it is not written at all."""
    api.domains[ZONE].append(_set("mail", "TXT", 3600, '"google-site-verification=x"'))
    spf = Record("TXT", f"mail.{ZONE}", "v=spf1 include:amazonses.com ~all", 3600)
    with pytest.raises(ProviderError) as caught:
        apply_records(provider(api), ZONE, [spf], Journal())
    message = str(caught.value)
    assert f"mail.{ZONE} TXT" in message and "10800" in message and "own" in message
    assert not http_writes(api)


class _NoGuard(GandiProvider):
    """The row without its set guard: what the backend does to a neighbour on a revert."""

    host: ClassVar[table.LexiconHost] = replace(table.GANDI, set_rewrite_ttl=None)


def test_without_the_guard_the_read_back_catches_the_neighbours_ttl_moved(
    api: GandiLiveDNS,
) -> None:
    api.domains[ZONE].append(_set("mail", "TXT", 3600, '"google-site-verification=x"'))
    spf = Record("TXT", f"mail.{ZONE}", "v=spf1 include:amazonses.com ~all", 3600)
    journal = Journal()
    unguarded = _NoGuard({"token": api.token, "api_address": api.url})
    applied = apply_records(unguarded, ZONE, [spf], journal)[1]
    assert applied.confirmed is not None  # the create itself is exact (the set's TTL)
    with pytest.raises(ReadBackMismatch) as caught:
        revert_latest(unguarded, journal)
    assert (
        f"was there before, outside the plan: mail.{ZONE} TXT google-site-verification=x "
        "with TTL 3600; the host holds TTL 10800"
    ) in str(caught.value)


class _LongTxt(GandiProvider):
    host: ClassVar[table.LexiconHost] = replace(table.GANDI, long_txt=True)


def test_a_dkim_length_txt_comes_back_cut_so_long_txt_is_not_declared(api: GandiLiveDNS) -> None:
    """Gandi keeps it as 255-character quoted strings; lexicon cuts one character off each end."""
    dkim = Record("TXT", f"s1._domainkey.{ZONE}", DKIM_2048, 3600)
    with pytest.raises(ReadBackMismatch) as caught:
        apply_records(
            _LongTxt({"token": api.token, "api_address": api.url}), ZONE, [dkim], Journal()
        )
    assert f'{DKIM_2048[:255]}" "{DKIM_2048[255:]}' in str(caught.value)
