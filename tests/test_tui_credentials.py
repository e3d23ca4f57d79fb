"""The credentials screen: each typed option as its widget, and why a value is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, Collapsible, Input, Select, Static

from providers.lexicon.table import LEXICON_HOSTS, LexiconHost
from tests.fakes.bind import BindServer
from tests.layout import covered
from tests.pilot_steps import go, until
from tests.test_tui_flow import to_credentials
from wizard.environment import Environment
from wizard.model.servers import Server
from wizard.tui.app import WizardApp, build_app

PASTE = "Type\tHost\tValue\nCNAME\tlinks\te.customeriomail.com\n"


def fill(app: WizardApp, bind: BindServer) -> None:
    for name, value in (
        ("server", bind.server),
        ("key_name", bind.key_name),
        ("key_secret", bind.key_secret),
    ):
        app.screen.query_one(f"#field-{name}", Input).value = value


@pytest.fixture
def app(bind: BindServer, tmp_path: Path) -> WizardApp:
    """No settings in the environment: the form is the only place they come from."""
    servers = [Server(bind.address, bind.port)]
    journal = tmp_path / "journal.jsonl"
    return build_app(Environment(servers, servers, journal, web_checks=False))


def result(app: WizardApp) -> str:
    return str(app.screen.query_one("#credentials-result", Static).render())


async def test_each_option_kind_gets_its_widget(app: WizardApp) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await to_credentials(pilot, app, PASTE)
        algorithm = app.screen.query_one("#field-key_algorithm", Select)
        assert algorithm.value == "hmac-sha256"  # the default, from the option
        secret = app.screen.query_one("#field-key_secret", Input)
        assert secret.password and secret.value == ""
        timeout = app.screen.query_one("#field-timeout", Input)
        assert timeout.type == "integer" and timeout.value == "10"
        server = app.screen.query_one("#field-server", Input)
        assert server.type == "text" and not server.password


async def test_a_refused_value_is_said_as_typed_and_on_continue(
    app: WizardApp, bind: BindServer
) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await to_credentials(pilot, app, PASTE)
        fill(app, bind)
        timeout = app.screen.query_one("#field-timeout", Input)
        timeout.value = "900"
        sentence = "Timeout: '900' is not a whole number from 1 to 300."
        await until(pilot, lambda: sentence in result(app))

        app.screen.query_one("#continue", Button).press()
        await until(pilot, lambda: result(app).startswith("Setting not valid: " + sentence))
        assert type(app.screen).__name__ == "CredentialsScreen"

        timeout.value = "5"
        await until(pilot, lambda: result(app) == "")
        app.screen.query_one("#field-key_algorithm", Select).value = bind.key_algorithm
        await go(pilot, app, "#continue", "PlanScreen")
        assert app.facts.provider is not None
        assert app.facts.provider.integer("timeout") == 5


@pytest.mark.parametrize("host", LEXICON_HOSTS, ids=lambda h: h.id)
async def test_each_lexicon_hosts_form_fits_80x24(app: WizardApp, host: LexiconHost) -> None:
    """Every field a host written through dns-lexicon asks for, with where to get it, and no
    widget over another at the smallest size, advanced settings open."""
    async with app.run_test(size=(80, 24)) as pilot:
        await to_credentials(pilot, app, PASTE, host.id)
        for option in host.options:
            field = app.screen.query_one(f"#field-{option.name}", Input)
            assert field.password == option.secret, option.name
        shown = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert all(" ".join(o.where.split())[:30] in " ".join(shown.split()) for o in host.options)
        assert covered(app.screen) == []
        for collapsible in app.screen.query(Collapsible):
            collapsible.collapsed = False
        await pilot.pause()
        address = app.screen.query_one("#field-api_address", Input)
        assert address.value == host.api_address
        assert covered(app.screen) == []


async def test_without_a_keyring_the_hint_names_only_the_settings_not_yet_set(
    app: WizardApp, bind: BindServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKING_WIZARD_RFC2136_SERVER", bind.server)
    async with app.run_test(size=(100, 40)) as pilot:
        await to_credentials(pilot, app, PASTE)
        said = " ".join(str(app.screen.query_one("#keyring-why", Static).render()).split())
        assert "set TRACKING_WIZARD_RFC2136_KEY_NAME, TRACKING_WIZARD_RFC2136_KEY_SECRET" in said
        assert "RFC2136_SERVER" not in said  # it is set already


async def test_without_a_keyring_and_every_setting_set_no_setting_is_asked_for(
    app: WizardApp, bind: BindServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKING_WIZARD_RFC2136_SERVER", bind.server)
    monkeypatch.setenv("TRACKING_WIZARD_RFC2136_KEY_NAME", bind.key_name)
    monkeypatch.setenv("TRACKING_WIZARD_RFC2136_KEY_SECRET", bind.key_secret)
    async with app.run_test(size=(100, 40)) as pilot:
        await to_credentials(pilot, app, PASTE)
        said = " ".join(str(app.screen.query_one("#keyring-why", Static).render()).split())
        assert "already in the environment" in said and "To skip" not in said
