"""The TUI's HTTPS step on moto (ACM, CloudFront) and BIND: what it will make, a run, the result."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.widgets import Button, DataTable, Static

from providers.rfc2136 import Rfc2136Provider
from tests.fakes.bind import BindServer
from tests.fakes.moto_server import MotoAws
from tests.pilot_steps import at, until
from wizard.environment import Environment
from wizard.readiness import Reach
from wizard.tui.app import WizardApp
from wizard.tui.screens.https import HttpsScreen
from wizard.vendors import load_profile

pytest_plugins = ["tests.https_fixtures"]
ZONE = "example.test"
HOST = f"links.{ZONE}"


async def test_the_https_step_makes_the_distribution_and_says_so(
    bind_env: Environment,
    bind: BindServer,
    aws: MotoAws,
    reach: Reach,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TRACKING_WIZARD_AWS_POLL", "0")
    aws.deploy_after(1)
    provider = Rfc2136Provider(
        {"server": bind.server, "key_name": bind.key_name, "key_secret": bind.key_secret}
    )
    app = WizardApp(replace(bind_env, reach=reach))
    async with app.run_test(size=(100, 36)) as pilot:
        await until(pilot, at(app, "StartScreen"))
        screen = HttpsScreen(HOST, ZONE, load_profile("pendo-us"), provider)
        app.push_screen(screen)
        await until(pilot, at(app, "HttpsScreen"))

        def plan() -> str:
            return str(app.screen.query_one("#https-plan", Static).render())

        await until(pilot, lambda: "CloudFront distribution" in plan())
        assert "r.us-east-1.awstrack.me" in plan()
        make = app.screen.query_one("#make", Button)
        await until(pilot, lambda: not make.disabled)
        make.press()
        await until(pilot, lambda: screen.outcome is not None, seconds=90)
        outcome = screen.outcome
        assert outcome is not None and outcome.ok, outcome and outcome.error
        assert [d["Id"] for d in aws.distributions()] == [outcome.distribution_id]
        assert bind.texts(HOST, "CNAME") == [f"{outcome.distribution_domain}."]
        assert str(app.screen.query_one("#skip", Button).label) == "Continue"

        # Roll back lists the HTTPS run, asks, and removes every AWS resource and record.
        app.start_journey("rollback")
        await until(pilot, at(app, "RollbackScreen"))
        table = app.screen.query_one("#setups", DataTable)
        assert "HTTPS for links.example.test" in str(table.get_row_at(0)[1])
        app.screen.query_one("#review", Button).press()
        await until(pilot, lambda: not app.screen.query_one("#confirm", Button).disabled, 60)
        app.screen.query_one("#confirm", Button).press()
        await until(pilot, at(app, "ConfirmScreen"))
        assert "HTTPS setup of links.example.test" in str(
            app.screen.query_one("#confirm-question", Static).render()
        )
        app.screen.query_one("#confirm-yes", Button).press()
        await until(pilot, at(app, "RevertScreen"))
        await until(pilot, lambda: not app.screen.query_one("#continue", Button).disabled, 90)
        app.screen.query_one("#continue", Button).press()
        await until(pilot, at(app, "RolledBackScreen"))
    assert aws.distributions() == [] and aws.certificates() == []
    assert bind.texts(HOST, "CNAME") == []
