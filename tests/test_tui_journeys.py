"""Every journey the wizard owns, walked with Textual's pilot: set up, go back and apply again,
a refusal and Revert now, check, roll back with Cancel and confirm, leave and resume, and the
keys people reach for. Real BIND, real rfc2136 writes, a real journal."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path

import dns.rdata
import pytest
from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Select, Static, TextArea

from providers.base import Provider
from tests.fakes.bind import BindServer
from tests.keys import GOOGLE_VERIFICATION
from tests.pilot_steps import at, go, loaded, ready, until
from tests.test_app_apply import HalfWriter
from wizard.environment import Environment
from wizard.journal import Journal
from wizard.model.servers import Server
from wizard.tui.app import WizardApp, build_app

PASTE = f"Type\tHost\tValue\nCNAME\tlinks\te.customeriomail.com\nTXT\t@\t{GOOGLE_VERIFICATION}\n"


@pytest.fixture
def env(bind_env: Environment) -> Environment:
    return bind_env


@asynccontextmanager
async def walking(env: Environment) -> AsyncIterator[tuple[WizardApp, Pilot[int]]]:
    """The wizard on `env` at the journeys' size, and the pilot that walks it."""
    app = build_app(env)
    async with app.run_test(size=(100, 32)) as pilot:
        yield app, pilot


async def paste_and_find_host(pilot, app: WizardApp, paste: str = PASTE) -> None:  # type: ignore[no-untyped-def]
    app.facts.domain, app.facts.paste = "example.test", paste
    await until(pilot, at(app, "StartScreen"))
    await go(pilot, app, "#continue", "PasteScreen")
    await go(pilot, app, "#continue", "DnsHostScreen")
    await until(pilot, ready(app, "#continue"))


async def to_plan(pilot, app: WizardApp, paste: str = PASTE) -> None:  # type: ignore[no-untyped-def]
    await paste_and_find_host(pilot, app, paste)
    await go(pilot, app, "#continue", "CredentialsScreen")
    await go(pilot, app, "#continue", "PlanScreen")
    await until(pilot, loaded(app, "plan"))


def kinds(app: WizardApp) -> list[str]:
    return [i.kind for i in app.screen.plan.items]  # type: ignore[attr-defined]


async def test_the_configured_host_is_preselected_and_said_so(env: Environment) -> None:
    async with walking(env) as (app, pilot):
        await paste_and_find_host(pilot, app)
        assert app.screen.query_one("#provider", Select).value == "rfc2136"
        why = str(app.screen.query_one("#provider-why", Static).render())
        assert "already set" in why


async def test_back_to_the_plan_reads_it_afresh_and_apply_again_writes_nothing(
    env: Environment, bind: BindServer
) -> None:
    async with walking(env) as (app, pilot):
        await to_plan(pilot, app)
        assert kinds(app) == ["create", "create"]
        await go(pilot, app, "#apply", "ApplyScreen")
        await until(pilot, ready(app, "#continue"))
        await go(pilot, app, "#continue", "PropagationScreen")
        await pilot.press("escape")  # back: to the plan, never into the apply again
        await until(pilot, at(app, "PlanScreen"))
        await until(pilot, loaded(app, "plan"))
        assert kinds(app) == ["present", "present"]
        assert str(app.screen.query_one("#apply", Button).label) == "Nothing to write: watch"
        await go(pilot, app, "#apply", "PropagationScreen")
        await until(pilot, lambda: app.screen.final is not None and app.screen.final.all_good)  # type: ignore[attr-defined]
        await go(pilot, app, "#continue", "ReadinessScreen")
        await until(pilot, lambda: app.screen.results != ())  # type: ignore[attr-defined]
        await go(pilot, app, "#continue", "DoneScreen")
        summary = str(app.screen.query_one("#done-summary", Static).render())
        assert "2 changes written" in summary  # this journey's write, counted once
    assert len(Journal(env.journal_path).applies()) == 1
    assert bind.texts("links.example.test", "CNAME") == ["e.customeriomail.com."]


async def test_a_plan_refused_before_writing_offers_review_not_revert(
    env: Environment, bind: BindServer
) -> None:
    async with walking(env) as (app, pilot):
        await to_plan(pilot, app)
        # Someone changes the zone after the plan was read: the apply re-reads and refuses.
        other = dns.rdata.from_text("IN", "CNAME", "someone.else.example.")
        bind.replace_sets("example.test", {("links.example.test.", "CNAME"): [(300, other)]})
        await go(pilot, app, "#apply", "ApplyScreen")
        await until(pilot, loaded(app, "outcome"))
        await until(pilot, ready(app, "#review"))
        assert not app.screen.query_one("#revert", Button).display
        await go(pilot, app, "#review", "PlanScreen")
        await until(pilot, loaded(app, "plan"))
        assert "update" in kinds(app)  # read afresh: the CNAME is someone else's now
    assert Journal(env.journal_path).applies() == []


