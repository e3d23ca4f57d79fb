"""A host that cannot write a record exactly: the plan offers to write the rest through its API
and leave that record to the person's hands (issue #23), walked with Textual's pilot through
the DigitalOcean fake (which passes its writes on to BIND), by hand in BIND, and rolled back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import dns.rdata
import pytest
from textual.widgets import Button, DataTable, Input, Static

from tests.fakes.bind import BindServer
from tests.fakes.lexicon.digitalocean import DigitalOceanAPI
from tests.layout import covered
from tests.pilot_steps import go, loaded, ready, until
from tests.test_tui_flow import press, to_credentials, wait_for
from wizard.app import by_hand
from wizard.app.watching import last_apply_expectations
from wizard.environment import Environment
from wizard.journal import Journal
from wizard.model.servers import Server
from wizard.tui.app import WizardApp, build_app

ZONE = "example.test"
SPF = "v=spf1 include:amazonses.com ~all"
MX_TARGET = "feedback-smtp.us-east-1.amazonses.com"
PASTE = (
    "Type\tHost\tValue\n"
    f"CNAME\tlinks.{ZONE}\te.customeriomail.com\n"
    f"TXT\tbounce.{ZONE}\t{SPF}\n"
    f"MX\tbounce.{ZONE}\t10 {MX_TARGET}\n"
)


@pytest.fixture
def env(bind: BindServer, tmp_path: Path) -> Environment:
    servers = [Server(bind.address, bind.port)]
    return Environment(servers, servers, tmp_path / "journal.jsonl", web_checks=False)


@pytest.fixture
def api(bind: BindServer) -> Iterator[DigitalOceanAPI]:
    with DigitalOceanAPI(bind=bind) as fake:
        fake.add_domain(ZONE)
        yield fake


async def to_plan(pilot, app: WizardApp, api: DigitalOceanAPI, paste: str) -> None:  # type: ignore[no-untyped-def]
    """… → DigitalOcean, its token and the fake's address → the plan, shown."""
    await to_credentials(pilot, app, paste, "digitalocean")
    app.screen.query_one("#field-token", Input).value = api.token
    app.screen.query_one("#field-api_address", Input).value = api.url
    press(app, "#continue")
    await wait_for(pilot, app, "PlanScreen")
    await until(pilot, loaded(app, "plan"))
    await pilot.pause()


def writes(api: DigitalOceanAPI) -> list[tuple[str, str, str]]:
    """Every write the fake was sent: (method, type, name)."""
    return [
        (s.method, str((s.body or {}).get("type")), str((s.body or {}).get("name")))
        for s in api.requests_seen
        if s.method != "GET"
    ]


