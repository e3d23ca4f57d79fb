"""The credentials screen: each typed option as its widget, and why a value is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, Input, Select, Static

from tests.fakes.bind import BindServer
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
