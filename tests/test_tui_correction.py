"""Correcting what the paste reader understood, in place, walked with the pilot at 80x24 on the
demo's embedded DNS: edit a value, remove a record, add one, say a line is not a record, then
plan and apply, and ask the demo's name server what it now serves."""

from __future__ import annotations

import json
from collections.abc import Iterator

import dns.message
import dns.query
import pytest
from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Input, Select, Static, TextArea

from tests.pilot_steps import at, go, loaded, ready, until
from wizard.app.correcting import Row
from wizard.app.planning import read_records
from wizard.demo import DEMO_ZONE, SAMPLE_PASTE, demo_environment
from wizard.environment import Environment
from wizard.journal import Journal
from wizard.paste.fields import TypedFields, read_fields
from wizard.tui.app import WizardApp, build_app

#: The demo's paste with a line above it the reader cannot account for (two words, neither a
#: sentence nor a record): an error the person settles with "n".
PROSE = "nonsense here"
PASTE = f"{PROSE}\n{SAMPLE_PASTE}"
SPF = f"bounce.{DEMO_ZONE}"
EDITED_SPF = "v=spf1 include:customeriomail.com -all"
ADDED = ("TXT", "_hand", "added-by-hand=1")
#: The DKIM key as the reader reads it from the demo's paste, untouched.
DKIM = next(
    r.value for r in read_records(SAMPLE_PASTE, DEMO_ZONE).records if "_domainkey" in r.name
)


@pytest.fixture
def env() -> Iterator[Environment]:
    with demo_environment(pace="fast") as environment:
        yield environment


def served(env: Environment, name: str, rdtype: str) -> list[str]:
    """What the demo's first name server answers for `name`, as presentation text."""
    assert env.authoritative is not None
    server = env.authoritative[0]
    query = dns.message.make_query(name, rdtype)
    response = dns.query.udp(query, server.host, port=server.port, timeout=3)
    return sorted(rdata.to_text() for rrset in response.answer for rdata in rrset)


def rows(app: WizardApp) -> tuple[Row, ...]:
    return app.screen.corrected.rows  # type: ignore[attr-defined, no-any-return]


async def to_paste(pilot: Pilot[int], app: WizardApp, paste: str) -> None:
    await until(pilot, at(app, "StartScreen"))
    await go(pilot, app, "#continue", "PasteScreen")
    app.screen.query_one("#paste-area", TextArea).text = paste
    await pilot.pause()
    app.screen.query_one("#preview", DataTable).focus()
    await pilot.pause()


async def on_row(pilot: Pilot[int], app: WizardApp, found: int) -> None:
    """Put the table's cursor on row `found`, as the arrows would."""
    table = app.screen.query_one("#preview", DataTable)
    table.focus()
    table.move_cursor(row=found)
    await pilot.pause()


def row_of(app: WizardApp, kind: str, rtype: str | None = None) -> int:
    return next(
        i
        for i, r in enumerate(rows(app))
        if r.kind == kind and (rtype is None or (r.record is not None and r.record.type == rtype))
    )


async def test_correct_in_place_then_plan_and_apply(env: Environment) -> None:
    app = build_app(env)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_paste(pilot, app, PASTE)
        # The prose line is an error: Continue stays off until it is settled.
        assert app.screen.query_one("#continue", Button).disabled
        assert [r.kind for r in rows(app)][:2] == ["error", "record"]

        # Edit a value: the SPF record's ~all becomes -all (Enter in the value saves).
        await on_row(pilot, app, row_of(app, "record", "TXT"))
        await pilot.press("e")
        await until(pilot, at(app, "RecordEditScreen"))
        app.screen.query_one("#edit-value", TextArea).text = EDITED_SPF
        app.screen.query_one("#edit-value", TextArea).focus()
        await pilot.press("enter")
        await until(pilot, at(app, "PasteScreen"))
        edited = [r for r in rows(app) if r.mark == "edited"]
        assert [r.record.value for r in edited if r.record] == [EDITED_SPF]

        # Remove a record: the question names it, Cancel first; then Remove.
        await on_row(pilot, app, row_of(app, "record", "MX"))
        await pilot.press("d")
        await until(pilot, at(app, "ConfirmScreen"))
        asked = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert f"MX record {SPF}" in asked and "mxa.customeriomail.com" in asked
        await go(pilot, app, "#confirm-yes", "PasteScreen")
        assert not any(r.record and r.record.type == "MX" for r in rows(app))

        # Add one by hand.
        await pilot.press("a")
        await until(pilot, at(app, "RecordEditScreen"))
        app.screen.query_one("#edit-type", Select).value = ADDED[0]
        app.screen.query_one("#edit-name", Input).value = ADDED[1]
        app.screen.query_one("#edit-value", TextArea).text = ADDED[2]
        await go(pilot, app, "#edit-save", "PasteScreen")
        assert [r.record.value for r in rows(app) if r.mark == "added" and r.record] == [ADDED[2]]
        assert app.screen.query_one("#continue", Button).disabled  # the prose line still errs

        # Say the prose line is not a record: nothing is left unsettled.
        await on_row(pilot, app, row_of(app, "error"))
        await pilot.press("n")
        await until(pilot, ready(app, "#continue"))
        assert rows(app)[0].kind == "not-a-record"

        await go(pilot, app, "#continue", "DnsHostScreen")
        # Back to the paste step and on again: the corrections are still there.
        await pilot.press("escape")
        await until(pilot, at(app, "PasteScreen"))
        await until(pilot, ready(app, "#continue"))
        assert sorted(r.mark for r in rows(app) if r.mark) == ["added", "edited"]
        await go(pilot, app, "#continue", "DnsHostScreen")
        await go(pilot, app, "#continue", "CredentialsScreen")
        await go(pilot, app, "#continue", "PlanScreen")
        await until(pilot, loaded(app, "plan"))
        plan = app.screen.plan  # type: ignore[attr-defined]
        planned = {(i.record.type, i.record.name): i.record.value for i in plan.items}
        assert planned == {
            ("TXT", SPF): EDITED_SPF,
            ("TXT", f"cio58231._domainkey.{DEMO_ZONE}"): DKIM,
            ("CNAME", f"links.{DEMO_ZONE}"): "e.customeriomail.com",
            ("TXT", f"_hand.{DEMO_ZONE}"): ADDED[2],
        }
        table = app.screen.query_one("#plan-table", DataTable)
        marked = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert sum("edited by you" in cell for cell in marked) == 2
        assert any(EDITED_SPF in cell and "edited by you" in cell for cell in marked)

        await go(pilot, app, "#apply", "ApplyScreen")
        await until(pilot, ready(app, "#continue"))

    # At the DNS server, not only on screen.
    assert served(env, SPF, "TXT") == [f'"{EDITED_SPF}"']
    assert served(env, f"_hand.{DEMO_ZONE}", "TXT") == [f'"{ADDED[2]}"']
    assert served(env, SPF, "MX") == []
    assert served(env, f"links.{DEMO_ZONE}", "CNAME") == ["e.customeriomail.com."]

    # The journal says which changes were typed by hand, and only those.
    applied = Journal(env.journal_path).applies()[-1]
    assert sorted(c.record.value for c in applied.by_hand) == sorted([EDITED_SPF, ADDED[2]])
    assert len(applied.changes) == 4
    written = [json.loads(line) for line in env.journal_path.read_text().splitlines()]
    pending = next(e for e in written if e["kind"] == "pending")
    flags = {c["new"]["value"]: c.get("by_hand", False) for c in pending["changes"]}
    assert flags[EDITED_SPF] is True and flags[ADDED[2]] is True
    assert flags["e.customeriomail.com"] is False


