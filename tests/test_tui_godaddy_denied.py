"""GoDaddy's ACCESS_DENIED in the TUI: the manual path for GoDaddy, right there, same records."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, DataTable, Input, Select, Static

from tests.fakes.bind import BindServer
from tests.fakes.godaddy_api import GoDaddyAPI, sample_records
from tests.pilot_steps import until
from tests.test_tui_flow import press, wait_for
from wizard.environment import Environment
from wizard.model.servers import Server
from wizard.tui.app import build_app

ZONE = "example.test"
PASTE = "Type\tHost\tValue\nCNAME\tlinks\te.customeriomail.com\n"


async def test_access_denied_leads_to_the_manual_path_with_the_panel_link(
    bind: BindServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    servers = [Server(bind.address, bind.port)]
    app = build_app(Environment(servers, servers, tmp_path / "journal.jsonl", web_checks=False))
    with GoDaddyAPI({ZONE: sample_records()}, denied={ZONE}) as api:
        monkeypatch.setenv("TRACKING_WIZARD_GODADDY_API_URL", api.url)
        async with app.run_test(size=(120, 40)) as pilot:
            app.facts.domain, app.facts.paste = ZONE, PASTE
            await wait_for(pilot, app, "StartScreen")
            press(app, "#continue")
            await wait_for(pilot, app, "PasteScreen")
            await until(pilot, lambda: not app.screen.query_one("#continue", Button).disabled)
            press(app, "#continue")
            await wait_for(pilot, app, "DnsHostScreen")
            await until(pilot, lambda: not app.screen.query_one("#continue", Button).disabled)
            app.screen.query_one("#provider", Select).value = "godaddy"
            press(app, "#continue")
            await wait_for(pilot, app, "CredentialsScreen")
            app.screen.query_one("#field-api_key", Input).value = api.key
            app.screen.query_one("#field-api_secret", Input).value = api.secret
            press(app, "#continue")
            await wait_for(pilot, app, "ManualScreen")
            intro = str(app.screen.query_one("#manual-intro", Static).render())
            assert "10 or more domains" in intro
            assert f"dnsmanagement?domainName={ZONE}" in intro
            table = app.screen.query_one("#manual-table", DataTable)
            assert table.row_count == 1
            assert "e.customeriomail.com" in str(table.get_row_at(0))
            assert api.write_requests == 0
