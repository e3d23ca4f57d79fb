"""INWX through dns-lexicon's real `inwx` backend, against a local fake of the DomRobot XML-RPC API.

The backend sends the account's user and password with every call (no `account.login`, so no
session cookie and no TAN), puts an MX priority in the content ("10 mail.example.com") and
splits it into `prio` itself, and sends no TTL on `updateRecord`: so an update is a delete and a
create here, and an account with two-factor login cannot be used. `CASE` declares what the
shared checks of tests/test_lexicon_hosts.py need.
"""

from __future__ import annotations

import xmlrpc.client
from collections.abc import Iterator
from typing import Any

import pytest

from providers.lexicon.plugins import InwxProvider
from tests.fakes.lexicon.inwx import PATH, InwxAPI, totp
from tests.lexicon_roundtrip import Failure, LexiconCase, Quirk, Shape
from tests.roundtrip import apply_records
from wizard.journal import Journal
from wizard.model.errors import AuthError, ProviderError
from wizard.model.records import Record

ZONE = "example.test"
CREDENTIALS = {"user": str, "pass": str}
FILTERS = frozenset({"domain", "roId", "recordId", "type", "name", "content", "ttl", "prio"})

#: The DomRobot methods the backend calls (apidoc chapter 2.15), with their parameters.
SHAPES = (
    Shape(
        "POST", f"{PATH}nameserver.info", {"domain": str, **CREDENTIALS}, FILTERS | {"user", "pass"}
    ),
    Shape(
        "POST",
        f"{PATH}nameserver.createRecord",
        {"domain": str, "type": str, "content": str, "name": str, "ttl": int, **CREDENTIALS},
        frozenset({"domain", "roId", "type", "content", "name", "ttl", "prio", "user", "pass"}),
    ),
    Shape(
        "POST",
        f"{PATH}nameserver.deleteRecord",
        {"id": int, **CREDENTIALS},
        frozenset({"id", "user", "pass"}),
    ),
)


def fake() -> InwxAPI:
    api = InwxAPI(zones={ZONE: []})
    api.add(ZONE, ZONE, "A", "192.0.2.1")
    return api


def seen(api: InwxAPI) -> list[tuple[str, str, Any]]:
    """Each call as (POST, path + method, params) for the shape check."""
    return [("POST", f"{s.path}{s.method}", s.params) for s in api.requests_seen]


def requests_also(api: InwxAPI) -> None:
    """Only the three methods, and never a login: no session cookie is ever sent."""
    methods = {s.method for s in api.requests_seen}
    assert methods == {"nameserver.info", "nameserver.createRecord", "nameserver.deleteRecord"}
    assert not any(s.cookie for s in api.requests_seen)  # the backend never logs in


NOT_WRITTEN = ("NS, SRV and CAA not written",)
CASE = LexiconCase(
    plugin=InwxProvider,
    fake=fake,
    settings=lambda api: {"username": api.user, "password": api.password, "api_address": api.url},
    record_types=frozenset({"A", "AAAA", "CNAME", "TXT", "MX"}),
    long_txt=True,
    lines=(
        "Confirmed at INWX: 8 of 8 changes exactly as given",
        "Confirmed at INWX: 4 of 4 changes exactly as given",
        "Confirmed at INWX: 8 of 8 changes exactly as given",
    ),
    untouched=lambda api: [(r["name"], r["type"]) for r in api.records(ZONE)],
    refused={"NS": NOT_WRITTEN, "SRV": NOT_WRITTEN, "CAA": NOT_WRITTEN},
    writes=lambda api: [s for s in api.requests_seen if s.method != "nameserver.info"],
    shapes=SHAPES,
    requests=seen,
    requests_also=requests_also,
    quirks=(
        Quirk(
            "drop-prio",
            Record("MX", f"bounce.{ZONE}", "feedback-smtp.example.com", 3600, 10),
            (f"the host holds bounce.{ZONE} MX 0 feedback-smtp.example.com (TTL 3600) instead",),
        ),
        Quirk(
            "ttl-default",
            Record("CNAME", f"links.{ZONE}", "e.customeriomail.com", 600),
            (
                f"planned links.{ZONE} CNAME e.customeriomail.com with TTL 600; "
                "the host holds TTL 3600",
            ),
        ),
    ),
    wrong_credentials=(
        Failure(
            "password",
            AuthError,
            ("INWX did not accept the credentials", "Authentication error (2200)"),
            {"password": "wrong-password-777"},
        ),
    ),
    unreadable_zones=(
        Failure("unknown", ProviderError, ("Object does not exist (2303)",), zone="other.test"),
    ),
)
provider = CASE.provider