async def test_revert_now_undoes_exactly_the_failed_attempt(
    bind: BindServer, tmp_path: Path
) -> None:
    """An earlier apply in the journal survives the Revert now of a later, half-written one."""
    host = HalfWriter([])

    def factory(provider_id: str, given: Mapping[str, str]) -> Provider:
        return host

    servers = [Server(bind.address, bind.port)]
    env = Environment(
        resolvers=servers,
        authoritative=servers,
        journal_path=tmp_path / "journal.jsonl",
        web_checks=False,
        provider_factory=factory,
        provider_ids=lambda: ["memory", "manual"],
        provider_class=lambda provider_id: HalfWriter,
    )
    first = "TXT\t@\tfirst=1\n"
    second = "TXT\ta\tsecond=2\nTXT\tb\tsecond=3\n"
    async with walking(env) as (app, pilot):
        await paste_and_find_host(pilot, app, first)
        app.screen.query_one("#provider", Select).value = "memory"
        await go(pilot, app, "#continue", "CredentialsScreen")
        await go(pilot, app, "#continue", "PlanScreen")
        await go(pilot, app, "#apply", "ApplyScreen")
        await until(pilot, ready(app, "#continue"))
        after_first = host.snapshot()

        app.facts.paste = second
        app.start_journey("setup")
        await go(pilot, app, "#continue", "DnsHostScreen")
        await until(pilot, ready(app, "#continue"))
        app.screen.query_one("#provider", Select).value = "memory"
        await go(pilot, app, "#continue", "CredentialsScreen")
        await go(pilot, app, "#continue", "PlanScreen")
        host.half_next = True
        await go(pilot, app, "#apply", "ApplyScreen")
        await until(pilot, loaded(app, "outcome"))
        await until(pilot, ready(app, "#revert"))
        assert app.screen.query_one("#revert", Button).display
        await go(pilot, app, "#revert", "ConfirmScreen")
        question = str(app.screen.query_one("#confirm-question", Static).render())
        assert "Remove 1 record from example.test" in question
        await pilot.press("enter")  # Cancel has the focus: nothing happens
        await until(pilot, at(app, "ApplyScreen"))
        assert len(host.snapshot()) == len(after_first) + 1
        await go(pilot, app, "#revert", "ConfirmScreen")
        app.screen.query_one("#confirm-yes", Button).press()
        await until(pilot, at(app, "ApplyScreen"))
        log = app.screen.query_one("#apply-log")
        await until(pilot, lambda: "Reverted" in "\n".join(str(line) for line in log.lines))  # type: ignore[attr-defined]
    assert host.snapshot() == after_first


async def test_check_names_what_is_there_instead_and_ends_on_a_verdict(
    env: Environment, bind: BindServer
) -> None:
    wrong = dns.rdata.from_text("IN", "CNAME", "old.vendor.example.")
    bind.replace_sets("example.test", {("links.example.test.", "CNAME"): [(300, wrong)]})
    async with walking(env) as (app, pilot):
        await until(pilot, at(app, "StartScreen"))
        app.screen.goal = "check"  # type: ignore[attr-defined]
        app.facts.domain, app.facts.paste = "example.test", PASTE
        await go(pilot, app, "#continue", "PasteScreen")
        await go(pilot, app, "#continue", "DnsHostScreen")
        assert not app.screen.query_one("#provider", Select).display  # a check writes nothing
        await go(pilot, app, "#continue", "PropagationScreen")
        assert "Checking your records" in str(app.screen.query_one(".step-title", Static).render())
        wrong_line = app.screen.query_one("#watch-wrong", Static)
        await until(pilot, lambda: "old.vendor.example" in str(wrong_line.render()))
        await until(pilot, ready(app, "#continue"))
        assert str(app.screen.query_one("#continue", Button).label) == "See the verdict"
        await go(pilot, app, "#continue", "ReadinessScreen")
        await go(pilot, app, "#continue", "DoneScreen")
        verdict = str(app.screen.query_one("#verdict", Static).render())
        assert "Not everything is live" in verdict
        assert "Verify" not in str(app.screen.query_one("#next-step", Static).render())
    assert Journal(env.journal_path).applies() == []


async def apply_paste(pilot, app: WizardApp) -> None:  # type: ignore[no-untyped-def]
    await to_plan(pilot, app)
    await go(pilot, app, "#apply", "ApplyScreen")
    await until(pilot, ready(app, "#continue"))