def shown_under(app: WizardApp, selector: str) -> str:
    """The sentence under a field of the edit form (empty while there is none)."""
    return str(app.screen.query_one(selector, Static).render())


async def test_an_invalid_edit_is_refused_with_the_readers_sentence(env: Environment) -> None:
    app = build_app(env)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_paste(pilot, app, SAMPLE_PASTE)
        before = rows(app)
        cname = row_of(app, "record", "CNAME")
        await on_row(pilot, app, cname)
        await pilot.press("e")
        await until(pilot, at(app, "RecordEditScreen"))
        app.screen.query_one("#edit-name", Input).value = "links two"
        app.screen.query_one("#edit-ttl", Input).value = "soon"
        app.screen.query_one("#edit-save", Button).press()
        await until(pilot, lambda: shown_under(app, "#error-name") != "")

        # Still the form: the reader's own sentence is shown under the field it names.
        assert type(app.screen).__name__ == "RecordEditScreen"
        line = before[cname].line
        _, said = read_fields(
            TypedFields("CNAME", "links two", "e.customeriomail.com"), DEMO_ZONE, line
        )
        shown = str(app.screen.query_one("#error-name", Static).render())
        assert said and said[0].field == "name" and said[0].message in shown
        # Fix the name: the TTL is the next refusal, again the reader's sentence.
        app.screen.query_one("#edit-name", Input).value = "links"
        app.screen.query_one("#edit-save", Button).press()
        await until(pilot, lambda: shown_under(app, "#error-ttl") != "")
        _, said = read_fields(
            TypedFields("CNAME", "links", "e.customeriomail.com", ttl="soon"), DEMO_ZONE, line
        )
        assert said[0].message in str(app.screen.query_one("#error-ttl", Static).render())
        assert not app.screen.query_one("#error-name", Static).display

        # Esc cancels: nothing was applied.
        await pilot.press("escape")
        await until(pilot, at(app, "PasteScreen"))
        assert rows(app) == before
        assert app.screen.corrections.empty  # type: ignore[attr-defined]


def dkim_value() -> str:
    """A real 2048-bit DKIM key record value, as long as the ones vendors hand out."""
    import base64

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
    der = key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return f"v=DKIM1; k=rsa; p={base64.b64encode(der).decode()}"


async def test_a_long_value_is_shown_whole_wherever_it_is_confirmed(env: Environment) -> None:
    """At 80 columns a DKIM key wraps in the paste table, the question before removing it,
    the plan and the apply log: never cut, never past the right edge."""
    value = dkim_value()
    assert len(value) > 380
    app = build_app(env)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_paste(pilot, app, f"TXT\tlong._domainkey\t{value}\n")
        table = app.screen.query_one("#preview", DataTable)
        assert value in str(table.get_row_at(0)[1])
        assert table.max_scroll_x == 0

        await on_row(pilot, app, 0)
        await pilot.press("d")
        await until(pilot, at(app, "ConfirmScreen"))
        lines = app.screen.query_one("#confirm-lines", Static)
        assert value in str(lines.render())
        assert app.screen.query_one("#confirm-body").max_scroll_x == 0
        await go(pilot, app, "#cancel", "PasteScreen")

        await go(pilot, app, "#continue", "DnsHostScreen")
        await go(pilot, app, "#continue", "CredentialsScreen")
        await go(pilot, app, "#continue", "PlanScreen")
        await until(pilot, ready(app, "#apply"))
        plan = app.screen.query_one("#plan-table", DataTable)
        assert value in str(plan.get_row_at(0)[1])
        assert plan.max_scroll_x == 0
        await go(pilot, app, "#apply", "ApplyScreen")
        await until(pilot, ready(app, "#continue"))
        assert app.screen.query_one("#apply-log").max_scroll_x == 0
    assert served(env, f"long._domainkey.{DEMO_ZONE}", "TXT")
