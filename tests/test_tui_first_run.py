"""The first run in-process: nothing opens until the person has chosen; settings remembered in
the keyring count as configured; when the resolvers fail, the DNS host step says what to do
and takes a resolver that can see the domain."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from textual.widgets import Button, Checkbox, Input, Static

from tests.fakes.bind import BindServer, zone_file
from tests.fakes.memory_keyring import MemoryKeyring
from tests.keys import GOOGLE_VERIFICATION
from tests.pilot_steps import at, go, ready, until
from tests.test_tui_credentials import fill
from tests.test_tui_flow import press, to_credentials
from wizard.credentials import SERVICE, remembered_hosts
from wizard.environment import Environment
from wizard.model.servers import Server
from wizard.tui.app import DEMO_BADGE, WizardApp, build_app
from wizard.tui.opening import Opening
from wizard.tui.widgets import ChoiceList

PASTE = f"Type\tHost\tValue\nTXT\texample.test\t{GOOGLE_VERIFICATION}\n"


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """A keyring that works, in this process only and without a file."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


class Opener:
    """Opens a real environment on BIND, and notes each opening and the mode it was for."""

    def __init__(self, env: Environment) -> None:
        self.env = env
        self.opened: list[bool | None] = []
        self.opening: Opening | None = None

    @contextlib.contextmanager
    def open(self) -> Iterator[Environment]:
        assert self.opening is not None
        self.opened.append(self.opening.demo)
        yield self.env

    def undecided(self) -> Opening:
        self.opening = Opening(self.open, demo=None)
        return self.opening


def bind_env(bind: BindServer, tmp_path: Path, resolvers: list[Server] | None) -> Environment:
    servers = [Server(bind.address, bind.port)]
    return Environment(resolvers, servers, tmp_path / "journal.jsonl", web_checks=False)


async def test_the_first_run_asks_and_opens_only_what_was_chosen(
    bind: BindServer, tmp_path: Path
) -> None:
    opener = Opener(bind_env(bind, tmp_path, None))
    with opener.undecided() as opening:
        app = WizardApp(opening)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, at(app, "FirstRunScreen"))
            await pilot.pause(0.2)
            assert opener.opened == [] and app.sub_title != DEMO_BADGE
            app.start_journey("check")  # the palette's commands wait for the choice
            app.show_journal()
            await pilot.pause(0.2)
            assert type(app.screen).__name__ == "FirstRunScreen" and opener.opened == []
            app.screen.query_one("#mode", ChoiceList).highlighted = 1  # my own domain
            await pilot.pause()
            press(app, "#continue")  # no domain yet: it is asked for, nothing opens
            await pilot.pause(0.2)
            assert type(app.screen).__name__ == "FirstRunScreen" and opener.opened == []
            app.screen.query_one("#domain", Input).value = "example.test"
            app.screen.query_one("#resolver", Input).value = "127.0.0.1:notaport"
            press(app, "#continue")
            said = app.screen.query_one("#first-result", Static)
            await until(pilot, lambda: "the port must be a number" in str(said.render()))
            app.screen.query_one("#resolver", Input).value = bind.server
            press(app, "#continue")
            await until(pilot, at(app, "StartScreen"))
            await go(pilot, app, "#continue", "PasteScreen")
            assert opener.opened == [False]  # real mode, opened once
            assert app.env.resolvers == [Server(bind.address, bind.port)]  # as typed
            assert app.facts.domain == "example.test"
            assert app.sub_title != DEMO_BADGE


async def test_remembered_settings_count_as_configured(
    bind: BindServer, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    servers = [Server(bind.address, bind.port)]
    app = build_app(bind_env(bind, tmp_path, servers))
    async with app.run_test(size=(100, 40)) as pilot:
        await to_credentials(pilot, app, PASTE)
        fill(app, bind)
        app.screen.query_one("#remember", Checkbox).value = True
        await go(pilot, app, "#continue", "PlanScreen")
    # What was typed, not the defaults left as they were (the algorithm, the timeout).
    assert memory_keyring.passwords == {
        (SERVICE, "rfc2136.server"): bind.server,
        (SERVICE, "rfc2136.key_name"): bind.key_name,
        (SERVICE, "rfc2136.key_secret"): bind.key_secret,
    }
    assert remembered_hosts() == ("rfc2136",)

    # Launched again with nothing in the environment: no question, the person's own domain.
    opener = Opener(bind_env(bind, tmp_path, servers))
    with opener.undecided() as opening:
        app = WizardApp(opening)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, at(app, "StartScreen"))
            await go(pilot, app, "#continue", "PasteScreen")
            assert opener.opened == [False] and app.sub_title != DEMO_BADGE


async def test_without_a_keyring_the_offer_says_so(bind: BindServer, tmp_path: Path) -> None:
    """conftest's keyring is keyring's "fail" backend, as on a headless box."""
    app = build_app(bind_env(bind, tmp_path, [Server(bind.address, bind.port)]))
    async with app.run_test(size=(100, 40)) as pilot:
        await to_credentials(pilot, app, PASTE)
        assert app.screen.query_one("#remember", Checkbox).disabled
        why = str(app.screen.query_one("#keyring-why", Static).render())
        assert "No keyring works on this computer" in why
        assert "TRACKING_WIZARD_RFC2136_KEY_SECRET" in why


async def test_when_the_resolver_fails_the_host_step_says_what_to_do(
    bind: BindServer, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """A resolver that refuses (a server for another zone): the step says so in words, with
    no flag in them, and takes a resolver that can see the domain for the rest of the run."""
    # A BIND of its own (not the module's, which serves example.test too): it refuses the name.
    refusing = BindServer(zones={"other.test": zone_file("other.test", "")}).start()
    request.addfinalizer(refusing.stop)
    env = bind_env(bind, tmp_path, [Server(refusing.address, refusing.port)])
    app = build_app(env)
    async with app.run_test(size=(80, 24)) as pilot:
        app.facts.domain, app.facts.paste = "example.test", PASTE
        await until(pilot, at(app, "StartScreen"))
        press(app, "#continue")
        await until(pilot, at(app, "PasteScreen"))
        await go(pilot, app, "#continue", "DnsHostScreen")
        result = app.screen.query_one("#dns-result", Static)
        await until(pilot, lambda: "refused or failed" in str(result.render()))
        said = str(result.render())
        assert "--" not in said and "give it below and look again" in said
        app.screen.query_one("#resolver", Input).value = bind.server
        app.screen.query_one("#look-again", Button).press()
        await until(pilot, lambda: "Zone: example.test" in str(result.render()))
        await until(pilot, ready(app, "#continue"))
        assert app.env.resolvers == [Server(bind.address, bind.port)]  # the watch asks it too