@pytest.fixture
def api() -> Iterator[InwxAPI]:
    with fake() as server:
        yield server


def test_mx_priority_and_ttl_travel_as_inwx_takes_them(api: InwxAPI) -> None:
    records = [
        Record("MX", f"bounce.{ZONE}", "feedback-smtp.us-east-1.amazonses.com", 600, 10),
        Record("TXT", ZONE, "v=spf1 include:amazonses.com ~all", 300),
    ]
    apply_records(provider(api), ZONE, records, Journal())
    created = [s.params for s in api.requests_seen if s.method == "nameserver.createRecord"]
    assert [{k: v for k, v in c.items() if k != "pass"} for c in created] == [
        {
            "domain": ZONE,
            "type": "MX",
            "name": f"bounce.{ZONE}",
            "content": "feedback-smtp.us-east-1.amazonses.com",
            "ttl": 600,
            "prio": "10",
            "user": api.user,
        },
        {
            "domain": ZONE,
            "type": "TXT",
            "name": ZONE,
            "content": "v=spf1 include:amazonses.com ~all",
            "ttl": 300,
            "user": api.user,
        },
    ]
    held = {(r["type"], r["prio"], r["ttl"]) for r in api.records(ZONE)}
    assert ("MX", 10, 600) in held and ("TXT", 0, 300) in held


def test_a_ttl_below_inwxs_300_is_never_sent(api: InwxAPI) -> None:
    reasons = check_refused_ttl(api)
    assert "300" in reasons


def check_refused_ttl(api: InwxAPI) -> str:
    from wizard.plan import build_plan

    plan = build_plan(provider(api), ZONE, [Record("A", f"t.{ZONE}", "192.0.2.9", 60)])
    sent = [s for s in api.requests_seen if s.method != "nameserver.info"]
    assert not sent
    return " ".join(str(i) for i in plan.items) + " ".join(i.reason or "" for i in plan.items)


def test_the_fake_holds_a_session_as_inwx_does(api: InwxAPI) -> None:
    """Without credentials or a session cookie: 2002; after account.login the cookie serves."""
    proxy: Any = xmlrpc.client.ServerProxy(api.url)
    assert proxy.nameserver.info({"domain": ZONE})["code"] == 2002
    assert proxy.account.login({"user": api.user, "pass": "wrong"})["code"] == 2200
    api.requests_seen.clear()

    class Cookies(xmlrpc.client.Transport):
        cookie = ""

        def parse_response(self, response: Any) -> Any:
            self.cookie = (response.getheader("Set-Cookie") or self.cookie).split(";")[0]
            return super().parse_response(response)

        def send_headers(self, connection: Any, headers: Any) -> None:
            if self.cookie:
                connection.putheader("Cookie", self.cookie)
            super().send_headers(connection, headers)

    session: Any = xmlrpc.client.ServerProxy(api.url, transport=Cookies())
    assert session.account.login({"user": api.user, "pass": api.password})["code"] == 1000
    assert session.nameserver.info({"domain": ZONE})["resData"]["count"] == 1
    assert session.account.logout()["code"] == 1500
    assert session.nameserver.info({"domain": ZONE})["code"] == 2002


def test_an_account_with_two_factor_login_is_refused_with_inwxs_reason(api: InwxAPI) -> None:
    api.shared_secret = "JBSWY3DPEHPK3PXP"
    with pytest.raises(AuthError) as caught:
        provider(api).list_records(ZONE, [ZONE])
    assert "INWX did not accept the credentials" in str(caught.value)
    proxy: Any = xmlrpc.client.ServerProxy(api.url)
    refused = proxy.nameserver.info({"domain": ZONE, "user": api.user, "pass": api.password})
    assert refused["reason"] == "You need to unlock your account with your mobile TAN."
    assert totp(api.shared_secret).isdigit()