async def test_write_what_the_host_can_and_add_the_rest_by_hand(
    env: Environment, bind: BindServer, api: DigitalOceanAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = build_app(env)
    async with app.run_test(size=(80, 24)) as pilot:  # the smallest terminal the wizard fits
        await to_plan(pilot, app, api, PASTE)
        plan = app.screen.plan  # type: ignore[attr-defined]
        assert [(i.record.type, i.kind, i.host_cannot) for i in plan.items] == [
            ("CNAME", "create", False),
            ("TXT", "create", False),
            ("MX", "conflict", True),
        ]
        # Apply stays off (and gives its place to the split, which names the host and counts).
        apply = app.screen.query_one("#apply", Button)
        assert apply.disabled and not apply.display
        split = app.screen.query_one("#split", Button)
        assert split.display and not split.disabled
        assert str(split.label) == "Write 2 through DigitalOcean, add 1 by hand"
        notes = str(app.screen.query_one("#plan-notes", Static).render())
        assert "Fix the conflicts" not in notes
        assert "DigitalOcean cannot write 1 record exactly" in notes
        assert writes(api) == []  # nothing written before the choice
        assert covered(app.screen) == []

        press(app, "#split")
        await wait_for(pilot, app, "ApplyScreen")
        await until(pilot, ready(app, "#continue"))
        log = app.screen.query_one("#apply-log")
        lines = [str(line.text) for line in log.lines]  # type: ignore[attr-defined]
        assert "Confirmed at DigitalOcean: 2 of 2 changes exactly as given." in lines
        # The API was sent exactly the writable records, never the MX.
        assert sorted(writes(api)) == [("POST", "CNAME", "links"), ("POST", "TXT", "bounce")]
        assert bind.texts(f"links.{ZONE}", "CNAME") == ["e.customeriomail.com."]
        assert bind.texts(f"bounce.{ZONE}", "MX") == []
        assert str(app.screen.query_one("#continue", Button).label) == "Next: add 1 by hand"
        assert covered(app.screen) == []
        press(app, "#continue")

        # The manual screen lists exactly the refused record, in DigitalOcean's terms.
        await wait_for(pilot, app, "ManualScreen")
        table = app.screen.query_one("#manual-table", DataTable)
        assert table.row_count == 1
        row = [str(cell) for cell in table.get_row_at(0)]
        assert row[:4] == ["MX", "bounce", "10", MX_TARGET]
        intro = str(app.screen.query_one("#manual-intro", Static).render())
        assert "Log in to DigitalOcean and add 1 record" in intro
        assert "Not written through DigitalOcean: This DNS host cannot write MX" in intro
        assert covered(app.screen) == []
        # The person types it into the panel (here: into BIND, as DigitalOcean would serve it).
        mx = dns.rdata.from_text("IN", "MX", f"10 {MX_TARGET}.")
        bind.replace_sets(ZONE, {(f"bounce.{ZONE}.", "MX"): [(300, mx)]})
        press(app, "#continue")

        # The watch covers every record: the two written through the API and the one by hand.
        await wait_for(pilot, app, "PropagationScreen")
        watched = app.screen.expectations  # type: ignore[attr-defined]
        assert sorted((e.record.type, e.record.name) for e in watched) == [
            ("CNAME", f"links.{ZONE}"),
            ("MX", f"bounce.{ZONE}"),
            ("TXT", f"bounce.{ZONE}"),
        ]
        await until(pilot, ready(app, "#continue"))
        assert app.screen.final.all_good  # type: ignore[attr-defined]
        press(app, "#continue")
        await wait_for(pilot, app, "ReadinessScreen")
        press(app, "#continue")
        await wait_for(pilot, app, "DoneScreen")
        assert covered(app.screen) == []
        done = str(app.screen.query_one("#done-summary", Static).render())
        assert "2 changes written to DigitalOcean" in done
        assert "1 record DigitalOcean cannot write exactly: entered by hand" in done

        # The journal has both: the API apply, and the record entered by hand (seen live).
        journal = Journal(env.journal_path)
        setups = {a.setup.provider_id: a for a in journal.applies()}
        assert set(setups) == {"digitalocean", "manual"}
        through_api, typed = setups["digitalocean"], setups["manual"]
        assert not through_api.setup.by_hand and typed.setup.by_hand
        assert sorted(c.record.type for c in through_api.changes) == ["CNAME", "TXT"]
        assert [(c.action, c.record.type) for c in typed.changes] == [("create", "MX")]
        assert typed.status == "done" and typed.setup.settings["host"] == "digitalocean"
        # …linked, so a watch resumed after "Leave, resume later" expects all three records.
        assert typed.setup.beside == through_api.apply_id
        resumed = by_hand.records_to_watch(journal, typed)
        assert sorted(r.type for r in resumed) == ["CNAME", "MX", "TXT"]
        last, _ = last_apply_expectations(journal)  # `tracking-wizard watch --last` too
        assert sorted(e.record.type for e in last) == ["CNAME", "MX", "TXT"]

        # Roll back lists both; the by-hand one is deleted by hand and watched gone…
        press(app, "#restart")
        await wait_for(pilot, app, "StartScreen")
        app.screen.goal = "rollback"  # type: ignore[attr-defined]
        press(app, "#continue")
        await wait_for(pilot, app, "RollbackScreen")
        assert app.screen.query_one("#setups", DataTable).row_count == 2
        press(app, "#review")  # the newest first: the MX entered by hand
        await until(pilot, ready(app, "#confirm"))
        shown = str(app.screen.query_one("#inverse", Static).render())
        assert shown.splitlines() == [f"• by hand: delete bounce.{ZONE} MX 10 {MX_TARGET}"]
        assert str(app.screen.query_one("#confirm", Button).label) == "Delete them by hand…"
        press(app, "#confirm")
        await wait_for(pilot, app, "ConfirmScreen")
        press(app, "#confirm-yes")
        await wait_for(pilot, app, "ManualScreen")
        removal = app.screen.query_one("#manual-table", DataTable)
        assert removal.row_count == 1 and str(removal.get_row_at(0)[0]) == "MX"
        bind.replace_sets(ZONE, {(f"bounce.{ZONE}.", "MX"): []})
        press(app, "#continue")
        await wait_for(pilot, app, "PropagationScreen")
        await go(pilot, app, "#continue", "RolledBackScreen")
        assert writes(api)[2:] == []  # the by-hand roll back writes nothing through the API

        # … and the API one is removed through the API (its token from the environment, as
        # from the keyring on a person's machine: the journal never keeps a secret).
        monkeypatch.setenv("TRACKING_WIZARD_DIGITALOCEAN_TOKEN", api.token)
        press(app, "#restart")
        await wait_for(pilot, app, "StartScreen")
        app.screen.goal = "rollback"  # type: ignore[attr-defined]
        press(app, "#continue")
        await wait_for(pilot, app, "RollbackScreen")
        assert app.screen.query_one("#setups", DataTable).row_count == 1
        press(app, "#review")
        inverse = app.screen.query_one("#inverse", Static)
        await until(pilot, lambda: str(inverse.render()) not in ("", "Reading your DNS host…"))
        assert str(inverse.render()).splitlines() == [  # the two written through the API only
            f"• delete bounce.{ZONE} TXT {SPF}",
            f"• delete links.{ZONE} CNAME e.customeriomail.com",
        ]
        await until(pilot, ready(app, "#confirm"))
        assert str(app.screen.query_one("#confirm", Button).label) == "Undo it…"
        press(app, "#confirm")
        await wait_for(pilot, app, "ConfirmScreen")
        press(app, "#confirm-yes")
        await wait_for(pilot, app, "RevertScreen")
        await go(pilot, app, "#continue", "PropagationScreen")
        await until(pilot, ready(app, "#continue"))
    assert [m for m, _, _ in writes(api)[2:]] == ["DELETE", "DELETE"]
    assert bind.texts(f"links.{ZONE}", "CNAME") == []
    assert bind.texts(f"bounce.{ZONE}", "TXT") == []
    assert {a.status for a in Journal(env.journal_path).applies() if a.setup.reverts is None} == {
        "reverted"
    }


async def test_a_real_conflict_beside_keeps_apply_off_and_offers_no_split(
    env: Environment, bind: BindServer, api: DigitalOceanAPI
) -> None:
    # DigitalOcean holds an A record at links: the CNAME cannot go beside it, a real conflict
    # (no hand can fix it), beside the MX the host cannot write.
    api.add_domain(ZONE, {"type": "A", "name": "links", "data": "192.0.2.7", "ttl": 1800})
    app = build_app(env)
    async with app.run_test(size=(100, 32)) as pilot:
        await to_plan(pilot, app, api, PASTE)
        plan = app.screen.plan  # type: ignore[attr-defined]
        kinds = [(i.record.type, i.kind, i.host_cannot) for i in plan.items]
        assert ("MX", "conflict", True) in kinds
        assert ("CNAME", "conflict", False) in kinds
        assert app.screen.query_one("#apply", Button).disabled
        assert not app.screen.query_one("#plan-split").display
        assert app.screen.query_one("#apply", Button).display
        assert "Fix the conflicts first" in str(
            app.screen.query_one("#plan-notes", Static).render()
        )
    assert writes(api) == []


async def test_a_split_setup_left_and_resumed_watches_every_record(
    env: Environment, bind: BindServer, api: DigitalOceanAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Left while watching, before the MX is typed in: the resumed watch expects the records
    written through DigitalOcean as well as the one entered by hand (one paste, one watch)."""
    app = build_app(env)
    async with app.run_test(size=(100, 32)) as pilot:
        await to_plan(pilot, app, api, PASTE)
        press(app, "#split")
        await wait_for(pilot, app, "ApplyScreen")
        await until(pilot, ready(app, "#continue"))
        press(app, "#continue")
        await wait_for(pilot, app, "ManualScreen")
        press(app, "#continue")
        await wait_for(pilot, app, "PropagationScreen")
        await until(pilot, ready(app, "#leave"))
        press(app, "#leave")
        await pilot.pause()
    monkeypatch.setenv("TRACKING_WIZARD_DIGITALOCEAN_TOKEN", api.token)
    monkeypatch.setenv("TRACKING_WIZARD_DIGITALOCEAN_API_ADDRESS", api.url)
    resumed = build_app(env, resume=True)
    async with resumed.run_test(size=(100, 32)) as pilot:
        await wait_for(pilot, resumed, "PropagationScreen")
        watched = resumed.screen.expectations  # type: ignore[attr-defined]
        assert sorted((e.record.type, e.record.name) for e in watched) == [
            ("CNAME", f"links.{ZONE}"),
            ("MX", f"bounce.{ZONE}"),
            ("TXT", f"bounce.{ZONE}"),
        ]