async def test_roll_back_asks_first_and_a_second_says_nothing_is_left(
    env: Environment, bind: BindServer
) -> None:
    async with walking(env) as (app, pilot):
        await apply_paste(pilot, app)
        app.start_journey("rollback")
        await until(pilot, at(app, "RollbackScreen"))
        await go(pilot, app, "#review", "RollbackScreen")
        await go(pilot, app, "#confirm", "ConfirmScreen")
        await go(pilot, app, "#cancel", "RollbackScreen")
        assert bind.texts("links.example.test", "CNAME") == ["e.customeriomail.com."]
        await go(pilot, app, "#review", "RollbackScreen")
        await go(pilot, app, "#confirm", "ConfirmScreen")
        await go(pilot, app, "#confirm-yes", "RevertScreen")
        await go(pilot, app, "#continue", "PropagationScreen")
        await until(pilot, lambda: app.screen.final is not None and app.screen.final.all_good)  # type: ignore[attr-defined]
        status = str(app.screen.query_one("#watch-status", Static).render())
        assert "gone from every server" in status and "live" not in status
        await go(pilot, app, "#continue", "RolledBackScreen")
        vendor = str(app.screen.query_one("#vendor-side", Static).render())
        assert "Customer.io" in vendor and "Verify Domain" in vendor
        await go(pilot, app, "#restart", "StartScreen")
        app.start_journey("rollback")
        await until(pilot, at(app, "RollbackScreen"))
        assert "Nothing left to roll back" in str(app.screen.query_one("#inverse").render())
        assert app.screen.query_one("#setups", DataTable).row_count == 1  # the journal, shown
    assert bind.texts("links.example.test", "CNAME") == []


async def test_leave_exits_with_a_resume_command_that_works(
    env: Environment, bind: BindServer
) -> None:
    async with walking(env) as (app, pilot):
        await apply_paste(pilot, app)
        await go(pilot, app, "#continue", "PropagationScreen")
        app.screen.query_one("#leave", Button).press()
        await pilot.pause(0.3)
    assert app.return_code == 0
    message = app.farewell  # printed once the app has closed
    assert "tracking-wizard --resume" in message and str(env.journal_path) in message

    resumed = build_app(env, resume=True)
    async with resumed.run_test(size=(100, 32)) as pilot:
        await until(pilot, at(resumed, "PropagationScreen"))
        table = resumed.screen.query_one("#watch-table", DataTable)
        await until(pilot, lambda: table.row_count == 2)


async def test_quitting_during_a_write_asks_first(env: Environment) -> None:
    async with walking(env) as (app, pilot):
        await until(pilot, at(app, "StartScreen"))
        app.writing = True  # as the apply and revert steps set it while writing
        await pilot.press("ctrl+q")
        await until(pilot, at(app, "ConfirmScreen"))
        await pilot.press("enter")  # Cancel
        await until(pilot, at(app, "StartScreen"))
        assert app.is_running


async def test_paste_keys_select_all_help_and_the_doubled_domain_fix(env: Environment) -> None:
    async with walking(env) as (app, pilot):
        app.facts.domain = "example.test"
        app.facts.paste = "CNAME\tlinks.example.test.example.test\te.customeriomail.com\n"
        await until(pilot, at(app, "StartScreen"))
        await until(pilot, lambda: app.focused is not None and app.focused.id == "goal")
        await pilot.press("enter")  # Enter on a choice moves on
        await until(pilot, at(app, "PasteScreen"))
        area = app.screen.query_one("#paste-area", TextArea)
        assert area.soft_wrap
        await pilot.press("ctrl+a")
        assert area.selected_text == area.text
        await pilot.press("question_mark")  # typed into the paste box, not a help key there
        assert area.text == "?"
        await pilot.press("f1")
        await until(pilot, at(app, "HelpScreen"))
        await pilot.press("escape")
        await until(pilot, at(app, "PasteScreen"))
        area.text = "CNAME\tlinks.example.test.example.test\te.customeriomail.com\n"
        await until(pilot, lambda: app.screen.query_one("#fix", Button).display)
        await pilot.press("ctrl+f")
        await until(pilot, lambda: "example.test.example.test" not in area.text)
        assert area.text.startswith("CNAME\tlinks.example.test\t")


async def test_the_command_palette_has_the_wizards_own_commands(env: Environment) -> None:
    async with walking(env) as (app, pilot):
        await until(pilot, at(app, "StartScreen"))
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert titles[:5] == ["Set up", "Check", "Roll back", "Journal", "Help"]
        assert any("theme" in t.lower() for t in titles)
        assert not any(t.lower().startswith("quit") for t in titles)
        next(c for c in app.get_system_commands(app.screen) if c.title == "Journal").callback()
        await until(pilot, at(app, "JournalScreen"))
