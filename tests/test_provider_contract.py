"""The provider base as a template method: what every plugin used to repeat, done once.

A small provider records what reaches its protected methods; the GoDaddy provider against its
local API shows the same on a real plugin (no request for an empty apply, no secret in errors).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from typing import ClassVar

import pytest

from providers.base import MASK, Capabilities, Existing, Progress, Provider
from providers.godaddy import GoDaddyProvider
from providers.manual import ManualProvider
from providers.options import Option, SecretOption, TextOption
from providers.readback import ReadBackMismatch
from tests.fakes.godaddy_api import GoDaddyAPI, sample_records
from wizard.model.changes import Change, create
from wizard.model.errors import AuthError, ProviderError, RateLimited, WizardError
from wizard.model.records import RECORD_TYPES, Record

TOKEN = "tok-8f3a2c1d9e"
RECORD = Record("TXT", "example.test", "v=1", 300)


class Recorder(Provider):
    """Remembers each protected call; `fail` is raised from inside every one of them.

    It holds what it is given, so the read-back after each write finds it; `forgets` makes it
    take a write and keep nothing, as a host that silently ignores a create would.
    """

    id = "recorder"
    display_name = "Recorder"
    options: ClassVar[tuple[Option, ...]] = (
        SecretOption("token", "Token", "the API token"),
        SecretOption("token_prefix", "Token prefix", "part of the token", required=False),
        TextOption("region", "Region", "where", required=False),
    )

    def __init__(self, settings: dict[str, str] | None = None) -> None:
        super().__init__({"token": TOKEN} if settings is None else settings)
        self.calls: list[tuple[str, object, object]] = []
        self.fail: WizardError | None = None
        self.held: list[Record] = []
        self.forgets = False

    def _raise(self) -> None:
        if self.fail is not None:
            raise self.fail

    def _list_records(self, zone: str, names: Sequence[str]) -> Existing:
        self.calls.append(("list", zone, tuple(names)))
        self._raise()
        return Existing(tuple(r for r in self.held if r.name in names))

    def _apply(self, zone: str, changes: Sequence[Change], progress: Progress) -> None:
        self.calls.append(("apply", zone, tuple(changes)))
        progress(f"writing {len(changes)} change(s)")
        self._raise()
        for change in changes:
            if change.existing is not None:
                self.held.remove(change.existing)
            if change.new is not None and not self.forgets:
                self.held.append(change.new)


class ReadOnly(Recorder):
    capabilities = Capabilities(writes=False)


def test_zone_and_names_are_normalised_and_each_name_asked_once() -> None:
    provider = Recorder()
    provider.list_records(
        "Example.TEST.",
        ["WWW.example.test.", "www.example.test", "a.Example.test", "WWW.EXAMPLE.TEST"],
    )
    assert provider.calls == [("list", "example.test", ("www.example.test", "a.example.test"))]
    provider.apply(" example.test. ", [create(RECORD)])
    # read the names, write, read them back: the template around every plugin's write
    assert provider.calls[1:] == [
        ("list", "example.test", ("example.test",)),
        ("apply", "example.test", (create(RECORD),)),
        ("list", "example.test", ("example.test",)),
    ]


def test_an_apply_is_confirmed_by_reading_it_back() -> None:
    provider = Recorder()
    confirmed = provider.apply("example.test", [create(RECORD)])
    assert confirmed.line == "Confirmed at Recorder: 1 of 1 change exactly as given"


def test_a_write_the_host_did_not_keep_fails_the_apply() -> None:
    provider = Recorder()
    provider.forgets = True
    with pytest.raises(ReadBackMismatch) as info:
        provider.apply("example.test", [create(RECORD)])
    assert info.value.title == "Not stored as given"
    assert str(info.value) == (
        "Recorder accepted the write but does not hold exactly what was planned (read back "
        "through its API: 0 of 1 change as given): planned example.test TXT v=1 (TTL 300); "
        "the host has none."
    )


def test_check_credentials_reads_the_zone_apex_by_default() -> None:
    provider = Recorder()
    provider.check_credentials("EXAMPLE.test.")
    assert provider.calls == [("list", "example.test", ("example.test",))]


def test_an_empty_apply_calls_nothing() -> None:
    provider = Recorder()
    provider.apply("example.test", [])
    assert provider.calls == []


def test_writes_are_refused_when_the_host_cannot_write() -> None:
    provider = ReadOnly()
    for changes in ([], [create(RECORD)]):
        with pytest.raises(ProviderError, match="does not write") as info:
            provider.apply("example.test", changes)
        assert info.value.title == "Written by hand"
    assert provider.calls == []


def test_progress_falls_back_to_the_log(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    Recorder().apply("example.test", [create(RECORD)])
    assert [r.getMessage() for r in caplog.records][0] == "writing 1 change(s)"
    assert caplog.records[0].name == __name__  # the plugin's own logger
    lines: list[str] = []
    caplog.clear()
    Recorder().apply("example.test", [create(RECORD)], progress=lines.append)
    assert lines[0] == "writing 1 change(s)" and not caplog.records


@pytest.fixture(params=["list", "apply", "check"])
def call(request: pytest.FixtureRequest) -> Iterator[str]:
    yield str(request.param)


def run(provider: Provider, call: str) -> None:
    if call == "list":
        provider.list_records("example.test", ["example.test"])
    elif call == "apply":
        provider.apply("example.test", [create(RECORD)])
    else:
        provider.check_credentials("example.test")


def test_a_secret_is_scrubbed_from_any_error_below(call: str) -> None:
    provider = Recorder({"token": TOKEN, "token_prefix": TOKEN[:6], "region": "tok"})
    provider.fail = RateLimited(
        f"The host echoed Bearer {TOKEN} back.", retry_after=30.0, title=f"Slow {TOKEN}"
    )
    with pytest.raises(RateLimited) as info:
        run(provider, call)
    err = info.value
    assert str(err) == f"The host echoed Bearer {MASK} back."  # the whole token, not its prefix
    assert err.title == f"Slow {MASK}"
    assert err.retry_after == 30.0
    assert err.__cause__ is None and err.__suppress_context__
    assert TOKEN not in repr(err.args)


def test_an_error_without_a_secret_is_raised_as_it_was(call: str) -> None:
    provider = Recorder()
    provider.fail = AuthError("The token was refused.")
    with pytest.raises(AuthError) as info:
        run(provider, call)
    assert info.value is provider.fail


def test_no_secret_given_means_nothing_to_scrub() -> None:
    provider = Recorder({"region": "eu"})
    assert provider.secrets() == []
    provider.fail = ProviderError("eu is busy.")
    with pytest.raises(ProviderError, match=r"^eu is busy\.$"):
        provider.list_records("example.test", ["example.test"])


def test_capabilities_say_what_the_core_reads() -> None:
    assert Capabilities().record_types == {"A", "AAAA", "CNAME", "TXT", "MX", "NS"}
    assert Capabilities().writes and Capabilities().underscores
    assert ManualProvider.capabilities.record_types == set(RECORD_TYPES)  # typed by a person
    assert not ManualProvider.capabilities.writes


# -- the same on a real plugin ---------------------------------------------------------------
@pytest.fixture
def api() -> Iterator[GoDaddyAPI]:
    with GoDaddyAPI({"example.test": sample_records()}) as server:
        yield server


def test_godaddy_empty_apply_sends_no_request(api: GoDaddyAPI) -> None:
    provider = GoDaddyProvider({"api_key": api.key, "api_secret": api.secret, "api_url": api.url})
    provider.apply("example.test", [])
    assert api.requests == []
    provider.close()


def test_godaddy_echoed_secret_is_scrubbed(api: GoDaddyAPI) -> None:
    provider = GoDaddyProvider({"api_key": api.key, "api_secret": api.secret, "api_url": api.url})
    api.inject(500, method="GET", message=f"key {api.key} secret {api.secret} not accepted")
    with pytest.raises(ProviderError) as info:
        provider.list_records("Example.Test.", ["WWW.example.test."])
    message = str(info.value)
    assert "HTTP 500" in message and f"key {MASK} secret {MASK}" in message
    assert api.key not in message and api.secret not in message
    provider.close()
